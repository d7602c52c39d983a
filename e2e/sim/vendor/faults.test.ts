import { describe, expect, it, vi } from 'vitest';
import { VENDOR_CREDENTIALS } from '../world';
import { ORG, vendorHarness } from './testkit';

describe('shared faults on /api', () => {
  const h = vendorHarness();

  it('down: every route answers 503 upstream_unavailable (retryable), the admin API still works', async () => {
    await h.admin('POST', 'faults', { down: true });
    for (const answer of [await h.get('/status'), await h.get('/accounts', ORG.fabrikam), await h.post('/users/5979/suspend')]) {
      expect(answer.status).toBe(503);
      expect(answer.json.error).toMatchObject({ code: 'upstream_unavailable', retryable: true });
    }
    expect((await h.admin('GET', 'faults')).json.down).toBe(true);
    await h.admin('POST', 'faults', { down: false });
    expect((await h.get('/status')).status).toBe(200);
  });

  it('error rate 1: every request fails with the chosen status', async () => {
    await h.admin('POST', 'faults', { errorRate: 1, errorStatus: 502 });
    const answer = await h.get('/users');
    expect(answer.status).toBe(502);
    expect(answer.json.error).toMatchObject({ code: 'internal_error', retryable: true });
  });

  it('error rate 0.5: a seeded, replayable mix of failures and successes', async () => {
    const run = async () => {
      h.vendor.reset();
      await h.admin('POST', 'faults', { errorRate: 0.5 });
      const statuses = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await h.get('/status')).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });

  it('a 429 storm: the next N requests get Retry-After, then service resumes', async () => {
    await h.admin('POST', 'faults', { rateLimitStorm: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i += 1) {
      const answer = await h.get('/users');
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBe('7');
      expect(answer.json.error).toMatchObject({ code: 'rate_limited', retryable: true });
    }
    expect((await h.get('/users')).status).toBe(200);
  });

  it('latency delays every answer by at least the given real milliseconds', async () => {
    await h.admin('POST', 'faults', { latencyMs: 60 });
    const started = performance.now();
    await h.get('/status');
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(h.vendor.requests.entries.at(-1)?.ms).toBeGreaterThanOrEqual(55);
  });

  it('slow commit: a write is committed at once but answered late, so a client that gives up sees no answer', async () => {
    await h.admin('POST', 'faults', { slowCommitMs: 400 });
    const aborted = await fetch(`${h.apiBase}/users/5979/suspend`, {
      method: 'POST', headers: h.headersFor('reseller'), signal: AbortSignal.timeout(100),
    }).then(() => false, () => true);
    expect(aborted).toBe(true);
    await h.idle();
    expect((await h.get('/users/5979')).json.subscription.state).toBe('suspended');
    expect(h.vendor.requests.filter({ method: 'POST' })[0]).toMatchObject({ status: 200, ms: expect.any(Number) });
    expect(h.vendor.requests.filter({ method: 'POST' })[0]?.ms).toBeGreaterThanOrEqual(395);
  });

  it('a request answered after a reset is left out of the log: it was asked before it', async () => {
    await h.admin('POST', 'faults', { slowCommitMs: 300 });
    const answered = h.post('/users/5979/suspend');
    await vi.waitFor(() => expect(h.vendor.store.orgs.get(5979)?.state).toBe('suspended'));
    h.vendor.reset();
    expect((await answered).status).toBe(200);
    expect(h.vendor.requests.entries).toEqual([]);
  });

  it('slow commit does not delay reads', async () => {
    await h.admin('POST', 'faults', { slowCommitMs: 5_000 });
    const started = performance.now();
    await h.get('/users');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('the token bucket per reseller token (SIMULATOR-ONLY)', () => {
  let wall = 1_000_000;
  const h = vendorHarness({ wallNow: () => wall });

  it('is off by default', async () => {
    for (let i = 0; i < 30; i += 1) expect((await h.get('/status')).status).toBe(200);
  });

  it('allows a burst of 10, then 429 with Retry-After and X-RateLimit-* until it refills at 5/s', async () => {
    await h.admin('POST', 'faults', { tokenBucketRate: 5, tokenBucketBurst: 10 });
    for (let i = 0; i < 10; i += 1) {
      const answer = await h.get('/status');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-ratelimit-remaining')).toBe(String(9 - i));
      expect(answer.headers.get('x-ratelimit-limit')).toBe('10');
    }
    const limited = await h.get('/status');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.json.error.code).toBe('rate_limited');
    wall += 1_000; // five tokens back
    for (let i = 0; i < 5; i += 1) expect((await h.get('/status')).status).toBe(200);
    expect((await h.get('/status')).status).toBe(429);
  });

  it('keeps one bucket per X-Reseller-Token', async () => {
    await h.admin('POST', 'faults', { tokenBucketRate: 1, tokenBucketBurst: 2 });
    await h.get('/status');
    await h.get('/status');
    expect((await h.get('/status')).status).toBe(429);
    const stranger = { headers: { 'X-Reseller-Token': 'someone-else', 'X-Access-Token': VENDOR_CREDENTIALS.adminToken } };
    expect((await h.get('/status', stranger)).status).toBe(401); // its own bucket is full: the request gets as far as auth
  });

  it('is emptied by a reset', async () => {
    await h.admin('POST', 'faults', { tokenBucketRate: 1, tokenBucketBurst: 1 });
    await h.get('/status');
    expect((await h.get('/status')).status).toBe(429);
    await h.admin('POST', 'reset');
    await h.admin('POST', 'faults', { tokenBucketRate: 1, tokenBucketBurst: 1 });
    expect((await h.get('/status')).status).toBe(200);
  });
});

describe('POST /__sim/vendor/faults validation', () => {
  const h = vendorHarness();

  it('shows shared and vendor faults together', async () => {
    expect((await h.admin('GET', 'faults')).json).toEqual({
      latencyMs: 0, errorRate: 0, errorStatus: 500, rateLimitStorm: 0, retryAfterSeconds: 1, rateLimitPerSecond: 0,
      slowCommitMs: 0, down: false, orgTokenExpired: false, staleLastBackupHours: 0, tokenBucketRate: 0, tokenBucketBurst: 10,
    });
  });

  it.each([
    { errorRate: 2 }, { errorRate: -0.1 }, { latencyMs: -1 }, { errorStatus: 200 }, { down: 'yes' }, { bogus: 1 },
    { orgTokenExpired: 1 }, { staleLastBackupHours: 1.5 }, { tokenBucketBurst: 0 }, [1, 2], 'down',
  ])('answers 400 to %j and changes nothing', async (body) => {
    const before = (await h.admin('GET', 'faults')).json;
    const answer = await h.admin('POST', 'faults', body);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toEqual(expect.any(String));
    expect((await h.admin('GET', 'faults')).json).toEqual(before);
  });

  it('rejects a mix of good and bad keys as a whole', async () => {
    expect((await h.admin('POST', 'faults', { latencyMs: 5, errorRate: 9 })).status).toBe(400);
    expect((await h.admin('GET', 'faults')).json.latencyMs).toBe(0);
  });
});
