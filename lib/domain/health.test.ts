import { describe, expect, it } from 'vitest';
import type { BackupHistoryDay, Mailbox } from '../vendor/domain';
import { addDays } from './dates';
import {
  type BackupActionRecord, backupStateOf, classifyMailbox, type HealthReason, REASON_PRECEDENCE, retryWindow,
  rollupHealth, sortMailboxesForDisplay, successSeries,
} from './health';
import { ago, ahead, DAY, HOUR, MINUTE, mailbox, NOW } from './test-support';

const timeout = [{ key: 'host', message: 'timeout' }];

describe('classifyMailbox (vendor-api.md §4.4, §5.3)', () => {
  it.each<[string, Partial<Mailbox>, string, HealthReason | null]>([
    ['completed, backed up 3 h ago', {}, 'healthy', null],
    ['running, backed up 3 h ago', { status: 'running' }, 'healthy', null],
    ['completed 47 h ago', { lastSuccessAt: ago(47 * HOUR) }, 'healthy', null],
    ['completed exactly 48 h ago', { lastSuccessAt: ago(48 * HOUR) }, 'healthy', null],
    ['completed 49 h ago: looks fine, is not', { lastSuccessAt: ago(49 * HOUR) }, 'failing', 'STALE_BACKUP'],
    ['completed but reporting errors', { errors: timeout }, 'failing', 'BACKUP_FAILED'],
    ['an unmapped status, recent', { status: 'unknown', statusRaw: 'Exploded' }, 'healthy', null],
    ['an unmapped status, old', { status: 'unknown', lastSuccessAt: ago(3 * DAY) }, 'failing', 'STALE_BACKUP'],
    ['never backed up, added long ago', { lastSuccessAt: null }, 'failing', 'STALE_BACKUP'],
    ['authentication error', { status: 'auth_error', lastSuccessAt: ago(HOUR) }, 'failing', 'AUTH_REQUIRED'],
    ['space full', { status: 'storage_full' }, 'failing', 'STORAGE_FULL'],
    ['failed', { status: 'failed', errors: [{ key: 'mailbox', message: 'Mailbox not found at source' }] }, 'failing', 'BACKUP_FAILED'],
    // transient: still within the vendor's retry window
    ['connection error, 2 attempts, 5 h (Contoso)', { status: 'connection_error', attempts: 2, lastSuccessAt: ago(5 * HOUR), errors: timeout }, 'transient', null],
    ['retrying, attempts unknown', { status: 'retrying', attempts: null, errors: timeout }, 'transient', null],
    ['retrying, 24 of 25', { status: 'retrying', attempts: 24 }, 'transient', null],
    ['preparing a new mailbox', { status: 'preparing', lastSuccessAt: null, addedOn: ago(HOUR) }, 'transient', null],
    ['preparing, nothing known', { status: 'preparing', lastSuccessAt: null, addedOn: null }, 'transient', null],
    // …and past it
    ['retrying, 25 of 25', { status: 'retrying', attempts: 25 }, 'failing', 'BACKUP_FAILED'],
    ['retrying for 3 days (Tailspin)', { status: 'retrying', attempts: 7, lastSuccessAt: ago(3 * DAY + 2 * HOUR), errors: timeout }, 'failing', 'BACKUP_FAILED'],
    ['connection error for 49 h', { status: 'connection_error', lastSuccessAt: ago(49 * HOUR), errors: timeout }, 'failing', 'BACKUP_FAILED'],
    ['preparing for 3 days', { status: 'preparing', lastSuccessAt: null, addedOn: ago(3 * DAY) }, 'failing', 'STALE_BACKUP'],
    // not protected any more
    ['inactive (licence removed at source)', { status: 'inactive', lastSuccessAt: ago(30 * DAY) }, 'inactive', null],
    ['deactivated', { status: 'deactivated' }, 'inactive', null],
    ['deactivated since, whatever the status', { status: 'auth_error', deactivatedSince: ago(DAY) }, 'inactive', null],
  ])('%s → %s %s', (_, fields, health, reason) => {
    expect(classifyMailbox(mailbox(fields), NOW)).toEqual({ health, reason });
  });
});

