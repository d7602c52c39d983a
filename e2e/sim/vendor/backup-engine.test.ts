import { describe, expect, it } from 'vitest';
import { DAY } from '../world';
import { HOUR, itemsOf, MB, MINUTE, ORG, T0, vendorHarness, type Harness } from './testkit';

const h = vendorHarness();
const isoAt = (ms: number) => new Date(ms).toISOString();

/** The SIMULATOR-ONLY backup action record: status plus retry counters. */
async function backupOf(harness: Harness, accountId: number, org: number) {
  const answer = await harness.get(`/actions/backup/${accountId}`, org);
  expect(answer.status).toBe(200);
  return answer.json;
}

/** The account exactly as `/accounts` serves it. */
async function accountOf(harness: Harness, accountId: number, org: number) {
  const accounts = itemsOf((await harness.get('/accounts?per_page=500', org)).json) as Array<Record<string, unknown> & { id: number }>;
  const account = accounts.find((a) => a.id === accountId);
  if (!account) throw new Error(`account ${accountId} not listed`);
  return account;
}

describe('automatic retries every 30 minutes (Sherweb catalogue)', () => {
  it('makes one attempt per 30 simulated minutes, not before', async () => {
    expect(await backupOf(h, MB.tailspinOps, ORG.tailspin)).toMatchObject({
      attempts: 7, max_attempts: 25, current_backup_status: 'Retrying', next_attempt_at: isoAt(T0 + 30 * MINUTE),
    });
    h.advance(29 * MINUTE);
    expect((await backupOf(h, MB.tailspinOps, ORG.tailspin)).attempts).toBe(7);
    h.advance(MINUTE);
    expect(await backupOf(h, MB.tailspinOps, ORG.tailspin)).toMatchObject({
      attempts: 8, current_backup_status: 'Retrying', next_attempt_at: isoAt(T0 + 60 * MINUTE), errors: { host: 'timeout' },
    });
    h.advance(60 * MINUTE);
    expect((await backupOf(h, MB.tailspinOps, ORG.tailspin)).attempts).toBe(10);
  });

  it('gives up after attempt 25: "Failed", and stays there', async () => {
    h.advance(18 * 30 * MINUTE - 1);
    expect(await backupOf(h, MB.tailspinOps, ORG.tailspin)).toMatchObject({ attempts: 24, current_backup_status: 'Retrying' });
    h.advance(1);
    expect(await backupOf(h, MB.tailspinOps, ORG.tailspin)).toMatchObject({
      attempts: 25, current_backup_status: 'Failed', status: 'failed', next_attempt_at: null,
    });
    h.advance(3 * DAY);
    expect(await backupOf(h, MB.tailspinOps, ORG.tailspin)).toMatchObject({ attempts: 25, current_backup_status: 'Failed' });
  });

  it('never moves last_backup of a failing mailbox', async () => {
    const before = (await accountOf(h, MB.tailspinOps, ORG.tailspin)).last_backup;
    h.advance(2 * DAY);
    expect((await accountOf(h, MB.tailspinOps, ORG.tailspin)).last_backup).toBe(before);
  });

  it('recovers a "retry" mailbox at its next attempt: Completed, errors cleared, attempts reset', async () => {
    h.advance(30 * MINUTE);
    const account = await accountOf(h, MB.contosoFrontDesk, ORG.contoso);
    expect(account).toMatchObject({ current_backup_status: 'Completed', errors: {}, last_backup: isoAt(T0 + 30 * MINUTE) });
    expect(await backupOf(h, MB.contosoFrontDesk, ORG.contoso)).toMatchObject({ attempts: 0, next_attempt_at: null });
    expect(itemsOf((await h.get('/accounts/connection_failures', ORG.contoso)).json)).toEqual([]);
  });

  it('keeps a "reauthorize" mailbox on Authentication Error until it is re-authorised', async () => {
    h.advance(30 * MINUTE);
    expect(await backupOf(h, MB.fabrikamJane, ORG.fabrikam)).toMatchObject({ attempts: 4, current_backup_status: 'Authentication Error' });
    h.advance(21 * 30 * MINUTE);
    expect(await backupOf(h, MB.fabrikamJane, ORG.fabrikam)).toMatchObject({ attempts: 25, current_backup_status: 'Failed' });
    expect((await accountOf(h, MB.fabrikamJane, ORG.fabrikam)).errors).toEqual({
      auth: 'AADSTS700082: The refresh token has expired due to inactivity.',
    });
  });

  it('leaves an exhausted mailbox alone', async () => {
    const before = await backupOf(h, MB.adatumArchive, ORG.adatum);
    expect(before).toMatchObject({ attempts: 25, current_backup_status: 'Failed', next_attempt_at: null });
    h.advance(7 * DAY);
    expect(await backupOf(h, MB.adatumArchive, ORG.adatum)).toEqual({ ...before });
  });
});

