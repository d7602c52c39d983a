import { useId } from 'preact/hooks';
import type { CompanyView, TenantView } from '../lib/messages/panels';
import { ActionOutcome } from './ActionOutcome';
import { Badge } from './Badge';
import { BackupChart } from './BackupChart';
import { ConfirmButton } from './ConfirmInline';
import { daysFrom, plural } from './format';
import { MailboxTable } from './MailboxTable';
import type { ActionHandler, ManageLinks, PanelBodyProps } from './panel-types';
import { ReconcileSeats } from './ReconcileSeats';
import { RelativeTime } from './RelativeTime';
import { SeatsLine } from './SeatsLine';
import { TenantLinker } from './TenantLinker';
import { TicketLinks } from './TicketLinks';
import { useAction } from './use-action';
import { healthReason, TENANT_HEALTH, TENANT_STATE } from './words';

/** The Company screen: each linked tenant, the open backup tickets, and linking. */
export function CompanyPanel({ view, now, links, onAction }: PanelBodyProps<CompanyView>) {
  const { company, tenants } = view;
  return (
    <div class="bb-company">
      {tenants.length === 0 && !view.errors.vendor && <p>No backup tenant is linked to {company.name}.</p>}
      {tenants.map((tenant) => (
        <TenantSection
          key={tenant.orgId}
          tenant={tenant}
          company={company}
          hasPortal={view.portalUrl !== null}
          now={now}
          links={links}
          onAction={onAction}
        />
      ))}
      <h3 class="bb-heading">Open backup tickets</h3>
      <TicketLinks tickets={view.openTickets} links={links} />
      <TenantLinker companyId={company.id} companyName={company.name} hasTenants={tenants.length > 0} onAction={onAction} />
    </div>
  );
}

interface TenantSectionProps {
  tenant: TenantView;
  company: CompanyView['company'];
  hasPortal: boolean;
  now: number;
  links: ManageLinks;
  onAction: ActionHandler;
}

function TenantSection({ tenant, company, hasPortal, now, links, onAction }: TenantSectionProps) {
  const titleId = useId();
  const portal = useAction(onAction);
  const state = TENANT_STATE[tenant.state];
  const health = TENANT_HEALTH[tenant.health.status];
  // Impersonation where the vendor allows it, else the portal's front door.
  const openPortal = tenant.canImpersonate
    ? () => void portal.run({ kind: 'impersonate', orgId: tenant.orgId })
    : hasPortal
      ? () => void portal.run({ kind: 'open-portal' })
      : undefined;

  return (
    <section class="bb-tenant" aria-labelledby={titleId}>
      <h3 class="bb-tenant__title" id={titleId}>
        {tenant.name}
        {tenant.plan && <span class="bb-muted"> · {tenant.plan.name}</span>}{' '}
        <Badge tone={state.tone} title={`Vendor state: ${tenant.stateRaw}`}>
          {state.label}
        </Badge>{' '}
        <Badge tone={health.tone}>{health.label}</Badge>
      </h3>
      {tenant.health.reason && <p class="bb-muted">Why: {healthReason(tenant.health.reason)}.</p>}
      <TenantStateNote tenant={tenant} now={now} />
      <SeatsLine seats={tenant.seats} links={links} />
      <ReconcileSeats orgId={tenant.orgId} seats={tenant.seats} onAction={onAction} />
      {tenant.health.status === 'unknown' ? (
        <p class="bb-muted">
          {tenant.state === 'unsubscribed' ? 'Its mailboxes are not backed up while it is unsubscribed.' : 'The vendor’s mailbox list could not be read.'}
        </p>
      ) : (
        <MailboxTable mailboxes={tenant.mailboxes} total={tenant.mailboxTotal} now={now} onShowAllInPortal={openPortal} />
      )}
      {/* No chart of zeros for a history the vendor did not give. */}
      {tenant.history.length > 0 && <BackupChart days={tenant.history} />}
      <div class="bb-actions">
        <PortalButton canImpersonate={tenant.canImpersonate} busy={portal.busy.value} onOpen={openPortal} />
        <UnlinkTenant tenant={tenant} company={company} onAction={onAction} />
      </div>
      <ActionOutcome result={portal.result.value} />
    </section>
  );
}

/** The 45-day window, suspension, deletion: what the state means for this customer. */
function TenantStateNote({ tenant, now }: { tenant: TenantView; now: number }) {
  const since = tenant.stateChangedAt && <RelativeTime at={tenant.stateChangedAt} now={now} />;
  switch (tenant.state) {
    case 'active':
      return null;
    case 'suspended':
      return (
        <p class="bb-note bb-note--warn">
          Suspended{since && <> {since}</>}: users cannot sign in to the vendor portal; backups and billing continue.
        </p>
      );
    case 'unsubscribed': {
      const left = tenant.purgeAfter === null ? null : daysFrom(tenant.purgeAfter, now);
      const purge =
        left === null ? 'purged 45 days after unsubscribing' : left > 0 ? `purged in ${plural(left, 'day')}` : 'due to be purged now';
      return (
        <p class="bb-note bb-note--bad">
          Unsubscribed{since && <> {since}</>} — {purge} unless reactivated in the vendor portal. Backups have stopped.
        </p>
      );
    }
    case 'deleted':
      return <p class="bb-note bb-note--bad">Deleted at the vendor: its backups are purged.</p>;
    case 'unknown':
      // No state to quote when the vendor's record could not be read (the vendor's error says why).
      return tenant.stateRaw ? <p class="bb-note">The vendor reports the state “{tenant.stateRaw}”.</p> : null;
  }
}

function PortalButton({ canImpersonate, busy, onOpen }: { canImpersonate: boolean; busy: boolean; onOpen?: () => void }) {
  const reasonId = useId();
  return (
    <>
      <button
        type="button"
        class="bb-button"
        disabled={!canImpersonate || busy}
        aria-describedby={canImpersonate ? undefined : reasonId}
        onClick={onOpen}
      >
        Open the vendor portal as this customer
      </button>
      {!canImpersonate && (
        <span class="bb-muted" id={reasonId}>
          The vendor does not offer signing in as this customer.{' '}
          {onOpen && (
            <button type="button" class="bb-link" disabled={busy} onClick={onOpen}>
              Open the vendor portal
            </button>
          )}
        </span>
      )}
    </>
  );
}

function UnlinkTenant({ tenant, company, onAction }: { tenant: TenantView; company: CompanyView['company']; onAction: ActionHandler }) {
  const unlink = useAction(onAction);
  return (
    <>
      <ConfirmButton
        label="Unlink"
        buttonClass="bb-link"
        action={unlink}
        request={{ kind: 'unlink-tenant', companyId: company.id, orgId: tenant.orgId }}
        title={`Unlink ${tenant.name} from ${company.name}?`}
        confirmLabel="Unlink tenant"
      >
        <p>Backups at the vendor are not affected.</p>
      </ConfirmButton>
      <ActionOutcome result={unlink.result.value} />
    </>
  );
}