describe('backupStateOf', () => {
  const action: BackupActionRecord = {
    action: 'backup', id: '9301', name: 'uswest.backup.9301', organizationId: '20230', mailboxId: '9301',
    email: 'ops@tailspintoys.com', statusRaw: 'Retrying', status: 'retrying', errors: timeout, attempts: 7, maxAttempts: 25,
    nextAttemptAt: ahead(30 * MINUTE), lastBackupAt: ago(3 * DAY),
  };

  it('adds the action’s retry counters to the mailbox', () => {
    const box = mailbox({ status: 'completed', lastSuccessAt: ago(3 * DAY), addedOn: ago(100 * DAY) });
    expect(backupStateOf({ mailbox: box, action })).toMatchObject({
      status: 'retrying', attempts: 7, nextAttemptAt: ahead(30 * MINUTE), lastSuccessAt: ago(3 * DAY), addedOn: ago(100 * DAY),
    });
  });

  it('reads the action’s last backup as the last success without the mailbox', () => {
    expect(backupStateOf({ action })).toMatchObject({ lastSuccessAt: ago(3 * DAY), addedOn: null, deactivatedSince: null });
  });

  it('is the mailbox itself without an action', () => {
    const box = mailbox();
    expect(backupStateOf({ mailbox: box, action: null })).toBe(box);
  });
});

describe('rollupHealth', () => {
  const healthy = () => mailbox();
  const transient = (lastSuccessAgo = 5 * HOUR) => mailbox({ status: 'retrying', attempts: 2, lastSuccessAt: ago(lastSuccessAgo) });
  const failingWith: Record<Exclude<HealthReason, 'SEATS_EXCEEDED'>, () => Mailbox> = {
    AUTH_REQUIRED: () => mailbox({ status: 'auth_error', lastSuccessAt: ago(2 * DAY) }),
    STORAGE_FULL: () => mailbox({ status: 'storage_full', lastSuccessAt: ago(DAY) }),
    BACKUP_FAILED: () => mailbox({ status: 'failed', lastSuccessAt: ago(13 * DAY) }),
    STALE_BACKUP: () => mailbox({ lastSuccessAt: ago(4 * DAY) }),
  };

  it('is normal with nothing to report', () => {
    expect(rollupHealth([], NOW)).toEqual({
      status: 'normal', reason: null, since: null, counts: { protected: 0, failing: 0, transient: 0, inactive: 0 },
    });
    expect(rollupHealth([healthy(), healthy(), mailbox({ status: 'inactive' })], NOW, { purchased: 3, used: 3 })).toEqual({
      status: 'normal', reason: null, since: null, counts: { protected: 2, failing: 0, transient: 0, inactive: 1 },
    });
  });

  it('warns about transient states without a reason, since the oldest of them', () => {
    expect(rollupHealth([healthy(), transient(5 * HOUR), transient(9 * HOUR)], NOW)).toEqual({
      status: 'warned', reason: null, since: ago(9 * HOUR), counts: { protected: 1, failing: 0, transient: 2, inactive: 0 },
    });
  });

  it('warns when more seats are used than purchased', () => {
    expect(rollupHealth([healthy()], NOW, { purchased: 23, used: 25 })).toMatchObject({ status: 'warned', reason: 'SEATS_EXCEEDED', since: null });
    expect(rollupHealth([healthy()], NOW, { purchased: null, used: 25 })).toMatchObject({ status: 'normal' });
    expect(rollupHealth([healthy()], NOW, { purchased: 25, used: 25 })).toMatchObject({ status: 'normal' });
  });

  it('is troubled by any failing mailbox, since the oldest last success among them', () => {
    const summary = rollupHealth([healthy(), transient(), failingWith.AUTH_REQUIRED(), failingWith.BACKUP_FAILED()], NOW);
    expect(summary).toEqual({
      status: 'troubled', reason: 'AUTH_REQUIRED', since: ago(13 * DAY), counts: { protected: 1, failing: 2, transient: 1, inactive: 0 },
    });
  });

  // Every pair of reasons: the one earlier in the documented precedence wins.
  const pairs = REASON_PRECEDENCE.flatMap((a, i) => REASON_PRECEDENCE.slice(i + 1).map((b) => [a, b] as const));
  it.each(pairs)('%s outranks %s', (first, second) => {
    const build = (reason: HealthReason) => (reason === 'SEATS_EXCEEDED' ? [] : [failingWith[reason]()]);
    const seats = [first, second].includes('SEATS_EXCEEDED') ? { purchased: 1, used: 2 } : null;
    expect(rollupHealth([...build(second), ...build(first)], NOW, seats).reason).toBe(first);
  });

  it('counts 1,000 mailboxes, each in exactly one bucket', () => {
    const boxes = Array.from({ length: 1000 }, (_, i) =>
      i % 100 === 0 ? failingWith.AUTH_REQUIRED() : i % 50 === 0 ? transient() : i % 25 === 0 ? mailbox({ status: 'inactive' }) : healthy());
    const { counts } = rollupHealth(boxes, NOW);
    expect(counts).toEqual({ protected: 960, failing: 10, transient: 10, inactive: 20 });
  });
});

