import type { Capability, OrganizationState, VendorTask } from '../vendor/domain';
import { BUSY_MAILBOX_STATUSES, RETRYABLE_MAILBOX_STATUSES } from '../vendor/status';
import { type BackupState, classifyMailbox, isExhausted } from './health';
import { formatFixMarker } from './idempotency';

/**
 * "Fix and resume backup" from a backup ticket (issue 4): what to ask the vendor, and afterwards
 * what happened and what becomes of the ticket. The vendor's documented fixes are re-authorising
 * (Authentication Error) and "Force Backup" (vendor-api.md §1.6, §4.5); the ticket outcomes follow
 * seed 000: fixed → Closed; retries exceeded → Cancelled; otherwise the ticket stays open.
 */

/** Each step is the vendor client capability of the same name. */
export type FixStep = Extract<Capability, 'reauthorize' | 'retry'>;

export type FixPlanKind =
  /** Run the steps. */
  | 'fix'
  /** DECISION: a backup is already preparing or running: watch it, ask for nothing (the vendor would refuse a retry). */
  | 'in-progress'
  /** The last backup completed: nothing to do but close the ticket. */
  | 'already-healthy'
  /** Nothing this extension can do; the message says what the technician can. */
  | 'cannot-fix';

export type FixPlanReason =
  | 'auth-error' | 'backup-failing' | 'retries-exhausted' | 'backup-running' | 'healthy'
  | 'inactive' | 'storage-full' | 'org-deleted' | 'org-unsubscribed' | 'not-retryable' | 'needs-portal';

export interface FixPlan {
  kind: FixPlanKind;
  steps: FixStep[];
  reason: FixPlanReason;
  /** For the technician: what will be done, or why nothing can be and what to do instead. */
  message: string;
  /** Retry attempts before the fix (null when unknown), for the note and the outcome. */
  attempts: number | null;
  maxAttempts: number;
  /** The vendor had already given up: if this fix fails too, the ticket is cancelled. */
  exhausted: boolean;
}

export type FixResult = 'fixed' | 'failed' | 'exhausted' | 'cannot-fix' | 'already-healthy';

const STEP_WORDS: Readonly<Record<FixStep, string>> = { reauthorize: 're-authorise', retry: 'retry the backup' };

