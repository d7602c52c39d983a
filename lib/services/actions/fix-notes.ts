import type { TicketNote } from '../../connectwise';
import { formatFixMarker, parseFixMarker, type FixMarker, type FixPlan, type FixResult } from '../../domain';
import { AppError } from '../../errors';
import type { ActionResult } from './types';
import { readableTime } from './words';

/**
 * The words of "Fix and resume backup": its ticket notes (the shared claim protocol of
 * lib/domain idempotency.ts: a `started` note claims the fix, a `finished` note, written by
 * lib/domain noteText, ends it) and what the technician is told.
 */

/** Random per attempt: tells this caller's claim apart from everyone else's. */
export function newClaim(): string {
  return [...crypto.getRandomValues(new Uint32Array(2))].map((n) => n.toString(36)).join('');
}

/** The claim note: its first line is the machine-readable marker, the rest is for people. */
export function claimNoteText(input: { claim: string; by: string; at: Date; email: string; plan: FixPlan }): string {
  return [
    formatFixMarker({ phase: 'started', claim: input.claim, taskIds: [], by: input.by, at: input.at.toISOString() }),
    `Fix and resume backup started for ${input.email}: ${input.plan.message}`,
    'Backup Bridge in other browsers follows this fix instead of starting another until its outcome is noted here.',
    `Requested by ${input.by}, ${readableTime(input.at)}.`,
  ].join('\n');
}

/** Appended to the outcome note when the vendor had not finished by the end of the watch. */
export const stoppedWatchingLine = (minutes: number) =>
  `Backup Bridge stopped watching after ${minutes} minutes while the vendor was still working on it. `
  + 'Run “Fix and resume backup” again later: it checks the backup and closes the ticket once it has completed.';

export interface FinishedFix {
  marker: Extract<FixMarker, { phase: 'finished' }>;
  text: string;
}

/** The latest outcome note, or the one that ends a given claim. ConnectWise numbers notes in order. */
export function latestFinished(notes: readonly TicketNote[], claim?: string): FinishedFix | null {
  let latest: (FinishedFix & { id: number }) | null = null;
  for (const note of notes) {
    const marker = parseFixMarker(note.text ?? '');
    if (marker?.phase !== 'finished' || (claim !== undefined && marker.claim !== claim)) continue;
    if (!latest || note.id > latest.id) latest = { marker, text: note.text ?? '', id: note.id };
  }
  return latest && { marker: latest.marker, text: latest.text };
}

/** The lines after the marker, as one paragraph, without the "Requested by" line (the caller names who). */
const humanPart = (text: string) =>
  text.split(/\r?\n/).slice(1).map((line) => line.trim()).filter((line) => line && !line.startsWith('Requested by ')).join(' ');

/** The vendor's reason, as noteText wrote it. */
const vendorErrorIn = (note: string) => /^Vendor error: (.*)$/m.exec(note)?.[1]?.trim() ?? 'the vendor did not say why';

const FAILURE_CODE: Readonly<Record<Exclude<FixResult, 'fixed' | 'already-healthy'>, string>> = {
  'failed': 'fix-failed',
  'exhausted': 'fix-exhausted',
  'cannot-fix': 'fix-not-possible',
};

const FAILURE_HINT: Readonly<Record<Exclude<FixResult, 'fixed' | 'already-healthy'>, string>> = {
  'failed': 'Check the mailbox in the vendor portal, or try again later.',
  'exhausted': 'The vendor will not retry on its own any more: fix the cause at the source or in the vendor portal.',
  'cannot-fix': 'The note on the ticket says what to do instead.',
};

/** An outcome someone else wrote (or this worker before a reload), for a caller who did not run it. */
export function reportFinished(finished: FinishedFix, prefix: string): ActionResult {
  const message = `${prefix} ${humanPart(finished.text)}`;
  const { result } = finished.marker;
  if (result === 'fixed' || result === 'already-healthy') return { message };
  throw new AppError({ code: FAILURE_CODE[result], message, hint: FAILURE_HINT[result] });
}

export interface OwnOutcome {
  result: FixResult;
  ticketStatus: 'closed' | 'cancelled' | 'unchanged';
  email: string;
  plan: FixPlan;
  note: string;
  /** The watch ended with the vendor still at work. */
  stoppedWatching: boolean;
  watchedMinutes: number;
  portalUrl: string;
}

/** What happened to the backup, in one clause: "Backup of jane.doe@… completed after re-authorising". */
export function outcomeHeadline(o: OwnOutcome): string {
  switch (o.result) {
    case 'fixed': {
      const how = o.plan.steps.includes('reauthorize') ? ' after re-authorising' : o.plan.steps.includes('retry') ? ' after a retry' : '';
      return `Backup of ${o.email} completed${how}`;
    }
    case 'already-healthy':
      return `The last backup of ${o.email} had already completed, so there was nothing to fix`;
    case 'exhausted':
      return `Backup of ${o.email} failed again (${vendorErrorIn(o.note)}) and the vendor has no automatic attempts left`;
    case 'failed':
      return o.stoppedWatching
        ? `The vendor is still working on the backup of ${o.email}; Backup Bridge stopped watching after ${o.watchedMinutes} minutes`
        : `Backup of ${o.email} is still failing: ${vendorErrorIn(o.note)}`;
    case 'cannot-fix':
      return o.plan.message.replace(/\.\s*$/, '');
  }
}

const TICKET_WORDS: Readonly<Record<OwnOutcome['ticketStatus'], string>> = {
  closed: 'ticket closed',
  cancelled: 'ticket cancelled (retries exhausted)',
  unchanged: 'a note was added and the ticket stays open',
};

/** The technician's result of a fix this caller ran: a message, or an AppError for a backup still not fixed. */
export function ownResult(o: OwnOutcome): ActionResult {
  const message = `${outcomeHeadline(o)}; ${TICKET_WORDS[o.ticketStatus]}.`;
  if (o.result === 'fixed' || o.result === 'already-healthy') return { message };
  if (o.result === 'failed' && o.stoppedWatching) {
    throw new AppError({
      code: 'fix-still-running', message, retryable: true,
      hint: 'Run “Fix and resume backup” again in a few minutes: it checks the backup and closes the ticket once it has completed.',
    });
  }
  if (o.result === 'cannot-fix' && o.plan.reason === 'needs-portal') {
    throw new AppError({ code: 'vendor-unsupported', message, hint: `Vendor portal: ${o.portalUrl}` });
  }
  throw new AppError({ code: FAILURE_CODE[o.result], message, hint: FAILURE_HINT[o.result] });
}
