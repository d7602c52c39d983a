import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDropsuiteClient } from './client';
import { DEFAULT_RETRY } from './transport';
import { CREDENTIALS, failureOf, ORG, recordingFetch, simulatedVendor, VENDOR_CREDENTIALS } from './test-support';

const id = (n: number) => String(n);
const AUTH_MESSAGE = 'The vendor rejected the reseller token or access token — copy them again from Partner Portal → Settings → API Information.';

/** A server that is not the vendor API (a marketing site, a captive portal…). */
async function withServer(handler: http.RequestListener, run: (origin: string) => Promise<void>): Promise<void> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const clientAt = (apiUrl: string) =>
  createDropsuiteClient({ settings: { apiUrl, regionCode: 'uswest' }, secrets: CREDENTIALS, retry: { baseBackoffMs: 10, maxBackoffMs: 20 } });

describe('Dropsuite client under faults (against the vendor simulator)', () => {
  const { sim, client, setFaults } = simulatedVendor();
  const gets = (path: string) => sim.vendor.requests.filter({ method: 'GET', path });

  it('runs ky 2 on this Node (ky declares node >= 22; Node 20 only warns at install)', async () => {
    const { engines } = JSON.parse(readFileSync('node_modules/ky/package.json', 'utf8')) as { engines: { node: string } };
    expect(engines.node).toBe('>=22');
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(20);
    expect(await client().listPlans()).toHaveLength(3);
  });

  describe('rate limits', () => {
    it('waits out a 429 storm, honouring Retry-After', async () => {
      await setFaults({ rateLimitStorm: 2, retryAfterSeconds: 1 });
      const started = Date.now();
      expect(await client().listPlans()).toHaveLength(3);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
      expect(gets('/api/plans').map((r) => r.status)).toEqual([429, 429, 200]);
    });

    it('does not wait for a Retry-After beyond its cap', async () => {
      await setFaults({ rateLimitStorm: 5, retryAfterSeconds: 120 });
      const started = Date.now();
      const error = await failureOf(client().listPlans());
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(error.data).toMatchObject({
        code: 'vendor-rate-limited', status: 429, retryable: true,
        hint: 'The vendor asked to wait 120 seconds; try again after that.',
      });
      expect(gets('/api/plans')).toHaveLength(1);
    });

    it('stops retrying when the time budget is spent', async () => {
      await setFaults({ rateLimitStorm: 50, retryAfterSeconds: 1 });
      const started = Date.now();
      const error = await failureOf(client({ retry: { budgetMs: 2_500 } }).listPlans());
      expect(error.data.code).toBe('vendor-rate-limited');
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(gets('/api/plans')).toHaveLength(3);
    });

    it('measures the budget on the injected clock', async () => {
      await setFaults({ rateLimitStorm: 50, retryAfterSeconds: 1 });
      let fakeNow = 0;
      const now = () => (fakeNow += 40_000); // every reading: 40 s later, past the 30 s budget
      expect((await failureOf(client({ now }).listPlans())).data.code).toBe('vendor-rate-limited');
      expect(gets('/api/plans')).toHaveLength(1);
    });
  });

  describe('a failing vendor', () => {
    it('reports the vendor down (503) after two quick retries (an unpaced failure)', async () => {
      await setFaults({ down: true });
      const error = await failureOf(client().listPlans());
      expect(error.data).toMatchObject({
        code: 'vendor-unavailable', status: 503, retryable: true,
        message: 'The vendor\'s API is temporarily unavailable (HTTP 503); Backup Bridge could not read the plans.',
      });
      expect(gets('/api/plans')).toHaveLength(1 + DEFAULT_RETRY.unpacedLimit);
    });

    it('retries a read through 502s and dropped connections', async () => {
      let failures = 0;
      const { fetch } = recordingFetch(async (input, init) => {
        failures += 1;
        if (failures === 1) return new Response('Bad Gateway', { status: 502 });
        if (failures === 2) throw new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
        return globalThis.fetch(input, init);
      });
      expect(await client({ fetch }).listPlans()).toHaveLength(3);
    });

    it('does not retry a read on a plain 500', async () => {
      await setFaults({ errorRate: 1, errorStatus: 500 });
      const error = await failureOf(client().listPlans());
      expect(error.data).toMatchObject({ code: 'vendor-unavailable', status: 500, message: expect.stringContaining('Something went wrong on our side') });
      expect(gets('/api/plans')).toHaveLength(1);
    });

    it('times out a vendor that does not answer', async () => {
      await setFaults({ latencyMs: 1_000 });
      const error = await failureOf(client({ timeoutMs: 200, retry: { limit: 1 } }).listPlans());
      expect(error.data).toMatchObject({
        code: 'vendor-timeout', retryable: true,
        message: 'The vendor API did not answer within 200 ms while trying to read the plans.',
      });
      await sim.idle();
    });

    it('times out an answer whose body stalls', async () => {
      await withServer((_, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[{"id":4,'); // and never more
      }, async (origin) => {
        const error = await failureOf(createDropsuiteClient({
          settings: { apiUrl: `${origin}/api`, regionCode: 'uswest' }, secrets: CREDENTIALS, timeoutMs: 200, retry: { limit: 0 },
        }).listPlans());
        expect(error.data).toMatchObject({ code: 'vendor-timeout', message: expect.stringContaining('within 200 ms') });
      });
    });
  });

  describe('credentials', () => {
    it.each([
      ['a wrong reseller token', { ...CREDENTIALS, resellerToken: '00000000-0000-4000-8000-000000000000' }],
      ['the numeric reseller id instead of the UUID', { ...CREDENTIALS, resellerToken: String(VENDOR_CREDENTIALS.resellerId) }],
      ['a wrong access token', { ...CREDENTIALS, accessToken: 'adm_wrong' }],
    ])('explains %s', async (_, secrets) => {
      const error = await failureOf(client({ secrets }).testConnection());
      expect(error.data).toMatchObject({ code: 'vendor-auth', status: 401, message: AUTH_MESSAGE });
      expect(gets('/api/status')).toHaveLength(1); // a 401 is not retried
    });

    it('explains an organisation token pasted as the access token', async () => {
      const error = await failureOf(client({ secrets: { ...CREDENTIALS, accessToken: sim.tokenOf(ORG.contoso) } }).testConnection());
      expect(error.data).toMatchObject({ code: 'vendor-auth', message: AUTH_MESSAGE });
    });
  });

  describe('per-organisation tokens', () => {
    it('follows a rotated token: re-reads the organisation list once and retries once', async () => {
      const vendor = client();
      expect(await vendor.listMailboxes(id(ORG.contoso))).toHaveLength(23);
      const org = sim.vendor.store.orgs.get(ORG.contoso);
      if (!org) throw new Error('no Contoso');
      org.authenticationToken = 'org_19771_rotated00000';
      expect(await vendor.listMailboxes(id(ORG.contoso))).toHaveLength(23);
      expect(gets('/api/users')).toHaveLength(2);
      expect(gets('/api/accounts').map((r) => r.status)).toEqual([200, 401, 200]);
    });

    it('gives up after one refresh when the vendor keeps refusing the token (expired-token fault)', async () => {
      const vendor = client();
      await setFaults({ orgTokenExpired: true });
      const error = await failureOf(vendor.listMailboxes(id(ORG.contoso)));
      expect(error.data).toMatchObject({
        code: 'vendor-org-token', status: 401,
        message: 'The vendor refused Contoso Dental Group\'s own access token, even after Backup Bridge re-read it from the organisation list.',
      });
      expect(gets('/api/users')).toHaveLength(2);
      expect(gets('/api/accounts')).toHaveLength(2);
      await setFaults({ orgTokenExpired: false });
      expect(await vendor.listMailboxes(id(ORG.contoso))).toHaveLength(23);
    });

    it('never falls back to the admin token on an organisation route', async () => {
      // A vendor whose organisation rows hand out the admin token: org routes refuse it (401).
      const { fetch, sent } = recordingFetch(async (input, init) => {
        const response = await globalThis.fetch(input, init);
        if (!new URL(response.url).pathname.endsWith('/users')) return response;
        const body = (await response.json()) as { result_set: Array<Record<string, unknown>> };
        for (const row of body.result_set) row.authentication_token = VENDOR_CREDENTIALS.adminToken;
        return Response.json(body);
      });
      const error = await failureOf(client({ fetch }).listTenants(id(ORG.fabrikam)));
      expect(error.data.code).toBe('vendor-org-token');
      expect(sent.filter((r) => r.url.pathname.endsWith('/tenants')).map((r) => r.headers.get('x-access-token')))
        .toEqual([VENDOR_CREDENTIALS.adminToken, VENDOR_CREDENTIALS.adminToken]);
    });
  });

  describe('the wrong address', () => {
    it('explains an address that is not the API (no /api)', async () => {
      const error = await failureOf(clientAt(sim.origin).testConnection());
      expect(error.data).toMatchObject({
        code: 'vendor-unreachable', field: 'vendor.apiUrl', status: 404,
        message: `Cannot reach the vendor API at ${sim.origin}: that address answers, but not like the vendor's API (HTTP 404), so Backup Bridge could not check the connection.`,
      });
    });

    it('explains a web site answering in place of the API', async () => {
      await withServer((_, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!DOCTYPE html><html><body>Welcome to NinjaOne</body></html>');
      }, async (origin) => {
        const error = await failureOf(clientAt(`${origin}/api`).testConnection());
        expect(error.data).toMatchObject({ code: 'vendor-unreachable', field: 'vendor.apiUrl', message: expect.stringContaining('(HTTP 200, a web page)') });
      });
    });

    it('explains a refused connection', async () => {
      const apiUrl = `http://127.0.0.1:${await closedPort()}/api`;
      const error = await failureOf(clientAt(apiUrl).testConnection());
      expect(error.data).toMatchObject({
        code: 'vendor-unreachable', field: 'vendor.apiUrl',
        message: `Cannot reach the vendor API at ${apiUrl} (the connection was refused) while trying to check the connection.`,
      });
    });

    it('explains a host name that does not exist', async () => {
      const error = await failureOf(clientAt('http://vendor.invalid/api').testConnection());
      expect(error.data).toMatchObject({ code: 'vendor-unreachable', message: expect.stringContaining('(the host name does not resolve)') });
    });
  });
});