export function planFix(
  state: BackupState,
  now: Date,
  context: { orgState?: OrganizationState; capabilities?: ReadonlySet<Capability> } = {},
): FixPlan {
  const exhausted = isExhausted(state);
  const plan = (kind: FixPlanKind, reason: FixPlanReason, message: string, steps: FixStep[] = []): FixPlan =>
    ({ kind, steps, reason, message, attempts: state.attempts, maxAttempts: state.maxAttempts, exhausted });
  const cannot = (reason: FixPlanReason, message: string) => plan('cannot-fix', reason, message);
  const fix = (reason: FixPlanReason, steps: FixStep[], message: string) => {
    // No retry endpoint is verified for the real vendor (vendor-api.md §1.6): where the API has
    // refused one, the fallback is the vendor portal's "Login as Client" (§4.5).
    const missing = steps.filter((step) => context.capabilities && !context.capabilities.has(step));
    if (missing.length > 0) {
      return cannot('needs-portal', `The vendor's API does not let this extension ${missing.map((s) => STEP_WORDS[s]).join(' or ')}. `
        + 'Open the vendor portal as this customer and do it there.');
    }
    return plan('fix', reason, message, steps);
  };

  // Organisation lifecycle, vendor-api.md §1.7 (suspended organisations keep backing up).
  if (context.orgState === 'deleted') {
    return cannot('org-deleted', 'The organisation was deleted at the vendor and its data purged; there is nothing to back up.');
  }
  if (context.orgState === 'unsubscribed') {
    return cannot('org-unsubscribed', 'The organisation is unsubscribed, so its backups are stopped. '
      + 'Reactivate it in the vendor portal (possible for 45 days after unsubscribing), then retry.');
  }
  const { health } = classifyMailbox(state, now);
  // An Inactive mailbox lost its licence at the source; a deactivated one was removed there or
  // from backup; backups stop for both (vendor-api.md §1.6).
  if (health === 'inactive') {
    return cannot('inactive', 'The mailbox is inactive or deactivated: its licence was removed at the source, or it was '
      + 'taken out of backup. License it again at the source or reactivate it in the vendor portal; there is nothing to retry.');
  }
  // "Space Full: upgrade the plan or remove accounts" (Sherweb catalogue, vendor-api.md §1.6).
  if (state.status === 'storage_full') {
    return cannot('storage-full', 'The backup storage is full. Upgrade the plan or remove accounts in the vendor portal, then retry.');
  }
  if (state.status === 'completed' && health === 'healthy') {
    return plan('already-healthy', 'healthy', 'The last backup completed; there is nothing to fix.');
  }
  if (BUSY_MAILBOX_STATUSES.has(state.status)) {
    return plan('in-progress', 'backup-running', 'A backup is already under way; wait for it to finish.');
  }
  // "Authentication Error: credentials changed or expired" (§1.6): re-authorise, then back up.
  if (state.status === 'auth_error') {
    return fix('auth-error', ['reauthorize', 'retry'], 'Re-authorise the mailbox, then retry the backup.');
  }
  if (RETRYABLE_MAILBOX_STATUSES.has(state.status)) {
    return exhausted
      // DECISION: exhausted still offers one manual Force Backup; if it fails, the ticket is cancelled.
      ? fix('retries-exhausted', ['retry'], `The vendor has used all ${state.maxAttempts} automatic attempts; retry the backup once more.`)
      : fix('backup-failing', ['retry'], 'Retry the backup now instead of waiting for the next automatic attempt.');
  }
  // The vendor accepts a retry only for failing statuses (vendor-api.md §5.2, 409 not_retryable).
  return cannot('not-retryable', `The vendor reports this backup as "${state.status}", which it does not let anyone retry. `
    + 'Check the mailbox in the vendor portal.');
}

// ── Outcome ───────────────────────────────────────────────────────────────────────────────────

export interface FixOutcome {
  result: FixResult;
  ticketStatus: 'closed' | 'cancelled' | 'unchanged';
  note: string;
}

/** Who asked and the lock's claim (idempotency.ts); the time is `now`. */
export interface FixContext {
  /** The mailbox's address, for the note. */
  email: string;
  /** The technician's member identifier. */
  by: string;
  claim: string;
}

type TaskSummary = Pick<VendorTask, 'id' | 'kind' | 'status' | 'error'>;

const TICKET_STATUS: Readonly<Record<FixResult, FixOutcome['ticketStatus']>> = {
  'fixed': 'closed',
  'already-healthy': 'closed',
  'exhausted': 'cancelled',
  'failed': 'unchanged',
  'cannot-fix': 'unchanged',
};

/**
 * Judges a finished fix. Call it once the vendor tasks have finished and the mailbox is no
 * longer busy, with the mailbox as read afterwards. DECISIONS: the mailbox decides, the tasks
 * explain: a completed, healthy mailbox is fixed even if one step failed; anything else is a
 * failure, and an exhausted one (no attempts left afterwards) cancels the ticket.
 */
export function fixOutcome(
  plan: FixPlan,
  tasks: readonly TaskSummary[],
  mailboxAfter: BackupState | null,
  now: Date,
  context: FixContext,
): FixOutcome {
  const result = judge(plan, mailboxAfter, now);
  // Attempts as they are now when the mailbox says, else as they were before.
  const counted = mailboxAfter && mailboxAfter.attempts !== null ? mailboxAfter : plan;
  const note = noteText({
    result,
    email: context.email,
    tasks,
    vendorError: result === 'failed' || result === 'exhausted' ? vendorError(tasks, mailboxAfter) : null,
    explanation: result === 'cannot-fix' ? plan.message : null,
    attempts: counted.attempts,
    maxAttempts: counted.maxAttempts,
    by: context.by,
    claim: context.claim,
    at: now,
  });
  return { result, ticketStatus: TICKET_STATUS[result], note };
}

