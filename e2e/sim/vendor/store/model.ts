/**
 * The vendor simulator's records. They hold what cannot be derived from the clock; everything
 * that can (periodic backups, "Running" windows, task progress) is computed on read so that
 * advancing the clock by days is instant and deterministic.
 */
import type { FixBehaviour, OrgSeed, RawBackupStatus } from '../../world';
import { DAY, HOUR } from '../../world';

export type { FixBehaviour, RawBackupStatus };

/** Healthy mailboxes back up on this cadence. UNVERIFIED: Dropsuite publishes no schedule. */
export const BACKUP_INTERVAL_MS = 6 * HOUR;
/** Failing mailboxes are retried every 30 minutes, up to 25 times (Sherweb status catalogue). */
export const RETRY_INTERVAL_MS = 30 * 60_000;
export const MAX_ATTEMPTS = 25;
/** Unsubscribed organisations can be reactivated for 45 days, then their data is purged. */
export const REACTIVATION_WINDOW_MS = 45 * DAY;

export type OrgState = 'active' | 'suspended' | 'unsubscribed' | 'deleted';

/** A time interval; `to: null` means "still going". */
export interface Period {
  from: number;
  to: number | null;
}

export interface OrgRecord {
  /** Identity and static facts from the seeded world (ids, name, domain, tenant type...). */
  seed: OrgSeed;
  planId: number;
  seatsPurchased: number;
  state: OrgState;
  stateChangedAt: number | null;
  unsubscribedAt: number | null;
  authenticationToken: string;
  /** When backups were stopped (unsubscribed); the history chart shows no backups there. */
  stoppedPeriods: Period[];
}

/**
 * The `errors` field exactly as served. Clients have seen an object of messages, an empty
 * object, an empty array (a PHP fixture) and null, so the simulator serves all of them.
 */
export type MailboxErrors = Record<string, string> | [] | null;

/** Whether a status counts as a backup problem in the history chart and health rollups. */
export type StatusCategory = 'healthy' | 'failed' | 'idle';

export interface MailboxRecord {
  id: number;
  organizationId: number;
  email: string;
  displayName: string;
  addedOn: number;
  storageBytes: number;
  itemCount: number;
  fix: FixBehaviour;
  /** The stored status; the "Running" of a periodic backup is derived on read. */
  status: RawBackupStatus;
  errors: MailboxErrors;
  /** The problem being retried: what a failed attempt reports again. */
  failure: { status: RawBackupStatus; errors: Record<string, string> } | null;
  attempts: number;
  nextAttemptAt: number | null;
  /** Last successful backup that is not derived from the periodic schedule. */
  lastBackupAt: number | null;
  /** Healthy mailboxes back up at anchor + k × interval (k ≥ 1); null when not on schedule. */
  scheduleAnchorAt: number | null;
  reauthorized: boolean;
  deactivatedAt: number | null;
  /** Every stretch spent in a non-healthy category, for the history chart. */
  problems: Array<Period & { category: Exclude<StatusCategory, 'healthy'> }>;
}

export type TaskType = 'force_backup' | 'reauthorize';
export type TaskStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface TaskRecord {
  id: string;
  type: TaskType;
  accountId: number;
  organizationId: number;
  status: TaskStatus;
  createdAt: number;
  /** Fixed when the task is created, so later duration settings don't rewrite running tasks. */
  runningAt: number;
  finishAt: number;
  finishedAt: number | null;
  error: { code: string; message: string } | null;
}

export const EVENT_TYPES = [
  'backup.failed', 'backup.recovered', 'auth.required', 'seats.changed', 'org.state_changed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface VendorEvent {
  id: number;
  type: EventType;
  organizationId: number;
  accountId?: number;
  occurredAt: number;
  data: Record<string, unknown>;
}

/** Mailbox actions other than backup, named `{region}.{action}.{id}` in ConnectWise. */
export const RECORDED_ACTIONS = ['archive', 'restore', 'migrate', 'download'] as const;
export type RecordedAction = (typeof RECORDED_ACTIONS)[number];
export const ACTION_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface ActionRecord {
  id: number;
  action: RecordedAction;
  accountId: number;
  organizationId: number;
  status: ActionStatus;
  createdAt: number;
  finishedAt: number | null;
  error: string | null;
}

export interface ImpersonationGrant {
  token: string;
  organizationId: number;
  expiresAt: number;
  used: boolean;
}

export const RAW_STATUSES: readonly RawBackupStatus[] = [
  'Completed', 'Running', 'Preparing Backup', 'Retrying', 'Connection Error',
  'Authentication Error', 'Space Full', 'Failed', 'Inactive',
];

/** Statuses the vendor retries on its own every 30 minutes. */
export const AUTO_RETRIED: ReadonlySet<RawBackupStatus> = new Set(['Retrying', 'Connection Error', 'Authentication Error']);
/** Statuses a Force Backup may be pressed for (§5.2: failed, auth_error, connection_error, retrying). */
export const RETRYABLE: ReadonlySet<RawBackupStatus> = new Set([...AUTO_RETRIED, 'Failed']);

export function categoryOf(status: RawBackupStatus): StatusCategory {
  if (status === 'Completed') return 'healthy';
  if (RETRYABLE.has(status) || status === 'Space Full') return 'failed';
  return 'idle'; // Inactive, or stuck in Preparing Backup / Running: no backups, no error
}

/** The normalised vocabulary of vendor-api.md §5.3, served next to the raw string. */
export const NORMALISED_STATUS: Record<RawBackupStatus, string> = {
  'Completed': 'completed',
  'Running': 'running',
  'Preparing Backup': 'preparing',
  'Retrying': 'retrying',
  'Connection Error': 'connection_error',
  'Authentication Error': 'auth_error',
  'Space Full': 'storage_full',
  'Failed': 'failed',
  'Inactive': 'inactive',
};

/** What a failure injected without explicit errors reports. */
export const DEFAULT_ERRORS: Partial<Record<RawBackupStatus, Record<string, string>>> = {
  'Retrying': { host: 'timeout' },
  'Connection Error': { graph: 'Microsoft Graph throttled the request (429)' },
  'Authentication Error': { auth: 'The refresh token has expired; the mailbox must be re-authorised.' },
  'Failed': { backup: 'Backup failed after the maximum number of retries' },
  'Space Full': { storage: 'The subscription has no storage left' },
};

export const isOpen = (period: Period) => period.to === null;
export const covers = (period: Period, at: number) => period.from <= at && (period.to === null || at < period.to);
