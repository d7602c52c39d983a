/**
 * The vendor simulator's admin API under /__sim/vendor/ (never on a real vendor host).
 * Input is validated; nonsense answers 400 `{ error }` and changes nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ADMIN_PREFIX, readBody, send } from '../http';
import { DEFAULT_FAULTS } from '../faults';
import {
  AdminInputError, allCapabilities, applyPatch, CAPABILITY_CHECKS, ENVELOPE_CHECKS, ENVELOPE_ENDPOINTS, ENVELOPE_MODES,
  SETTINGS_CHECKS, SHARED_FAULT_CHECKS, VENDOR_FAULT_CHECKS, type EnvelopeMode,
} from './config';
import { applyStatus, cancelTasks, pauseBackups, resumeBackups } from './lifecycle/backup-engine';
import { seatsUsed } from './lifecycle/organisations';
import { settleWorld } from './lifecycle/settle';
import {
  ACTION_STATUSES, MAX_ATTEMPTS, RAW_STATUSES, RECORDED_ACTIONS,
  type ActionStatus, type FixBehaviour, type RawBackupStatus, type RecordedAction,
} from './store/model';
import type { Runtime } from './runtime';
import { resetRuntime } from './runtime';
import { iso, taskView } from './views';

export const VENDOR_ADMIN_PREFIX = `${ADMIN_PREFIX}/vendor`;

type AdminReply = { status: number; body?: unknown };
type AdminHandler = (rt: Runtime, input: unknown, url: URL, param: string) => AdminReply;

const FIXES: readonly FixBehaviour[] = ['retry', 'reauthorize', 'never'];

function asObject(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new AdminInputError('expected a JSON object');
  return input as Record<string, unknown>;
}

function allFaults(rt: Runtime) {
  return { ...rt.faults.config, ...rt.config.vendorFaults };
}

function setFaults(rt: Runtime, input: unknown): AdminReply {
  const shared: Record<string, unknown> = {};
  const vendor: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(asObject(input))) (key in DEFAULT_FAULTS ? shared : vendor)[key] = value;
  const sharedPatch = applyPatch(rt.faults.config, shared, SHARED_FAULT_CHECKS);
  rt.config.vendorFaults = applyPatch(rt.config.vendorFaults, vendor, VENDOR_FAULT_CHECKS);
  rt.faults.set(sharedPatch);
  return { status: 200, body: allFaults(rt) };
}

function setCapabilities(rt: Runtime, input: unknown): AdminReply {
  const { preset, ...rest } = asObject(input);
  if (preset !== undefined) {
    if (preset !== 'all' && preset !== 'verified_only') throw new AdminInputError('"preset" must be all or verified_only');
    rt.config.capabilities = allCapabilities(preset === 'all');
  }
  rt.config.capabilities = applyPatch(rt.config.capabilities, rest, CAPABILITY_CHECKS);
  return { status: 200, body: rt.config.capabilities };
}

function setEnvelopes(rt: Runtime, input: unknown): AdminReply {
  const { all, ...rest } = asObject(input);
  if (all !== undefined) {
    if (!ENVELOPE_MODES.includes(all as EnvelopeMode)) throw new AdminInputError(`"all" must be one of ${ENVELOPE_MODES.join(', ')}`);
    rt.config.envelopes = Object.fromEntries(ENVELOPE_ENDPOINTS.map((e) => [e, all])) as typeof rt.config.envelopes;
  }
  rt.config.envelopes = applyPatch(rt.config.envelopes, rest, ENVELOPE_CHECKS);
  return { status: 200, body: rt.config.envelopes };
}

interface AccountChange {
  status?: RawBackupStatus;
  errors?: Record<string, string>;
  fix?: FixBehaviour;
  attempts?: number;
  deactivated?: boolean;
}

function validAccountChange(input: unknown): AccountChange {
  const change = asObject(input);
  const problems: string[] = [];
  for (const key of Object.keys(change)) {
    if (!['status', 'errors', 'fix', 'attempts', 'deactivated'].includes(key)) problems.push(`"${key}" is not a known field`);
  }
  if (change.status !== undefined && !RAW_STATUSES.includes(change.status as RawBackupStatus)) {
    problems.push(`"status" must be one of ${RAW_STATUSES.join(', ')}`);
  }
  const errors = change.errors;
  if (errors !== undefined && (typeof errors !== 'object' || errors === null || Array.isArray(errors)
    || !Object.values(errors).every((v) => typeof v === 'string'))) problems.push('"errors" must be an object of strings');
  if (change.fix !== undefined && !FIXES.includes(change.fix as FixBehaviour)) problems.push(`"fix" must be one of ${FIXES.join(', ')}`);
  const attempts = change.attempts;
  if (attempts !== undefined && !(typeof attempts === 'number' && Number.isInteger(attempts) && attempts >= 0 && attempts <= MAX_ATTEMPTS)) {
    problems.push(`"attempts" must be a whole number from 0 to ${MAX_ATTEMPTS}`);
  }
  if (change.deactivated !== undefined && typeof change.deactivated !== 'boolean') problems.push('"deactivated" must be true or false');
  if (problems.length > 0) throw new AdminInputError(problems.join('; '));
  return change as AccountChange;
}

/** Puts one mailbox into a scenario: a new failure, a fix behaviour, a deactivation… */
function changeAccount(rt: Runtime, input: unknown, _url: URL, param: string): AdminReply {
  const change = validAccountChange(input);
  const m = rt.store.mailbox(Number(param));
  if (!m) return { status: 404, body: { error: `no account ${param}` } };
  const now = rt.clock.now();
  settleWorld(rt.store, now);
  if (change.fix) m.fix = change.fix;
  if (change.deactivated === true && m.deactivatedAt === null) {
    pauseBackups(m, now);
    cancelTasks(rt.store.tasksOf(m.id), now, { code: 'account_deactivated', message: 'The account was deactivated' });
    m.deactivatedAt = now;
  } else if (change.deactivated === false && m.deactivatedAt !== null) {
    m.deactivatedAt = null;
    resumeBackups(m, now);
  }
  if (change.status) {
    applyStatus(m, { status: change.status, ...(change.errors ? { errors: change.errors } : {}), ...(change.attempts === undefined ? {} : { attempts: change.attempts }) }, now, rt.store.emit);
  } else if (change.attempts !== undefined) {
    m.attempts = change.attempts;
  }
  // Nothing backs up in an unsubscribed organisation or a deactivated mailbox.
  if (rt.store.orgs.get(m.organizationId)?.state === 'unsubscribed' || m.deactivatedAt !== null) pauseBackups(m, now);
  return { status: 200, body: { id: m.id, status: m.status, errors: m.errors, fix: m.fix, attempts: m.attempts, next_attempt_at: iso(m.nextAttemptAt), deactivated_since: iso(m.deactivatedAt) } };
}