describe('healthy mailboxes back up every 6 hours', () => {
  it('advances last_backup on schedule', async () => {
    expect((await accountOf(h, MB.blueLightGordon, ORG.blueLight)).last_backup).toBe(isoAt(T0 - 3 * HOUR));
    h.advance(3 * HOUR);
    expect((await accountOf(h, MB.blueLightGordon, ORG.blueLight)).last_backup).toBe(isoAt(T0 + 3 * HOUR));
    h.advance(6 * HOUR);
    expect((await accountOf(h, MB.blueLightGordon, ORG.blueLight)).last_backup).toBe(isoAt(T0 + 9 * HOUR));
    h.advance(10 * DAY);
    expect(Date.parse(String((await accountOf(h, MB.blueLightGordon, ORG.blueLight)).last_backup))).toBeGreaterThan(T0 + 10 * DAY + 2 * HOUR);
  });

  it('shows "Running" for the 10 minutes before a backup completes', async () => {
    h.advance(3 * HOUR - 11 * MINUTE);
    expect((await accountOf(h, MB.blueLightGordon, ORG.blueLight)).current_backup_status).toBe('Completed');
    h.advance(2 * MINUTE);
    expect(await accountOf(h, MB.blueLightGordon, ORG.blueLight)).toMatchObject({
      current_backup_status: 'Running', last_backup: isoAt(T0 - 3 * HOUR),
    });
    h.advance(9 * MINUTE);
    expect(await accountOf(h, MB.blueLightGordon, ORG.blueLight)).toMatchObject({
      current_backup_status: 'Completed', last_backup: isoAt(T0 + 3 * HOUR),
    });
  });

  it('never shows "Running" when the run window is set to 0', async () => {
    await h.admin('POST', 'settings', { backupRunMs: 0 });
    h.advance(3 * HOUR - 5 * MINUTE);
    expect((await accountOf(h, MB.blueLightGordon, ORG.blueLight)).current_backup_status).toBe('Completed');
  });

  it('has nobody mid-backup at the seeding instant', async () => {
    for (const org of Object.values(ORG)) {
      for (const a of itemsOf((await h.get('/accounts?per_page=500', org)).json) as Array<{ current_backup_status: string }>) {
        expect(a.current_backup_status).not.toBe('Running');
      }
    }
  });

  it('keep backing up while the organisation is suspended', async () => {
    const first = (await h.get('/accounts', ORG.proseware)).json.result_set[0];
    h.advance(6 * HOUR);
    const later = (await h.get('/accounts', ORG.proseware)).json.result_set[0];
    expect(Date.parse(later.last_backup) - Date.parse(first.last_backup)).toBe(6 * HOUR);
  });

  it('stop when the organisation is unsubscribed', async () => {
    const lastBackups = async () => (await h.get('/accounts', ORG.litware)).json.result_set.map((a: { last_backup: string }) => a.last_backup);
    const before = await lastBackups();
    h.advance(2 * DAY);
    expect(await lastBackups()).toEqual(before);
  });
});

describe('unsubscribing pauses retries; reactivating resumes them', () => {
  it('freezes the attempt counter while unsubscribed', async () => {
    await h.post('/users/20230/unsubscribe');
    h.advance(5 * HOUR);
    expect(await backupOf(h, MB.tailspinOps, ORG.tailspin)).toMatchObject({ attempts: 7, next_attempt_at: null });
    await h.post('/users/20230/reactivate');
    expect((await backupOf(h, MB.tailspinOps, ORG.tailspin)).next_attempt_at).toBe(isoAt(T0 + 5 * HOUR + 30 * MINUTE));
    h.advance(30 * MINUTE);
    expect((await backupOf(h, MB.tailspinOps, ORG.tailspin)).attempts).toBe(8);
  });

  it('restarts healthy schedules from the reactivation', async () => {
    await h.post('/users/5979/unsubscribe');
    h.advance(2 * DAY);
    expect((await accountOf(h, MB.blueLightGordon, ORG.blueLight)).last_backup).toBe(isoAt(T0 - 3 * HOUR));
    await h.post('/users/5979/reactivate');
    h.advance(6 * HOUR);
    expect((await accountOf(h, MB.blueLightGordon, ORG.blueLight)).last_backup).toBe(isoAt(T0 + 2 * DAY + 6 * HOUR));
  });
});

describe('the stale last_backup fault', () => {
  it('ages healthy mailboxes\' last_backup while their status still says Completed', async () => {
    await h.admin('POST', 'faults', { staleLastBackupHours: 72 });
    expect(await accountOf(h, MB.blueLightGordon, ORG.blueLight)).toMatchObject({
      current_backup_status: 'Completed', last_backup: isoAt(T0 - 75 * HOUR),
    });
    // A failing mailbox's last backup is already the truth.
    expect((await accountOf(h, MB.fabrikamJane, ORG.fabrikam)).last_backup).toBe(isoAt(T0 - 2 * DAY - 4 * HOUR));
  });
});

describe('determinism', () => {
  it('gives the same world for one long step or many short ones', async () => {
    const snapshot = async () => {
      const parts = [];
      for (const org of [ORG.contoso, ORG.fabrikam, ORG.tailspin, ORG.adatum, ORG.blueLight]) {
        parts.push((await h.get('/accounts?per_page=500', org)).json, (await h.get(`/users/${org}`)).json);
      }
      parts.push((await h.get('/events')).json);
      return parts;
    };
    h.advance(13 * HOUR + 7 * MINUTE);
    const oneStep = await snapshot();
    h.clock.reset(T0);
    h.vendor.reset();
    for (let i = 0; i < 157; i += 1) {
      h.advance(5 * MINUTE);
      if (i % 10 === 0) await h.get('/users');
    }
    h.advance(2 * MINUTE);
    expect(await snapshot()).toEqual(oneStep);
  });

  it('advances a month in one request quickly', async () => {
    h.advance(30 * DAY);
    const started = performance.now();
    expect((await h.get('/users')).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
