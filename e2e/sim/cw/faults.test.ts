import { describe, expect, it, vi } from 'vitest';
import { simForThisFile } from './harness';
import type { LoggedRequest } from './requestlog';

const sim = simForThisFile();

const admin = async (method: string, route: string, body?: unknown) => {
  const response = await fetch(`${sim.origin}/__sim/manage/${route}`, {
    method, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
};
const newTicket = { summary: 'Dropsuite backup error: info@bluelight.com (Connection Error)', company: { id: 250 }, externalXRef: 'uswest.backup.9002' };
const openTicketsFor = async (xref: string) =>
  (await sim.call('GET', `service/tickets/count?conditions=${encodeURIComponent(`externalXRef="${xref}" and closedFlag=false`)}`)).json.count;

describe('faults on API requests', () => {
  it('answers a 429 storm with Retry-After, then recovers', async () => {
    await admin('POST', 'faults', { rateLimitStorm: 2, retryAfterSeconds: 7 });
    for (let n = 0; n < 2; n++) {
      const reply = await sim.call('GET', 'system/info');
      expect(reply.status).toBe(429);
      expect(reply.headers.get('retry-after')).toBe('7');
      expect(reply.json.code).toBe('TooManyRequests');
    }
    expect((await sim.call('GET', 'system/info')).status).toBe(200);
  });

  it('limits requests per second', async () => {
    sim.api.faults.set({ rateLimitPerSecond: 2 });
    const statuses = [];
    for (let n = 0; n < 3; n++) statuses.push((await sim.call('GET', 'system/info')).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('answers a server error as JSON', async () => {
    sim.api.faults.set({ errorRate: 1, errorStatus: 500 });
    const reply = await sim.call('GET', 'service/tickets');
    expect(reply.status).toBe(500);
    expect(reply.json).toEqual({ code: 'ConnectWiseApi', message: 'An error has occurred.', errors: null });
  });

  it.each([502, 503, 504])('answers gateway error %i with an HTML page (not JSON)', async (status) => {
    sim.api.faults.set({ errorRate: 1, errorStatus: status });
    const reply = await sim.call('GET', 'service/tickets');
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
    expect(reply.json).toBeUndefined();
  });

  it('answers 503 everywhere while down, and nothing is written', async () => {
    sim.api.faults.set({ down: true });
    expect((await sim.call('POST', 'service/tickets', { body: newTicket })).status).toBe(503);
    sim.api.faults.set({ down: false });
    expect(await openTicketsFor('uswest.backup.9002')).toBe(0);
  });

  it('adds latency', async () => {
    sim.api.faults.set({ latencyMs: 60 });
    await sim.call('GET', 'system/info');
    expect(sim.api.requests.list()[0]?.ms).toBeGreaterThanOrEqual(60);
  });

  it('fails a deterministic share of requests at an error rate', async () => {
    sim.api.faults.set({ errorRate: 0.5 });
    const first = [];
    for (let n = 0; n < 10; n++) first.push((await sim.call('GET', 'system/info')).status);
    sim.reset();
    sim.api.faults.set({ errorRate: 0.5 });
    const second = [];
    for (let n = 0; n < 10; n++) second.push((await sim.call('GET', 'system/info')).status);
    expect(first).toEqual(second);
    expect(first).toContain(500);
    expect(first).toContain(200);
  });
});

describe('slow commit', () => {
  it('commits the write at once and answers late', async () => {
    sim.api.faults.set({ slowCommitMs: 300 });
    const reply = await sim.call('POST', 'service/tickets', { body: newTicket });
    expect(reply.status).toBe(201);
    expect(sim.api.requests.list()[0]?.ms).toBeGreaterThanOrEqual(300);
    expect(await openTicketsFor('uswest.backup.9002')).toBe(1);
  });

  it('commits exactly once although the client gave up waiting (a blind retry would duplicate)', async () => {
    sim.api.faults.set({ slowCommitMs: 400 });
    const outcome = await sim.call('POST', 'service/tickets', { body: newTicket, signal: AbortSignal.timeout(50) })
      .then(() => 'answered', (error: Error) => error.name);
    expect(outcome).toBe('TimeoutError');
    expect(await openTicketsFor('uswest.backup.9002')).toBe(1);
    // The retry has the same delay, so once it is answered the abandoned request is done too.
    expect((await sim.call('POST', 'service/tickets', { body: newTicket })).status).toBe(201);
    expect(await openTicketsFor('uswest.backup.9002')).toBe(2);
    const posts = sim.api.requests.list().filter((entry) => entry.method === 'POST');
    expect(posts.map((entry) => entry.status)).toEqual([201, 201]);
  });

  it('leaves a request answered after a reset out of the log: it was asked before it', async () => {
    sim.api.faults.set({ slowCommitMs: 300 });
    const asked = { ...newTicket, externalXRef: 'uswest.backup.late' };
    const answered = sim.call('POST', 'service/tickets', { body: asked });
    await vi.waitFor(() => expect(sim.api.store.rows('service/tickets').some((row) => row.externalXRef === asked.externalXRef)).toBe(true));
    sim.api.reset();
    expect((await answered).status).toBe(201);
    expect(sim.api.requests.list()).toEqual([]);
  });

  it('delays writes only, not reads', async () => {
    sim.api.faults.set({ slowCommitMs: 300 });
    await sim.call('GET', 'service/tickets');
    expect(sim.api.requests.list()[0]?.ms).toBeLessThan(300);
  });
});

describe('request log', () => {
  it('records method, path with query, status, duration and time, in order', async () => {
    await sim.call('GET', '/login/companyinfo/northwind');
    await sim.call('GET', 'service/tickets?conditions=closedFlag%3Dfalse&pageSize=5');
    await sim.call('POST', 'service/tickets', { body: newTicket });
    await sim.call('GET', 'service/tickets/1');
    const log = (await admin('GET', 'requests')).json as LoggedRequest[];
    expect(log.map(({ method, path, status }) => [method, path, status])).toEqual([
      ['GET', '/login/companyinfo/northwind', 200],
      ['GET', '/v2025_1/apis/3.0/service/tickets?conditions=closedFlag%3Dfalse&pageSize=5', 200],
      ['POST', '/v2025_1/apis/3.0/service/tickets', 201],
      ['GET', '/v2025_1/apis/3.0/service/tickets/1', 404],
    ]);
    expect(log.map((entry) => entry.seq)).toEqual([1, 2, 3, 4]);
    for (const entry of log) {
      expect(entry.ms).toBeGreaterThanOrEqual(0);
      expect(Date.parse(entry.time)).not.toBeNaN();
    }
  });

  it('proves "no duplicate create": one POST per ticket', async () => {
    await sim.call('POST', 'service/tickets', { body: newTicket });
    const posts = sim.api.requests.list().filter((entry) => entry.method === 'POST' && entry.path.endsWith('/service/tickets'));
    expect(posts).toHaveLength(1);
  });

  it('logs faulted requests with their status, but not admin requests', async () => {
    sim.api.faults.set({ rateLimitStorm: 1 });
    await sim.call('GET', 'system/info');
    await admin('GET', 'faults');
    expect(sim.api.requests.list().map((entry) => entry.status)).toEqual([429]);
  });

  it('is cleared by DELETE requests', async () => {
    await sim.call('GET', 'system/info');
    expect((await admin('DELETE', 'requests')).status).toBe(204);
    expect((await admin('GET', 'requests')).json).toEqual([]);
  });
});

describe('admin routes', () => {
  it('reset restores the seeded world and clears faults and the log', async () => {
    await sim.call('DELETE', 'service/tickets/123459');
    sim.api.faults.set({ latencyMs: 5 });
    const reply = await admin('POST', 'reset');
    expect(reply).toEqual({ status: 200, json: { ok: true, now: '2026-01-15T12:00:00Z' } });
    expect((await sim.call('GET', 'service/tickets/123459')).status).toBe(200);
    expect(sim.api.faults.config.latencyMs).toBe(0);
    expect(sim.api.requests.list()).toHaveLength(1);
  });

  it('reads and patches faults', async () => {
    expect((await admin('GET', 'faults')).json).toMatchObject({ latencyMs: 0, down: false });
    const patched = await admin('POST', 'faults', { latencyMs: 10, retryAfterSeconds: 3 });
    expect(patched.json).toMatchObject({ latencyMs: 10, retryAfterSeconds: 3, down: false });
  });

  it.each<[string, unknown]>([
    ['an unknown fault', { nosuch: 1 }],
    ['a wrong type', { latencyMs: '10' }],
    ['an array', [1]],
    ['not JSON', '{oops'],
    ['nothing', ''],
  ])('refuses %s in POST faults with 400', async (_, body) => {
    const reply = await admin('POST', 'faults', body);
    expect(reply.status).toBe(400);
    expect(reply.json.error).toEqual(expect.any(String));
  });

  it('seeds deterministic bulk rows for pagination tests', async () => {
    const reply = await admin('POST', 'seed', { bulk: { 'company/configurations': 300, 'company/contacts': 260, 'finance/agreements/19064/additions': 30 } });
    expect(reply.json).toEqual({ created: { 'company/configurations': 300, 'company/contacts': 260, 'finance/agreements/19064/additions': 30 } });
    expect((await sim.call('GET', 'company/configurations/count')).json.count).toBe(42 + 300);
    expect((await sim.call('GET', 'finance/agreements/19064/additions/count')).json.count).toBe(31);
    const first = await sim.call('GET', 'company/configurations?conditions=name%20like%20%22BULK-%25%22&pageSize=2&fields=name,company/id');
    expect(first.json).toEqual([
      { name: 'BULK-WKS-00043', company: { id: expect.any(Number) } },
      { name: 'BULK-WKS-00044', company: { id: expect.any(Number) } },
    ]);
    sim.reset();
    await admin('POST', 'seed', { bulk: { 'company/configurations': 300 } });
    const again = await sim.call('GET', 'company/configurations?conditions=name%20like%20%22BULK-%25%22&pageSize=2&fields=name,company/id');
    expect(again.json).toEqual(first.json);
  });

  it.each<[string, unknown]>([
    ['no bulk', {}],
    ['bulk not an object', { bulk: [1] }],
    ['an unknown collection', { bulk: { 'company/widgets': 1 } }],
    ['a record path', { bulk: { 'company/companies/250': 1 } }],
    ['a collection without filler', { bulk: { 'service/priorities': 1 } }],
    ['a zero count', { bulk: { 'company/contacts': 0 } }],
    ['a fractional count', { bulk: { 'company/contacts': 1.5 } }],
    ['a huge count', { bulk: { 'company/contacts': 1_000_000 } }],
    ['a text count', { bulk: { 'company/contacts': '10' } }],
    ['a missing parent', { bulk: { 'finance/agreements/1/additions': 5 } }],
  ])('refuses %s in POST seed with 400', async (_, body) => {
    const before = (await sim.call('GET', 'service/priorities/count')).json.count;
    const reply = await admin('POST', 'seed', body);
    expect(reply.status).toBe(400);
    expect((await sim.call('GET', 'service/priorities/count')).json.count).toBe(before);
  });

  it('shows state exactly as the API returns it', async () => {
    const list = await admin('GET', 'state/service/tickets');
    expect(list.json).toHaveLength(10);
    const one = await admin('GET', 'state/service/tickets/123456');
    expect(one.json.externalXRef).toBe('uswest.backup.9201');
    const api = await sim.call('GET', 'service/tickets/123456', { codebase: 'v4_6_release' });
    expect(one.json).toEqual(api.json);
    expect((await admin('GET', 'state/service/tickets/1')).status).toBe(404);
    expect((await admin('GET', 'state/nothing/here')).status).toBe(404);
  });

  it('needs no credentials, refuses wrong methods and unknown routes', async () => {
    expect((await admin('GET', 'reset')).status).toBe(405);
    expect((await admin('PUT', 'faults', {})).status).toBe(405);
    expect((await admin('GET', 'nosuch')).status).toBe(404);
    expect((await admin('GET', '')).status).toBe(404);
  });
});
