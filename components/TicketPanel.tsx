import type { TicketView } from '../lib/messages/panels';
import { Badge } from './Badge';
import { FixBackup } from './FixBackup';
import { MailboxName } from './MailboxTable';
import { formatWhen } from './format';
import type { PanelBodyProps } from './panel-types';
import { RelativeTime } from './RelativeTime';
import { HEALTH_TONE } from './words';

type RetryWindow = NonNullable<NonNullable<TicketView['backup']>['retryWindow']>;

/** The Service Ticket screen: what failed for which mailbox, the vendor's retries, and the fix. */
export function TicketPanel({ view, now, onAction }: PanelBodyProps<TicketView>) {
  const { ticket, backup } = view;
  if (!backup) return <p class="bb-muted">Not a backup ticket.</p>;
  const { mailbox, retryWindow } = backup;
  return (
    <div class="bb-ticket">
      <dl class="bb-facts">
        <dt>Mailbox</dt>
        <dd>
          {mailbox ? (
            <>
              <MailboxName mailbox={mailbox} />{' '}
              <Badge tone={HEALTH_TONE[mailbox.health]}>{mailbox.statusRaw ?? mailbox.status}</Badge>
            </>
          ) : (
            <span class="bb-muted">Not found at the vendor</span>
          )}
        </dd>
        <dt>Action</dt>
        <dd>
          {backup.action}
          {backup.tenant && <span class="bb-muted"> · {backup.tenant.name}</span>}
        </dd>
        {mailbox?.error && (
          <>
            <dt>Vendor error</dt>
            <dd class="bb-error">{mailbox.error}</dd>
          </>
        )}
        {mailbox && (
          <>
            <dt>Last good backup</dt>
            <dd>
              <RelativeTime at={mailbox.lastSuccessAt} now={now} />
            </dd>
          </>
        )}
        {retryWindow && <RetryFacts retry={retryWindow} fallbackAttempts={mailbox?.attempts ?? null} now={now} />}
      </dl>
      {ticket.closed && <p class="bb-muted">This ticket is closed ({ticket.status}).</p>}
      <FixBackup ticketId={ticket.id} plan={backup.plan} fix={backup.fix} ticketClosed={ticket.closed} now={now} onAction={onAction} />
    </div>
  );
}

/** "7 of 25", and when the vendor tries next and gives up. */
function RetryFacts({ retry, fallbackAttempts, now }: { retry: RetryWindow; fallbackAttempts: number | null; now: number }) {
  const attempts = retry.attempts ?? fallbackAttempts;
  const exhausted = attempts !== null && attempts >= retry.maxAttempts;
  return (
    <>
      <dt>Attempts</dt>
      <dd class={exhausted ? 'bb-error' : undefined}>
        {attempts === null ? 'unknown' : `${attempts} of ${retry.maxAttempts}`}
        {exhausted && ' — the vendor has stopped retrying'}
      </dd>
      {(retry.nextAttemptAt || retry.endsAt) && (
        <>
          <dt>Retry window</dt>
          <dd>
            {retry.nextAttemptAt && (
              <>
                next automatic attempt at {formatWhen(retry.nextAttemptAt, now)} (<RelativeTime at={retry.nextAttemptAt} now={now} />)
              </>
            )}
            {retry.nextAttemptAt && retry.endsAt && '; '}
            {retry.endsAt && (
              <>
                window ends {formatWhen(retry.endsAt, now)} (<RelativeTime at={retry.endsAt} now={now} />)
              </>
            )}
          </dd>
        </>
      )}
    </>
  );
}
