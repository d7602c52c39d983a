import type { BackupHistoryDay, Mailbox, MailboxAction, MailboxError, MailboxStatus, Seats } from '../vendor/domain';
import { RETRYABLE_MAILBOX_STATUSES } from '../vendor/status';
import { DAY_MS, HOUR_MS, MINUTE_MS, toInstant, toIso, utcDay } from './dates';

/**
 * Backup health of mailboxes and of a tenant (vendor-api.md §4.4, §5.3). Everything is linear in
 * the number of mailboxes: a 1,000-mailbox tenant is classified, rolled up and sorted at once.
 */

/** The vendor retries a failing backup every 30 minutes (Sherweb's Dropsuite status catalogue, vendor-api.md §1.6). */
export const RETRY_INTERVAL_MS = 30 * MINUTE_MS;

/** No successful backup for this long counts as failing, whatever the status says (vendor-api.md §5.3). */
export const STALE_AFTER_MS = 48 * HOUR_MS;

/**
 * What the rules need of a mailbox's backup. A vendor `Mailbox` is one; a ticket's backup action
 * (which carries the retry counters the mailbox list lacks) becomes one through `backupStateOf`.
 */
export interface BackupState {
  status: MailboxStatus;
  errors: readonly MailboxError[];
  /** Automatic retry attempts so far; null when unknown. */
  attempts: number | null;
  maxAttempts: number;
  nextAttemptAt: string | null;
  lastSuccessAt: string | null;
  addedOn?: string | null;
  deactivatedSince?: string | null;
}

export type BackupActionRecord = Extract<MailboxAction, { action: 'backup' }>;

/**
 * One backup state from what the service read: the action record (a ticket's configuration)
 * for status, errors and retry counters, the mailbox for the last success and lifecycle dates.
 */
export function backupStateOf(
  read: { mailbox: Mailbox; action?: BackupActionRecord | null } | { mailbox?: null; action: BackupActionRecord },
): BackupState {
  const { mailbox, action } = read;
  if (!action) return mailbox as Mailbox; // the parameter's type guarantees one of the two

  return {
    status: action.status,
    errors: action.errors,
    attempts: action.attempts ?? mailbox?.attempts ?? null,
    maxAttempts: action.maxAttempts,
    nextAttemptAt: action.nextAttemptAt ?? mailbox?.nextAttemptAt ?? null,
    // Without the mailbox, the action's last backup is read as the last success, as the adapter
    // reads the mailbox's own `last_backup` (UNVERIFIED there too, lib/vendor/dropsuite/map.ts).
    lastSuccessAt: mailbox ? mailbox.lastSuccessAt : action.lastBackupAt,
    addedOn: mailbox?.addedOn ?? null,
    deactivatedSince: mailbox?.deactivatedSince ?? null,
  };
}

// ── One mailbox ───────────────────────────────────────────────────────────────────────────────

export type MailboxHealthKind = 'healthy' | 'failing' | 'transient' | 'inactive';

/** The HealthSummary reasons of vendor-api.md §5.3. */
export type HealthReason = 'AUTH_REQUIRED' | 'BACKUP_FAILED' | 'STALE_BACKUP' | 'STORAGE_FULL' | 'SEATS_EXCEEDED';

export interface MailboxHealth {
  health: MailboxHealthKind;
  /** Why it is failing; null unless failing. */
  reason: HealthReason | null;
}

export const isExhausted = (state: BackupState): boolean => state.attempts !== null && state.attempts >= state.maxAttempts;

/**
 * The instant the mailbox was last known good: its last success, or (never backed up yet) when it
 * was added. DECISION: null when neither is known, and then it is never judged stale.
 */
export const lastGoodAt = (state: BackupState): number | null => toInstant(state.lastSuccessAt) ?? toInstant(state.addedOn);

const isStale = (state: BackupState, now: number) => {
  const since = lastGoodAt(state);
  return since !== null && now - since > STALE_AFTER_MS;
};

const TRANSIENT_STATUSES: ReadonlySet<MailboxStatus> = new Set(['preparing', 'retrying', 'connection_error']);

const healthy: MailboxHealth = { health: 'healthy', reason: null };
const failing = (reason: HealthReason): MailboxHealth => ({ health: 'failing', reason });

/**
 * vendor-api.md §4.4 and §5.3:
 * - inactive: the source licence was removed (`inactive`) or the mailbox was deactivated (§1.6);
 * - failing: `auth_error`, `storage_full`, `failed`; errors reported; or no success for 48 h;
 * - transient: `preparing`, `retrying`, `connection_error` while the vendor is still retrying
 *   (attempts below the maximum) and the last success is under 48 h old; these clear on their own
 *   (Microsoft throttling "usually clears within hours", §1.6), so they are not failures yet.
 * DECISION: reasons. A transient state past its window is BACKUP_FAILED when it reports errors
 * or ran out of attempts, STALE_BACKUP otherwise; STALE_BACKUP otherwise means "looks fine, is not".
 */
