import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { basicAuthorization, retryAfterMs } from './client';
import type { ManageSite } from './discovery';
import { createTicket, getTicket, Ticket } from './resources/service';
import { getSystemInfo } from './resources/system';
import { closedPort, fakeFetch, logged, networkError, simClient, simForThisFile, simSite } from './test-support';

const sim = simForThisFile();
let site: ManageSite;
beforeAll(async () => {
  site = await simSite(sim);
});

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error, 'the call should have failed').toBeDefined();
  return error as Error & { data: { code: string; message: string; field?: string; hint?: string; details?: unknown[]; retryable?: boolean } };
};
const ticketsWithXRef = (xref: string) => sim.api.store.rows('service/tickets').filter((row) => row.externalXRef === xref);

/** Passes requests to the real fetch and remembers them. */
function spyFetch(before?: (request: Request, n: number) => Response | void): { fetch: typeof fetch; requests: Request[] } {
  const requests: Request[] = [];
  return {
    requests,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      requests.push(request.clone());
      const canned = before?.(request, requests.length);
      return canned ?? fetch(request);
    },
  };
}

describe('authentication and headers', () => {
  it('Basic company+public:private with a literal +, correct base64 of non-ASCII', () => {
    expect(basicAuthorization('northwind', 'BBdemoPublic0001', 'BBdemoPrivate0001')).toBe(
      `Basic ${Buffer.from('northwind+BBdemoPublic0001:BBdemoPrivate0001').toString('base64')}`,
    );
    const unicode = basicAuthorization('zürich', 'pübl+/=', 'prïv:🦊');
    expect(Buffer.from(unicode.slice(6), 'base64').toString('utf8')).toBe('zürich+pübl+/=:prïv:🦊');
  });

  it('sends clientId, the pinned Accept version and no-cache on every call', async () => {
    const spy = spyFetch();
    await getSystemInfo(simClient(site, { fetch: spy.fetch }));
    const sent = spy.requests[0] as Request;
    expect(sent.url).toBe(`${sim.origin}/v2025_1/apis/3.0/system/info`);
    expect(sent.headers.get('clientid')).toBe('3f1e1c9e-0a57-4d6b-9a87-0b7f4f6e2c11');
    expect(sent.headers.get('accept')).toBe('application/vnd.connectwise.com+json; version=2025.1');
    expect(sent.headers.get('cache-control')).toBe('no-cache');
    expect(sent.headers.get('authorization')).toBe(basicAuthorization('northwind', 'BBdemoPublic0001', 'BBdemoPrivate0001'));
  });

  it.each([
    ['a wrong public key', { publicKey: 'BBwrongPublic01' }, 'bad-keys', 'manage.publicKey'],
    ['a wrong private key', { privateKey: 'nope' }, 'bad-keys', 'manage.publicKey'],
    ['a revoked key', { key: 'revoked' as const }, 'bad-keys', 'manage.publicKey'],
    ['no clientId', { clientId: '' }, 'missing-client-id', 'manage.clientId'],
    ['an unregistered clientId', { clientId: '00000000-0000-4000-8000-000000000000' }, 'unknown-client-id', 'manage.clientId'],
    ['a company id the site does not know', { companyId: 'southwind' }, 'cannot-route', 'manage.companyId'],
  ])('%s → %s on %s', async (_, overrides, code, field) => {
    const error = await failure(getSystemInfo(simClient(site, overrides)));
    expect(error.data).toMatchObject({ code, field });
    expect(logged(sim)).toHaveLength(1); // never retried
  });

  it('says where to fix bad keys, in the setup guide’s words', async () => {
    const error = await failure(getSystemInfo(simClient(site, { privateKey: 'nope' })));
    expect(error.message).toBe(
      'ConnectWise rejected the API keys — check the public and private key of the API member (System → Members → API Members → API Keys).',
    );
  });
});

