import { describe, expect, it } from 'vitest';
import { VENDOR_CREDENTIALS } from '../world';
import { matchRoute, ROUTES } from './routes';
import { ORG, vendorHarness, type Harness } from './testkit';

const h = vendorHarness();
const { resellerToken, adminToken } = VENDOR_CREDENTIALS;

interface Sample {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  scope: 'reseller' | 'org';
  body?: unknown;
}

/** One concrete request per route; every route is covered (checked below). Org routes act as Fabrikam. */
const SAMPLES: Sample[] = [
  { method: 'GET', path: '/status', scope: 'reseller' },
  { method: 'GET', path: '/plans', scope: 'reseller' },
  { method: 'GET', path: '/users', scope: 'reseller' },
  { method: 'GET', path: '/users/1790311-1', scope: 'reseller' },
  { method: 'GET', path: '/users/20114/tenants', scope: 'org' },
  { method: 'GET', path: '/users/20114/tenants/2011401/accounts', scope: 'org' },
  { method: 'GET', path: '/accounts', scope: 'org' },
  { method: 'GET', path: '/accounts/connection_failures', scope: 'org' },
  { method: 'GET', path: '/accounts/deactivated_accounts', scope: 'org' },
  { method: 'GET', path: '/users/20114/backup_history', scope: 'org' },
  { method: 'POST', path: '/accounts/9201/force_backup', scope: 'org' },
  { method: 'POST', path: '/accounts/9201/reauthorize', scope: 'org' },
  { method: 'GET', path: '/tasks/task_1', scope: 'org' },
  { method: 'GET', path: '/actions/backup/9201', scope: 'org' },
  { method: 'PUT', path: '/users/20114/subscription', scope: 'reseller', body: { seats: 9 } },
  { method: 'POST', path: '/users/20114/suspend', scope: 'reseller' },
  { method: 'POST', path: '/users/20114/unsubscribe', scope: 'reseller' },
  { method: 'POST', path: '/users/20114/reactivate', scope: 'reseller' },
  { method: 'DELETE', path: '/users/20114', scope: 'reseller' },
  { method: 'POST', path: '/users/20114/impersonate', scope: 'reseller' },
  { method: 'GET', path: '/events', scope: 'reseller' },
];

const evidenceOf = (s: Sample) => matchRoute(s.method, s.path)?.route.evidence;

function send(harness: Harness, sample: Sample, headers: Record<string, string>) {
  return harness.call(sample.method, sample.path, { headers }, sample.body);
}

function expectNotAuthorized(answer: Awaited<ReturnType<typeof h.call>>, sample: Sample) {
  expect(answer.status).toBe(401);
  expect(answer.text).toContain('not authorized to perform this action');
  if (evidenceOf(sample) === 'C') {
    // What clients saw on Dropsuite routes: a plain message.
    expect(answer.json).toEqual({ error: 'You are not authorized to perform this action.' });
  } else {
    expect(answer.json.error).toMatchObject({ code: 'unauthorized', retryable: false });
    expect(answer.json.request_id).toMatch(/^[0-9a-f-]{36}$/);
  }
}

describe('every route has an auth sample', () => {
  it('covers the whole route table', () => {
    const covered = new Set(SAMPLES.map((s) => matchRoute(s.method, s.path)?.route));
    expect(covered.has(undefined)).toBe(false);
    expect(covered.size).toBe(ROUTES.length);
  });

  it.each(SAMPLES)('$method $path is a $scope route', (sample) => {
    expect(matchRoute(sample.method, sample.path)?.route.scope).toBe(sample.scope);
  });
});

