import {
  MAX_BACKUP_ATTEMPTS,
  type BackupHistoryDay, type Mailbox, type MailboxAction, type MailboxError, type Organization,
  type OrganizationState, type Plan, type Seats, type Tenant, type VendorEvent, type VendorTask, EVENT_TYPES,
} from '../domain';
import {
  normaliseActionStatus, normaliseMailboxStatus, normaliseOrganizationState, normaliseProductType,
  normaliseTaskStatus, normaliseTenantStatus,
} from '../status';
import { canonicalOrgId } from './org-directory';
import type { AccountRow, ActionBody, EventRow, OrgRow, PlanRow, TaskBody, TenantRow } from './wire';

/**
 * Dropsuite wire rows → the vendor-neutral domain. Each function builds its result field by
 * field, so nothing the vendor sends (tokens above all) reaches the domain by accident.
 */

/** Unsubscribed organisations can be reactivated for 45 days, then their data is purged. */
const REACTIVATION_WINDOW_MS = 45 * 24 * 3_600_000;

export type SeatsAvailableMeaning = 'remaining' | 'purchased';

export function mapPlan(row: PlanRow): Plan {
  return {
    id: row.id,
    name: row.name,
    productType: normaliseProductType(row.product_type),
    price: row.amount !== null && row.currency !== null
      ? { amount: row.amount, currency: row.currency, periodicity: row.periodicity ?? 'unknown' }
      : null,
    storageGb: row.data_storage,
  };
}

/**
 * The state: the subscription's own word when sent (SIMULATOR-ONLY), else the flags.
 * UNVERIFIED flag reading: deleted = deactivated and no token left; unsubscribed =
 * customer_deactivated; suspended = flg_suspended.
 */
function stateOf(row: OrgRow): { state: OrganizationState; stateRaw: string } {
  const stated = row.subscription?.state;
  if (stated) return { state: normaliseOrganizationState(stated), stateRaw: stated };
  const flags = { customer_deactivated: row.customer_deactivated, flg_suspended: row.flg_suspended };
  const stateRaw = Object.entries(flags).map(([flag, value]) => `${flag}=${String(value)}`).join(', ');
  if (flags.customer_deactivated === null && flags.flg_suspended === null) return { state: 'unknown', stateRaw };
  if (flags.customer_deactivated) return { state: row.authentication_token === null ? 'deleted' : 'unsubscribed', stateRaw };
  return { state: flags.flg_suspended ? 'suspended' : 'active', stateRaw };
}

function seatsOf(row: OrgRow, meaning: SeatsAvailableMeaning): Seats {
  const used = row.seats_used ?? row.active_seats;
  const available = row.seats_available;
  const stated = row.subscription?.seats ?? null;
  let purchased: Pick<Seats, 'purchased' | 'purchasedFrom'> = { purchased: null, purchasedFrom: null };
  if (stated !== null) purchased = { purchased: stated, purchasedFrom: 'subscription' };
  else if (available !== null && meaning === 'purchased') purchased = { purchased: available, purchasedFrom: 'seats_available' };
  else if (available !== null && used !== null) purchased = { purchased: Math.max(0, used + available), purchasedFrom: 'used_plus_available' };
  return {
    ...purchased,
    used,
    active: row.active_seats,
    deactivated: row.deactivated_seats,
    required: row.required_seats,
    sharedPaid: row.paid_shared_mailboxes,
    sharedFree: row.free_shared_mailboxes,
    availableRaw: available,
  };
}

const domainOf = (email: string) => email.split('@')[1]?.trim().toLowerCase() || null;

const unique = <T>(values: readonly T[]) => [...new Set(values)];

export function mapOrganization(row: OrgRow, meaning: SeatsAvailableMeaning, tenantDomains: readonly string[] = []): Organization {
  const id = canonicalOrgId(row);
  const { state, stateRaw } = stateOf(row);
  const stateChangedAt = row.subscription?.state_changed_at ?? null;
  const unsubscribedAt = row.subscription?.unsubscribed_at ?? (state === 'unsubscribed' ? stateChangedAt : null);
  const adminEmail = row.email ?? '';
  const emailDomains = [adminEmail, ...(row.notification_email ?? [])].map(domainOf).filter((d): d is string => d !== null);
  return {
    id,
    altIds: unique([row.id, row.organization_id].filter((alt): alt is string => alt !== null && alt !== id)),
    name: row.organization_name ?? adminEmail,
    adminEmail,
    externalId: row.external_id,
    planId: row.plan_id ?? row.subscription?.plan_id ?? null,
    state,
    stateRaw,
    stateChangedAt,
    purgeAfter: row.subscription?.purge_after
      ?? (unsubscribedAt === null ? null : new Date(Date.parse(unsubscribedAt) + REACTIVATION_WINDOW_MS).toISOString()),
    loginDisabled: row.login_disabled ?? false,
    autoLicense: row.auto_license ?? false,
    seats: seatsOf(row, meaning),
    storage: { usedBytes: row.storage_used, availableBytes: row.storage_available },
    domains: unique(tenantDomains.length > 0 ? tenantDomains.map((d) => d.toLowerCase()) : emailDomains),
  };
}

