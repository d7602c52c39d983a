import { useSignal } from '@preact/signals';
import type { MailboxView } from '../lib/messages/panels';
import { Badge } from './Badge';
import { formatCount, plural } from './format';
import { RelativeTime } from './RelativeTime';
import { HEALTH_TONE } from './words';

/** Rows shown before "Show all": every mailbox with a problem, then healthy ones up to this many rows. */
const MAILBOX_PREVIEW_ROWS = 5;

const HEALTH_ORDER: Readonly<Record<MailboxView['health'], number>> = { failing: 0, transient: 1, inactive: 2, healthy: 3 };

export interface MailboxTableProps {
  mailboxes: readonly MailboxView[];
  /** How many the tenant has; the view lists every failing one but only some healthy ones. */
  total: number;
  now: number;
  /** Where the rest can be seen when the view does not list them all. */
  onShowAllInPortal?: () => void;
}

/** Mailboxes with their backup health, failing first. */
export function MailboxTable({ mailboxes, total, now, onShowAllInPortal }: MailboxTableProps) {
  const expanded = useSignal(false);
  if (mailboxes.length === 0) return <p class="bb-muted">No mailboxes are backed up yet.</p>;

  // Stable sort: the background's order within each health group is kept.
  const sorted = [...mailboxes].sort((a, b) => HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health]);
  const problems = sorted.filter((mailbox) => mailbox.health !== 'healthy').length;
  const shown = expanded.value ? sorted : sorted.slice(0, Math.max(problems, MAILBOX_PREVIEW_ROWS));
  const unlisted = total - mailboxes.length;

  return (
    <div class="bb-mailboxes">
      <table class="bb-table">
        <caption class="bb-visually-hidden">Mailboxes, failing first</caption>
        <thead>
          <tr>
            <th scope="col">Mailbox</th>
            <th scope="col">Status</th>
            <th scope="col">Last good backup</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((mailbox) => (
            <MailboxRow key={mailbox.id} mailbox={mailbox} now={now} />
          ))}
        </tbody>
      </table>
      {shown.length < sorted.length && (
        <button type="button" class="bb-link" onClick={() => (expanded.value = true)}>
          Show all {plural(total, 'mailbox', 'mailboxes')}
        </button>
      )}
      {shown.length === sorted.length && unlisted > 0 && (
        <p class="bb-muted">
          {formatCount(mailboxes.length)} of {formatCount(total)} listed; every mailbox with a problem is included.{' '}
          {onShowAllInPortal && (
            <button type="button" class="bb-link" onClick={onShowAllInPortal}>
              See all {formatCount(total)} in the vendor portal
            </button>
          )}
        </p>
      )}
    </div>
  );
}

function MailboxRow({ mailbox, now }: { mailbox: MailboxView; now: number }) {
  const attempts =
    mailbox.health !== 'healthy' && mailbox.attempts !== null ? `Attempt ${mailbox.attempts} of ${mailbox.maxAttempts}` : null;
  return (
    <tr class={`bb-row--${mailbox.health}`}>
      <td>
        <MailboxName mailbox={mailbox} />
      </td>
      <td>
        <Badge tone={HEALTH_TONE[mailbox.health]} title={`Health: ${mailbox.health}`}>
          {mailbox.statusRaw ?? mailbox.status}
        </Badge>
      </td>
      <td>
        <RelativeTime at={mailbox.lastSuccessAt} now={now} />
      </td>
      <td>
        {mailbox.error}
        {mailbox.error && attempts && ' · '}
        {attempts}
      </td>
    </tr>
  );
}

/** The mailbox's name and address; the address once when the vendor gives no separate name. */
export function MailboxName({ mailbox }: { mailbox: Pick<MailboxView, 'displayName' | 'email'> }) {
  if (!mailbox.displayName || mailbox.displayName === mailbox.email) return <span class="bb-mailbox__name">{mailbox.email}</span>;
  return (
    <>
      <span class="bb-mailbox__name">{mailbox.displayName}</span> <span class="bb-muted">{mailbox.email}</span>
    </>
  );
}
