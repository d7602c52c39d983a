import { describe, expect, it } from 'vitest';
import { API_KEYS, CLIENT_ID } from '../world';
import { CANNOT_ROUTE } from './errors';
import { basicAuth, simForThisFile } from './harness';

const sim = simForThisFile();

const [integrationKey] = API_KEYS;

describe('GET /login/companyinfo/{companyId}', () => {
  it('answers without auth, with the real keys and a trailing-slash codebase', async () => {
    const reply = await sim.call('GET', '/login/companyinfo/northwind', { headers: { authorization: null, clientid: null } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(reply.json).toEqual({
      CompanyName: 'Northwind IT Services',
      Codebase: 'v2025_1/',
      VersionCode: 'v2025.1',
      VersionNumber: 'v4.6.99912',
      CompanyID: 'northwind',
      IsCloud: true,
      SiteUrl: new URL(sim.origin).host,
      AllowedOrigins: ['*'],
    });
  });

  it('describes the on-prem company with the v4_6_release codebase', async () => {
    const reply = await sim.call('GET', '/login/companyinfo/lakeside');
    expect(reply.json).toMatchObject({ Codebase: 'v4_6_release/', IsCloud: false, CompanyID: 'lakeside' });
  });

  it.each(['NORTHWIND', 'NorthWind', 'northwind/'])('matches company ids case-insensitively (%s)', async (id) => {
    const reply = await sim.call('GET', `/login/companyinfo/${id}`);
    expect(reply.status).toBe(200);
    expect(reply.json.CompanyID).toBe('northwind');
  });

  it.each(['contoso', 'north wind', ''])('answers an unknown company (%j) with the plain-text routing error', async (id) => {
    const reply = await sim.call('GET', `/login/companyinfo/${encodeURIComponent(id)}`);
    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(reply.text).toBe(CANNOT_ROUTE);
  });

  it('refuses other methods', async () => {
    expect((await sim.call('POST', '/login/companyinfo/northwind', { body: {} })).status).toBe(405);
  });

  it('is not subject to faults', async () => {
    sim.api.faults.set({ down: true });
    expect((await sim.call('GET', '/login/companyinfo/northwind')).status).toBe(200);
    expect((await sim.call('GET', 'system/info')).status).toBe(503);
  });
});

describe('routing by codebase', () => {
  it.each(['v2025_1', 'v4_6_release', 'V2025_1', 'V4_6_RELEASE'])('accepts the %s codebase for the cloud company', async (codebase) => {
    const reply = await sim.call('GET', 'system/info', { codebase });
    expect(reply.status).toBe(200);
  });

  it.each(['v2024_1', 'v2025_2', 'v4_6', 'release', 'apis'])('answers the %s codebase with the plain-text routing error', async (codebase) => {
    const reply = await sim.call('GET', 'system/info', { codebase });
    expect(reply.status).toBe(404);
    expect(reply.text).toBe(CANNOT_ROUTE);
  });

  it('serves the on-prem company on v4_6_release only', async () => {
    const onPrem = { company: 'lakeside', headers: { accept: null } };
    expect((await sim.call('GET', 'system/info', { ...onPrem, codebase: 'v4_6_release' })).status).toBe(200);
    const wrong = await sim.call('GET', 'system/info', { ...onPrem, codebase: 'v2025_1' });
    expect(wrong.text).toBe(CANNOT_ROUTE);
  });

  it('does not own paths outside its prefixes', async () => {
    for (const path of ['/v2025_1/ConnectWise.aspx', '/v2025_1/apis/2.0/system/info', '/login/other', '/', '/__sim/vendor/reset']) {
      expect((await sim.call('GET', path)).status).toBe(418);
    }
  });

  it('answers an unknown API path with the real-looking 404', async () => {
    const reply = await sim.call('GET', 'service/widgets');
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({
      code: 'NotFound',
      message: `No HTTP resource was found that matches the request URI '${sim.origin}/v2025_1/apis/3.0/service/widgets'.`,
      errors: null,
    });
  });

  it.each(['service/tickets/abc', 'service/tickets/1/2', 'service/tickets/99999999999', '', 'finance/agreements/additions'])(
    'answers %j with 404', async (path) => {
      expect((await sim.call('GET', path)).status).toBe(404);
    },
  );
});

describe('authentication', () => {
  const call = (authorization: string | null, clientId: string | null = CLIENT_ID) =>
    sim.call('GET', 'system/info', { headers: { authorization, clientid: clientId } });

  it('accepts company+public:private with the Admin-style literal plus', async () => {
    expect((await call(basicAuth('northwind', integrationKey.publicKey, integrationKey.privateKey))).status).toBe(200);
  });

  it('accepts the company id in any case', async () => {
    expect((await call(basicAuth('NorthWind', integrationKey.publicKey, integrationKey.privateKey))).status).toBe(200);
  });

  it.each<[string, string | null]>([
    ['no Authorization header', null],
    ['a Bearer token', 'Bearer abc'],
    ['Basic without the company', `Basic ${Buffer.from(`${integrationKey.publicKey}:${integrationKey.privateKey}`).toString('base64')}`],
    ['a URL-encoded plus', `Basic ${Buffer.from(`northwind%2B${integrationKey.publicKey}:${integrationKey.privateKey}`).toString('base64')}`],
    ['no colon', `Basic ${Buffer.from(`northwind+${integrationKey.publicKey}`).toString('base64')}`],
    ['garbage', 'Basic !!!'],
  ])('401 for %s', async (_, authorization) => {
    const reply = await call(authorization);
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual({ code: 'Unauthorized', message: 'Authorization has been denied for this request.', errors: null });
  });

  it.each<[string, string]>([
    ['a wrong private key', basicAuth('northwind', integrationKey.publicKey, 'nope')],
    ['an unknown public key', basicAuth('northwind', 'NoSuchKey', integrationKey.privateKey)],
    ['a public key in the wrong case', basicAuth('northwind', integrationKey.publicKey.toLowerCase(), integrationKey.privateKey)],
    ['a revoked key', basicAuth('northwind', API_KEYS[2].publicKey, API_KEYS[2].privateKey)],
  ])('401 for %s, with one message for all of them', async (_, authorization) => {
    const reply = await call(authorization);
    expect(reply.status).toBe(401);
    expect(reply.json.code).toBe('Unauthorized');
    expect(reply.json.message).toMatch(/public\/private key pair is not valid/);
  });

  it('401 when the API member is inactive', async () => {
    const member = sim.api.store.rows('system/apiMembers').find((row) => row.identifier === 'bbridgeapi');
    if (member) member.inactiveFlag = true;
    expect((await call(basicAuth('northwind', integrationKey.publicKey, integrationKey.privateKey))).status).toBe(401);
  });

  it('routes nothing for a company that is not a login company', async () => {
    const reply = await call(basicAuth('contoso', integrationKey.publicKey, integrationKey.privateKey));
    expect(reply.status).toBe(404);
    expect(reply.text).toBe(CANNOT_ROUTE);
  });

  it.each<[string, string | null, RegExp]>([
    ['missing', null, /clientId header is required/],
    ['empty', '', /clientId header is required/],
    ['not registered', '00000000-0000-0000-0000-000000000000', /is not registered/],
  ])('401 when clientId is %s', async (_, clientId, message) => {
    const reply = await call(basicAuth('northwind', integrationKey.publicKey, integrationKey.privateKey), clientId);
    expect(reply.status).toBe(401);
    expect(reply.json.code).toBe('Unauthorized');
    expect(reply.json.message).toMatch(message);
  });

  it('takes the clientId header name and GUID case-insensitively', async () => {
    const reply = await sim.call('GET', 'system/info', { headers: { clientid: null, ClientID: CLIENT_ID.toUpperCase() } });
    expect(reply.status).toBe(200);
  });
});

describe('Accept-header versioning and response headers', () => {
  const withAccept = (accept: string | null) => sim.call('GET', 'system/info', { headers: { accept } });

  it.each<[string | null, string]>([
    [null, '2025.1'],
    ['application/json', '2025.1'],
    ['application/vnd.connectwise.com+json', '2025.1'],
    ['application/vnd.connectwise.com+json; version=2025.1', '2025.1'],
    ['application/vnd.connectwise.com+json; version=2021.2', '2021.2'],
    ['application/vnd.connectwise.com+json;version=2019.3', '2019.3'],
    ['application/vnd.connectwise.com+json; version=2025.1, application/json', '2025.1'],
  ])('Accept %j answers as version %s', async (accept, version) => {
    const reply = await withAccept(accept);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe(`application/vnd.connectwise.com+json; version=${version}`);
    expect(reply.headers.get('api-current-version')).toBe('2025.1');
  });

  it.each(['3.0.0', '0.0', '2026.4', '2025.2', 'latest', '2014.9'])('refuses version %s with the ConnectWiseApi error', async (version) => {
    const reply = await withAccept(`application/vnd.connectwise.com+json; version=${version}`);
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({
      code: 'ConnectWiseApi',
      message: `The HTTP resource that matches the request URI '${sim.origin}/v2025_1/apis/3.0/system/info' does not support the API version '${version}'.`,
      errors: null,
    });
  });

  it('pins the on-prem company to its own release', async () => {
    const current = await sim.call('GET', 'system/info', { company: 'lakeside', codebase: 'v4_6_release', headers: { accept: null } });
    expect(current.headers.get('api-current-version')).toBe('2024.1');
    const newer = await sim.call('GET', 'system/info', { company: 'lakeside', codebase: 'v4_6_release' });
    expect(newer.status).toBe(400);
  });

  it('sends the usual ConnectWise headers, a fresh request id each time, and no CORS headers', async () => {
    const a = await sim.call('GET', 'system/info');
    const b = await sim.call('GET', 'system/info');
    expect(a.headers.get('x-cw-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers.get('x-cw-request-id')).not.toBe(b.headers.get('x-cw-request-id'));
    expect(a.headers.get('x-server-name')).toBeTruthy();
    expect(a.headers.get('cache-control')).toBe('no-cache');
    expect(a.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers errors as application/json and routing errors as text', async () => {
    expect((await sim.call('GET', 'service/tickets/1')).headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await sim.call('GET', 'system/info', { codebase: 'v1' })).headers.get('content-type')).toMatch(/^text\/plain/);
  });
});

describe('GET /system/info', () => {
  it('reports the cloud release and region', async () => {
    const reply = await sim.call('GET', 'system/info');
    expect(reply.json).toEqual({
      version: 'v2025.1.99912',
      isCloud: true,
      serverTimeZone: 'Eastern Standard Time',
      licenseBits: expect.arrayContaining([{ name: 'Service', activeFlag: true }]),
      cloudRegion: 'NA',
      maxWorkFlowRecordsAllowed: 10000,
    });
  });

  it('reports on-prem without a cloud region', async () => {
    const reply = await sim.call('GET', 'system/info', { company: 'lakeside', codebase: 'v4_6_release', headers: { accept: null } });
    expect(reply.json.isCloud).toBe(false);
    expect(reply.json.cloudRegion).toBeUndefined();
    expect(reply.json.version).toBe('v2024.1.92001');
  });

  it('is readable by the limited key and read-only', async () => {
    expect((await sim.call('GET', 'system/info', { key: 'limited' })).status).toBe(200);
    const post = await sim.call('POST', 'system/info', { body: {} });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });
});
