/**
 * The JSON each route serves. Field names on Dropsuite-observed routes follow the clients'
 * types and fixtures (vendor-api.md §1.4–1.5); anything the simulator adds is marked.
 * Timestamps carry milliseconds, as in the clients' fixtures ("2023-05-11T06:43:27.040Z").
 */
import { createHash } from 'node:crypto';
import { HOUR, DAY, PLANS, REGION, VENDOR_CREDENTIALS, type PlanSeed } from '../world';
import type { VendorFaultConfig, VendorSettings } from './config';
import { displayedStatus, lastBackupAt, pendingBackupTask } from './lifecycle/backup-engine';
import { purgeAfter, seatsUsed } from './lifecycle/organisations';
import {
  MAX_ATTEMPTS, NORMALISED_STATUS, RETRYABLE,
  type ActionRecord, type MailboxRecord, type OrgRecord, type RawBackupStatus, type TaskRecord, type VendorEvent,
} from './store/model';
import type { VendorStore } from './store/store';

export interface ViewContext {
  store: VendorStore;
  settings: VendorSettings;
  vendorFaults: VendorFaultConfig;
  now: number;
}

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const planOf = (org: OrgRecord): PlanSeed | undefined => PLANS.find((p) => p.id === org.planId);

export function planView(plan: PlanSeed) {
  return {
    id: plan.id,
    name: plan.name,
    currency: plan.currency,
    data_storage: plan.storageGb, // GB; null = unlimited. UNVERIFIED unit.
    periodicity: plan.periodicity,
    amount: plan.amount,
    product_type: plan.productType,
  };
}

function statusNow(ctx: ViewContext, m: MailboxRecord): RawBackupStatus {
  return displayedStatus(m, ctx.now, pendingBackupTask(ctx.store.tasksOf(m.id)), ctx.settings.backupRunMs);
}

/** `last_backup` as served; the stale-backup fault ages it on healthy, scheduled mailboxes. */
function servedLastBackup(ctx: ViewContext, m: MailboxRecord): number | null {
  const last = lastBackupAt(m, ctx.now);
  const staleMs = ctx.vendorFaults.staleLastBackupHours * HOUR;
  return last !== null && m.scheduleAnchorAt !== null ? last - staleMs : last;
}

/**
 * One `/users` row: the flat Dropsuite organisation. Semantics chosen (the real ones are [U]):
 * seats_used = active_seats = mailboxes neither deactivated nor Inactive; seats_available =
 * purchased − used, or the purchased total (admin switch); required_seats = seats needed beyond
 * the purchase; shared mailboxes are not modelled (0); storage_available = plan quota − used,
 * null for unlimited plans; backup_summary is the simulator's own shape.
 */
export function orgRow(ctx: ViewContext, org: OrgRecord) {
  const plan = planOf(org);
  const mailboxes = ctx.store.mailboxesOf(org.seed.organizationId);
  const used = seatsUsed(ctx.store, org);
  const storageUsed = mailboxes.reduce((sum, m) => sum + m.storageBytes, 0);
  const quota = plan?.storageGb == null ? null : plan.storageGb * 1_000_000_000;
  let completed = 0;
  let failing = 0;
  let latest: number | null = null;
  for (const m of mailboxes) {
    const status = statusNow(ctx, m);
    if (status === 'Completed') completed += 1;
    if (RETRYABLE.has(status)) failing += 1;
    const last = servedLastBackup(ctx, m);
    if (last !== null && (latest === null || last > latest)) latest = last;
  }
  return {
    id: org.seed.id,
    email: org.seed.adminEmail,
    organization_id: org.seed.organizationId,
    organization_name: org.seed.name,
    plan_id: org.planId,
    reseller_token: VENDOR_CREDENTIALS.resellerToken,
    authentication_token: org.state === 'deleted' ? null : org.authenticationToken,
    notification_email: [org.seed.adminEmail],
    external_id: null,
    is_business: plan?.productType !== 'personal',
    admin: true,
    customer_deactivated: org.state === 'unsubscribed' || org.state === 'deleted',
    login_disabled: org.state !== 'active',
    flg_suspended: org.state === 'suspended',
    archive: plan?.productType === 'archiver',
    auto_license: org.seed.autoLicense,
    seats_used: used,
    seats_available: ctx.settings.seatsAvailable === 'remaining' ? org.seatsPurchased - used : org.seatsPurchased,
    active_seats: used,
    deactivated_seats: mailboxes.filter((m) => m.deactivatedAt !== null).length,
    required_seats: Math.max(0, used - org.seatsPurchased),
    paid_shared_mailboxes: 0,
    free_shared_mailboxes: 0,
    storage_used: storageUsed,
    storage_available: quota === null ? null : Math.max(0, quota - storageUsed),
    backup_summary: { total: mailboxes.length, completed, failing, last_backup: iso(latest) },
  };
}

/** `/users/{id}`: the row plus a subscription summary (its shape is the simulator's; [C] only says one exists). */
export function orgDetail(ctx: ViewContext, org: OrgRecord) {
  const row = orgRow(ctx, org);
  const plan = planOf(org);
  return {
    ...row,
    subscription: {
      plan_id: org.planId,
      plan_name: plan?.name ?? null,
      product_type: plan?.productType ?? null,
      seats: org.seatsPurchased,
      seats_used: row.seats_used,
      seats_available: row.seats_available,
      storage_used: row.storage_used,
      storage_available: row.storage_available,
      // SIMULATOR-ONLY: the real API exposes no state field; clients infer it from the flags.
      state: org.state,
      state_changed_at: iso(org.stateChangedAt),
      unsubscribed_at: iso(org.unsubscribedAt),
      purge_after: iso(purgeAfter(org)),
    },
  };
}

