/**
 * Simulator controls under `/__sim/manage/` (no auth, not logged, never faulted). Input is
 * validated: anything unexpected is a 400 with `{error}`.
 *   POST   reset                 re-seed from world.ts at the clock's now, clear faults and the log
 *   GET    faults                current fault config
 *   POST   faults                patch it, e.g. {"rateLimitStorm": 3, "retryAfterSeconds": 2}
 *   POST   seed                  {"bulk": {"company/configurations": 3000, ...}} deterministic filler rows
 *   GET    requests              the request log; DELETE requests clears it
 *   GET    state/{path}[/{id}]   records exactly as the API returns them
 */
import type { SimClock } from '../clock';
import type { Faults } from '../faults';
import { ADMIN_PREFIX } from '../http';
import { parentOf, resolvePath } from './resources';
import type { RequestLog } from './requestlog';
import { isObject } from './schema';
import type { CwStore } from './store';
import { planCreate } from './writes';
import { SEED_ACTORS } from './seed';
import { CLIENT_ID } from '../world';

export const MANAGE_ADMIN_PREFIX = `${ADMIN_PREFIX}/manage`;
const MAX_BULK_PER_COLLECTION = 20_000;

export interface AdminTarget {
  store: CwStore;
  faults: Faults;
  requests: RequestLog;
  clock: SimClock;
  reset(): void;
}

export interface AdminAnswer {
  status: number;
  body?: unknown;
}

const bad = (error: string): AdminAnswer => ({ status: 400, body: { error } });

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: text.trim() === '' ? undefined : JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export async function answerAdmin(target: AdminTarget, method: string, url: URL, readBody: () => Promise<string>): Promise<AdminAnswer> {
  const route = url.pathname.slice(MANAGE_ADMIN_PREFIX.length).replace(/^\/+|\/+$/g, '');
  const allow = (...methods: string[]) => (methods.includes(method) ? undefined : { status: 405, body: { error: `use ${methods.join(' or ')}` } });

  if (route === 'reset') {
    const refused = allow('POST');
    if (refused) return refused;
    target.reset();
    return { status: 200, body: { ok: true, now: target.clock.iso() } };
  }
  if (route === 'faults') {
    const refused = allow('GET', 'POST');
    if (refused) return refused;
    if (method === 'GET') return { status: 200, body: target.faults.config };
    const body = parseJson(await readBody());
    if (!body.ok || !isObject(body.value)) return bad('POST faults takes a JSON object of fault settings');
    try {
      return { status: 200, body: target.faults.set(body.value) };
    } catch (error) {
      return bad((error as Error).message);
    }
  }
  if (route === 'seed') {
    const refused = allow('POST');
    if (refused) return refused;
    const body = parseJson(await readBody());
    if (!body.ok || !isObject(body.value) || !isObject(body.value.bulk)) return bad('POST seed takes {"bulk": {"<collection path>": <count>}}');
    return seedBulk(target, body.value.bulk);
  }
  if (route === 'requests') {
    const refused = allow('GET', 'DELETE');
    if (refused) return refused;
    if (method === 'DELETE') {
      target.requests.clear();
      return { status: 204 };
    }
    return { status: 200, body: target.requests.list() };
  }
  if (route.startsWith('state/')) {
    const refused = allow('GET');
    if (refused) return refused;
    const resolved = resolvePath(route.slice('state/'.length));
    const base = `${url.origin}/v4_6_release/apis/3.0`;
    if (resolved?.tail.kind === 'collection') return { status: 200, body: target.store.list(resolved.collection, base) };
    if (resolved?.tail.kind === 'item') {
      const record = target.store.get(resolved.collection, resolved.tail.id, base);
      return record ? { status: 200, body: record } : { status: 404, body: { error: 'no such record' } };
    }
    return { status: 404, body: { error: `no collection ${route.slice('state/'.length)}` } };
  }
  return { status: 404, body: { error: `unknown admin route ${url.pathname}` } };
}

function seedBulk(target: AdminTarget, bulk: Record<string, unknown>): AdminAnswer {
  const plan: Array<{ resolved: NonNullable<ReturnType<typeof resolvePath>>; count: number }> = [];
  for (const [path, count] of Object.entries(bulk)) {
    const resolved = resolvePath(path);
    if (!resolved || resolved.tail.kind !== 'collection') return bad(`unknown collection "${path}"`);
    if (!resolved.resource.filler) return bad(`bulk seeding of "${path}" is not supported`);
    if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_BULK_PER_COLLECTION) {
      return bad(`the count for "${path}" must be an integer from 1 to ${MAX_BULK_PER_COLLECTION}`);
    }
    const parent = parentOf(resolved);
    if (parent && !target.store.scopedRow(parent.resolved, parent.id)) return bad(`"${path}": ${parent.resolved.resource.entity} ${parent.id} does not exist`);
    plan.push({ resolved, count: count as number });
  }
  const options = { now: target.clock.iso(), actor: SEED_ACTORS.admin, clientId: CLIENT_ID };
  const rows = (collection: string) => target.store.rows(collection);
  const created: Record<string, number> = {};
  for (const { resolved, count } of plan) {
    const first = target.store.scopedRows(resolved).length + 1;
    for (let n = first; n < first + count; n++) {
      planCreate(target.store, resolved, resolved.resource.filler?.(n, rows), options).commit();
    }
    created[resolved.collection] = count;
  }
  return { status: 200, body: { created } };
}
