import { MINUTE_MS, toInstant, toIso } from './dates';
import type { FixResult } from './fix-plan';
import type { NoteLike } from './records';

/**
 * The shared lock of "fix and resume backup": a double click, a reload mid-task or two
 * technicians at once must not do the work twice (issue 4). The lock is a ticket note, so every
 * technician's browser sees it; its first line is machine-readable:
 *
 *   [Backup Bridge] fix started claim=k3x9 task=t-1,t-2 by=jsmith at=2025-05-01T14:03:00.000Z
 *   [Backup Bridge] fix finished result=fixed claim=k3x9 task=t-1,t-2 by=jsmith at=…
 *
 * Notes cannot be written atomically, so the protocol is: decide on the notes read; if 'start',
 * write a `started` note with a fresh claim; read the notes again and decide with `ownClaim`: the
 * earliest fresh claim wins and the others join it. The winner may edit its note to add the
 * vendor task ids once it has them; joiners without task ids watch the ticket and the mailbox.
 */

export const MARKER_PREFIX = '[Backup Bridge]';

/**
 * DECISION: a claim without an outcome is abandoned after 15 minutes (a closed tab, a crash);
 * the service must give up watching a fix, and write its outcome, before then.
 */
export const DEFAULT_FIX_STALE_AFTER_MS = 15 * MINUTE_MS;

interface MarkerFields {
  /** Random per attempt, chosen by the service: tells the winning claim apart. */
  claim: string;
  taskIds: string[];
  /** Who asked (the technician's member identifier). */
  by: string;
  /** ISO time written by the service; ConnectWise's dateCreated is preferred when reading. */
  at: string | null;
}

export type FixMarker =
  | ({ phase: 'started' } & MarkerFields)
  | ({ phase: 'finished'; result: FixResult } & MarkerFields);

const FIX_RESULTS: readonly FixResult[] = ['fixed', 'failed', 'exhausted', 'cannot-fix', 'already-healthy'];

/** Values never hold a space, comma or `=` once encoded, so the line splits back unambiguously. */
const encode = (value: string) => encodeURIComponent(value);
const decode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

export function formatFixMarker(marker: FixMarker): string {
  const fields = [
    marker.phase === 'finished' ? `result=${marker.result}` : null,
    `claim=${encode(marker.claim)}`,
    marker.taskIds.length > 0 ? `task=${marker.taskIds.map(encode).join(',')}` : null,
    `by=${encode(marker.by)}`,
    marker.at ? `at=${marker.at}` : null,
  ].filter((field): field is string => field !== null);
  return `${MARKER_PREFIX} fix ${marker.phase} ${fields.join(' ')}`;
}

const MARKER_LINE = /^\s*\[backup bridge\]\s+fix\s+(started|finished)\b(.*)$/i;

/** The marker on a note's first line; null for any other note. Unknown fields are ignored. */
export function parseFixMarker(text: string): FixMarker | null {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const match = MARKER_LINE.exec(firstLine);
  if (!match) return null;
  const fields = new Map<string, string>();
  for (const token of (match[2] ?? '').trim().split(/\s+/)) {
    const eq = token.indexOf('=');
    if (eq > 0) fields.set(token.slice(0, eq).toLowerCase(), token.slice(eq + 1));
  }
  const at = fields.get('at');
  const common: MarkerFields = {
    claim: decode(fields.get('claim') ?? ''),
    taskIds: (fields.get('task') ?? '').split(',').filter(Boolean).map(decode),
    by: decode(fields.get('by') ?? ''),
    at: at !== undefined && toInstant(at) !== null ? at : null,
  };
  if (match[1]?.toLowerCase() === 'started') return { phase: 'started', ...common };
  const result = FIX_RESULTS.find((r) => r === fields.get('result'));
  return result ? { phase: 'finished', result, ...common } : null;
}

export type FixStartDecision =
  /**
   * No live claim: go ahead. `previous-finished`: an earlier fix failed or is long over;
   * `claimed`: on the re-read with `ownClaim`, this caller's claim won.
   */
  | { kind: 'start'; reason: 'no-marker' | 'stale-claim' | 'previous-finished' | 'claimed' }
  /** Someone is on it: watch their tasks (possibly none known yet) instead of starting. */
  | { kind: 'join'; claim: string; taskIds: string[]; by: string; since: string }
  /** Someone just finished it. */
  | { kind: 'already-done'; result: FixResult; by: string; at: string };

/**
 * DECISION: outcomes that end the matter for a while. A fix that failed may be tried again at
 * once (the button is the retry); a fixed, already-healthy or cancelled (exhausted) ticket is done.
 */
const DONE_RESULTS: ReadonlySet<FixResult> = new Set(['fixed', 'already-healthy', 'exhausted']);

interface TimedMarker { marker: FixMarker; time: number | null; noteId: number }

export function decideFixStart(input: {
  notes: readonly NoteLike[];
  now: Date;
  staleAfterMs?: number;
  /** The claim this caller has just written, when deciding on the re-read. */
  ownClaim?: string;
}): FixStartDecision {
  const { now, staleAfterMs = DEFAULT_FIX_STALE_AFTER_MS, ownClaim } = input;
  const markers: TimedMarker[] = [];
  for (const note of input.notes) {
    const marker = parseFixMarker(note.text ?? '');
    // DECISION: ConnectWise's dateCreated (one clock for everybody) before the writer's own `at`.
    if (marker) markers.push({ marker, time: toInstant(note.dateCreated) ?? toInstant(marker.at), noteId: note.id });
  }
  // DECISION: a marker of unknown age counts as stale, so a bad note can never lock a ticket for good.
  const fresh = (m: TimedMarker): m is TimedMarker & { time: number } => m.time !== null && now.getTime() - m.time < staleAfterMs;
  // Oldest first; unknown times before known ones, then by note id (ConnectWise numbers notes in order).
  const order = (a: TimedMarker, b: TimedMarker) =>
    (a.time === b.time ? 0 : a.time === null ? -1 : b.time === null ? 1 : a.time - b.time) || a.noteId - b.noteId;
  markers.sort(order);

  const latestFinished = markers.filter((m) => m.marker.phase === 'finished').pop();
  if (latestFinished?.marker.phase === 'finished' && fresh(latestFinished)
    && DONE_RESULTS.has(latestFinished.marker.result)) {
    return { kind: 'already-done', result: latestFinished.marker.result, by: latestFinished.marker.by, at: toIso(latestFinished.time) };
  }

  // DECISION: an outcome settles every claim before it (the winner's and the joiners'); the
  // earliest fresh claim after it leads.
  const open = markers.filter((m) => m.marker.phase === 'started' && (!latestFinished || order(m, latestFinished) > 0));
  const winner = open.find(fresh);
  if (winner) {
    if (ownClaim !== undefined && winner.marker.claim === ownClaim) return { kind: 'start', reason: 'claimed' };
    const { claim, taskIds, by } = winner.marker;
    return { kind: 'join', claim, taskIds, by, since: toIso(winner.time) };
  }
  if (open.length > 0) return { kind: 'start', reason: 'stale-claim' };
  return { kind: 'start', reason: latestFinished ? 'previous-finished' : 'no-marker' };
}
