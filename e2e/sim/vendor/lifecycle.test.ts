import { describe, expect, it } from 'vitest';
import { DAY } from '../world';
import { CAPABILITIES, type Capability } from './config';
import { ROUTES } from './routes';
import { HOUR, itemsOf, MB, ORG, T0, vendorHarness, type Answer } from './testkit';

const h = vendorHarness();
const isoAt = (ms: number) => new Date(ms).toISOString();
const stateOf = async (org: number | string) => (await h.get(`/users/${org}`)).json.subscription.state;
const putSubscription = (org: number, body: unknown) => h.call('PUT', `/users/${org}/subscription`, 'reseller', body);

describe('suspend', () => {
  it('disables login but keeps the organisation backing up', async () => {
    const answer = await h.post('/users/5979/suspend');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      login_disabled: true, flg_suspended: true, customer_deactivated: false,
      subscription: { state: 'suspended', state_changed_at: isoAt(T0) },
    });
    expect((await h.get('/accounts', ORG.blueLight)).status).toBe(200); // org token still works
  });

  it('answers 409 unless the organisation is active', async () => {
    await h.post('/users/5979/suspend');
    for (const org of [5979, 20501]) {
      const answer = await h.post(`/users/${org}/suspend`);
      expect(answer.status).toBe(409);
      expect(answer.json.error).toMatchObject({ code: 'invalid_state', retryable: false });
    }
  });

  it('is undone by reactivate', async () => {
    expect((await h.post('/users/20555/reactivate')).json).toMatchObject({ login_disabled: false, subscription: { state: 'active' } });
  });
});

describe('unsubscribe and the 45-day rule', () => {
  it('stops backups, deactivates the customer and dates the purge', async () => {
    const answer = await h.post('/users/20114/unsubscribe');
    expect(answer.json).toMatchObject({
      customer_deactivated: true, login_disabled: true, flg_suspended: false,
      subscription: { state: 'unsubscribed', unsubscribed_at: isoAt(T0), purge_after: isoAt(T0 + 45 * DAY) },
    });
  });

  it('can unsubscribe a suspended organisation, but not an unsubscribed one', async () => {
    expect((await h.post('/users/20555/unsubscribe')).status).toBe(200);
    expect((await h.post('/users/20555/unsubscribe')).status).toBe(409);
  });

  it('reactivates on day 44', async () => {
    await h.post('/users/20114/unsubscribe');
    h.advance(44 * DAY);
    const answer = await h.post('/users/20114/reactivate');
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      customer_deactivated: false, subscription: { state: 'active', unsubscribed_at: null, purge_after: null },
    });
    expect(itemsOf((await h.get('/accounts', ORG.fabrikam)).json)).toHaveLength(8);
  });

  it('refuses on day 46: the data was purged on day 45', async () => {
    await h.post('/users/20114/unsubscribe');
    h.advance(46 * DAY);
    const answer = await h.post('/users/20114/reactivate');
    expect(answer.status).toBe(409);
    expect(answer.json.error).toMatchObject({
      code: 'invalid_state', message: expect.stringContaining('45-day'), details: { purged_at: isoAt(T0 + 45 * DAY) },
    });
    expect(await stateOf(20114)).toBe('deleted');
  });

  it('purges at exactly 45 days', async () => {
    await h.post('/users/20114/unsubscribe');
    h.advance(45 * DAY - 1);
    expect(await stateOf(20114)).toBe('unsubscribed');
    h.advance(1);
    expect(await stateOf(20114)).toBe('deleted');
    expect((await h.get('/users/20114')).json).toMatchObject({ seats_used: 0, storage_used: 0, authentication_token: null });
  });

  it('gives Litware (unsubscribed 10 days ago) 35 more days', async () => {
    h.advance(34 * DAY);
    expect((await h.post('/users/20501/reactivate')).status).toBe(200);
    h.clock.reset(T0);
    h.vendor.reset();
    h.advance(36 * DAY);
    expect((await h.post('/users/20501/reactivate')).status).toBe(409);
  });

  it('answers 409 to reactivating an active organisation', async () => {
    expect((await h.post('/users/5979/reactivate')).status).toBe(409);
  });
});