describe('sortMailboxesForDisplay', () => {
  const rows = [
    mailbox({ id: 'a', email: 'zed@x.com' }), // healthy, 3 h
    mailbox({ id: 'b', email: 'amy@x.com', lastSuccessAt: ago(10 * HOUR) }), // healthy, older
    mailbox({ id: 'c', email: 'bob@x.com', status: 'retrying', attempts: 3, lastSuccessAt: ago(6 * HOUR) }), // transient
    mailbox({ id: 'd', email: 'cat@x.com', status: 'auth_error', lastSuccessAt: ago(2 * DAY) }), // failing
    mailbox({ id: 'e', email: 'dan@x.com', status: 'failed', lastSuccessAt: ago(13 * DAY) }), // failing, older
    mailbox({ id: 'f', email: 'eve@x.com', status: 'inactive', lastSuccessAt: ago(40 * DAY) }), // inactive
    mailbox({ id: 'g', email: 'Abe@x.com', lastSuccessAt: ago(10 * HOUR) }), // healthy, same age as b
    mailbox({ id: 'h', email: 'new@x.com', status: 'preparing', lastSuccessAt: null, addedOn: ago(HOUR) }), // transient, never backed up
  ];

  it('puts failing first, then transient, then by oldest success, then e-mail', () => {
    expect(sortMailboxesForDisplay(rows, NOW).map((m) => m.id)).toEqual(['e', 'd', 'h', 'c', 'g', 'b', 'a', 'f']);
  });

  it('gives the same order for any input order and leaves the input alone', () => {
    const before = rows.map((m) => m.id);
    for (let shift = 1; shift < rows.length; shift++) {
      const rotated = [...rows.slice(shift), ...rows.slice(0, shift)];
      expect(sortMailboxesForDisplay(rotated, NOW).map((m) => m.id)).toEqual(['e', 'd', 'h', 'c', 'g', 'b', 'a', 'f']);
    }
    expect(rows.map((m) => m.id)).toEqual(before);
  });

  it('sorts 1,000 mailboxes', () => {
    const many = Array.from({ length: 1000 }, (_, i) => mailbox({
      id: String(i), email: `u${i}@x.com`, lastSuccessAt: ago((i % 40) * HOUR), status: i % 97 === 0 ? 'auth_error' : 'completed',
    }));
    const sorted = sortMailboxesForDisplay(many, NOW);
    expect(sorted).toHaveLength(1000);
    expect(sorted.slice(0, 11).every((m) => m.status === 'auth_error')).toBe(true);
  });
});

