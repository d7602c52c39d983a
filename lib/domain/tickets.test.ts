import { describe, expect, it } from 'vitest';
import { MAILBOX_STATUSES, type Mailbox } from '../vendor/domain';
import type { TicketLike } from './records';
import { ago, ahead, DAY, HOUR, MINUTE, mailbox, NOW } from './test-support';
import { decideTicket, dedupeKey, isBackupTicket, type TicketDecision, type TicketSituation } from './tickets';

const TYPE = 'dropsuite_mailbox_actions';

describe('dedupeKey', () => {
  it.each([
    [['uswest', 'backup', '9201'], 'uswest.backup.9201'],
    [[' USWest ', 'restore', '77'], 'uswest.restore.77'],
    [['eu-1', 'download', '5'], 'eu-1.download.5'],
  ] as const)('%j → %s', ([region, action, id], expected) => expect(dedupeKey(region, action, id)).toBe(expected));

  it('is the externalXRef the integration writes, within its 100 characters', () => {
    expect(dedupeKey('uswest', 'backup', '9'.repeat(86))).toHaveLength(100);
    expect(() => dedupeKey('uswest', 'backup', '9'.repeat(87))).toThrow(RangeError);
  });
});

describe('isBackupTicket', () => {
  const ticket = (fields: Partial<TicketLike> = {}): TicketLike => ({ id: 123456, summary: 'Dropsuite backup error: jane.doe@fabrikamlegal.com (Authentication Error)', externalXRef: null, ...fields });
  const actionConfig = (name: string, typeName: string | undefined = TYPE) => ({ name, type: typeName === undefined ? null : { id: 5, name: typeName } });

  it.each<[string, TicketLike, Array<{ name: string; type: { id: number; name: string } | null }>, object | null]>([
    ['configuration and externalXRef agree (the seeded tickets)', ticket({ externalXRef: 'uswest.backup.9201' }), [actionConfig('uswest.backup.9201')],
      { region: 'uswest', action: 'backup', id: '9201', via: ['configuration', 'externalXRef'], conflicting: false }],
    ['the configuration alone, type in other case', ticket(), [actionConfig('USWEST.Backup.9201', 'Dropsuite_Mailbox_Actions')],
      { action: 'backup', id: '9201', via: ['configuration'] }],
    ['a configuration whose type is not given', ticket(), [actionConfig('uswest.archive.12', undefined)],
      { action: 'archive', id: '12', via: ['configuration'] }],
    ['the externalXRef alone', ticket({ externalXRef: ' uswest.backup.9301 ' }), [], { id: '9301', via: ['externalXRef'] }],
    ['an action name in the summary', ticket({ summary: 'Restore failed for uswest.restore.77.' }), [], { action: 'restore', id: '77', via: ['summary'] }],
    ['a configuration of another type does not count', ticket(), [actionConfig('uswest.backup.1', 'Workstation')], null],
    ['another region is not ours', ticket({ externalXRef: 'euwest.backup.9201' }), [actionConfig('euwest.backup.9201')], null],
    ['a tenant link is not an action', ticket(), [actionConfig('uswest.tenant.20114')], null],
    ['a summary without an action name', ticket(), [], null],
    ['an ordinary ticket', { id: 123459, summary: 'Printer offline' }, [actionConfig('BLUELIGH-WKS-01', 'Workstation')], null],
    ['a name inside a longer token is not one', ticket({ summary: 'see xuswest.backup.9201x and uswest.backup.9201.5' }), [], null],
    ['evidence that disagrees: the configuration wins, flagged', ticket({ externalXRef: 'uswest.backup.9300', summary: 'uswest.backup.9201' }),
      [actionConfig('uswest.backup.9201')], { id: '9201', via: ['configuration', 'summary'], conflicting: true }],
  ])('%s', (_, subject, configurations, expected) => {
    const match = isBackupTicket(subject, configurations, 'uswest', TYPE);
    if (expected === null) expect(match).toBeNull();
    else expect(match).toMatchObject(expected);
  });
});