describe('DELETE /users/{id}', () => {
  it('purges at once and keeps a "deleted" record', async () => {
    const answer = await h.call('DELETE', '/users/1790601-9');
    expect(answer.status).toBe(204);
    expect(answer.text).toBe('');
    const row = (await h.get('/users')).json.result_set.find((o: { organization_id: number }) => o.organization_id === ORG.woodgrove);
    expect(row).toMatchObject({ customer_deactivated: true, login_disabled: true, seats_used: 0, authentication_token: null });
    expect(await stateOf(ORG.woodgrove)).toBe('deleted');
  });

  it('cannot be repeated, undone or followed by any other change', async () => {
    await h.call('DELETE', '/users/20412');
    expect((await h.call('DELETE', '/users/20412')).status).toBe(409);
    const reactivate = await h.post('/users/20412/reactivate');
    expect(reactivate.status).toBe(409);
    expect(reactivate.json.error.message).toContain('deleted');
    expect((await h.post('/users/20412/suspend')).status).toBe(409);
    expect((await putSubscription(20412, { seats: 5 })).status).toBe(409);
  });

  it('answers 404 for an unknown organisation with the neutral body', async () => {
    const answer = await h.call('DELETE', '/users/999999');
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe('not_found');
  });
});

describe('PUT /users/{id}/subscription', () => {
  it('changes the purchased seats; seats_available follows', async () => {
    const answer = await putSubscription(ORG.contoso, { seats: 30 });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ seats_used: 23, seats_available: 7, subscription: { seats: 30 } });
    expect((await h.get('/users/19771')).json.seats_available).toBe(7);
  });

  it('changes the plan', async () => {
    expect((await putSubscription(ORG.contoso, { plan_id: 5 })).json).toMatchObject({ plan_id: 5, archive: true });
  });

  it('is allowed while suspended', async () => {
    expect((await putSubscription(ORG.proseware, { seats: 9 })).status).toBe(200);
  });

  it('answers 409 for an unsubscribed organisation', async () => {
    expect((await putSubscription(ORG.litware, { seats: 9 })).json.error.code).toBe('invalid_state');
  });

  it.each([
    [{}, 'seats'],
    [{ seats: 0 }, 'seats'],
    [{ seats: -3 }, 'seats'],
    [{ seats: 1.5 }, 'seats'],
    [{ seats: '30' }, 'seats'],
    [{ seats: 100_001 }, 'seats'],
    [{ seats: 20 }, 'seats'], // below the 23 seats in use
    [{ plan_id: 99 }, 'plan_id'],
    [{ plan_id: 6, seats: 30 }, 'seats'], // Basic Backup plans have no seats
  ])('answers 422 for %j, naming %s', async (body, field) => {
    const answer = await putSubscription(ORG.contoso, body);
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatchObject({ code: 'validation_error', retryable: false, details: { fields: { [field]: expect.any(String) } } });
    expect((await h.get('/users/19771')).json).toMatchObject({ plan_id: 4, subscription: { seats: 25 } });
  });

  it('names every bad field at once', async () => {
    const answer = await putSubscription(ORG.contoso, { seats: 0, plan_id: 99 });
    expect(Object.keys(answer.json.error.details.fields).sort()).toEqual(['plan_id', 'seats']);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const answer = await putSubscription(ORG.contoso, '{seats: 30');
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('bad_request');
  });
});

describe('the read-only reseller tier (sub-resellers may only GET)', () => {
  const writes: Array<[string, string, number | 'reseller', unknown?]> = [
    ['POST', `/accounts/${MB.tailspinOps}/force_backup`, ORG.tailspin],
    ['POST', `/accounts/${MB.fabrikamJane}/reauthorize`, ORG.fabrikam],
    ['PUT', '/users/19771/subscription', 'reseller', { seats: 30 }],
    ['POST', '/users/5979/suspend', 'reseller'],
    ['POST', '/users/5979/unsubscribe', 'reseller'],
    ['POST', '/users/20555/reactivate', 'reseller'],
    ['DELETE', '/users/5979', 'reseller'],
    ['POST', '/users/5979/impersonate', 'reseller'],
  ];

  it.each(writes)('answers 403 to %s %s and changes nothing', async (method, path, as, body) => {
    await h.admin('POST', 'settings', { resellerTier: 'read_only' });
    const answer = await h.call(method, path, as, body);
    expect(answer.status).toBe(403);
    expect(answer.json.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('GET'), retryable: false });
    expect((await h.admin('GET', 'state')).json.tasks).toEqual([]);
    expect(await stateOf(5979)).toBe('active');
  });

  it('still answers every GET', async () => {
    await h.admin('POST', 'settings', { resellerTier: 'read_only' });
    expect((await h.get('/users')).status).toBe(200);
    expect((await h.get('/accounts', ORG.fabrikam)).status).toBe(200);
    expect((await h.get('/events')).status).toBe(200);
  });

  it('checks the tokens first: a wrong token is still a 401', async () => {
    await h.admin('POST', 'settings', { resellerTier: 'read_only' });
    expect((await h.post('/users/5979/suspend', 'none')).status).toBe(401);
  });
});

