import type { MailboxActionKind } from '../vendor/domain';
import { formatActionName, parseActionName, type ActionName } from '../vendor/action-name';
import { DAY_MS, toInstant } from './dates';
import { type BackupState, classifyMailbox, isExhausted, lastGoodAt, retryWindow, retryWindowLength } from './health';
import type { ConfigurationLike, TicketLike } from './records';

/**
 * The life of a backup ticket: opened when a backup fails, closed when it completes again,
 * cancelled when the vendor gives up, never duplicated (seed 000 "Service Tickets"; vendor-api.md
 * §3.2 duplicate and noisy tickets; §5.7 ConnectWise-side conventions).
 */

/** ConnectWise's externalXRef holds at most 100 characters (ConnectWise Ticket model). */
export const MAX_DEDUPE_KEY_LENGTH = 100;

/**
 * The de-duplication key of a mailbox action's ticket: its externalXRef, the same text as the
 * action's configuration name `{region}.{action}.{id}` (seed 000; e2e/sim/world.ts header).
 * DECISION: throws rather than truncate: a cut key would match other actions' tickets.
 */
export function dedupeKey(region: string, action: MailboxActionKind, id: string): string {
  const key = formatActionName({ region: region.trim().toLowerCase(), action, id: id.trim() });
  if (key.length > MAX_DEDUPE_KEY_LENGTH) throw new RangeError(`de-duplication key longer than ${MAX_DEDUPE_KEY_LENGTH}: ${key}`);
  return key;
}

// ── Recognising backup tickets ────────────────────────────────────────────────────────────────

export type BackupTicketEvidence = 'configuration' | 'externalXRef' | 'summary';

export interface BackupTicketMatch extends ActionName {
  /** Every place that named this action, strongest first. */
  via: BackupTicketEvidence[];
  /** Another place named a different action of this region (the configuration's one is used). */
  conflicting: boolean;
}

/** An action name standing on its own in free text (a full stop may follow it). */
const ACTION_NAME_IN_TEXT = /(?:^|[^a-z0-9.-])([a-z0-9-]+\.[a-z]+\.\d+)(?![a-z0-9]|\.[a-z0-9])/gi;

const sameAction = (a: ActionName, b: ActionName) => a.action === b.action && a.id === b.id;

/**
 * Whether a ticket is one of the vendor's backup tickets, and for which action. Evidence, in order
 * of strength: an attached configuration of the mailbox-actions type named `{region}.{action}.{id}`
 * (how seed 000 says to find them: "filter … using the above configuration type"), the
 * externalXRef the integration writes, an action name in the summary. Other regions' names are
 * not ours. DECISION: a configuration whose type is not given still counts (ticket configuration
 * lists often carry references only); one of another type does not.
 */
export function isBackupTicket(
  ticket: TicketLike,
  configurations: readonly Pick<ConfigurationLike, 'name' | 'type'>[],
  region: string,
  mailboxActionsTypeName: string,
): BackupTicketMatch | null {
  const ours = (name: string | null | undefined) => {
    const parsed = name ? parseActionName(name) : null;
    return parsed && parsed.region === region.trim().toLowerCase() ? parsed : null;
  };
  const typeName = mailboxActionsTypeName.trim().toLowerCase();
  const found: Array<{ via: BackupTicketEvidence; action: ActionName }> = [];
  for (const configuration of configurations) {
    const configurationType = configuration.type?.name?.trim().toLowerCase();
    const action = configurationType === undefined || configurationType === typeName ? ours(configuration.name) : null;
    if (action) found.push({ via: 'configuration', action });
  }
  const fromXRef = ours(ticket.externalXRef);
  if (fromXRef) found.push({ via: 'externalXRef', action: fromXRef });
  for (const match of (ticket.summary ?? '').matchAll(ACTION_NAME_IN_TEXT)) {
    const action = ours(match[1]);
    if (action) found.push({ via: 'summary', action });
  }
  const [first] = found;
  if (!first) return null;
  const agreeing = found.filter((f) => sameAction(f.action, first.action));
  return {
    ...first.action,
    via: [...new Set(agreeing.map((f) => f.via))],
    conflicting: agreeing.length < found.length,
  };
}

// ── Lifecycle decisions ───────────────────────────────────────────────────────────────────────