describe('decideTicket', () => {
  const open: TicketLike = { id: 500, externalXRef: 'uswest.backup.9201' };
  const closedAgo = (ms: number | null): TicketLike => ({ id: 400, externalXRef: 'uswest.backup.9201', closedDate: ms === null ? null : ago(ms) });
  const situation = (state: Partial<Mailbox>, fields: Partial<TicketSituation> = {}): TicketSituation => ({
    state: mailbox(state), openTicket: null, recentlyClosedTicket: null, now: NOW, options: { reopenWithinDays: 7 }, ...fields,
  });
  const authError = { status: 'auth_error', attempts: 3, lastSuccessAt: ago(2 * DAY + 4 * HOUR) } as const;
  const throttled = { status: 'connection_error', attempts: 2, nextAttemptAt: ahead(30 * MINUTE), lastSuccessAt: ago(5 * HOUR) } as const;

  it.each<[string, TicketSituation, TicketDecision]>([
    // recovered (seed 000: closed automatically once the action completes)
    ['completed again, ticket open → close', situation({}, { openTicket: open }), { kind: 'close', reason: 'recovered', ticketId: 500 }],
    ['completed, no ticket', situation({}), { kind: 'none', reason: 'recovered', ticketId: null }],
    ['running after a fix: keep until it completes', situation({ status: 'running' }, { openTicket: open }), { kind: 'keep', reason: 'healthy', ticketId: 500 }],
    ['running, no ticket', situation({ status: 'running' }), { kind: 'none', reason: 'healthy', ticketId: null }],
    ['inactive: nothing to back up any more', situation({ status: 'inactive' }, { openTicket: open }), { kind: 'close', reason: 'no-longer-protected', ticketId: 500 }],
    ['deactivated, no ticket', situation({ status: 'deactivated' }), { kind: 'none', reason: 'no-longer-protected', ticketId: null }],
    // failing
    ['authentication error, no ticket → open', situation(authError), { kind: 'open', reason: 'failing', ticketId: null }],
    ['authentication error, ticket open → keep (no duplicate)', situation(authError, { openTicket: open, recentlyClosedTicket: closedAgo(DAY) }), { kind: 'keep', reason: 'failing', ticketId: 500 }],
    ['closed 3 days ago → reopen it', situation(authError, { recentlyClosedTicket: closedAgo(3 * DAY) }), { kind: 'reopen', reason: 'failing', ticketId: 400 }],
    ['closed exactly 7 days ago → reopen it', situation(authError, { recentlyClosedTicket: closedAgo(7 * DAY) }), { kind: 'reopen', reason: 'failing', ticketId: 400 }],
    ['closed 30 days ago → a new one', situation(authError, { recentlyClosedTicket: closedAgo(30 * DAY) }), { kind: 'open', reason: 'failing', ticketId: null }],
    ['closed, date unknown → a new one', situation(authError, { recentlyClosedTicket: closedAgo(null) }), { kind: 'open', reason: 'failing', ticketId: null }],
    ['space full', situation({ status: 'storage_full' }), { kind: 'open', reason: 'failing', ticketId: null }],
    ['completed but nothing for 3 days', situation({ lastSuccessAt: ago(3 * DAY) }), { kind: 'open', reason: 'failing', ticketId: null }],
    // exhausted (seed 000: cancelled when the retries are exceeded)
    ['25 of 25, ticket open → cancel (Adatum)', situation({ status: 'failed', attempts: 25 }, { openTicket: open }), { kind: 'cancel', reason: 'retries-exhausted', ticketId: 500 }],
    ['retrying 25 of 25, ticket open → cancel', situation({ status: 'retrying', attempts: 25 }, { openTicket: open }), { kind: 'cancel', reason: 'retries-exhausted', ticketId: 500 }],
    ['25 of 25, no ticket → nothing new', situation({ status: 'failed', attempts: 25 }, { recentlyClosedTicket: closedAgo(DAY) }), { kind: 'none', reason: 'retries-exhausted', ticketId: null }],
    // transient (vendor-api.md §5.7: suppress until it outlasts the retry window)
    ['throttled for 1.5 h (Contoso) → suppressed', situation(throttled), { kind: 'none', reason: 'transient-suppressed', ticketId: null }],
    ['throttled, ticket already open → keep', situation(throttled, { openTicket: open }), { kind: 'keep', reason: 'transient-suppressed', ticketId: 500 }],
    ['throttled for 1 h, allowance of 30 min → open', situation(throttled, { options: { reopenWithinDays: 7, suppressTransientFor: 30 * MINUTE } }), { kind: 'open', reason: 'transient-outlasted', ticketId: null }],
    ['retrying, no counters, last success 13 h ago → open', situation({ status: 'retrying', lastSuccessAt: ago(13 * HOUR) }), { kind: 'open', reason: 'transient-outlasted', ticketId: null }],
    ['retrying, no counters, last success 12 h ago → suppressed', situation({ status: 'retrying', lastSuccessAt: ago(12 * HOUR) }), { kind: 'none', reason: 'transient-suppressed', ticketId: null }],
    ['outlasted, closed yesterday → reopen', situation({ status: 'retrying', lastSuccessAt: ago(13 * HOUR) }, { recentlyClosedTicket: closedAgo(DAY) }), { kind: 'reopen', reason: 'transient-outlasted', ticketId: 400 }],
    ['preparing, nothing known → suppressed', situation({ status: 'preparing', lastSuccessAt: null, addedOn: null }), { kind: 'none', reason: 'transient-suppressed', ticketId: null }],
  ])('%s', (_, subject, expected) => expect(decideTicket(subject)).toEqual(expected));

  it('never opens a second ticket, and names a ticket exactly when it acts on one', () => {
    const lastSuccesses = [null, ago(HOUR), ago(13 * HOUR), ago(3 * DAY)];
    const attemptCounts = [null, 0, 7, 24, 25];
    const tickets = [null, open];
    const closed = [null, closedAgo(DAY), closedAgo(60 * DAY)];
    let checked = 0;
    for (const status of MAILBOX_STATUSES) {
      for (const lastSuccessAt of lastSuccesses) {
        for (const attempts of attemptCounts) {
          for (const openTicket of tickets) {
            for (const recentlyClosedTicket of closed) {
              const decision = decideTicket(situation({ status, lastSuccessAt, attempts, errors: [] }, { openTicket, recentlyClosedTicket }));
              if (openTicket) expect(['keep', 'close', 'cancel', 'none']).toContain(decision.kind);
              if (decision.kind === 'reopen') expect(decision.ticketId).toBe(recentlyClosedTicket?.id);
              if (['keep', 'close', 'cancel'].includes(decision.kind)) expect(decision.ticketId).toBe(openTicket?.id);
              if (decision.kind === 'open' || decision.kind === 'none') expect(decision.ticketId).toBeNull();
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBe(MAILBOX_STATUSES.length * 4 * 5 * 2 * 3);
  });
});
