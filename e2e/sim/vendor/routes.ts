/**
 * Every /api route: method, path, token scope, evidence level and handler. The README lists
 * the same table; `[C]` routes reproduce what clients saw on real Dropsuite, SIMULATOR-ONLY
 * routes are the simulator's proposal and can be switched off (see config.ts CAPABILITIES).
 */
import { PLANS } from '../world';
import type { Caller, Scope } from './auth';
import type { Capability, EnvelopeEndpoint, Envelopes } from './config';
import { readPaging, renderList } from './envelopes';
import { notFound, routeNotFound, unauthorized, validationError, type ApiError } from './errors';
import { backupHistory } from './lifecycle/history';
import * as organisations from './lifecycle/organisations';
import { requestTask } from './lifecycle/tasks';
import { grantImpersonation } from './portal';
import { RECORDED_ACTIONS, RETRYABLE, type MailboxRecord, type OrgRecord, type TaskType } from './store/model';
import {
  accountView, backupActionView, directoryEntries, eventView, iso, orgDetail, orgRow, planView, recordedActionView,
  taskView, tenantIdOf, tenantView, type ViewContext,
} from './views';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext extends ViewContext {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The absolute request URL (paging links, impersonation URLs). */
  url: URL;
  body: unknown;
  caller: Caller;
  envelopes: Envelopes;
}

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  scope: Scope;
  evidence: 'C' | 'SIMULATOR-ONLY';
  capability?: Capability;
  handle(ctx: RouteContext): Reply;
}

const ok = (body: unknown, status = 200): Reply => ({ status, body });

function list<T>(ctx: RouteContext, endpoint: EnvelopeEndpoint, records: readonly T[], toJson: (r: T) => unknown): Reply {
  const paging = readPaging(ctx.query, ctx.settings.defaultPerPage);
  return ok(renderList(ctx.envelopes[endpoint], records, paging, ctx.url, toJson));
}

/** Reseller routes name any organisation; an unknown one is a 404 (HTML on Dropsuite routes). */
function namedOrg(ctx: RouteContext, missing: () => ApiError = routeNotFound): OrgRecord {
  const org = ctx.store.findOrg(ctx.params.org ?? '');
  if (!org) throw missing();
  return org;
}

/** Org routes may only name the caller's own organisation: another one is a 401. */
function callerOrg(ctx: RouteContext): OrgRecord {
  if (ctx.caller.scope !== 'org') throw unauthorized();
  if (ctx.params.org !== undefined && ctx.store.findOrg(ctx.params.org) !== ctx.caller.org) throw unauthorized();
  return ctx.caller.org;
}

function callerAccount(ctx: RouteContext, id: string | undefined): MailboxRecord {
  const org = callerOrg(ctx);
  const m = ctx.store.mailbox(Number(id));
  if (!m || m.organizationId !== org.seed.organizationId) throw notFound('Account');
  return m;
}

function oneOfParam<T extends string>(ctx: RouteContext, name: string, allowed: readonly T[]): T | null {
  const value = ctx.query.get(name);
  if (value === null) return null;
  if (!(allowed as readonly string[]).includes(value)) throw validationError({ [name]: `must be one of ${allowed.join(', ')}` });
  return value as T;
}

function intParam(ctx: RouteContext, name: string, fallback: number, min: number, max: number): number {
  const value = ctx.query.get(name);
  if (value === null) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw validationError({ [name]: `must be a whole number from ${min} to ${max}` });
  return n;
}

function accounts(ctx: RouteContext, endpoint: EnvelopeEndpoint, keep: (m: MailboxRecord) => boolean): Reply {
  const org = callerOrg(ctx);
  const owner = orgRow(ctx, org);
  const records = ctx.store.mailboxesOf(org.seed.organizationId).filter(keep);
  return list(ctx, endpoint, records, (m) => accountView(ctx, m, owner));
}

function task(ctx: RouteContext, type: TaskType): Reply {
  const m = callerAccount(ctx, ctx.params.account);
  const created = requestTask(ctx.store, ctx.settings, type, m, callerOrg(ctx), ctx.now);
  return { status: 202, body: { task_id: created.id, status: created.status }, headers: { location: `/api/tasks/${created.id}` } };
}