describe('capability switches: a switched-off route answers exactly like an unknown route', () => {
  const unknownRoute = () => h.get('/no_such_route');
  const sameAsUnknown = async (answer: Answer) => {
    const unknown = await unknownRoute();
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe(unknown.headers.get('content-type'));
    expect(answer.text).toBe(unknown.text);
  };
  const requests: Record<Capability, () => Promise<Answer>> = {
    force_backup: () => h.post(`/accounts/${MB.tailspinOps}/force_backup`, ORG.tailspin),
    reauthorize: () => h.post(`/accounts/${MB.fabrikamJane}/reauthorize`, ORG.fabrikam),
    subscription: () => putSubscription(ORG.contoso, { seats: 30 }),
    suspend: () => h.post('/users/5979/suspend'),
    unsubscribe: () => h.post('/users/5979/unsubscribe'),
    reactivate: () => h.post('/users/20555/reactivate'),
    delete: () => h.call('DELETE', '/users/5979'),
    impersonate: () => h.post('/users/5979/impersonate'),
    backup_history: () => h.get('/users/5979/backup_history', ORG.blueLight),
    events: () => h.get('/events'),
    tasks: async () => {
      const created = await h.post(`/accounts/${MB.tailspinOps}/force_backup`, ORG.tailspin);
      return h.get(`/tasks/${created.json?.task_id ?? 'task_1'}`, ORG.tailspin);
    },
    actions: () => h.get(`/actions/backup/${MB.tailspinOps}`, ORG.tailspin),
  };

  it('names a switch for every simulator-only route', () => {
    const switched = ROUTES.filter((r) => r.evidence === 'SIMULATOR-ONLY').map((r) => r.capability);
    expect(switched.every(Boolean)).toBe(true);
    expect(new Set(switched)).toEqual(new Set(CAPABILITIES));
  });

  it.each(CAPABILITIES)('%s: on by default, 404 when off, back when on', async (capability) => {
    expect((await requests[capability]()).status).not.toBe(404);
    h.vendor.reset();
    await h.admin('POST', 'capabilities', { [capability]: false });
    await sameAsUnknown(await requests[capability]());
    await h.admin('POST', 'capabilities', { [capability]: true });
    expect((await requests[capability]()).status).not.toBe(404);
  });

  it.each(CAPABILITIES)('%s off: 404 comes before auth (no tokens)', async (capability) => {
    await h.admin('POST', 'capabilities', { [capability]: false });
    const route = ROUTES.find((r) => r.capability === capability);
    const path = route?.path.replace(':org', '5979').replace(':account', '9001').replace(':id', '1').replace(':action', 'backup') ?? '';
    await sameAsUnknown(await h.call(route?.method ?? 'GET', path, 'none'));
  });

  it('the verified_only preset leaves only the routes clients saw on Dropsuite', async () => {
    await h.admin('POST', 'capabilities', { preset: 'verified_only' });
    for (const request of Object.values(requests)) expect((await request()).status).toBe(404);
    expect((await h.get('/users')).status).toBe(200);
    expect((await h.get('/accounts', ORG.fabrikam)).status).toBe(200);
  });

  it('leaves state untouched when a write is switched off', async () => {
    await h.admin('POST', 'capabilities', { suspend: false });
    await h.post('/users/5979/suspend');
    h.advance(HOUR);
    expect(await stateOf(5979)).toBe('active');
  });
});
