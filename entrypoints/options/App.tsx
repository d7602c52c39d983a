import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ManageStep } from '../../components/setup/ManageStep';
import { MappingsStep, type MappingsStepProps } from '../../components/setup/MappingsStep';
import { StepNav, type StepInfo } from '../../components/setup/StepNav';
import { SummaryStep } from '../../components/setup/SummaryStep';
import { VendorStep } from '../../components/setup/VendorStep';
import { AppError, type AppErrorData } from '../../lib/errors';
import { settingsExport, settingsGet, settingsImport, type PublicSettings } from '../../lib/messages/settings';
import {
  setupChoices,
  setupSaveManage,
  setupSaveMappings,
  setupSaveTechnician,
  setupSaveVendor,
  setupTestManage,
  setupTestVendor,
} from '../../lib/messages/setup';
import { askBackground } from '../../lib/ui/background';
import {
  manageOriginPatterns,
  summarizeSetup,
  validateManageForm,
  validateVendorForm,
  vendorOriginPatterns,
} from '../../lib/ui/setup';

const STEPS = ['manage', 'vendor', 'mappings', 'summary'] as const;
type Step = (typeof STEPS)[number];
const stepFromHash = (): Step | null => STEPS.find((s) => `#${s}` === location.hash) ?? null;

/**
 * Ask the browser for host permissions. Must be the first thing a click handler does: the
 * browser only shows its prompt while the click's user activation lasts.
 */
async function requestOrigins(origins: string[], site: string, field: string): Promise<void> {
  const granted = await browser.permissions.request({ origins });
  if (!granted) {
    throw new AppError({
      code: 'permission-denied',
      message: `Backup Bridge needs your permission to reach ${site}.`,
      hint: 'Click the button again and choose “Allow”. The extension only runs on, and talks to, the sites you set up here.',
      field,
    });
  }
}

