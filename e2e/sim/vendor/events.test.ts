import { describe, expect, it } from 'vitest';
import { DAY } from '../world';
import { HOUR, MB, MINUTE, ORG, T0, vendorHarness } from './testkit';

const h = vendorHarness();
const isoAt = (ms: number) => new Date(ms).toISOString();
const feed = async (query = '') => (await h.get(`/events${query}`)).json;

describe('GET /events: the seeded history', () => {
  it('starts with what already happened in world.ts, oldest first', async () => {
    const { events, next_cursor: cursor, has_more: hasMore } = await feed();
    expect(events.map((e: { type: string; org_id: number; account_id?: number }) => [e.type, e.org_id, e.account_id])).toEqual([
      ['backup.failed', ORG.adatum, MB.adatumArchive],
      ['org.state_changed', ORG.litware, undefined],
      ['org.state_changed', ORG.proseware, undefined],
      ['backup.failed', ORG.tailspin, MB.tailspinOps],
      ['auth.required', ORG.fabrikam, MB.fabrikamJane],
      ['backup.failed', ORG.contoso, MB.contosoFrontDesk],
    ]);
    expect(events.map((e: { id: number }) => e.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(cursor).toBe('6');
    expect(hasMore).toBe(false);
  });

  it('dates each seeded event in the past and serves the event shape', async () => {
    const { events } = await feed();
    expect(events[1]).toEqual({
      id: 2, type: 'org.state_changed', org_id: ORG.litware, occurred_at: isoAt(T0 - 10 * DAY),
      data: { state: 'unsubscribed', previous_state: 'active' },
    });
    expect(events[4]).toEqual({
      id: 5, type: 'auth.required', org_id: ORG.fabrikam, account_id: MB.fabrikamJane, occurred_at: expect.any(String),
      data: { current_backup_status: 'Authentication Error', previous_status: 'Completed', attempts: 3 },
    });
    for (const event of events) expect(Date.parse(event.occurred_at)).toBeLessThan(T0);
  });
});

describe('cursor semantics', () => {
  it('returns nothing new after the last cursor, and keeps the cursor', async () => {
    expect(await feed('?since=6')).toEqual({ events: [], next_cursor: '6', has_more: false });
  });

  it('pages with limit and has_more', async () => {
    const first = await feed('?limit=4');
    expect(first.events).toHaveLength(4);
    expect(first).toMatchObject({ next_cursor: '4', has_more: true });
    const rest = await feed(`?since=${first.next_cursor}&limit=4`);
    expect(rest.events.map((e: { id: number }) => e.id)).toEqual([5, 6]);
    expect(rest).toMatchObject({ next_cursor: '6', has_more: false });
  });

  it('delivers each later change exactly once', async () => {
    let cursor = (await feed()).next_cursor;
    const delivered: number[] = [];
    for (let step = 0; step < 24; step += 1) {
      h.advance(HOUR);
      const page = await feed(`?since=${cursor}`);
      delivered.push(...page.events.map((e: { id: number }) => e.id));
      cursor = page.next_cursor;
    }
    expect(delivered.length).toBeGreaterThan(0);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered).toEqual([...delivered].sort((a, b) => a - b));
  });

  it.each(['abc', '-1', '7', '1.5'])('answers 422 for since=%s', async (since) => {
    const answer = await h.get(`/events?since=${since}`);
    expect(answer.status).toBe(422);
    expect(answer.json.error.details.fields).toHaveProperty('since');
  });

  it.each(['0', '501', 'x'])('answers 422 for limit=%s', async (limit) => {
    expect((await h.get(`/events?limit=${limit}`)).status).toBe(422);
  });

  it('refuses a cursor from before a reset that is ahead of the new feed', async () => {
    h.advance(HOUR);
    await h.post('/users/5979/suspend');
    const cursor = (await feed()).next_cursor;
    await h.admin('POST', 'reset');
    expect((await h.get(`/events?since=${cursor}`)).status).toBe(422);
  });
});

describe('events for what happens on the clock and through the API', () => {
  it('backup.recovered when a retry succeeds', async () => {
    h.advance(30 * MINUTE);
    expect((await feed('?since=6')).events).toEqual([{
      id: 7, type: 'backup.recovered', org_id: ORG.contoso, account_id: MB.contosoFrontDesk, occurred_at: isoAt(T0 + 30 * MINUTE),
      data: { current_backup_status: 'Completed', previous_status: 'Connection Error', attempts: 0 },
    }]);
  });

  it('backup.failed when retries are exhausted, and nothing for each failed attempt', async () => {
    h.advance(9 * HOUR);
    const events = (await feed('?since=6')).events.filter((e: { account_id?: number }) => e.account_id === MB.tailspinOps);
    expect(events).toEqual([expect.objectContaining({
      type: 'backup.failed', occurred_at: isoAt(T0 + 9 * HOUR), data: expect.objectContaining({ current_backup_status: 'Failed', attempts: 25 }),
    })]);
  });

  it('keeps events in time order when one read settles many hours for many mailboxes', async () => {
    await h.admin('POST', `accounts/${MB.blueLightGordon}`, { status: 'Retrying', fix: 'never' });
    h.advance(20 * HOUR);
    const { events } = await feed('?since=6');
    const times = events.map((e: { occurred_at: string }) => Date.parse(e.occurred_at));
    expect(events.length).toBeGreaterThanOrEqual(4);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('auth.required when a mailbox loses its credentials', async () => {
    await h.admin('POST', `accounts/${MB.blueLightGordon}`, { status: 'Authentication Error' });
    expect((await feed('?since=6')).events).toEqual([expect.objectContaining({
      type: 'auth.required', org_id: ORG.blueLight, account_id: MB.blueLightGordon, occurred_at: isoAt(T0),
    })]);
  });

  it('seats.changed for a subscription change, with before and after', async () => {
    h.advance(HOUR);
    await h.call('PUT', '/users/19771/subscription', 'reseller', { seats: 30 });
    expect((await feed('?since=6')).events.at(-1)).toEqual({
      id: expect.any(Number), type: 'seats.changed', org_id: ORG.contoso, occurred_at: isoAt(T0 + HOUR),
      data: { seats_purchased: 30, previous_seats_purchased: 25, plan_id: 4, previous_plan_id: 4 },
    });
  });

  it('no seats.changed when nothing changes', async () => {
    await h.call('PUT', '/users/19771/subscription', 'reseller', { seats: 25 });
    expect((await feed('?since=6')).events).toEqual([]);
  });

  it('org.state_changed for every lifecycle step, the purge included', async () => {
    await h.post('/users/5979/suspend');
    await h.post('/users/5979/unsubscribe');
    h.advance(45 * DAY);
    const states = (await feed('?since=6')).events
      .filter((e: { org_id: number }) => e.org_id === ORG.blueLight)
      .map((e: { data: { state: string }; occurred_at: string }) => [e.data.state, e.occurred_at]);
    expect(states).toEqual([
      ['suspended', isoAt(T0)], ['unsubscribed', isoAt(T0)], ['deleted', isoAt(T0 + 45 * DAY)],
    ]);
  });

  it('Litware\'s own purge shows up on day 35', async () => {
    h.advance(35 * DAY);
    const purge = (await feed('?since=6')).events.find((e: { org_id: number }) => e.org_id === ORG.litware);
    expect(purge).toMatchObject({ type: 'org.state_changed', occurred_at: isoAt(T0 + 35 * DAY), data: { state: 'deleted', previous_state: 'unsubscribed' } });
  });
});
