import type { PublicSettings } from '../lib/messages/settings';

const yesNo = (value: boolean) => (value ? 'saved' : 'missing');

/** What is configured, without ever showing a key. */
export function SettingsSummary({ settings }: { settings: PublicSettings }) {
  const { manage, vendor, mappings } = settings;
  return (
    <section class="bb-card" aria-labelledby="summary-title">
      <h2 id="summary-title">Current settings</h2>
      <dl class="bb-summary">
        <dt>Manage site</dt>
        <dd>{manage ? `${manage.site} (company ${manage.companyId})` : 'not set'}</dd>
        <dt>Manage API keys</dt>
        <dd>{yesNo(settings.hasManageKeys)}</dd>
        <dt>Vendor API</dt>
        <dd>{vendor ? `${vendor.apiUrl} (region ${vendor.regionCode})` : 'not set'}</dd>
        <dt>Vendor tokens</dt>
        <dd>{yesNo(settings.hasVendorKeys)}</dd>
        <dt>Service board</dt>
        <dd>{mappings.serviceBoardId ?? 'not mapped'}</dd>
        <dt>Keys kept</dt>
        <dd>{settings.keysStorage === 'session' ? 'for this browser session only' : 'in this browser profile'}</dd>
      </dl>
    </section>
  );
}