export function App() {
  const [settings, setSettings] = useState<PublicSettings | null>(null);
  const [loadError, setLoadError] = useState<AppErrorData | null>(null);
  const [step, setStep] = useState<Step>(stepFromHash() ?? 'manage');
  const [choices, setChoices] = useState<MappingsStepProps['choices']>({ kind: 'loading' });
  const [manageReachable, setManageReachable] = useState(false);
  /** API origins the background found it still needs (discovery can name an api- host). */
  const [neededOrigins, setNeededOrigins] = useState<string[]>([]);

  useEffect(() => {
    askBackground(settingsGet, {}).then(
      (loaded) => {
        setSettings(loaded);
        if (!stepFromHash()) setStep(loaded.manage && loaded.vendor ? 'summary' : 'manage');
      },
      (error: unknown) => setLoadError(AppError.from(error).data),
    );
    const onHash = () => setStep(stepFromHash() ?? 'manage');
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (!settings?.manage) return setManageReachable(false);
    void browser.permissions.contains({ origins: manageOriginPatterns(settings.manage.site) }).then(setManageReachable);
  }, [settings?.manage?.site]);

  const loadChoices = useCallback(() => {
    setChoices({ kind: 'loading' });
    askBackground(setupChoices, {}).then(
      (loaded) => setChoices({ kind: 'ready', choices: loaded }),
      (error: unknown) => setChoices({ kind: 'error', error: AppError.from(error).data }),
    );
  }, []);
  useEffect(() => {
    if (step === 'mappings') loadChoices();
  }, [step, loadChoices]);

  const go = (next: Step) => {
    location.hash = next;
  };

  if (loadError) return <main class="bb-page"><ErrorMessage error={loadError} /></main>;
  if (!settings) return <main class="bb-page"><p role="status">Loading…</p></main>;

  const summary = summarizeSetup(settings, manageReachable);
  const lockedIn = (section: string) =>
    new Set(settings.locked.filter((path) => path.startsWith(`${section}.`)).map((path) => path.slice(section.length + 1)));
  const state = (ok: boolean): StepInfo['state'] => (ok ? 'done' : 'todo');
  const steps: StepInfo[] = [
    { id: 'manage', title: 'ConnectWise Manage', state: state(summary[0]!.ok) },
    { id: 'vendor', title: 'Backup vendor', state: state(summary[1]!.ok) },
    { id: 'mappings', title: 'Mappings', state: state(summary[2]!.ok && summary[3]!.ok) },
    { id: 'summary', title: 'Summary', state: summary.every((i) => i.ok) ? 'done' : 'attention' },
  ];

  return (
    <main class="bb-page">
      <h1>Backup Bridge set-up</h1>
      <StepNav steps={steps} current={step} />
      {step === 'manage' && (
        <ManageStep
          initial={{
            site: settings.manage?.site ?? '',
            companyId: settings.manage?.companyId ?? '',
            clientId: settings.manage?.clientId ?? '',
            apiMember: settings.manage?.apiMember ?? '',
            publicKey: '',
            privateKey: '',
          }}
          keysSaved={settings.hasManageKeys}
          keysStorage={settings.keysStorage}
          locked={lockedIn('manage')}
          validate={validateManageForm}
          onSubmit={async (values, keysStorage) => {
            await requestOrigins(manageOriginPatterns(values.site, neededOrigins), values.site, 'manage.site');
            setManageReachable(true);
            const keys = values.publicKey.trim() ? { publicKey: values.publicKey, privateKey: values.privateKey } : null;
            const manage = {
              site: values.site,
              companyId: values.companyId,
              clientId: values.clientId,
              ...(values.apiMember.trim() && { apiMember: values.apiMember.trim() }),
            };
            setSettings(await askBackground(setupSaveManage, { manage, keys, keysStorage }));
            try {
              return await askBackground(setupTestManage, {});
            } catch (error) {
              const data = AppError.from(error).data;
              if (data.code === 'permission-needed') setNeededOrigins(data.details?.map((d) => d.message) ?? []);
              throw error;
            }
          }}
          onNext={() => go('vendor')}
        />
      )}
      {step === 'vendor' && (
        <VendorStep
          initial={{
            apiUrl: settings.vendor?.apiUrl ?? '',
            regionCode: settings.vendor?.regionCode ?? '',
            portalUrl: settings.vendor?.portalUrl ?? '',
            resellerToken: '',
            accessToken: '',
          }}
          keysSaved={settings.hasVendorKeys}
          locked={lockedIn('vendor')}
          validate={validateVendorForm}
          onSubmit={async (values) => {
            await requestOrigins(vendorOriginPatterns(values.apiUrl, values.portalUrl), values.apiUrl, 'vendor.apiUrl');
            const keys = values.resellerToken.trim() ? { resellerToken: values.resellerToken, accessToken: values.accessToken } : null;
            const vendor = { apiUrl: values.apiUrl, regionCode: values.regionCode, ...(values.portalUrl.trim() && { portalUrl: values.portalUrl }) };
            setSettings(await askBackground(setupSaveVendor, { vendor, keys }));
            return askBackground(setupTestVendor, {});
          }}
          onNext={() => go('mappings')}
        />
      )}
      {step === 'mappings' && (
        <MappingsStep
          choices={choices}
          current={settings.mappings}
          onRetry={loadChoices}
          onSave={async (mappings) => setSettings(await askBackground(setupSaveMappings, { mappings }))}
          onNext={() => go('summary')}
        />
      )}
      {step === 'summary' && (
        <SummaryStep
          settings={settings}
          items={summary}
          onExport={(includeSecrets) => askBackground(settingsExport, { includeSecrets })}
          onImport={async (document) => {
            const result = await askBackground(settingsImport, { document });
            setSettings(result.settings);
            return result;
          }}
          onSaveTechnician={async (technician) => setSettings(await askBackground(setupSaveTechnician, { technician }))}
        />
      )}
    </main>
  );
}