describe('HTTP errors in a technician’s words', () => {
  it('403 names the module and level the role needs', async () => {
    const client = simClient(site, { key: 'limited' });
    const edit = await failure(client.send('PATCH', 'finance/agreements/19064', { json: [{ op: 'replace', path: 'name', value: 'x' }] }));
    expect(edit.data).toMatchObject({ code: 'forbidden', status: 403 });
    expect(edit.message).toBe('The API member’s security role does not allow this: it needs “Finance › Agreements: Edit”.');
    expect(edit.data.hint).toContain('System › Security Roles');
    const close = await failure(client.send('PATCH', 'service/tickets/123456', { json: [{ op: 'replace', path: 'status/id', value: 34 }] }));
    expect(close.message).toContain('“Service Desk › Close Service Tickets: Edit”');
  });

  it('404 says which record', async () => {
    const error = await failure(getTicket(simClient(site), 999_999));
    expect(error.data).toMatchObject({ code: 'not-found', status: 404 });
    expect(error.message).toBe('ConnectWise has no ticket 999999; it may have been deleted or merged.');
  });

  it('400 InvalidObject lists every field', async () => {
    const error = await failure(simClient(site).send('POST', 'service/tickets', { json: { initialDescription: 'no summary, no company' } }));
    expect(error.data.code).toBe('invalid-request');
    expect(error.message).toMatch(/^ConnectWise rejected the ticket: /);
    expect(error.data.details).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'summary' }),
      expect.objectContaining({ field: 'company' }),
    ]));
  });

  it('409 when a record is in use', async () => {
    sim.grantAdmin();
    const error = await failure(simClient(site).send('DELETE', 'service/boards/3'));
    expect(error.data).toMatchObject({ code: 'conflict', status: 409 });
    expect(error.message).toMatch(/^ConnectWise refused to change the service board 3: Board 3 is in use by Ticket \d+\.$/);
  });

  it('an API version the server does not support', async () => {
    const error = await failure(getSystemInfo(simClient({ ...site, version: '2099.1' })));
    expect(error.data).toMatchObject({ code: 'unsupported-version', field: 'manage.site' });
  });

  it('an endpoint this server does not have', async () => {
    const error = await failure(simClient(site).send('GET', 'system/doesNotExist'));
    expect(error.data.code).toBe('endpoint-missing');
  });
});