/** Records an archive/restore/migrate/download action so `{region}.{action}.{id}` resolves. */
function createAction(rt: Runtime, input: unknown): AdminReply {
  const body = asObject(input);
  const action = body.action as RecordedAction;
  const status = (body.status ?? 'completed') as ActionStatus;
  const m = rt.store.mailbox(Number(body.account_id));
  const problems: string[] = [];
  if (!RECORDED_ACTIONS.includes(action)) problems.push(`"action" must be one of ${RECORDED_ACTIONS.join(', ')}`);
  if (!m) problems.push('"account_id" must name an existing account');
  if (!ACTION_STATUSES.includes(status)) problems.push(`"status" must be one of ${ACTION_STATUSES.join(', ')}`);
  if (body.error !== undefined && typeof body.error !== 'string') problems.push('"error" must be a string');
  if (body.id !== undefined && !(typeof body.id === 'number' && Number.isInteger(body.id) && body.id > 0)) problems.push('"id" must be a positive whole number');
  if (problems.length > 0 || !m) throw new AdminInputError(problems.join('; '));
  const now = rt.clock.now();
  const record = {
    id: (body.id as number | undefined) ?? rt.store.nextActionId(),
    action, accountId: m.id, organizationId: m.organizationId, status, createdAt: now,
    finishedAt: status === 'completed' || status === 'failed' ? now : null,
    error: (body.error as string | undefined) ?? null,
  };
  rt.store.addAction(record);
  return { status: 201, body: { id: record.id, name: `${record.action}.${record.id}` } };
}