export function mapTenant(row: TenantRow, orgId: string): Tenant {
  const type = row.type?.toLowerCase();
  return {
    id: row.id,
    organizationId: row.organization_id ?? orgId,
    domain: row.domain,
    type: type === 'm365' || type === 'gws' ? type : 'unknown',
    status: normaliseTenantStatus(row.status),
    statusCode: typeof row.status === 'number' ? row.status : null,
    directoryId: row.tenant_id,
    managedDomain: row.managed_domain,
    totalUsers: row.total_users,
  };
}

/** `errors` as clients have seen it: `{key: message}`, `{}`, `[]`, null, a list, or a bare string. */
function mapErrors(errors: unknown): MailboxError[] {
  const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  if (errors === null || errors === undefined || errors === '') return [];
  if (Array.isArray(errors)) {
    return errors.map((entry, i) => {
      if (typeof entry === 'object' && entry !== null && 'message' in entry) {
        const { key, code, message } = entry as { key?: unknown; code?: unknown; message: unknown };
        return { key: text(key ?? code ?? String(i)), message: text(message) };
      }
      return { key: String(i), message: text(entry) };
    });
  }
  if (typeof errors === 'object') return Object.entries(errors).map(([key, message]) => ({ key, message: text(message) }));
  return [{ key: 'error', message: text(errors) }];
}

export function mapMailbox(row: AccountRow, orgId: string): Mailbox {
  const deactivated = row.deactivated_since !== null || row.flg_deleted === true;
  const status = deactivated ? 'deactivated' : normaliseMailboxStatus(row.current_backup_status);
  return {
    id: row.id,
    organizationId: orgId,
    email: row.email,
    displayName: row.display_name ?? row.email,
    status,
    statusRaw: row.current_backup_status,
    lastBackupAt: row.last_backup,
    // UNVERIFIED: Dropsuite's last_backup is read as the last *successful* backup (the portal's
    // "Last System Backup"; failed attempts do not move it in any client's fixtures).
    lastSuccessAt: row.last_success_at ?? row.last_backup,
    errors: mapErrors(row.errors),
    attempts: null,
    maxAttempts: MAX_BACKUP_ATTEMPTS,
    nextAttemptAt: null,
    storageBytes: row.storage,
    itemCount: row.msg_count,
    addedOn: row.added_on,
    deactivatedSince: row.deactivated_since,
  };
}

const TASK_KINDS: Record<string, VendorTask['kind']> = { force_backup: 'retry', reauthorize: 'reauthorize' };

export function mapTask(body: TaskBody, fallback: Pick<VendorTask, 'kind' | 'mailboxId' | 'organizationId'>): VendorTask {
  return {
    id: body.id,
    kind: (body.type && TASK_KINDS[body.type]) || fallback.kind,
    status: normaliseTaskStatus(body.status),
    statusRaw: body.status,
    error: body.error,
    mailboxId: body.account_id ?? fallback.mailboxId,
    organizationId: body.organization_id ?? fallback.organizationId,
    createdAt: body.created_at,
    startedAt: body.started_at,
    finishedAt: body.finished_at,
  };
}

export function mapAction(body: ActionBody, name: string): MailboxAction | null {
  const common = {
    id: body.id,
    name: body.name ?? name,
    organizationId: body.organization_id,
    mailboxId: body.account_id,
    email: body.email,
  };
  if (body.action === 'backup') {
    const statusRaw = body.current_backup_status ?? body.status;
    return {
      ...common,
      action: 'backup',
      status: normaliseMailboxStatus(statusRaw),
      statusRaw,
      errors: mapErrors(body.errors),
      attempts: body.attempts,
      maxAttempts: body.max_attempts ?? MAX_BACKUP_ATTEMPTS,
      nextAttemptAt: body.next_attempt_at,
      lastBackupAt: body.last_backup,
    };
  }
  if (body.action !== 'archive' && body.action !== 'restore' && body.action !== 'migrate' && body.action !== 'download') return null;
  return {
    ...common,
    action: body.action,
    status: normaliseActionStatus(body.status),
    statusRaw: body.status,
    error: body.error,
    createdAt: body.created_at,
    finishedAt: body.finished_at,
  };
}

/** Where the actions route is missing, a backup action is read off the mailbox itself. */
export function backupActionOfMailbox(mailbox: Mailbox, name: string): MailboxAction {
  return {
    action: 'backup',
    id: mailbox.id,
    name,
    organizationId: mailbox.organizationId,
    mailboxId: mailbox.id,
    email: mailbox.email,
    status: mailbox.status,
    statusRaw: mailbox.statusRaw,
    errors: mailbox.errors,
    attempts: mailbox.attempts,
    maxAttempts: mailbox.maxAttempts,
    nextAttemptAt: mailbox.nextAttemptAt,
    lastBackupAt: mailbox.lastBackupAt,
  };
}

export function mapHistoryDay(day: BackupHistoryDay): BackupHistoryDay {
  return { date: day.date, total: day.total, succeeded: day.succeeded, failed: day.failed };
}

export function mapEvent(row: EventRow): VendorEvent {
  const type = EVENT_TYPES.find((t) => t === row.type && t !== 'unknown') ?? 'unknown';
  return {
    id: row.id,
    type,
    typeRaw: row.type,
    organizationId: row.org_id,
    mailboxId: row.account_id,
    occurredAt: row.occurred_at,
    data: row.data,
  };
}
