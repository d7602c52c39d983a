/**
 * Test harness for the vendor simulator: a real HTTP server on port 0, a stopped SimClock at a
 * fixed instant, a fresh world before every test, and small helpers to call routes as the
 * reseller admin or as an organisation.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { SimClock } from '../clock';
import { send } from '../http';
import { HOUR, ORGS, VENDOR_CREDENTIALS, type OrgSeed } from '../world';
import { createVendorApi } from './index';

/** Tuesday 2026-03-10 09:00 UTC: the seeding instant of every test. */
export const T0 = Date.UTC(2026, 2, 10, 9, 0);
export const MINUTE = 60_000;
export { HOUR };

/** Who calls: the reseller admin, an organisation (by organization_id), nobody, or raw headers. */
export type Caller = 'reseller' | number | 'none' | { headers: Record<string, string> };

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Tests inspect arbitrary JSON; a loose type keeps the assertions readable. */
  json: any;
}

export const orgSeed = (organizationId: number): OrgSeed => {
  const seed = ORGS.find((o) => o.organizationId === organizationId);
  if (!seed) throw new Error(`no org ${organizationId} in world.ts`);
  return seed;
};

export function vendorHarness(options: { wallNow?: () => number } = {}) {
  const clock = new SimClock(T0);
  const vendor = createVendorApi({ clock, ...(options.wallNow ? { wallNow: options.wallNow } : {}) });
  const inflight = new Set<Promise<unknown>>();
  const server = http.createServer((req, res) => {
    const handled = vendor.handle(req, res).then((owned) => {
      if (!owned) send(res, 404, 'not a vendor path');
    });
    inflight.add(handled);
    void handled.finally(() => inflight.delete(handled));
  });
  let origin = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    clock.reset(T0);
    vendor.reset();
  });

  const tokenOf = (organizationId: number) => {
    const org = vendor.store.orgs.get(organizationId);
    if (!org) throw new Error(`no org ${organizationId}`);
    return org.authenticationToken;
  };

  function headersFor(as: Caller): Record<string, string> {
    if (as === 'none') return {};
    if (typeof as === 'object') return as.headers;
    return {
      'X-Reseller-Token': VENDOR_CREDENTIALS.resellerToken,
      'X-Access-Token': as === 'reseller' ? VENDOR_CREDENTIALS.adminToken : tokenOf(as),
    };
  }

  async function request(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
    const response = await fetch(url, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  return {
    clock,
    vendor,
    tokenOf,
    headersFor,
    get origin() { return origin; },
    get apiBase() { return `${origin}/api`; },
    /** Calls `/api{path}`. */
    call: (method: string, path: string, as: Caller = 'reseller', body?: unknown) =>
      request(method, `${origin}/api${path}`, headersFor(as), body),
    get: (path: string, as: Caller = 'reseller') => request('GET', `${origin}/api${path}`, headersFor(as)),
    post: (path: string, as: Caller = 'reseller', body?: unknown) => request('POST', `${origin}/api${path}`, headersFor(as), body),
    /** Calls `/__sim/vendor/{path}`. */
    admin: (method: string, path: string, body?: unknown) => request(method, `${origin}/__sim/vendor/${path}`, {}, body),
    fetchUrl: (url: string) => request('GET', url, {}),
    /** Moves simulated time (never real time). */
    advance: (ms: number) => clock.advance(ms),
    /** Resolves when every request the server has received is fully handled. */
    idle: () => Promise.all([...inflight]),
  };
}

export type Harness = ReturnType<typeof vendorHarness>;

/** Every item of a list, whatever envelope it came in (a small envelope-agnostic reader for tests). */
export function itemsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) {
    return json.flatMap((entry) =>
      entry && typeof entry === 'object' && 'result_set' in entry ? (entry as { result_set: unknown[] }).result_set : [entry]);
  }
  const body = json as { result_set?: unknown[]; data?: unknown[] };
  return body.result_set ?? body.data ?? [];
}

/** Well-known mailboxes of world.ts. */
export const MB = {
  contosoFrontDesk: 9101, // Connection Error, fix: retry, attempts 2
  fabrikamJane: 9201, // Authentication Error, fix: reauthorize, attempts 3
  tailspinOps: 9301, // Retrying, fix: never, attempts 7
  adatumArchive: 9401, // Failed (25/25), fix: never
  blueLightGordon: 9001, // healthy
} as const;

export const ORG = {
  blueLight: 5979, contoso: 19771, fabrikam: 20114, tailspin: 20230, adatum: 20388, woodgrove: 20412,
  litware: 20501, proseware: 20555, obrien: 20602, cafe: 20610, trey: 20777,
} as const;