function lifecycle(change: (store: RouteContext['store'], org: OrgRecord, now: number) => void) {
  return (ctx: RouteContext): Reply => {
    const org = namedOrg(ctx, () => notFound('Organization'));
    change(ctx.store, org, ctx.now);
    return ok(orgDetail(ctx, org));
  };
}

export const ROUTES: readonly RouteDef[] = [
  // ── Observed on real Dropsuite by clients [C] ────────────────────────────────────────────
  { method: 'GET', path: '/status', scope: 'reseller', evidence: 'C', handle: () => ok('OK') },
  {
    method: 'GET', path: '/plans', scope: 'reseller', evidence: 'C',
    handle: (ctx) => list(ctx, 'plans', PLANS, planView),
  },
  {
    method: 'GET', path: '/users', scope: 'reseller', evidence: 'C',
    handle: (ctx) => list(ctx, 'users', [...ctx.store.orgs.values()], (org) => orgRow(ctx, org)),
  },
  {
    method: 'GET', path: '/users/:org', scope: 'reseller', evidence: 'C',
    handle: (ctx) => ok(orgDetail(ctx, namedOrg(ctx))),
  },
  {
    method: 'GET', path: '/users/:org/tenants', scope: 'org', evidence: 'C',
    handle: (ctx) => {
      const org = callerOrg(ctx);
      const type = oneOfParam(ctx, 'type', ['m365', 'gws'] as const);
      const tenants = type === null || type === org.seed.tenantType ? [org] : [];
      return list(ctx, 'tenants', tenants, (o) => tenantView(ctx, o));
    },
  },
  {
    method: 'GET', path: '/users/:org/tenants/:tenantId/accounts', scope: 'org', evidence: 'C',
    handle: (ctx) => {
      const org = callerOrg(ctx);
      if (ctx.params.tenantId !== String(tenantIdOf(org))) throw routeNotFound();
      const type = oneOfParam(ctx, 'type', ['m365', 'gws'] as const);
      const status = oneOfParam(ctx, 'status', ['active', 'excluded', 'available'] as const);
      const entries = type !== null && type !== org.seed.tenantType
        ? []
        : directoryEntries(ctx, org).filter((e) => status === null || e.status === status);
      return list(ctx, 'tenant_accounts', entries, (e) => e);
    },
  },
  {
    method: 'GET', path: '/accounts', scope: 'org', evidence: 'C',
    handle: (ctx) => accounts(ctx, 'accounts', (m) => m.deactivatedAt === null),
  },
  {
    // UNVERIFIED which statuses count as a "connection failure": the retryable ones.
    method: 'GET', path: '/accounts/connection_failures', scope: 'org', evidence: 'C',
    handle: (ctx) => accounts(ctx, 'connection_failures', (m) => m.deactivatedAt === null && RETRYABLE.has(m.status)),
  },
  {
    method: 'GET', path: '/accounts/deactivated_accounts', scope: 'org', evidence: 'C',
    handle: (ctx) => accounts(ctx, 'deactivated_accounts', (m) => m.deactivatedAt !== null),
  },

  // ── SIMULATOR-ONLY: not verified for real Dropsuite ──────────────────────────────────────
  {
    method: 'GET', path: '/users/:org/backup_history', scope: 'org', evidence: 'SIMULATOR-ONLY', capability: 'backup_history',
    handle: (ctx) => {
      const org = callerOrg(ctx);
      const days = intParam(ctx, 'days', 14, 1, 30); // Datto's daysUntil tops out at 30
      return ok({ organization_id: org.seed.organizationId, data: backupHistory(ctx.store, org, days, ctx.now) });
    },
  },
  {
    method: 'POST', path: '/accounts/:account/force_backup', scope: 'org', evidence: 'SIMULATOR-ONLY', capability: 'force_backup',
    handle: (ctx) => task(ctx, 'force_backup'),
  },
  {
    method: 'POST', path: '/accounts/:account/reauthorize', scope: 'org', evidence: 'SIMULATOR-ONLY', capability: 'reauthorize',
    handle: (ctx) => task(ctx, 'reauthorize'),
  },
  {
    // NB: real Dropsuite's `/tasks` lists Outlook task backups; the ids here ("task_N") can't clash with those.
    method: 'GET', path: '/tasks/:id', scope: 'org', evidence: 'SIMULATOR-ONLY', capability: 'tasks',
    handle: (ctx) => {
      const org = callerOrg(ctx);
      const found = ctx.store.task(ctx.params.id ?? '');
      if (!found || found.organizationId !== org.seed.organizationId) throw notFound('Task');
      return ok(taskView(found));
    },
  },
  {
    method: 'GET', path: '/actions/:action/:id', scope: 'org', evidence: 'SIMULATOR-ONLY', capability: 'actions',
    handle: (ctx) => {
      const org = callerOrg(ctx);
      const { action } = ctx.params;
      if (action === 'backup') return ok(backupActionView(ctx, callerAccount(ctx, ctx.params.id)));
      const kind = RECORDED_ACTIONS.find((a) => a === action);
      const record = kind && ctx.store.action(kind, Number(ctx.params.id));
      if (!record || record.organizationId !== org.seed.organizationId) throw notFound('Action');
      return ok(recordedActionView(record, ctx.store.mailbox(record.accountId)));
    },
  },
  {
    method: 'PUT', path: '/users/:org/subscription', scope: 'reseller', evidence: 'SIMULATOR-ONLY', capability: 'subscription',
    handle: (ctx) => {
      const org = namedOrg(ctx, () => notFound('Organization'));
      organisations.changeSubscription(ctx.store, org, ctx.body, ctx.now);
      return ok(orgDetail(ctx, org));
    },
  },
  {
    method: 'POST', path: '/users/:org/suspend', scope: 'reseller', evidence: 'SIMULATOR-ONLY', capability: 'suspend',
    handle: lifecycle(organisations.suspend),
  },
  {
    method: 'POST', path: '/users/:org/unsubscribe', scope: 'reseller', evidence: 'SIMULATOR-ONLY', capability: 'unsubscribe',
    handle: lifecycle(organisations.unsubscribe),
  },
  {
    method: 'POST', path: '/users/:org/reactivate', scope: 'reseller', evidence: 'SIMULATOR-ONLY', capability: 'reactivate',
    handle: lifecycle(organisations.reactivate),
  },
  {
    method: 'DELETE', path: '/users/:org', scope: 'reseller', evidence: 'SIMULATOR-ONLY', capability: 'delete',
    handle: (ctx) => {
      organisations.remove(ctx.store, namedOrg(ctx, () => notFound('Organization')), ctx.now);
      return { status: 204 };
    },
  },
  {
    method: 'POST', path: '/users/:org/impersonate', scope: 'reseller', evidence: 'SIMULATOR-ONLY', capability: 'impersonate',
    handle: (ctx) => {
      const grant = grantImpersonation(ctx.store, namedOrg(ctx, () => notFound('Organization')), ctx.settings, ctx.now);
      const url = new URL('/portal/impersonate', ctx.url);
      url.searchParams.set('token', grant.token);
      return ok({ url: url.toString(), expires_at: iso(grant.expiresAt) }, 201);
    },
  },
  {
    method: 'GET', path: '/events', scope: 'reseller', evidence: 'SIMULATOR-ONLY', capability: 'events',
    handle: (ctx) => {
      const { events } = ctx.store;
      const limit = intParam(ctx, 'limit', 100, 1, 500);
      // The cursor is the id of the last event seen ("0" or none: from the start). Opaque to clients.
      const since = intParam(ctx, 'since', 0, 0, events.length);
      const page = events.slice(since, since + limit);
      const cursor = since + page.length;
      return ok({ events: page.map(eventView), next_cursor: String(cursor), has_more: cursor < events.length });
    },
  },
];

export interface RouteMatch {
  route: RouteDef;
  params: Record<string, string>;
}

/** Finds the route for a path below /api; segments starting with ":" capture one segment. */
export function matchRoute(method: string, path: string): RouteMatch | null {
  const segments = path.split('/').filter(Boolean);
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      const segment = segments[i] ?? '';
      if (!part.startsWith(':')) return part === segment;
      const value = safeDecode(segment);
      if (value !== null) params[part.slice(1)] = value;
      return value !== null;
    });
    if (matches) return { route, params };
  }
  return null;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // malformed escapes match nothing, like any unknown path
  }
}