function judge(plan: FixPlan, after: BackupState | null, now: Date): FixResult {
  if (plan.kind === 'cannot-fix') return 'cannot-fix';
  if (plan.kind === 'already-healthy') return 'already-healthy';
  if (after && after.status === 'completed' && classifyMailbox(after, now).health === 'healthy') return 'fixed';
  const exhausted = after && after.attempts !== null ? isExhausted(after) : plan.exhausted;
  return exhausted ? 'exhausted' : 'failed';
}

/** The vendor's own words: a failed task's error, else the mailbox's errors, else its status. */
function vendorError(tasks: readonly TaskSummary[], after: BackupState | null): string {
  const fromTask = tasks.find((task) => task.status === 'failed' && task.error)?.error?.message;
  if (fromTask) return fromTask;
  const fromMailbox = after?.errors.map((e) => e.message).filter(Boolean).join('; ');
  if (fromMailbox) return fromMailbox;
  if (tasks.some((task) => task.status === 'queued' || task.status === 'running')) return 'the vendor task had not finished';
  return after ? `the backup is "${after.status}"` : 'the vendor did not say';
}

// ── The note ──────────────────────────────────────────────────────────────────────────────────

export interface NoteInput {
  result: FixResult;
  email: string;
  tasks: readonly TaskSummary[];
  vendorError: string | null;
  /** Why nothing could be done (cannot-fix). */
  explanation: string | null;
  attempts: number | null;
  maxAttempts: number;
  by: string;
  claim: string;
  at: Date;
}

const HEADLINE: Readonly<Record<FixResult, string>> = {
  'fixed': 'fixed, the backup completed',
  'already-healthy': 'nothing to fix, the last backup had completed',
  'failed': 'not fixed',
  'exhausted': 'not fixed, and the vendor has no automatic attempts left',
  'cannot-fix': 'cannot be fixed from here',
};

const TICKET_LINE: Readonly<Record<FixOutcome['ticketStatus'], string>> = {
  closed: 'Ticket closed.',
  cancelled: 'Ticket cancelled (retries exhausted).',
  unchanged: 'Ticket left open.',
};

const TASK_WORDS: Readonly<Record<VendorTask['kind'], string>> = {
  reauthorize: 'Re-authorised', retry: 'Retried the backup', unknown: 'Vendor task',
};

/** `2025-05-01T14:03:27.000Z` → `2025-05-01 14:03 UTC`. */
const readableTime = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The ticket note of a fix: a machine-readable first line (the lock's outcome, idempotency.ts),
 * then a few short lines a technician reads in Manage: what was done with the vendor task ids,
 * the result, the vendor's error, attempts so far, the ticket's fate, who and when.
 */
export function noteText(input: NoteInput): string {
  const lines = [
    formatFixMarker({
      phase: 'finished', result: input.result, claim: input.claim, taskIds: input.tasks.map((t) => t.id),
      by: input.by, at: input.at.toISOString(),
    }),
    `Fix and resume backup for ${input.email}: ${HEADLINE[input.result]}.`,
  ];
  if (input.tasks.length > 0) {
    lines.push(`Done: ${input.tasks.map((t) => `${TASK_WORDS[t.kind]} (vendor task ${t.id}, ${t.status})`).join('; ')}.`);
  }
  if (input.explanation) lines.push(input.explanation);
  if (input.vendorError) lines.push(`Vendor error: ${input.vendorError}`);
  if (input.attempts !== null && (input.result === 'failed' || input.result === 'exhausted')) {
    lines.push(`Automatic attempts so far: ${input.attempts} of ${input.maxAttempts}.`);
  }
  lines.push(TICKET_LINE[TICKET_STATUS[input.result]], `Requested by ${input.by}, ${readableTime(input.at)}.`);
  return lines.join('\n');
}
