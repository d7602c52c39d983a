import type {
  MailboxStatus, OrganizationState, ProductType, TaskStatus, TenantStatus,
} from './domain';

/**
 * The vendor's status words → the normalised vocabularies of domain.ts. Pure lookups, tolerant
 * of case, spacing, underscores and dashes; anything unrecognised maps to 'unknown' (callers keep
 * the raw text next to it).
 */

/** "  In Progress / Running " → "in progress/running"; "auth_error" → "auth error". */
function statusKey(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase().replace(/[\s_-]+/g, ' ').replace(/\s*\/\s*/g, '/');
}

function lookup<T extends string>(table: Readonly<Record<string, T>>, raw: string | null | undefined): T | 'unknown' {
  if (raw === null || raw === undefined) return 'unknown';
  return table[statusKey(raw)] ?? 'unknown';
}

/**
 * Sherweb's Dropsuite status catalogue and the Dropsuite help centre (vendor-api.md §1.6, §5.3),
 * plus the normalised names themselves (the simulator's action records serve those).
 */
const MAILBOX_STATUS: Readonly<Record<string, MailboxStatus>> = {
  'preparing backup': 'preparing',
  'preparing': 'preparing',
  'in progress/running': 'running',
  'in progress': 'running',
  'running': 'running',
  'completed': 'completed',
  'complete': 'completed',
  'retrying': 'retrying',
  'connection error': 'connection_error',
  'authentication error': 'auth_error',
  'auth error': 'auth_error',
  // The portal's organisation filter calls credential problems "Need Authentication".
  'need authentication': 'auth_error',
  'space full': 'storage_full',
  'storage full': 'storage_full',
  'failed': 'failed',
  'inactive': 'inactive',
  'deactivated': 'deactivated',
};

export const normaliseMailboxStatus = (raw: string | null | undefined): MailboxStatus => lookup(MAILBOX_STATUS, raw);

/** Statuses a "Force Backup" is meant for (vendor-api.md §5.2). */
export const RETRYABLE_MAILBOX_STATUSES: ReadonlySet<MailboxStatus> = new Set([
  'retrying', 'connection_error', 'auth_error', 'failed',
]);

/** A backup is being prepared or running: a Force Backup may be in flight. */
export const BUSY_MAILBOX_STATUSES: ReadonlySet<MailboxStatus> = new Set(['preparing', 'running']);

const TASK_STATUS: Readonly<Record<string, TaskStatus>> = {
  'queued': 'queued',
  'pending': 'queued',
  'running': 'running',
  'in progress': 'running',
  'succeeded': 'succeeded',
  'completed': 'succeeded',
  'failed': 'failed',
};

export const normaliseTaskStatus = (raw: string | null | undefined): TaskStatus => lookup(TASK_STATUS, raw);

const ACTION_STATUS: Readonly<Record<string, 'queued' | 'running' | 'completed' | 'failed'>> = {
  'queued': 'queued',
  'pending': 'queued',
  'running': 'running',
  'in progress': 'running',
  'completed': 'completed',
  'succeeded': 'completed',
  'failed': 'failed',
};

export const normaliseActionStatus = (raw: string | null | undefined) => lookup(ACTION_STATUS, raw);

const ORGANIZATION_STATE: Readonly<Record<string, OrganizationState>> = {
  'active': 'active',
  'suspended': 'suspended',
  'unsubscribed': 'unsubscribed',
  'deleted': 'deleted',
};

export const normaliseOrganizationState = (raw: string | null | undefined): OrganizationState =>
  lookup(ORGANIZATION_STATE, raw);

const PRODUCT_TYPE: Readonly<Record<string, Exclude<ProductType, 'unknown'>>> = {
  'backup': 'backup',
  'archiver': 'archiver',
  'archive': 'archiver',
  'personal': 'personal',
};

export const normaliseProductType = (raw: string | null | undefined): ProductType => lookup(PRODUCT_TYPE, raw);

/**
 * Tenant status: the one client's integer table (0 Queued, 1 and 13 "Recreate Application",
 * 5 Processing, 7 Completed; UNVERIFIED) or words.
 */
const TENANT_STATUS_CODES: Readonly<Record<number, TenantStatus>> = {
  0: 'queued',
  1: 'reauth_required',
  5: 'processing',
  7: 'completed',
  13: 'reauth_required',
};

const TENANT_STATUS_WORDS: Readonly<Record<string, TenantStatus>> = {
  'queued': 'queued',
  'processing': 'processing',
  'completed': 'completed',
  'reauth required': 'reauth_required',
  'recreate application': 'reauth_required',
};

export function normaliseTenantStatus(raw: number | string | null | undefined): TenantStatus {
  if (typeof raw === 'number') return TENANT_STATUS_CODES[raw] ?? 'unknown';
  return lookup(TENANT_STATUS_WORDS, raw);
}