export type TicketDecisionKind = 'open' | 'keep' | 'close' | 'cancel' | 'reopen' | 'none';

export type TicketDecisionReason =
  /** The backup completed again: close (seed 000: "closed automatically"; eFolder, seed 001: auto-resolve). */
  | 'recovered'
  /** Healthy but not yet completed (a backup is running): a ticket stays until it completes. */
  | 'healthy'
  /** The mailbox is inactive or deactivated: no backup is expected any more. */
  | 'no-longer-protected'
  /** Attempts used up and still failing (seed 000: "cancel the ticket"). */
  | 'retries-exhausted'
  | 'failing'
  /** A transient state within its allowance (vendor-api.md §5.7: suppress). */
  | 'transient-suppressed'
  /** A transient state that outlasted its allowance: it is a failure now. */
  | 'transient-outlasted';

export interface TicketDecision {
  kind: TicketDecisionKind;
  reason: TicketDecisionReason;
  /** The ticket to keep, close, cancel or reopen; null for open and none. */
  ticketId: number | null;
}

export interface TicketOptions {
  /** How long a transient state may last before it is ticketed. DECISION: default the whole retry window (25 × 30 min = 12.5 h). */
  suppressTransientFor?: number;
  /** A ticket closed this many days ago or less is reopened instead of opening another (Acronis, vendor-api.md §3.1). */
  reopenWithinDays: number;
}

export interface TicketSituation {
  /** The backup action's state (health.ts `backupStateOf` adds the retry counters to a mailbox). */
  state: BackupState;
  /** The open ticket with this action's key; the caller searches open tickets first (§3.2). */
  openTicket: TicketLike | null;
  /** The most recently closed ticket with this key, any age: its close date is judged here. */
  recentlyClosedTicket: TicketLike | null;
  now: Date;
  options: TicketOptions;
}

/**
 * What to do about a backup action's ticket. Never 'open' while a ticket is open for the key.
 * DECISIONS:
 * - close only on `completed` with a healthy classification (seed 000: "When the error is fixed,
 *   and the action is completed"); a running backup keeps the ticket until it completes;
 * - an inactive or deactivated mailbox closes its ticket (the alert no longer applies; the fix
 *   plan tells the technician why nothing can be retried);
 * - retries exhausted without an open ticket opens nothing: the vendor has given up (its own
 *   integration would cancel at once), and the panels still show the mailbox as failing;
 * - a transient state counts from the estimated start of its retry window, else its last success;
 * - a closed ticket whose close date is unknown is not "recent": a new ticket is opened.
 */
export function decideTicket(situation: TicketSituation): TicketDecision {
  const { state, openTicket, recentlyClosedTicket, now, options } = situation;
  const nowMs = now.getTime();
  const open = openTicket?.id ?? null;
  const decide = (kind: TicketDecisionKind, reason: TicketDecisionReason, ticketId: number | null = null): TicketDecision =>
    ({ kind, reason, ticketId });
  const raise = (reason: TicketDecisionReason): TicketDecision => {
    if (open !== null) return decide('keep', reason, open);
    const closedAt = toInstant(recentlyClosedTicket?.closedDate);
    const recent = recentlyClosedTicket && closedAt !== null && nowMs - closedAt <= options.reopenWithinDays * DAY_MS;
    return recent ? decide('reopen', reason, recentlyClosedTicket.id) : decide('open', reason);
  };
  const settle = (kind: 'close' | 'cancel', reason: TicketDecisionReason) =>
    (open === null ? decide('none', reason) : decide(kind, reason, open));

  const { health } = classifyMailbox(state, now);
  if (health === 'inactive') return settle('close', 'no-longer-protected');
  if (health === 'healthy') {
    if (state.status === 'completed') return settle('close', 'recovered');
    return open === null ? decide('none', 'healthy') : decide('keep', 'healthy', open);
  }
  if (isExhausted(state)) return settle('cancel', 'retries-exhausted');
  if (health === 'failing') return raise('failing');

  // transient
  if (open !== null) return decide('keep', 'transient-suppressed', open);
  const allowance = options.suppressTransientFor ?? retryWindowLength(state.maxAttempts);
  const began = toInstant(retryWindow(state, now).startedAt) ?? lastGoodAt(state);
  if (began !== null && nowMs - began > allowance) return raise('transient-outlasted');
  return decide('none', 'transient-suppressed');
}
