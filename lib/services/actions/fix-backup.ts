import { addTicketNote, listTicketNotes, updateTicket, type ManageClient } from '../../connectwise';
import {
  decideFixStart, fixOutcome, MINUTE_MS, noteText, planFix, type BackupState, type FixOutcome, type FixPlan, type FixStartDecision,
} from '../../domain';
import { AppError } from '../../errors';
import type { Mappings } from '../../settings';
import { BUSY_MAILBOX_STATUSES, type VendorTask } from '../../vendor';
import { refuse, withContext } from './errors';
import {
  claimNoteText, latestFinished, newClaim, outcomeHeadline, ownResult, reportFinished, stoppedWatchingLine, type OwnOutcome,
} from './fix-notes';
import { readBackupTarget, readFixTicket, type BackupTarget } from './fix-target';
import { FINISHED_TASK, followClaim, runSteps, startWatch, waitWhileBusy, type Watch } from './fix-watch';
import type { Pacing } from './pacing';
import { connect, type Connected } from './setup';
import type { ActionContext, ActionResult, RunnableAction } from './types';
import { readableTime } from './words';

/**
 * "Fix and resume backup" (issue 4, Ticket panel): re-authorise and/or retry through the vendor,
 * watch the task, then note the outcome on the ticket and set the mapped Closed status (fixed,
 * or nothing to fix), the mapped Cancelled status (retries exhausted), or leave it open.
 *
 * Never twice: within this worker the runner joins identical requests (single-flight.ts); across
 * browsers and worker restarts the ticket's notes are the lock (lib/domain idempotency.ts): read
 * the notes, claim with a note, read again, and only the earliest fresh claim works; everyone
 * else follows it until its outcome note appears.
 * DECISION: both notes are internal (Internal Analysis): the marker line and the vendor's details
 * are for technicians, not for the customer's ticket portal.
 */

type FixBackupAction = Extract<RunnableAction, { kind: 'fix-backup' }>;

interface FixRun {
  context: ActionContext;
  connected: Connected;
  watch: Watch;
  ticketId: number;
  companyId: number | undefined;
  target: BackupTarget;
  plan: FixPlan;
  claim: string;
}

const minutes = (ms: number) => Math.round((ms / MINUTE_MS) * 10) / 10;
const planFor = (run: Pick<FixRun, 'connected' | 'target'>, state: BackupState, now: Date) =>
  planFix(state, now, { orgState: run.target.orgState, capabilities: run.connected.vendor.capabilities() });

export function createFixBackup(pacing: Pacing, claimId: () => string = newClaim) {
  return async function fixBackup({ ticketId }: FixBackupAction, context: ActionContext): Promise<ActionResult> {
    const connected = await connect(context);
    const { manage, vendor, region } = connected;
    const { ticket, notes, backup } = await readFixTicket(manage, region, ticketId);
    const watch = startWatch(context, pacing);
    const now = () => new Date(context.now());
    // Claims are judged on ConnectWise's clock, which dates the notes: a browser whose clock is off
    // would otherwise take a fresh claim for a stale one (or the reverse) and do the work twice.
    const manageNow = () => new Date(manage.serverNow());
    const readTarget = () => readBackupTarget(vendor, manage, region, ticket.company?.id, backup.id);

    const first = decideFixStart({ notes, now: manageNow() });
    const done = first.kind === 'already-done' ? latestFinished(notes) : null;
    if (done) return reportFinished(done, `Already done by ${done.marker.by}:`);
    // Progress only: the outcome of someone else's fix comes from the notes.
    if (first.kind === 'join') return follow(watch, manage, ticketId, first, await readTarget().catch(() => null));
    if (ticket.closedFlag) {
      throw refuse('ticket-closed', `Ticket ${ticketId} is closed; reopen it in Manage to fix its backup from it.`);
    }

    const found = await readTarget();
    const run: FixRun = {
      context, connected, watch, ticketId, companyId: ticket.company?.id, target: found, claim: claimId(),
      plan: planFor({ connected, target: found }, found.state, now()),
    };
    watch.say(run.plan.message);
    await addTicketNote(manage, ticketId, claimNoteText({ ...run, by: context.actor, at: manageNow(), email: found.email }), 'internal');
    // The claim is on the ticket: every panel showing it (another tab, this one after a reload)
    // now shows the fix under way and follows it, instead of a cached view offering to start one.
    context.invalidate(`ticket:${ticketId}`);
    const recheck = decideFixStart({ notes: await listTicketNotes(manage, ticketId), now: manageNow(), ownClaim: run.claim });
    if (recheck.kind === 'join') return follow(watch, manage, ticketId, recheck, found); // lost the race
    if (recheck.kind === 'already-done') {
      // Another fix ended between our first read and our claim: plan again on what the vendor
      // says now, so our claim still gets its outcome note.
      const state = await found.reread();
      return carryOut({ ...run, target: { ...found, state }, plan: planFor(run, state, now()) });
    }
    return carryOut(run);
  };
}

async function follow(
  watch: Watch, manage: ManageClient, ticketId: number, join: Extract<FixStartDecision, { kind: 'join' }>, target: BackupTarget | null,
): Promise<ActionResult> {
  const started = `${join.by} started this fix ${readableTime(join.since)}`;
  watch.say(`${started}; following it instead of starting another.`);
  const end = await followClaim(watch, manage, ticketId, join, target);
  if (end.kind === 'finished') return reportFinished(end.finished, `Followed the fix by ${end.finished.marker.by}:`);
  if (end.kind === 'abandoned') {
    throw new AppError({
      code: 'fix-abandoned', retryable: true,
      message: `${started} and it stopped without noting an outcome; nothing else was done.`,
      hint: 'Run “Fix and resume backup” again to start a new one.',
    });
  }
  return {
    message: `${started}; it is still running, and Backup Bridge stopped following it after ${minutes(watch.pacing.budgetMs)} minutes. `
      + 'Its outcome will be noted on the ticket.',
  };
}

