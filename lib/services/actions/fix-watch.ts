import { listTicketNotes, type ManageClient } from '../../connectwise';
import { decideFixStart, type BackupState, type FixStartDecision, type FixStep } from '../../domain';
import { AppError } from '../../errors';
import { BUSY_MAILBOX_STATUSES, isVendorError, type VendorClient, type VendorTask } from '../../vendor';
import { latestFinished, type FinishedFix } from './fix-notes';
import type { BackupTarget } from './fix-target';
import { pause, type Pacing } from './pacing';
import type { ActionContext } from './types';

/**
 * Watching the vendor work on ITS clock: poll, report each change once, stop at the deadline.
 * Every pause keeps the MV3 worker alive (pacing.ts).
 */

export interface Watch {
  context: ActionContext;
  pacing: Pacing;
  /** Epoch ms on context.now()'s clock. */
  deadline: number;
  /** Progress, each line once however often the same state is read (null: nothing to say). */
  say(line: string | null): void;
}

export function startWatch(context: ActionContext, pacing: Pacing): Watch {
  let last: string | null = null;
  return {
    context,
    pacing,
    deadline: context.now() + pacing.budgetMs,
    say(line) {
      if (line === null || line === last) return;
      last = line;
      context.progress(line);
    },
  };
}

const timeLeft = (watch: Watch) => watch.context.now() < watch.deadline;

export const FINISHED_TASK: ReadonlySet<VendorTask['status']> = new Set(['succeeded', 'failed']);

function taskLine(task: VendorTask, email: string): string | null {
  const reason = task.error?.message ?? task.statusRaw ?? 'the vendor did not say why';
  if (task.kind === 'reauthorize') {
    if (task.status === 'succeeded') return `Re-authorised ${email}`;
    return task.status === 'failed' ? `Re-authorising failed: ${reason}` : null;
  }
  switch (task.status) {
    case 'queued': return 'Backup queued';
    case 'running': return 'Backup running';
    case 'succeeded': return 'Backup completed';
    case 'failed': return `Backup failed: ${reason}`;
    default: return null;
  }
}

function mailboxLine(state: BackupState): string | null {
  switch (state.status) {
    case 'preparing': return 'Backup queued';
    case 'running': return 'Backup running';
    case 'completed': return 'Backup completed';
    default: return null;
  }
}

/** Polls a task until it finishes or time runs out. Where the vendor has no task route, the task is returned as it was. */
async function watchTask(watch: Watch, vendor: VendorClient, target: BackupTarget, task: VendorTask): Promise<VendorTask> {
  let current = task;
  watch.say(taskLine(current, target.email));
  while (!FINISHED_TASK.has(current.status) && timeLeft(watch)) {
    await pause(watch.pacing);
    try {
      current = await vendor.getTask(target.orgId, current.id);
    } catch (error) {
      // Without a task route, the mailbox's own status tells the rest (waitWhileBusy).
      if (isVendorError(error, 'vendor-unsupported')) return current;
      throw error;
    }
    watch.say(taskLine(current, target.email));
  }
  return current;
}

/** The vendor's answers that end the steps without ending the fix: the outcome is judged from the mailbox. */
const STEP_REFUSALS = ['vendor-unsupported', 'vendor-read-only', 'vendor-not-retryable', 'vendor-invalid-state'] as const;

export interface StepsRun {
  tasks: VendorTask[];
  /** The vendor refused a step (the route is missing, the mailbox was in the wrong state…). */
  refused: AppError | null;
}

const START_WORDS: Readonly<Record<FixStep, (email: string) => string>> = {
  reauthorize: (email) => `Re-authorising ${email}…`,
  retry: (email) => `Asking the vendor to back up ${email}…`,
};

/**
 * Each step in turn, its task watched to the end. Stops at a failed task (a re-authorisation that
 * failed makes the retry pointless), at a refusal, or when time runs out. A task whose state
 * cannot be read (no task route) does not stop the steps.
 */
export async function runSteps(watch: Watch, vendor: VendorClient, target: BackupTarget, steps: readonly FixStep[]): Promise<StepsRun> {
  const tasks: VendorTask[] = [];
  for (const step of steps) {
    watch.say(START_WORDS[step](target.email));
    let task: VendorTask;
    try {
      task = step === 'reauthorize'
        ? await vendor.reauthorizeMailbox(target.orgId, target.mailboxId)
        : await vendor.retryMailbox(target.orgId, target.mailboxId);
    } catch (error) {
      if (STEP_REFUSALS.some((code) => isVendorError(error, code))) return { tasks, refused: AppError.from(error) };
      throw error;
    }
    const finished = await watchTask(watch, vendor, target, task);
    tasks.push(finished);
    // DECISION: no next step once time is up: a task nobody watches would end with nobody noting it.
    if (finished.status === 'failed' || !timeLeft(watch)) break;
  }
  return { tasks, refused: null };
}

/** The mailbox once it is no longer preparing or running a backup, or as it is when time runs out. */
export async function waitWhileBusy(watch: Watch, target: BackupTarget): Promise<BackupState> {
  let state = await target.reread();
  while (BUSY_MAILBOX_STATUSES.has(state.status) && timeLeft(watch)) {
    watch.say(mailboxLine(state));
    await pause(watch.pacing);
    state = await target.reread();
  }
  watch.say(mailboxLine(state));
  return state;
}

export type FollowEnd =
  | { kind: 'finished'; finished: FinishedFix }
  /** The claim went stale without an outcome: its browser went away mid-fix. */
  | { kind: 'abandoned' }
  | { kind: 'deadline' };

/**
 * Someone else's fix (another technician, or this browser before a reload and a worker restart):
 * watch the ticket for its outcome note and show the mailbox's progress meanwhile. Nothing is
 * asked of the vendor and nothing is written.
 */
export async function followClaim(
  watch: Watch, client: ManageClient, ticketId: number, join: Extract<FixStartDecision, { kind: 'join' }>, target: BackupTarget | null,
): Promise<FollowEnd> {
  let claim = join.claim;
  while (timeLeft(watch)) {
    await pause(watch.pacing);
    const notes = await listTicketNotes(client, ticketId);
    const ours = latestFinished(notes, claim);
    if (ours) return { kind: 'finished', finished: ours };
    // ConnectWise's clock, which dated the notes (see fix-backup.ts).
    const decision = decideFixStart({ notes, now: new Date(client.serverNow()) });
    if (decision.kind === 'already-done') {
      const finished = latestFinished(notes);
      if (finished) return { kind: 'finished', finished };
    }
    if (decision.kind === 'start') return { kind: 'abandoned' };
    if (decision.kind === 'join') claim = decision.claim;
    // Progress only: the outcome comes from the notes, so a vendor hiccup here changes nothing.
    if (target) watch.say(mailboxLine(await target.reread().catch(() => target.state)));
  }
  return { kind: 'deadline' };
}
