/**
 * How mailboxes back up, fail, retry and recover on the simulated clock.
 *
 * Nothing runs on a timer. Periodic backups of healthy mailboxes are arithmetic on a schedule
 * anchor; discrete steps (retry attempts, task progress) are replayed in time order by
 * `settleMailbox` whenever the store is read, so advancing the clock by a week costs a few
 * hundred steps at most and gives the same answer every time.
 */
import {
  AUTO_RETRIED, BACKUP_INTERVAL_MS, categoryOf, DEFAULT_ERRORS, isOpen, MAX_ATTEMPTS, RETRY_INTERVAL_MS, RETRYABLE,
  type EventType, type MailboxErrors, type MailboxRecord, type RawBackupStatus, type TaskRecord, type VendorEvent,
} from '../store/model';

export type Emit = (event: Omit<VendorEvent, 'id'>) => void;

/** The last successful backup at `at`, including the periodic ones the schedule implies. */
export function lastBackupAt(m: MailboxRecord, at: number): number | null {
  if (m.scheduleAnchorAt === null) return m.lastBackupAt;
  const slots = Math.floor((at - m.scheduleAnchorAt) / BACKUP_INTERVAL_MS);
  return slots >= 1 ? m.scheduleAnchorAt + slots * BACKUP_INTERVAL_MS : m.lastBackupAt;
}

/**
 * The status a client sees: a Force Backup in flight shows as Preparing Backup, then Running;
 * a healthy mailbox shows Running for `backupRunMs` before each periodic backup completes.
 */
export function displayedStatus(
  m: MailboxRecord, at: number, backupTask: TaskRecord | undefined, backupRunMs: number,
): RawBackupStatus {
  if (backupTask) return backupTask.status === 'queued' ? 'Preparing Backup' : 'Running';
  if (m.scheduleAnchorAt !== null && backupRunMs > 0 && at >= m.scheduleAnchorAt) {
    const untilNextBackup = BACKUP_INTERVAL_MS - ((at - m.scheduleAnchorAt) % BACKUP_INTERVAL_MS);
    if (untilNextBackup <= backupRunMs) return 'Running';
  }
  return m.status;
}

function eventFor(previous: RawBackupStatus, next: RawBackupStatus): EventType | null {
  if (next === 'Completed') return categoryOf(previous) === 'failed' ? 'backup.recovered' : null;
  if (next === 'Authentication Error') return 'auth.required';
  const entersFailure = categoryOf(next) === 'failed' && categoryOf(previous) !== 'failed';
  return entersFailure || next === 'Failed' ? 'backup.failed' : null; // "Failed" = retries exhausted
}

/** The single place a stored status changes: keeps the problem periods and emits the event. */
function setStatus(m: MailboxRecord, status: RawBackupStatus, at: number, emit: Emit): void {
  const previous = m.status;
  if (previous === status) return;
  m.status = status;
  const before = categoryOf(previous);
  const after = categoryOf(status);
  if (before !== after) {
    const open = m.problems.find(isOpen);
    if (open) open.to = at;
    if (after !== 'healthy') m.problems.push({ from: at, to: null, category: after });
  }
  const type = eventFor(previous, status);
  if (type) {
    emit({
      type, organizationId: m.organizationId, accountId: m.id, occurredAt: at,
      data: { current_backup_status: status, previous_status: previous, attempts: m.attempts },
    });
  }
}

/** Stops the periodic schedule (problem, unsubscribe, deactivation), keeping the last backup. */
export function pauseBackups(m: MailboxRecord, at: number): void {
  m.lastBackupAt = lastBackupAt(m, at);
  m.scheduleAnchorAt = null;
  m.nextAttemptAt = null;
}

/** Restarts whatever schedule the status calls for: periodic backups or retries. */
export function resumeBackups(m: MailboxRecord, at: number): void {
  if (m.status === 'Completed') m.scheduleAnchorAt = at;
  else if (AUTO_RETRIED.has(m.status) && m.attempts < MAX_ATTEMPTS) m.nextAttemptAt = at + RETRY_INTERVAL_MS;
}

function recover(m: MailboxRecord, at: number, emit: Emit): void {
  m.attempts = 0;
  m.nextAttemptAt = null;
  m.failure = null;
  m.reauthorized = false;
  m.errors = {}; // cleared, not absent: a recovered mailbox serves `{}`
  m.lastBackupAt = at;
  m.scheduleAnchorAt = at;
  setStatus(m, 'Completed', at, emit);
}

/**
 * Puts a mailbox into `status` at `at` (seeding and admin injection). Failing statuses start
 * the 30-minute retry cycle; "Completed" counts as a successful backup now.
 */
export function applyStatus(
  m: MailboxRecord,
  change: { status: RawBackupStatus; errors?: Record<string, string>; attempts?: number },
  at: number,
  emit: Emit,
): void {
  if (change.status === 'Completed') {
    recover(m, at, emit);
    return;
  }
  pauseBackups(m, at);
  const errors = change.errors ?? DEFAULT_ERRORS[change.status];
  m.failure = categoryOf(change.status) === 'failed' ? { status: change.status, errors: errors ?? {} } : null;
  m.errors = errors ?? null;
  m.attempts = change.attempts ?? (change.status === 'Failed' ? MAX_ATTEMPTS : 0);
  setStatus(m, change.status, at, emit);
  resumeBackups(m, at);
}