interface Judged {
  outcome: FixOutcome;
  plan: FixPlan;
  /** Lines after lib/domain's note text: what it cannot know. */
  extraLines: string[];
  stoppedWatching: boolean;
}

/** Asks the vendor for the plan's steps, waits for the mailbox, and judges (lib/domain fixOutcome). */
async function judgeFix(run: FixRun, tasks: VendorTask[]): Promise<Judged> {
  const { context, watch, target, plan } = run;
  const now = () => new Date(context.now());
  let judgedPlan = plan;
  const extraLines: string[] = [];
  if (plan.kind === 'fix') {
    const steps = await runSteps(watch, run.connected.vendor, target, plan.steps);
    tasks.push(...steps.tasks);
    if (steps.refused) {
      extraLines.push(`The vendor refused a step: ${steps.refused.message}`);
      // A refused route turns the plan into "use the portal"; a mailbox healthy meanwhile into "nothing to fix".
      const replanned = planFor(run, await target.reread(), now());
      if (replanned.kind === 'cannot-fix' || replanned.kind === 'already-healthy') judgedPlan = replanned;
    }
  }
  const watched = plan.kind === 'fix' || plan.kind === 'in-progress';
  const after = watched ? await waitWhileBusy(watch, target) : target.state;
  // DECISION: when the watch ends with the vendor still at work, the fix ends honestly: lib/domain
  // judges it "failed: the vendor task had not finished", the note says Backup Bridge stopped
  // watching, and the ticket stays open. A failed fix does not end the matter (idempotency.ts),
  // so the next click checks again, and closes the ticket once the backup has completed.
  const stoppedWatching = context.now() >= watch.deadline
    && (tasks.some((t) => !FINISHED_TASK.has(t.status)) || BUSY_MAILBOX_STATUSES.has(after.status));
  if (stoppedWatching) extraLines.push(stoppedWatchingLine(minutes(watch.pacing.budgetMs)));
  const outcome = fixOutcome(judgedPlan, tasks, after, now(), { email: target.email, by: context.actor, claim: run.claim });
  return { outcome, plan: judgedPlan, extraLines, stoppedWatching };
}

/** What ending a fix that broke off says on the ticket: its claim must not hold everyone off for 15 minutes. */
function brokenOffNote(run: FixRun, tasks: readonly VendorTask[], error: unknown): string {
  return noteText({
    result: 'failed', email: run.target.email, tasks, vendorError: `Backup Bridge could not finish: ${AppError.from(error).message}`,
    explanation: null, attempts: run.plan.attempts, maxAttempts: run.plan.maxAttempts, by: run.context.actor, claim: run.claim,
    at: new Date(run.context.now()),
  });
}

async function setTicketStatus(manage: ManageClient, run: FixRun, status: 'closed' | 'cancelled', mappings: Mappings) {
  const statusId = status === 'closed' ? mappings.statusClosedId : mappings.statusCancelledId;
  if (statusId === undefined) {
    throw refuse('mapping-missing', `No ${status === 'closed' ? 'Closed' : 'Cancelled'} ticket status is chosen in Backup Bridge.`,
      'Open Backup Bridge’s set-up and choose the ticket statuses in the mappings step.');
  }
  run.watch.say(status === 'closed' ? 'Closing the ticket…' : 'Cancelling the ticket…');
  await updateTicket(manage, run.ticketId, { statusId });
}

async function carryOut(run: FixRun): Promise<ActionResult> {
  const { context, ticketId } = run;
  const { manage, mappings, vendor } = run.connected;
  const tasks: VendorTask[] = [];
  let judged: Judged;
  try {
    judged = await judgeFix(run, tasks);
  } catch (error) {
    // Best effort: the error below is what the technician must see; an unnoted claim goes stale on its own.
    await addTicketNote(manage, ticketId, brokenOffNote(run, tasks, error), 'internal').catch(() => undefined);
    context.invalidate(`ticket:${ticketId}`);
    throw withContext(error, 'Fix and resume backup stopped');
  }

  const { outcome } = judged;
  const own: OwnOutcome = {
    result: outcome.result, ticketStatus: outcome.ticketStatus, email: run.target.email, plan: judged.plan,
    note: [outcome.note, ...judged.extraLines].join('\n'), stoppedWatching: judged.stoppedWatching,
    watchedMinutes: minutes(run.watch.pacing.budgetMs), portalUrl: vendor.portalUrl(),
  };
  const headline = outcomeHeadline(own);
  try {
    run.watch.say('Noting the outcome on the ticket…');
    await addTicketNote(manage, ticketId, own.note, 'internal').catch((error: unknown) => {
      throw withContext(error, `${headline}, but noting it on ticket ${ticketId} failed`);
    });
    if (outcome.ticketStatus !== 'unchanged') {
      const status = outcome.ticketStatus;
      await setTicketStatus(manage, run, status, mappings).catch((error: unknown) => {
        throw withContext(error, `${headline}; the note was added, but the ticket could not be ${status}`);
      });
    }
  } finally {
    context.invalidate(`ticket:${ticketId}`, ...(run.companyId === undefined ? [] : [`company:${run.companyId}` as const]));
  }
  return ownResult(own);
}