export function classifyMailbox(state: BackupState, now: Date): MailboxHealth {
  if (state.status === 'inactive' || state.status === 'deactivated' || state.deactivatedSince) {
    return { health: 'inactive', reason: null };
  }
  const stale = isStale(state, now.getTime());
  switch (state.status) {
    case 'auth_error': return failing('AUTH_REQUIRED');
    case 'storage_full': return failing('STORAGE_FULL');
    case 'failed': return failing('BACKUP_FAILED');
    default: break;
  }
  const hasErrors = state.errors.length > 0;
  if (TRANSIENT_STATUSES.has(state.status)) {
    if (isExhausted(state)) return failing('BACKUP_FAILED');
    if (stale) return failing(hasErrors ? 'BACKUP_FAILED' : 'STALE_BACKUP');
    return { health: 'transient', reason: null };
  }
  // completed, running, or a status word nobody has mapped yet: judged by errors and age.
  if (hasErrors) return failing('BACKUP_FAILED');
  if (stale) return failing('STALE_BACKUP');
  return healthy;
}

// ── A tenant ──────────────────────────────────────────────────────────────────────────────────

export interface HealthCounts {
  /** Healthy mailboxes. DECISION: the four counts are disjoint and add up to the mailboxes given. */
  protected: number;
  failing: number;
  transient: number;
  inactive: number;
}

/** vendor-api.md §5.3. */
export interface HealthSummary {
  status: 'normal' | 'warned' | 'troubled';
  reason: HealthReason | null;
  /** DECISION: when the trouble began, at the latest: the oldest last-good time among the mailboxes behind the status. */
  since: string | null;
  counts: HealthCounts;
}

/**
 * DECISION: the one reason a summary shows, first match wins. AUTH_REQUIRED first: it is the
 * failure a technician fixes in one click and it tends to hit many mailboxes at once;
 * STORAGE_FULL stops every backup of the tenant until the plan changes; then any other failure;
 * then backups that are merely old; SEATS_EXCEEDED is billing only (backups go on), so it warns.
 */
export const REASON_PRECEDENCE: readonly HealthReason[] = [
  'AUTH_REQUIRED', 'STORAGE_FULL', 'BACKUP_FAILED', 'STALE_BACKUP', 'SEATS_EXCEEDED',
];

/**
 * troubled: any failing mailbox. warned: mailboxes in a transient state, or more seats used than
 * purchased (SEATS_EXCEEDED). normal otherwise. DECISION: transient states alone warn with reason
 * null (§5.3 has no reason for "the vendor is still retrying"; nothing to fix yet).
 */
export function rollupHealth(
  mailboxes: readonly BackupState[],
  now: Date,
  seats?: Pick<Seats, 'purchased' | 'used'> | null,
): HealthSummary {
  const counts: HealthCounts = { protected: 0, failing: 0, transient: 0, inactive: 0 };
  const reasons = new Set<HealthReason>();
  let failingSince: number | null = null;
  let transientSince: number | null = null;
  const earliest = (current: number | null, state: BackupState) => {
    const since = lastGoodAt(state);
    return since === null ? current : current === null ? since : Math.min(current, since);
  };

  for (const mailbox of mailboxes) {
    const { health, reason } = classifyMailbox(mailbox, now);
    if (health === 'healthy') counts.protected++;
    else counts[health]++;
    if (reason) reasons.add(reason);
    if (health === 'failing') failingSince = earliest(failingSince, mailbox);
    if (health === 'transient') transientSince = earliest(transientSince, mailbox);
  }
  const seatsExceeded = seats?.purchased != null && seats.used != null && seats.used > seats.purchased;
  if (seatsExceeded) reasons.add('SEATS_EXCEEDED');
  const reason = REASON_PRECEDENCE.find((r) => reasons.has(r)) ?? null;
  const iso = (ms: number | null) => (ms === null ? null : toIso(ms));

  if (counts.failing > 0) return { status: 'troubled', reason, since: iso(failingSince), counts };
  if (counts.transient > 0 || seatsExceeded) return { status: 'warned', reason, since: iso(transientSince), counts };
  return { status: 'normal', reason: null, since: null, counts };
}

const DISPLAY_RANK: Readonly<Record<MailboxHealthKind, number>> = { failing: 0, transient: 1, healthy: 2, inactive: 3 };

/**
 * Failing first, then transient, then healthy, then (DECISION) inactive, which are not protected; within
 * each, the oldest last success first (never-succeeded before all), then by e-mail, then id.
 * Returns a new array; each mailbox is classified once.
 */