function stateDump(rt: Runtime): AdminReply {
  const now = rt.clock.now();
  settleWorld(rt.store, now);
  const { store } = rt;
  return {
    status: 200,
    body: {
      now: iso(now),
      seeded_at: iso(store.seededAt),
      config: rt.config,
      faults: allFaults(rt),
      orgs: [...store.orgs.values()].map((org) => ({
        organization_id: org.seed.organizationId,
        id: org.seed.id,
        name: org.seed.name,
        state: org.state,
        plan_id: org.planId,
        seats_purchased: org.seatsPurchased,
        seats_used: seatsUsed(store, org),
        authentication_token: org.authenticationToken,
        mailboxes: store.mailboxesOf(org.seed.organizationId).length,
        problems: store.mailboxesOf(org.seed.organizationId).filter((m) => m.status !== 'Completed' || m.deactivatedAt !== null)
          .map((m) => ({
            id: m.id, email: m.email, status: m.status, fix: m.fix, attempts: m.attempts,
            next_attempt_at: iso(m.nextAttemptAt), reauthorized: m.reauthorized, deactivated_since: iso(m.deactivatedAt),
          })),
      })),
      tasks: [...store.allTasks()].map(taskView),
      events: store.events.length,
      requests: rt.requests.entries.length,
    },
  };
}

function requestLog(rt: Runtime, _input: unknown, url: URL): AdminReply {
  const q = url.searchParams;
  const status = q.get('status');
  const entries = rt.requests.filter({
    ...(q.get('method') ? { method: q.get('method') ?? '' } : {}),
    ...(q.get('path') ? { path: q.get('path') ?? '' } : {}),
    ...(status ? { status: Number(status) } : {}),
  });
  return { status: 200, body: { count: entries.length, entries } };
}

const ADMIN_ROUTES: Record<string, Partial<Record<'GET' | 'POST' | 'DELETE', AdminHandler>>> = {
  'reset': { POST: (rt) => { resetRuntime(rt); return { status: 200, body: { ok: true, seeded_at: iso(rt.store.seededAt) } }; } },
  'faults': { GET: (rt) => ({ status: 200, body: allFaults(rt) }), POST: setFaults },
  'capabilities': { GET: (rt) => ({ status: 200, body: rt.config.capabilities }), POST: setCapabilities },
  'envelopes': { GET: (rt) => ({ status: 200, body: rt.config.envelopes }), POST: setEnvelopes },
  'settings': {
    GET: (rt) => ({ status: 200, body: rt.config.settings }),
    POST: (rt, input) => {
      rt.config.settings = applyPatch(rt.config.settings, input, SETTINGS_CHECKS);
      return { status: 200, body: rt.config.settings };
    },
  },
  'requests': { GET: requestLog, DELETE: (rt) => { rt.requests.clear(); return { status: 204 }; } },
  'state': { GET: stateDump },
  'accounts/:id': { POST: changeAccount },
  'actions': { POST: createAction },
};

/** `accounts/9001` → the `accounts/:id` entry with param "9001". */
function findAdminRoute(path: string): { handlers: (typeof ADMIN_ROUTES)[string]; param: string } | null {
  const [resource = '', param, ...rest] = path.split('/');
  const handlers = rest.length > 0 ? undefined : ADMIN_ROUTES[param === undefined ? resource : `${resource}/:id`];
  return handlers ? { handlers, param: param ?? '' } : null;
}

export async function handleAdminRequest(rt: Runtime, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.slice(VENDOR_ADMIN_PREFIX.length + 1).replace(/\/$/, '');
  const found = findAdminRoute(path);
  const method = (req.method ?? 'GET') as 'GET' | 'POST' | 'DELETE';
  const handler = found?.handlers[method];
  if (!found) return send(res, 404, { error: `no admin route ${url.pathname}` });
  if (!handler) return send(res, 405, { error: `${method} is not allowed on ${url.pathname}` });
  try {
    const text = method === 'POST' ? await readBody(req) : '';
    let input: unknown;
    try {
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new AdminInputError('the body is not valid JSON');
    }
    const reply = handler(rt, input, url, found.param);
    if (reply.body === undefined) {
      res.writeHead(reply.status);
      res.end();
    } else send(res, reply.status, reply.body);
  } catch (error) {
    if (!(error instanceof AdminInputError)) throw error;
    send(res, 400, { error: error.message });
  }
}
