import type { ComponentChildren } from 'preact';
import type { AppErrorData } from '../lib/errors';
import type { ConnectionState, PopupStatus as Status } from '../lib/messages/popup';
import { ErrorMessage } from './ErrorMessage';
import { formatCount, formatWhen, plural } from './format';
import { RelativeTime } from './RelativeTime';

export type SetupSection = 'manage' | 'vendor';

export interface PopupStatusProps {
  status: Status | null;
  /** The status itself could not be fetched. */
  error: AppErrorData | null;
  /** A request for the status is under way. */
  loading: boolean;
  now: number;
  onRefresh(): void;
  /** Open a Manage screen (every row links to where to act). */
  onOpen(url: string): void;
  onOpenSetup(section?: SetupSection): void;
}

/** The popup: both connections, when the figures were computed, and what needs a technician. */
export function PopupStatus({ status, error, loading, now, onRefresh, onOpen, onOpenSetup }: PopupStatusProps) {
  const notSetUp = status !== null && status.manage.state === 'not-configured' && status.vendor.state === 'not-configured';
  return (
    <main class="bb-popup">
      <header class="bb-popup__header">
        <h1>Backup Bridge</h1>
        {!notSetUp && (
          <button type="button" class="bb-button" aria-disabled={loading} onClick={loading ? undefined : onRefresh}>
            {loading ? 'Refreshing…' : 'Refresh'}
          </button>
        )}
      </header>
      {error && <ErrorMessage error={error} />}
      {!status && loading && (
        <p class="bb-muted" role="status">
          Checking the connections…
        </p>
      )}
      {notSetUp && (
        <div class="bb-card">
          <p>Backup Bridge is not set up yet. Connect ConnectWise Manage and your backup vendor to see backup health here.</p>
          <button type="button" class="bb-button bb-button--primary" onClick={() => onOpenSetup()}>
            Open set-up
          </button>
        </div>
      )}
      {status && (
        <ul class="bb-connections">
          <Connection name="ConnectWise Manage" state={status.manage} onFix={() => onOpenSetup('manage')} />
          <Connection name="Backup vendor" state={status.vendor} onFix={() => onOpenSetup('vendor')} />
        </ul>
      )}
      {status && !notSetUp && (
        <>
          <p class="bb-muted" role="status">
            {status.refreshing ? (
              'Refreshing…'
            ) : status.refreshedAt ? (
              <>
                Last refresh {formatWhen(status.refreshedAt, now)} (<RelativeTime at={status.refreshedAt} now={now} />)
              </>
            ) : (
              'Not refreshed yet.'
            )}
          </p>
          <Counts status={status} onOpen={onOpen} />
        </>
      )}
    </main>
  );
}

function Connection({ name, state, onFix }: { name: string; state: ConnectionState; onFix(): void }) {
  const words = { ok: 'connected', error: 'not working', 'not-configured': 'not configured' }[state.state];
  return (
    <li class={`bb-connection bb-connection--${state.state}`}>
      <span class="bb-connection__name">
        {name}: {words}
      </span>{' '}
      {state.state !== 'ok' && (
        <button type="button" class="bb-link" onClick={onFix}>
          {state.state === 'error' ? 'Fix' : 'Set up'}
        </button>
      )}
      {state.error && (
        <div class="bb-connection__error">
          <p>{state.error.message}</p>
          {state.error.hint && <p class="bb-muted">{state.error.hint}</p>}
        </div>
      )}
    </li>
  );
}

function Counts({ status, onOpen }: { status: Status; onOpen(url: string): void }) {
  const { counts } = status;
  const link = (url: string, children: ComponentChildren) => (
    <a
      href={url}
      onClick={(event) => {
        event.preventDefault();
        onOpen(url);
      }}
    >
      {children}
    </a>
  );
  return (
    <div class="bb-counts">
      <Count what="Linked tenants" count={counts.linkedTenants} label={(n) => plural(n, 'linked tenant')} listed={status.tenants.length}>
        {status.tenants.map((row) => (
          <li key={row.url}>
            {link(row.url, row.orgName)} <span class="bb-muted">{row.companyName} · {row.state}</span>
          </li>
        ))}
      </Count>
      <Count what="Agreements with seat drift" count={counts.agreementsWithDrift} label={(n) => `${plural(n, 'agreement')} with seat drift`} listed={status.drift.length}>
        {status.drift.map((row) => (
          <li key={row.url}>
            {link(row.url, row.companyName)}{' '}
            <span class="bb-muted">
              {row.orgName}: billed {row.billed === null ? '—' : formatCount(row.billed)}, should be {row.target === null ? '—' : formatCount(row.target)}
            </span>
          </li>
        ))}
      </Count>
      <Count what="Failing mailboxes" count={counts.failingMailboxes} label={(n) => `${plural(n, 'failing mailbox', 'failing mailboxes')}`} listed={status.failing.length}>
        {status.failing.map((row) => (
          <li key={`${row.url} ${row.email}`}>
            {link(row.url, row.email)} <span class="bb-muted">{row.status} · {row.companyName}</span>
          </li>
        ))}
      </Count>
      <Count what="Open backup tickets" count={counts.openBackupTickets} label={(n) => plural(n, 'open backup ticket')} listed={status.tickets.length}>
        {status.tickets.map((row) => (
          <li key={row.url}>
            {link(row.url, `#${row.ticketId}`)} {row.summary} <span class="bb-muted">{row.companyName}</span>
          </li>
        ))}
      </Count>
    </div>
  );
}

/** A count that opens to its rows; a zero is a plain line; an unknown count says so. */
function Count(props: { count: number | null; label(n: number): string; what: string; listed: number; children: ComponentChildren }) {
  const { count, label, what, listed, children } = props;
  if (count === null) return <p class="bb-count bb-count--unknown">{what}: unknown until the connection above works again</p>;
  if (count === 0) return <p class="bb-count bb-count--none">{label(0)}</p>;
  return (
    <details class="bb-count">
      <summary>{label(count)}</summary>
      <ul class="bb-list">{children}</ul>
      {count > listed && <p class="bb-muted">and {formatCount(count - listed)} more</p>}
    </details>
  );
}