export function sortMailboxesForDisplay<T extends BackupState & { email: string; id: string }>(
  mailboxes: readonly T[],
  now: Date,
): T[] {
  return mailboxes
    .map((mailbox) => ({
      mailbox,
      rank: DISPLAY_RANK[classifyMailbox(mailbox, now).health],
      lastSuccess: toInstant(mailbox.lastSuccessAt) ?? -Infinity,
      email: mailbox.email.toLowerCase(),
    }))
    .sort((a, b) => a.rank - b.rank
      || a.lastSuccess - b.lastSuccess
      || (a.email < b.email ? -1 : a.email > b.email ? 1 : 0)
      || (a.mailbox.id < b.mailbox.id ? -1 : a.mailbox.id > b.mailbox.id ? 1 : 0))
    .map((row) => row.mailbox);
}

// ── The vendor's retry window ─────────────────────────────────────────────────────────────────

export interface RetryWindow {
  /** The vendor retries this status on its own (retrying, connection and authentication errors, failed) and has attempts left. */
  active: boolean;
  attempts: number | null;
  maxAttempts: number;
  remaining: number | null;
  exhausted: boolean;
  /** The vendor's own schedule; null when it did not say. */
  nextAttemptAt: string | null;
  /** When the failure began: one interval before the first attempt. */
  startedAt: string | null;
  /** When the last automatic attempt is due: `startedAt` + max × 30 min. */
  endsAt: string | null;
  /**
   * `vendor-schedule`: derived from the vendor's next attempt time (exact);
   * `estimated`: attempts known but no schedule, so the next attempt is taken to be due now;
   * `ended`: no attempts left;
   * `unknown`: no attempt count (the mailbox list does not carry one: read the backup action).
   */
  basis: 'vendor-schedule' | 'estimated' | 'ended' | 'unknown';
}

/**
 * The 30 min × 25 automatic retries (vendor-api.md §1.6): attempt k is due k intervals after the
 * failure began, so with attempt count k and the next attempt time n the failure began at
 * n − (k + 1) × 30 min and the last attempt is due at n + (max − k − 1) × 30 min. The vendor
 * simulator keeps exactly this schedule (e2e/sim/vendor/backup-engine.test.ts).
 */
export function retryWindow(state: BackupState, now: Date): RetryWindow {
  const { attempts, maxAttempts } = state;
  const exhausted = isExhausted(state);
  const nextAttempt = exhausted ? null : toInstant(state.nextAttemptAt);
  const base = {
    active: !exhausted && RETRYABLE_MAILBOX_STATUSES.has(state.status),
    attempts,
    maxAttempts,
    remaining: attempts === null ? null : Math.max(0, maxAttempts - attempts),
    exhausted,
    nextAttemptAt: nextAttempt === null ? null : toIso(nextAttempt),
  };
  if (attempts === null || exhausted) return { ...base, startedAt: null, endsAt: null, basis: exhausted ? 'ended' : 'unknown' };
  const next = nextAttempt ?? now.getTime();
  return {
    ...base,
    startedAt: toIso(next - (attempts + 1) * RETRY_INTERVAL_MS),
    endsAt: toIso(next + (maxAttempts - attempts - 1) * RETRY_INTERVAL_MS),
    basis: nextAttempt === null ? 'estimated' : 'vendor-schedule',
  };
}

/** How long the whole retry window lasts: 25 × 30 min = 12.5 h. */
export const retryWindowLength = (maxAttempts: number): number => maxAttempts * RETRY_INTERVAL_MS;

// ── The 14-day chart ──────────────────────────────────────────────────────────────────────────

export interface SuccessDay {
  /** A UTC day, YYYY-MM-DD. */
  date: string;
  /** Null: the vendor sent nothing for that day. */
  total: number | null;
  succeeded: number | null;
  failed: number | null;
  /** succeeded / total; null when there is no data or nothing ran. */
  ratio: number | null;
}

/**
 * Exactly `days` consecutive UTC days ending with today, oldest first; days the vendor did not
 * report are gaps (null), never zeros. DECISION: several entries for one day are added up (a
 * vendor may report a day per service); entries outside the window are ignored.
 */
export function successSeries(history: readonly BackupHistoryDay[], now: Date, days = 14): SuccessDay[] {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
  const byDay = new Map<string, { total: number; succeeded: number; failed: number }>();
  for (const entry of history) {
    const day = byDay.get(entry.date) ?? { total: 0, succeeded: 0, failed: 0 };
    day.total += entry.total;
    day.succeeded += entry.succeeded;
    day.failed += entry.failed;
    byDay.set(entry.date, day);
  }
  const start = Math.floor(now.getTime() / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  return Array.from({ length: days }, (_, i): SuccessDay => {
    const date = utcDay(start + i * DAY_MS);
    const day = byDay.get(date);
    if (!day) return { date, total: null, succeeded: null, failed: null, ratio: null };
    return { date, ...day, ratio: day.total > 0 ? day.succeeded / day.total : null };
  });
}