describe.each(SAMPLES)('auth on $method $path ($scope scope)', (sample) => {
  const rightAccess = () => (sample.scope === 'reseller' ? adminToken : h.tokenOf(ORG.fabrikam));
  const wrongScopeAccess = () => (sample.scope === 'reseller' ? h.tokenOf(ORG.fabrikam) : adminToken);

  it('answers 401 without any header', async () => {
    expectNotAuthorized(await send(h, sample, {}), sample);
  });

  it('answers 401 without X-Reseller-Token', async () => {
    expectNotAuthorized(await send(h, sample, { 'X-Access-Token': rightAccess() }), sample);
  });

  it('answers 401 with a wrong X-Reseller-Token', async () => {
    expectNotAuthorized(await send(h, sample, { 'X-Reseller-Token': '00000000-0000-4000-8000-000000000000', 'X-Access-Token': rightAccess() }), sample);
  });

  it('answers 401 for the numeric reseller id in place of the token', async () => {
    expectNotAuthorized(await send(h, sample, { 'X-Reseller-Token': String(VENDOR_CREDENTIALS.resellerId), 'X-Access-Token': rightAccess() }), sample);
  });

  it('answers 401 without X-Access-Token', async () => {
    expectNotAuthorized(await send(h, sample, { 'X-Reseller-Token': resellerToken }), sample);
  });

  it('answers 401 with a wrong X-Access-Token', async () => {
    expectNotAuthorized(await send(h, sample, { 'X-Reseller-Token': resellerToken, 'X-Access-Token': 'nope' }), sample);
  });

  it(`answers 401 to the other scope's token`, async () => {
    expectNotAuthorized(await send(h, sample, { 'X-Reseller-Token': resellerToken, 'X-Access-Token': wrongScopeAccess() }), sample);
  });

  it('answers 401 to a Bearer Authorization header (not the Dropsuite scheme)', async () => {
    expectNotAuthorized(await send(h, sample, { Authorization: `Bearer ${rightAccess()}` }), sample);
  });

  it('lets the right token pair through', async () => {
    const answer = await send(h, sample, { 'X-Reseller-Token': resellerToken, 'X-Access-Token': rightAccess() });
    expect(answer.status).not.toBe(401);
    expect(answer.status).not.toBe(403);
  });

  it('accepts header names in any case', async () => {
    const answer = await send(h, sample, { 'x-reseller-token': resellerToken, 'X-ACCESS-TOKEN': rightAccess() });
    expect(answer.status).not.toBe(401);
  });
});

describe('per-organisation tokens', () => {
  it("are refused on another organisation's /users/{id} routes", async () => {
    for (const path of ['/users/20114/tenants', '/users/20114/tenants/2011401/accounts', '/users/20114/backup_history']) {
      expect((await h.get(path, ORG.blueLight)).status).toBe(401);
      expect((await h.get(path.replace('20114', '1790311-1'), ORG.fabrikam)).status).toBe(200); // string id works too
    }
  });

  it('see only their own mailboxes: another org\'s account is not found', async () => {
    const answer = await h.post('/accounts/9201/force_backup', ORG.blueLight);
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe('not_found');
  });

  it('scope /accounts to the token\'s organisation', async () => {
    const answer = await h.get('/accounts?per_page=100', ORG.tailspin);
    const orgIds = new Set(answer.json.result_set.map((a: { user: { organization_id: number } }) => a.user.organization_id));
    expect([...orgIds]).toEqual([ORG.tailspin]);
  });

  it('are listed by GET /users, one distinct token per org', async () => {
    const answer = await h.get('/users');
    const tokens = answer.json.result_set.map((o: { authentication_token: string }) => o.authentication_token);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) expect(token).toMatch(/^org_\d+_[0-9a-f]{12}$/);
  });

  it('all answer 401 while the expired-org-token fault is on, and work again after reset', async () => {
    await h.admin('POST', 'faults', { orgTokenExpired: true });
    for (const id of Object.values(ORG)) expect((await h.get('/accounts', id)).status).toBe(401);
    expect((await h.get('/users')).status).toBe(200); // the admin token is unaffected
    await h.admin('POST', 'reset');
    expect((await h.get('/accounts', ORG.fabrikam)).status).toBe(200);
  });

  it('die with their organisation', async () => {
    const token = h.tokenOf(ORG.woodgrove);
    expect((await h.call('DELETE', '/users/20412')).status).toBe(204);
    const headers = { 'X-Reseller-Token': resellerToken, 'X-Access-Token': token };
    expect((await h.call('GET', '/accounts', { headers })).status).toBe(401);
  });
});

describe('routing comes before auth', () => {
  it('answers an unknown route with 404 even without tokens', async () => {
    const answer = await h.get('/no_such_thing', 'none');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toContain('text/html');
  });

  it('answers a known path with the wrong method like an unknown route', async () => {
    const answer = await h.call('POST', '/users', 'reseller');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toContain('text/html');
  });
});