describe('retryWindow (30 min × 25, vendor-api.md §1.6)', () => {
  it('derives the window from the vendor schedule (the Tailspin scenario)', () => {
    const state = mailbox({ status: 'retrying', attempts: 7, nextAttemptAt: ahead(30 * MINUTE) });
    expect(retryWindow(state, NOW)).toEqual({
      active: true, attempts: 7, maxAttempts: 25, remaining: 18, exhausted: false, nextAttemptAt: ahead(30 * MINUTE),
      startedAt: ago(3.5 * HOUR), endsAt: ahead(9 * HOUR), basis: 'vendor-schedule',
    });
  });

  it('lasts 25 × 30 min from the failure, whatever the attempt count', () => {
    for (let attempts = 0; attempts < 25; attempts++) {
      const window = retryWindow(mailbox({ status: 'retrying', attempts, nextAttemptAt: ahead(10 * MINUTE) }), NOW);
      expect(Date.parse(window.endsAt as string) - Date.parse(window.startedAt as string)).toBe(25 * 30 * MINUTE);
    }
  });

  it('estimates from the attempt count when the vendor gives no schedule', () => {
    expect(retryWindow(mailbox({ status: 'auth_error', attempts: 3 }), NOW)).toMatchObject({
      active: true, remaining: 22, nextAttemptAt: null, startedAt: ago(2 * HOUR), endsAt: ahead(10.5 * HOUR), basis: 'estimated',
    });
  });

  it('is over once the attempts are used up (the Adatum scenario)', () => {
    expect(retryWindow(mailbox({ status: 'failed', attempts: 25, nextAttemptAt: ahead(MINUTE) }), NOW)).toEqual({
      active: false, attempts: 25, maxAttempts: 25, remaining: 0, exhausted: true, nextAttemptAt: null,
      startedAt: null, endsAt: null, basis: 'ended',
    });
  });

  it('says nothing it cannot know', () => {
    expect(retryWindow(mailbox({ status: 'retrying', attempts: null, nextAttemptAt: ahead(MINUTE) }), NOW)).toMatchObject({
      active: true, attempts: null, remaining: null, exhausted: false, startedAt: null, endsAt: null, basis: 'unknown',
    });
  });

  it('is not active for a status the vendor does not retry', () => {
    expect(retryWindow(mailbox({ status: 'completed', attempts: 0 }), NOW).active).toBe(false);
    expect(retryWindow(mailbox({ status: 'storage_full', attempts: 1 }), NOW).active).toBe(false);
  });
});

describe('successSeries', () => {
  const day = (date: string, total: number, succeeded: number): BackupHistoryDay => ({ date, total, succeeded, failed: total - succeeded });

  it('gives 14 UTC days ending today, oldest first, with gaps as null', () => {
    const series = successSeries([day('2025-05-15', 12, 11), day('2025-05-10', 12, 12), day('2025-05-02', 10, 5)], NOW);
    expect(series).toHaveLength(14);
    expect(series[0]).toEqual({ date: '2025-05-02', total: 10, succeeded: 5, failed: 5, ratio: 0.5 });
    expect(series[13]).toEqual({ date: '2025-05-15', total: 12, succeeded: 11, failed: 1, ratio: 11 / 12 });
    expect(series[8]).toEqual({ date: '2025-05-10', total: 12, succeeded: 12, failed: 0, ratio: 1 });
    expect(series[1]).toEqual({ date: '2025-05-03', total: null, succeeded: null, failed: null, ratio: null });
  });

  it('adds up several entries for one day, ignores days outside the window, and has no ratio when nothing ran', () => {
    const series = successSeries([day('2025-05-15', 4, 4), day('2025-05-15', 6, 3), day('2025-04-01', 9, 9), day('2025-05-16', 9, 0), day('2025-05-14', 0, 0)], NOW, 3);
    expect(series).toEqual([
      { date: '2025-05-13', total: null, succeeded: null, failed: null, ratio: null },
      { date: '2025-05-14', total: 0, succeeded: 0, failed: 0, ratio: null },
      { date: '2025-05-15', total: 10, succeeded: 7, failed: 3, ratio: 0.7 },
    ]);
  });

  it('always gives exactly N consecutive days ending on today (UTC)', () => {
    const nows = ['2025-01-01T00:00:00Z', '2024-02-29T23:59:59.999Z', '2025-03-31T00:30:00Z', '2025-12-31T12:00:00Z'];
    for (const now of nows) {
      for (const n of [1, 2, 7, 14, 30, 45]) {
        const series = successSeries([], new Date(now), n);
        expect(series).toHaveLength(n);
        expect(series[n - 1]?.date).toBe(now.slice(0, 10));
        series.forEach((entry, i) => i > 0 && expect(entry.date).toBe(addDays(series[i - 1]?.date as string, 1)));
      }
    }
  });

  it.each([0, -1, 2.5, Number.NaN])('refuses %d days', (n) => expect(() => successSeries([], NOW, n)).toThrow(RangeError));
});
