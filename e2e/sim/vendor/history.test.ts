import { describe, expect, it } from 'vitest';
import { itemsOf, MB, MINUTE, ORG, vendorHarness } from './testkit';

const h = vendorHarness();

type Day = { date: string; total: number; succeeded: number; failed: number };
const history = async (org: number, query = '') => {
  const answer = await h.get(`/users/${org}/backup_history${query}`, org);
  expect(answer.status).toBe(200);
  expect(answer.json.organization_id).toBe(org);
  return answer.json.data as Day[];
};
const byDate = (days: Day[]) => Object.fromEntries(days.map((d) => [d.date, d]));

describe('GET /users/{id}/backup_history', () => {
  it('covers the last 14 UTC days, oldest first, ending today', async () => {
    const days = await history(ORG.blueLight);
    expect(days.map((d) => d.date)).toEqual([
      '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03',
      '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10',
    ]);
  });

  it('shows a healthy organisation succeeding every day', async () => {
    for (const day of await history(ORG.blueLight)) expect(day).toMatchObject({ total: 12, succeeded: 12, failed: 0 });
  });

  it('shows the Adatum mailbox failing on each of its failing days (since 25 Feb)', async () => {
    const days = byDate(await history(ORG.adatum, '?days=20'));
    expect(days['2026-02-24']).toMatchObject({ total: 10, succeeded: 10, failed: 0 });
    for (const date of ['2026-02-25', '2026-03-01', '2026-03-10']) expect(days[date]).toMatchObject({ total: 10, succeeded: 9, failed: 1 });
  });

  it('shows Fabrikam failing since the credentials expired (8 March)', async () => {
    const days = byDate(await history(ORG.fabrikam));
    expect(days['2026-03-07']).toMatchObject({ succeeded: 8, failed: 0 });
    expect(days['2026-03-08']).toMatchObject({ succeeded: 7, failed: 1 });
    expect(days['2026-03-10']).toMatchObject({ succeeded: 7, failed: 1 });
  });

  it('shows no backups while an organisation is unsubscribed', async () => {
    const days = byDate(await history(ORG.litware));
    expect(days['2026-02-27']).toEqual({ date: '2026-02-27', total: 5, succeeded: 5, failed: 0 });
    expect(days['2026-02-28']).toEqual({ date: '2026-02-28', total: 5, succeeded: 0, failed: 0 });
    expect(days['2026-03-10']).toEqual({ date: '2026-03-10', total: 5, succeeded: 0, failed: 0 });
  });

  it('shows Contoso growing as auto-licensing added mailboxes', async () => {
    const totals = (await history(ORG.contoso)).map((d) => d.total);
    expect(totals[0]).toBe(18);
    expect(totals.at(-1)).toBe(23);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
  });

  it('agrees with /accounts about today', async () => {
    for (const org of Object.values(ORG)) {
      const today = (await history(org)).at(-1);
      const accounts: Array<{ current_backup_status: string }> = [];
      for (const page of [1, 2]) {
        accounts.push(...(itemsOf((await h.get(`/accounts?per_page=500&page=${page}`, org)).json) as typeof accounts));
      }
      const failing = accounts.filter((a) => ['Retrying', 'Connection Error', 'Authentication Error', 'Failed', 'Space Full']
        .includes(a.current_backup_status)).length;
      expect(today?.failed).toBe(failing);
      expect(today?.total).toBe(accounts.length);
    }
  });

  it('counts a recovery on the day it happened', async () => {
    expect((await history(ORG.contoso)).at(-1)).toMatchObject({ failed: 1 });
    h.advance(30 * MINUTE);
    expect((await history(ORG.contoso)).at(-1)).toMatchObject({ failed: 0, succeeded: 23 });
  });

  it('counts a failure that starts today', async () => {
    await h.admin('POST', `accounts/${MB.blueLightGordon}`, { status: 'Connection Error' });
    expect((await history(ORG.blueLight)).at(-1)).toMatchObject({ succeeded: 11, failed: 1 });
  });

  it('takes 1 to 30 days', async () => {
    expect(await history(ORG.blueLight, '?days=1')).toHaveLength(1);
    expect(await history(ORG.blueLight, '?days=30')).toHaveLength(30);
    for (const days of ['0', '31', 'abc', '-2']) {
      const answer = await h.get(`/users/5979/backup_history?days=${days}`, ORG.blueLight);
      expect(answer.status).toBe(422);
      expect(answer.json.error.details.fields).toHaveProperty('days');
    }
  });
});
