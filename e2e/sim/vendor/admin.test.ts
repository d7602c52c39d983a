import { describe, expect, it } from 'vitest';
import { DAY } from '../world';
import { DEFAULT_ENVELOPES, DEFAULT_SETTINGS, CAPABILITIES } from './config';
import { HOUR, itemsOf, MB, MINUTE, ORG, T0, vendorHarness } from './testkit';

const h = vendorHarness();
const isoAt = (ms: number) => new Date(ms).toISOString();

describe('POST /__sim/vendor/reset', () => {
  it('restores the seeded world at the clock\'s current time and every default', async () => {
    await h.post('/users/5979/suspend');
    await h.admin('POST', 'settings', { defaultPerPage: 5 });
    await h.admin('POST', 'capabilities', { events: false });
    await h.admin('POST', 'envelopes', { users: 'array' });
    await h.admin('POST', 'faults', { latencyMs: 1, orgTokenExpired: true });
    h.advance(DAY);
    const answer = await h.admin('POST', 'reset');
    expect(answer.json).toEqual({ ok: true, seeded_at: isoAt(T0 + DAY) });
    expect((await h.get('/users/5979')).json.subscription.state).toBe('active');
    expect((await h.admin('GET', 'settings')).json).toEqual(DEFAULT_SETTINGS);
    expect((await h.admin('GET', 'envelopes')).json).toEqual(DEFAULT_ENVELOPES);
    expect(Object.values((await h.admin('GET', 'capabilities')).json).every(Boolean)).toBe(true);
    expect((await h.admin('GET', 'faults')).json).toMatchObject({ latencyMs: 0, orgTokenExpired: false });
    // Ages in world.ts count from the new seeding instant.
    const jane = (await h.get(`/actions/backup/${MB.fabrikamJane}`, ORG.fabrikam)).json;
    expect(jane.next_attempt_at).toBe(isoAt(T0 + DAY + 30 * MINUTE));
  });

  it('is also reachable as VendorApi.reset()', async () => {
    await h.post('/users/5979/suspend');
    h.vendor.reset();
    expect((await h.get('/users/5979')).json.subscription.state).toBe('active');
  });
});

describe('GET|DELETE /__sim/vendor/requests', () => {
  it('logs API requests with method, path, query, status and time, not admin calls', async () => {
    await h.get('/users?per_page=5');
    await h.get('/accounts', 'none');
    await h.post('/users/5979/suspend');
    const { json } = await h.admin('GET', 'requests');
    expect(json.count).toBe(3);
    expect(json.entries).toEqual([
      { method: 'GET', path: '/api/users', query: '?per_page=5', status: 200, ms: expect.any(Number) },
      { method: 'GET', path: '/api/accounts', query: '', status: 401, ms: expect.any(Number) },
      { method: 'POST', path: '/api/users/5979/suspend', query: '', status: 200, ms: expect.any(Number) },
    ]);
  });

  it('filters by method, path and status, so tests can count calls', async () => {
    for (let i = 0; i < 3; i += 1) await h.get('/users');
    await h.get('/status');
    await h.get('/nope');
    expect((await h.admin('GET', 'requests?path=/api/users')).json.count).toBe(3);
    expect((await h.admin('GET', 'requests?status=404')).json.count).toBe(1);
    expect((await h.admin('GET', 'requests?method=POST')).json.count).toBe(0);
    expect(h.vendor.requests.count({ path: '/api/status' })).toBe(1);
  });

  it('forgets everything on DELETE', async () => {
    await h.get('/users');
    expect((await h.admin('DELETE', 'requests')).status).toBe(204);
    expect((await h.admin('GET', 'requests')).json).toEqual({ count: 0, entries: [] });
  });

  it('logs portal visits too', async () => {
    await h.fetchUrl(`${h.origin}/portal/impersonate?token=nope`);
    expect(h.vendor.requests.entries).toEqual([expect.objectContaining({ path: '/portal/impersonate', status: 404 })]);
  });
});

describe('GET /__sim/vendor/state', () => {
  it('dumps the world for debugging', async () => {
    h.advance(HOUR);
    const { json } = await h.admin('GET', 'state');
    expect(json).toMatchObject({ now: isoAt(T0 + HOUR), seeded_at: isoAt(T0), events: 7, tasks: [] });
    const tailspin = json.orgs.find((o: { organization_id: number }) => o.organization_id === ORG.tailspin);
    expect(tailspin).toMatchObject({
      state: 'active', seats_purchased: 6, seats_used: 6, mailboxes: 6,
      problems: [{ id: MB.tailspinOps, status: 'Retrying', fix: 'never', attempts: 9, next_attempt_at: isoAt(T0 + 90 * MINUTE) }],
    });
  });
});