describe('retries', () => {
  it('waits out a 429 storm as Retry-After says, within the budget', async () => {
    sim.api.faults.set({ rateLimitStorm: 2, retryAfterSeconds: 1 });
    const started = Date.now();
    const info = await getSystemInfo(simClient(site));
    expect(info.isCloud).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(logged(sim).map((entry) => entry.status)).toEqual([429, 429, 200]);
  });

  it('does not wait for a Retry-After beyond the budget: "try again in N s"', async () => {
    sim.api.faults.set({ rateLimitStorm: 5, retryAfterSeconds: 120 });
    const started = Date.now();
    const error = await failure(getSystemInfo(simClient(site, { totalBudgetMs: 10_000 })));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.data).toMatchObject({ code: 'rate-limited', retryable: true });
    expect(error.message).toContain('try again in 120 s');
  });

  it('retries a POST refused with 429 (nothing was done), once it may', async () => {
    sim.api.faults.set({ rateLimitStorm: 1, retryAfterSeconds: 1 });
    const ticket = await simClient(site).request('POST', 'service/tickets', Ticket, { json: { summary: 's', company: { id: 250 } } });
    expect(ticket.id).toBeGreaterThan(0);
    expect(logged(sim, 'POST').map((entry) => entry.status)).toEqual([429, 201]);
  });

  it.each([502, 503, 504])('retries a GET through %i gateway pages', async (status) => {
    sim.api.faults.set({ errorRate: 1, errorStatus: status });
    const spy = spyFetch((_, n) => {
      if (n === 3) sim.api.faults.set({ errorRate: 0 });
    });
    const info = await getSystemInfo(simClient(site, { fetch: spy.fetch }));
    expect(info.version).toMatch(/^v2025\.1/);
    expect(logged(sim).map((entry) => entry.status)).toEqual([status, status, 200]);
  });

  it('retries a GET after a network error', async () => {
    const spy = spyFetch((_, n) => {
      if (n === 1) throw networkError('ECONNRESET');
    });
    await getSystemInfo(simClient(site, { fetch: spy.fetch }));
    expect(spy.requests).toHaveLength(2);
  });

  it('never retries a failed POST blindly', async () => {
    sim.api.faults.set({ errorRate: 1, errorStatus: 503 });
    const error = await failure(simClient(site).send('POST', 'service/tickets', { json: { summary: 's', company: { id: 250 } } }));
    expect(error.data).toMatchObject({ code: 'server-error', status: 503, retryable: true });
    expect(logged(sim, 'POST')).toHaveLength(1);
  });

  it('gives up on a server that keeps failing, within the total budget', async () => {
    sim.api.faults.set({ errorRate: 1, errorStatus: 500 });
    const started = Date.now();
    const error = await failure(getSystemInfo(simClient(site, { totalBudgetMs: 2_000 })));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error.data).toMatchObject({ code: 'server-error', status: 500 });
    expect(logged(sim).length).toBeGreaterThan(1);
  });

  it('times out per attempt and overall', async () => {
    sim.api.faults.set({ latencyMs: 1_500 });
    const started = Date.now();
    const error = await failure(getSystemInfo(simClient(site, { timeoutMs: 200, totalBudgetMs: 1_000 })));
    expect(error.data).toMatchObject({ code: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('reports a host that refuses connections as unreachable', async () => {
    const port = await closedPort();
    const client = simClient({ ...site, apiBaseUrl: `http://127.0.0.1:${port}/v2025_1/apis/3.0/` }, { totalBudgetMs: 1_500 });
    const error = await failure(getSystemInfo(client));
    expect(error.data).toMatchObject({ code: 'unreachable', field: 'manage.site', retryable: true });
    expect(error.message).toBe(`Cannot reach ConnectWise at 127.0.0.1:${port} (ECONNREFUSED).`);
  });

  it('stops a call whose signal aborts, its wait for Retry-After included: cancelled, nothing more sent', async () => {
    sim.api.faults.set({ rateLimitStorm: 5, retryAfterSeconds: 20 });
    const stop = new AbortController();
    const abortOnAnswer: typeof fetch = async (input, init) => {
      const response = await fetch(new Request(input, init));
      stop.abort();
      return response;
    };
    const error = await failure(getSystemInfo(simClient(site, { fetch: abortOnAnswer }).withSignal(stop.signal)));
    expect(error.data).toMatchObject({ code: 'cancelled', retryable: true });
    expect(logged(sim).map((entry) => entry.status)).toEqual([429]);
  });

  it('sends nothing on a signal already aborted, through a deadline-bound copy too', async () => {
    const stop = new AbortController();
    stop.abort();
    const stopped = simClient(site).withSignal(stop.signal).withDeadline(Date.now() + 5_000);
    expect((await failure(getSystemInfo(stopped))).data.code).toBe('cancelled');
    expect(logged(sim)).toHaveLength(0);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('7', 0)).toBe(7000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(retryAfterMs('soon', 0)).toBeNull();
    expect(retryAfterMs(null, 0)).toBeNull();
  });
});

describe('createOnce: a POST that may have landed is looked up, not repeated', () => {
  const input = { summary: 'Dropsuite backup error: x@y.com (Failed)', companyId: 250, boardId: 3, externalXRef: 'uswest.backup.777' };

  it('finds the ticket a slow commit created instead of creating a second one', async () => {
    sim.api.faults.set({ slowCommitMs: 1_500 });
    const client = simClient(site, { timeoutMs: 300 });
    const ticket = await createTicket(client, input);
    expect(ticket.externalXRef).toBe('uswest.backup.777');
    expect(ticketsWithXRef('uswest.backup.777')).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1_400)); // let the late answer reach the log
    expect(logged(sim, 'POST', 'service/tickets')).toHaveLength(1);
    expect(logged(sim, 'GET', 'externalXRef').length).toBeGreaterThanOrEqual(1);
  });

  it('a plain POST with a slow commit times out and is not repeated', async () => {
    sim.api.faults.set({ slowCommitMs: 1_000 });
    const error = await failure(simClient(site, { timeoutMs: 200 }).send('POST', 'service/tickets', { json: { summary: 's', company: { id: 250 } } }));
    expect(error.data.code).toBe('timeout');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(logged(sim, 'POST')).toHaveLength(1);
  });

  it('sends again when the lookup proves the first POST did not land', async () => {
    const spy = spyFetch((request, n) => {
      // The first POST dies on the way (never reaches the server).
      if (request.method === 'POST' && n === 1) throw networkError('ECONNRESET');
    });
    const ticket = await createTicket(simClient(site, { fetch: spy.fetch }), input);
    expect(ticketsWithXRef('uswest.backup.777').map((row) => row.id)).toEqual([ticket.id]);
    expect(spy.requests.map((request) => request.method)).toEqual(['POST', 'GET', 'POST']);
  });

  it('says the outcome is unknown when the lookup fails too', async () => {
    sim.api.faults.set({ errorRate: 1, errorStatus: 500 });
    const error = await failure(createTicket(simClient(site, { totalBudgetMs: 3_000 }), input));
    expect(error.data).toMatchObject({ code: 'write-outcome-unknown', retryable: true });
    expect(logged(sim, 'POST')).toHaveLength(1);
  });

  it('passes definite refusals straight through', async () => {
    const error = await failure(createTicket(simClient(site), { ...input, companyId: 987_654 }));
    expect(error.data.code).toBe('invalid-request');
    expect(logged(sim, 'POST')).toHaveLength(1);
  });

  it('bounds the lookup by the same deadline: a spent deadline sends nothing more', async () => {
    const spent = simClient(site).withDeadline(Date.now() - 1);
    const error = await failure(spent.createOnce('service/tickets', { summary: 's' }, Ticket, { findExisting: async () => null }));
    expect(error.data.code).toBe('timeout');
    expect(logged(sim)).toHaveLength(0);
  });
});