/**
 * One backup attempt of a failing mailbox (automatic retry or Force Backup); its outcome
 * follows the mailbox's fix behaviour. Returns whether it succeeded.
 */
function attempt(m: MailboxRecord, at: number, emit: Emit): boolean {
  if (m.fix === 'retry' || (m.fix === 'reauthorize' && m.reauthorized)) {
    recover(m, at, emit);
    return true;
  }
  const failure = m.failure ?? { status: 'Retrying' as const, errors: DEFAULT_ERRORS.Retrying ?? {} };
  // Until re-authorised, a credentials problem is what every attempt reports.
  const needsAuth = m.fix === 'reauthorize';
  const retryStatus = needsAuth ? 'Authentication Error' : failure.status === 'Failed' ? 'Retrying' : failure.status;
  m.attempts += 1;
  const exhausted = m.attempts >= MAX_ATTEMPTS;
  m.errors = needsAuth && failure.status !== 'Authentication Error'
    ? (DEFAULT_ERRORS['Authentication Error'] ?? {})
    : failure.errors;
  m.nextAttemptAt = exhausted ? null : at + RETRY_INTERVAL_MS;
  setStatus(m, exhausted ? 'Failed' : retryStatus, at, emit);
  return false;
}

/**
 * UNVERIFIED: re-authorising fixes the credentials; a mailbox stuck on them restarts its retry
 * cycle as "Retrying" (so Force Backup is allowed and the next attempt can succeed).
 */
function reauthorize(m: MailboxRecord, at: number, emit: Emit): void {
  m.reauthorized = true;
  const credentialProblem = m.status === 'Authentication Error' || m.failure?.status === 'Authentication Error';
  if (!credentialProblem || !RETRYABLE.has(m.status)) return;
  m.attempts = 0;
  m.errors = {};
  m.nextAttemptAt = at + RETRY_INTERVAL_MS;
  setStatus(m, 'Retrying', at, emit); // still a failure: no event, the problem period goes on
}

function finishTask(task: TaskRecord, m: MailboxRecord, emit: Emit): void {
  const at = task.finishAt;
  task.finishedAt = at;
  const fail = (code: string, message: string) => {
    task.status = 'failed';
    task.error = { code, message };
  };
  if (m.deactivatedAt !== null) return fail('account_deactivated', 'The account was deactivated');
  if (task.type === 'reauthorize') {
    reauthorize(m, at, emit);
    task.status = 'succeeded';
    return;
  }
  if (m.status === 'Completed') {
    // Healthy by now (e.g. an admin injection): the backup simply runs.
    m.lastBackupAt = at;
    m.scheduleAnchorAt = at;
    task.status = 'succeeded';
    return;
  }
  if (!RETRYABLE.has(m.status)) return fail('not_retryable', `The account is "${m.status}"`);
  if (attempt(m, at, emit)) {
    task.status = 'succeeded';
    return;
  }
  fail('backup_failed', firstMessage(m.errors) ?? m.status);
}

function firstMessage(errors: MailboxErrors): string | undefined {
  return errors && !Array.isArray(errors) ? Object.values(errors)[0] : undefined;
}

const isPending = (t: TaskRecord) => t.status === 'queued' || t.status === 'running';

/** The Force Backup task in flight for a mailbox, if any. */
export function pendingBackupTask(tasks: readonly TaskRecord[]): TaskRecord | undefined {
  return tasks.find((t) => t.type === 'force_backup' && isPending(t));
}

/**
 * Replays every retry attempt and task transition of one mailbox up to `now`, earliest first.
 * Automatic retries wait while a Force Backup is in flight (the vendor is already backing up).
 */
export function settleMailbox(m: MailboxRecord, tasks: readonly TaskRecord[], now: number, emit: Emit): void {
  for (;;) {
    const steps: Array<{ at: number; run: () => void }> = [];
    for (const task of tasks) {
      if (task.status === 'queued') steps.push({ at: task.runningAt, run: () => { task.status = 'running'; } });
      else if (task.status === 'running') steps.push({ at: task.finishAt, run: () => finishTask(task, m, emit) });
    }
    const retryAt = m.nextAttemptAt;
    if (retryAt !== null && !pendingBackupTask(tasks)) steps.push({ at: retryAt, run: () => attempt(m, retryAt, emit) });
    // Stable sort: on a tie a task step goes before the retry.
    const due = steps.filter((s) => s.at <= now).sort((a, b) => a.at - b.at)[0];
    if (!due) return;
    due.run();
  }
}

/** Cancels a mailbox's tasks in flight (its organisation stopped backing up). */
export function cancelTasks(tasks: readonly TaskRecord[], at: number, reason: { code: string; message: string }): void {
  for (const task of tasks.filter(isPending)) {
    task.status = 'failed';
    task.finishedAt = at;
    task.error = reason;
  }
}