describe('settings, capabilities and envelopes', () => {
  it('change and read back', async () => {
    expect((await h.admin('POST', 'settings', { taskQueuedMs: 0, seatsAvailable: 'purchased' })).json)
      .toEqual({ ...DEFAULT_SETTINGS, taskQueuedMs: 0, seatsAvailable: 'purchased' });
    expect((await h.admin('POST', 'capabilities', { preset: 'verified_only', events: true })).json)
      .toEqual(Object.fromEntries(CAPABILITIES.map((c) => [c, c === 'events'])));
    expect((await h.admin('POST', 'envelopes', { all: 'chunks', users: 'data' })).json)
      .toMatchObject({ users: 'data', accounts: 'chunks', tenants: 'chunks' });
  });

  it.each([
    ['settings', { bogus: 1 }], ['settings', { taskQueuedMs: -1 }], ['settings', { defaultPerPage: 0 }],
    ['settings', { defaultPerPage: 501 }], ['settings', { seatsAvailable: 'some' }], ['settings', { resellerTier: 'gold' }],
    ['settings', { backupRunMs: 'long' }], ['settings', []],
    ['capabilities', { events: 'no' }], ['capabilities', { teleport: false }], ['capabilities', { preset: 'most' }],
    ['envelopes', { users: 'xml' }], ['envelopes', { orders: 'data' }], ['envelopes', { all: 'jsonapi' }],
  ] as const)('%s answers 400 to %j', async (path, body) => {
    const before = (await h.admin('GET', path)).json;
    const answer = await h.admin('POST', path, body);
    expect(answer.status).toBe(400);
    expect(typeof answer.json.error).toBe('string');
    expect((await h.admin('GET', path)).json).toEqual(before);
  });
});

describe('POST /__sim/vendor/accounts/{id}: put a mailbox into a scenario', () => {
  it('starts a failure on a healthy mailbox with its retry cycle', async () => {
    const answer = await h.admin('POST', `accounts/${MB.blueLightGordon}`, {
      status: 'Connection Error', errors: { graph: 'throttled' }, fix: 'never',
    });
    expect(answer.json).toMatchObject({ status: 'Connection Error', fix: 'never', attempts: 0, next_attempt_at: isoAt(T0 + 30 * MINUTE) });
    h.advance(30 * MINUTE);
    expect((await h.get(`/actions/backup/${MB.blueLightGordon}`, ORG.blueLight)).json).toMatchObject({
      attempts: 1, current_backup_status: 'Connection Error', errors: { graph: 'throttled' }, last_backup: isoAt(T0 - 3 * HOUR),
    });
  });

  it('frees the seat of an Inactive mailbox (no licence)', async () => {
    await h.admin('POST', `accounts/${MB.blueLightGordon}`, { status: 'Inactive' });
    expect((await h.get('/users/5979')).json).toMatchObject({ seats_used: 11, seats_available: 1 });
  });

  it('heals a mailbox with status Completed', async () => {
    await h.admin('POST', `accounts/${MB.adatumArchive}`, { status: 'Completed' });
    expect(itemsOf((await h.get('/accounts/connection_failures', ORG.adatum)).json)).toEqual([]);
  });

  it('does not restart backups in an unsubscribed organisation', async () => {
    const litwareMailbox = (await h.get('/accounts', ORG.litware)).json.result_set[0].id;
    const answer = await h.admin('POST', `accounts/${litwareMailbox}`, { status: 'Retrying' });
    expect(answer.json.next_attempt_at).toBeNull();
  });

  it('reactivates a deactivated mailbox', async () => {
    await h.admin('POST', `accounts/${MB.blueLightGordon}`, { deactivated: true });
    await h.admin('POST', `accounts/${MB.blueLightGordon}`, { deactivated: false });
    expect(itemsOf((await h.get('/accounts/deactivated_accounts', ORG.blueLight)).json)).toEqual([]);
    h.advance(6 * HOUR);
    const gordon = (await h.get(`/actions/backup/${MB.blueLightGordon}`, ORG.blueLight)).json;
    expect(gordon.last_backup).toBe(isoAt(T0 + 6 * HOUR));
  });

  it.each([
    { status: 'Broken' }, { errors: 'bad' }, { errors: { a: 1 } }, { fix: 'pray' }, { attempts: 26 }, { attempts: -1 },
    { deactivated: 'yes' }, { colour: 'red' },
  ])('answers 400 to %j', async (body) => {
    expect((await h.admin('POST', `accounts/${MB.blueLightGordon}`, body)).status).toBe(400);
  });

  it('answers 404 for an unknown account', async () => {
    expect((await h.admin('POST', 'accounts/42', { status: 'Failed' })).status).toBe(404);
  });
});

describe('POST /__sim/vendor/actions validation', () => {
  it.each([
    { action: 'teleport', account_id: MB.blueLightGordon }, { action: 'restore', account_id: 42 },
    { action: 'restore', account_id: MB.blueLightGordon, status: 'done' }, { action: 'restore', account_id: MB.blueLightGordon, id: 0 },
    { action: 'restore', account_id: MB.blueLightGordon, error: 5 },
  ])('answers 400 to %j', async (body) => {
    expect((await h.admin('POST', 'actions', body)).status).toBe(400);
  });
});

describe('the admin API itself', () => {
  it('answers 404 for an unknown admin route and 405 for a wrong method', async () => {
    expect((await h.admin('GET', 'nothing')).status).toBe(404);
    expect((await h.admin('DELETE', 'faults')).status).toBe(405);
    expect((await h.admin('GET', 'reset')).status).toBe(405);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const answer = await h.admin('POST', 'settings', '{nope');
    expect(answer.status).toBe(400);
  });

  it('leaves paths it does not own to the next handler', async () => {
    for (const path of ['/v4_6_release/apis/3.0/company/companies', '/apix', '/portal/other', '/__sim/manage/reset']) {
      const answer = await h.fetchUrl(`${h.origin}${path}`);
      expect(answer.text).toBe('not a vendor path');
    }
  });
});