describe('malformed answers become clear errors, never crashes', () => {
  const client = (respond: () => Response) => simClient(site, { fetch: fakeFetch(respond) });

  it('an HTML page with status 200', async () => {
    const error = await failure(getSystemInfo(client(() => new Response('<html><body>Sign in</body></html>', { headers: { 'content-type': 'text/html' } }))));
    expect(error.data).toMatchObject({ code: 'not-manage-site', field: 'manage.site' });
  });

  it('truncated JSON', async () => {
    const error = await failure(getTicket(client(() => new Response('{"id": 5, "summary": "Dropsuite backup err', { headers: { 'content-type': 'application/json' } })), 5));
    expect(error.data).toMatchObject({ code: 'invalid-response', retryable: true });
    expect(error.message).toContain('cut off or malformed');
  });

  it('an empty 200', async () => {
    const error = await failure(getTicket(client(() => new Response('')), 5));
    expect(error.data.code).toBe('invalid-response');
  });

  it('wrong types name the field', async () => {
    const error = await failure(getTicket(client(() => Response.json({ id: 'five', summary: 7, board: { id: 'x' } })), 5));
    expect(error.data.code).toBe('unexpected-data');
    expect(error.message).toBe('ConnectWise sent ticket 5 data Backup Bridge does not understand (id, summary, board.id).');
    expect(error.data.details).toHaveLength(3);
  });

  it('a list where a record was expected', async () => {
    const error = await failure(getTicket(client(() => Response.json([])), 5));
    expect(error.data.code).toBe('unexpected-data');
  });

  it('an error status with an HTML body', async () => {
    const error = await failure(getTicket(client(() => new Response('<html>Forbidden by proxy</html>', { status: 403, headers: { 'content-type': 'text/html' } })), 5));
    expect(error.data.code).toBe('not-manage-site');
  });

  it('an error status with a JSON body of another shape', async () => {
    const error = await failure(getTicket(client(() => Response.json({ oops: true }, { status: 400 })), 5));
    expect(error.data).toMatchObject({ code: 'invalid-request', status: 400 });
  });

  it('tolerates nulls and unknown fields where the spec says otherwise', async () => {
    const ticket = await getTicket(client(() => Response.json({ id: 5, summary: 'x', board: null, closedFlag: null, brandNewField: { a: 1 } })), 5);
    expect(ticket).toMatchObject({ id: 5, summary: 'x', board: undefined, closedFlag: undefined, brandNewField: { a: 1 } });
  });

  it('validates with any schema the caller gives', async () => {
    const reply = await simClient(site).send('GET', 'service/tickets/count', { schema: z.object({ count: z.number() }) });
    expect(reply.body.count).toBeGreaterThan(0);
  });
});

describe('serverNow', () => {
  it('follows ConnectWise’s clock from the Date header of its answers, not this machine’s', async () => {
    const client = simClient(site);
    sim.clock.advance(3_600_000);
    await client.send('GET', 'system/info');
    // The Date header has whole seconds.
    expect(Math.abs(client.serverNow() - sim.clock.now())).toBeLessThan(2_000);
  });
});