export function accountView(ctx: ViewContext, m: MailboxRecord, owner: ReturnType<typeof orgRow>) {
  return {
    id: m.id,
    email: m.email,
    display_name: m.displayName,
    username: m.email,
    last_backup: iso(servedLastBackup(ctx, m)),
    current_backup_status: statusNow(ctx, m),
    errors: m.errors,
    storage: m.storageBytes,
    msg_count: m.itemCount,
    flg_deleted: m.deactivatedAt !== null,
    added_on: iso(m.addedOn),
    deactivated_since: iso(m.deactivatedAt),
    user: owner,
  };
}

/** One tenant per organisation; ids and GUIDs are derived from the organisation id. */
export function tenantView(ctx: ViewContext, org: OrgRecord) {
  const { seed } = org;
  const guid = createHash('sha256').update(`tenant:${seed.organizationId}`).digest('hex');
  return {
    id: tenantIdOf(org),
    organization_id: seed.organizationId,
    domain: seed.domain,
    managed_domain: seed.tenantType === 'm365' ? `${seed.domain.split('.')[0]}.onmicrosoft.com` : null,
    tenant_id: seed.tenantType === 'm365'
      ? `${guid.slice(0, 8)}-${guid.slice(8, 12)}-4${guid.slice(13, 16)}-8${guid.slice(17, 20)}-${guid.slice(20, 32)}`
      : `C0${guid.slice(0, 7)}`,
    status: 7, // "Completed" in the one client's code table [U]
    total_users: directoryEntries(ctx, org).length,
    type: seed.tenantType,
    created_at: iso(ctx.store.seededAt - 400 * DAY),
    updated_at: iso(ctx.store.seededAt - DAY),
  };
}

export const tenantIdOf = (org: OrgRecord) => org.seed.organizationId * 100 + 1;

/**
 * The tenant's directory: every protected mailbox ("active"), plus a shared scanner mailbox
 * that is excluded, a group (no mailbox, status null) and — where auto-licensing is off — a
 * licensed new starter not yet backed up ("available").
 */
export function directoryEntries(ctx: ViewContext, org: OrgRecord) {
  const { domain, autoLicense } = org.seed;
  const seededAt = iso(ctx.store.seededAt - 30 * DAY);
  const entry = (
    name: string, email: string, mailbox: boolean, licensed: boolean | null,
    status: 'active' | 'excluded' | 'available' | null, type: string, created: string | null,
  ) => ({ name, email, upn: email, mailbox, licensed, status, type, tenant_status: 7, created_at: created, updated_at: created });
  return [
    ...ctx.store.mailboxesOf(org.seed.organizationId).map((m) =>
      entry(m.displayName, m.email, true, m.status !== 'Inactive', m.deactivatedAt === null ? 'active' : 'excluded', 'user', iso(m.addedOn))),
    entry('Scanner', `scanner@${domain}`, true, false, 'excluded', 'shared', seededAt),
    ...(autoLicense ? [] : [entry('New Starter', `new.starter@${domain}`, true, true, 'available', 'user', seededAt)]),
    entry('All Staff', `all-staff@${domain}`, false, null, null, 'group', seededAt),
  ];
}

export function taskView(task: TaskRecord) {
  return {
    id: task.id,
    type: task.type,
    status: task.status,
    account_id: task.accountId,
    organization_id: task.organizationId,
    created_at: iso(task.createdAt),
    started_at: task.status === 'queued' ? null : iso(task.runningAt),
    finished_at: iso(task.finishedAt),
    error: task.error,
  };
}

export function eventView(event: VendorEvent) {
  return {
    id: event.id,
    type: event.type,
    org_id: event.organizationId,
    ...(event.accountId === undefined ? {} : { account_id: event.accountId }),
    occurred_at: iso(event.occurredAt),
    data: event.data,
  };
}

/** `{region}.backup.{id}`: the backup action of a mailbox (its id is the account id). */
export function backupActionView(ctx: ViewContext, m: MailboxRecord) {
  const status = statusNow(ctx, m);
  return {
    id: m.id,
    action: 'backup',
    name: `${REGION}.backup.${m.id}`,
    region: REGION,
    organization_id: m.organizationId,
    account_id: m.id,
    email: m.email,
    status: NORMALISED_STATUS[status],
    current_backup_status: status,
    errors: m.errors,
    attempts: m.attempts,
    max_attempts: MAX_ATTEMPTS,
    next_attempt_at: iso(m.nextAttemptAt),
    last_backup: iso(servedLastBackup(ctx, m)),
  };
}

export function recordedActionView(record: ActionRecord, m: MailboxRecord | undefined) {
  return {
    id: record.id,
    action: record.action,
    name: `${REGION}.${record.action}.${record.id}`,
    region: REGION,
    organization_id: record.organizationId,
    account_id: record.accountId,
    email: m?.email ?? null,
    status: record.status,
    created_at: iso(record.createdAt),
    finished_at: iso(record.finishedAt),
    error: record.error,
  };
}
