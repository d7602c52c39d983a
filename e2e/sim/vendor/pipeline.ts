/**
 * The life of one /api request: faults → rate limit → settle the world to "now" → route
 * (unknown or switched-off: 404) → auth (401) → reseller tier (403 on writes) → body →
 * handler → slow-commit delay → response and request-log entry.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { readBody, send, sleep } from '../http';
import { authenticate } from './auth';
import { ApiError, badRequest, routeNotFound, ROUTE_NOT_FOUND_HTML, unauthorized } from './errors';
import { settleWorld } from './lifecycle/settle';
import { matchRoute, type Reply } from './routes';
import type { Runtime } from './runtime';

export const API_PREFIX = '/api';

type ErrorStyle = 'dropsuite' | 'neutral';

/** Deterministic, UUID-shaped request ids. */
const requestIdOf = (seq: number) => `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`;

function errorReply(error: ApiError, style: ErrorStyle, requestId: string): Reply {
  if (error.code === 'route_not_found') return { status: 404, body: ROUTE_NOT_FOUND_HTML, headers: { 'content-type': 'text/html; charset=utf-8' } };
  if (style === 'dropsuite' && error.status === 401) return { status: 401, body: { error: error.message } };
  const { details, retryable = false, headers } = error.extra;
  return {
    status: error.status,
    body: { error: { code: error.code, message: error.message, ...(details ? { details } : {}), retryable }, request_id: requestId },
    ...(headers ? { headers } : {}),
  };
}

function faultError(status: number): ApiError {
  if (status === 503) return new ApiError(503, 'upstream_unavailable', 'The service is temporarily unavailable', { retryable: true });
  return status >= 500
    ? new ApiError(status, 'internal_error', 'Something went wrong on our side', { retryable: true })
    : new ApiError(status, 'injected_error', 'Injected fault', { retryable: false });
}

const rateLimited = (retryAfterSeconds: number, headers: Record<string, string> = {}) =>
  new ApiError(429, 'rate_limited', 'Too many requests', {
    retryable: true, headers: { 'retry-after': String(retryAfterSeconds), ...headers },
  });

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON');
  }
}

async function produce(rt: Runtime, req: IncomingMessage, url: URL, requestId: string): Promise<Reply> {
  const method = req.method ?? 'GET';
  const { config } = rt;
  let style: ErrorStyle = 'dropsuite';
  let extraHeaders: Record<string, string> = {};
  try {
    const decision = rt.faults.decide(method, rt.wallNow());
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.kind === 'error') throw faultError(decision.status);
    if (decision.kind === 'rate-limited') throw rateLimited(decision.retryAfterSeconds);
    const { tokenBucketRate, tokenBucketBurst } = config.vendorFaults;
    if (tokenBucketRate > 0) {
      const key = String(req.headers['x-reseller-token'] ?? '');
      const verdict = rt.buckets.take(key, rt.wallNow(), tokenBucketRate, tokenBucketBurst);
      extraHeaders = verdict.headers;
      if (!verdict.allowed) throw rateLimited(Number(verdict.headers['retry-after']), verdict.headers);
    }

    const now = rt.clock.now();
    settleWorld(rt.store, now);

    const match = matchRoute(method, url.pathname.slice(API_PREFIX.length).replace(/\/$/, ''));
    const capability = match?.route.capability;
    if (!match || (capability && !config.capabilities[capability])) throw routeNotFound();
    const { route, params } = match;
    style = route.evidence === 'C' ? 'dropsuite' : 'neutral';
    const caller = authenticate(req.headers, route.scope, rt.store, config.vendorFaults);
    if (!caller) throw unauthorized();
    if (method !== 'GET' && config.settings.resellerTier === 'read_only') {
      throw new ApiError(403, 'forbidden', 'Sub-resellers may only use GET requests');
    }
    const body = method === 'GET' ? undefined : parseJson(await readBody(req));
    const reply = route.handle({
      store: rt.store, settings: config.settings, vendorFaults: config.vendorFaults, now,
      params, query: url.searchParams, url, body, caller, envelopes: config.envelopes,
    });
    if (decision.kind === 'pass' && decision.delayAfterCommitMs > 0) await sleep(decision.delayAfterCommitMs);
    return { ...reply, headers: { ...extraHeaders, ...reply.headers } };
  } catch (error) {
    const apiError = error instanceof ApiError
      ? error
      : new ApiError(500, 'internal_error', error instanceof Error ? error.message : String(error), { retryable: true });
    const reply = errorReply(apiError, style, requestId);
    return { ...reply, headers: { ...extraHeaders, ...reply.headers } };
  }
}

export async function handleApiRequest(rt: Runtime, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const started = performance.now();
  const record = rt.requests.arriving();
  rt.requestSeq += 1;
  const requestId = requestIdOf(rt.requestSeq);
  const reply = await produce(rt, req, url, requestId);
  writeReply(res, reply, { 'x-request-id': requestId });
  record({
    method: req.method ?? 'GET', path: url.pathname, query: url.search, status: reply.status,
    ms: Math.round(performance.now() - started),
  });
}

/** JSON for every body (a bare string too: `/status` answers the JSON string "OK"), unless a content type is given. */
function writeReply(res: ServerResponse, reply: Reply, headers: Record<string, string> = {}): void {
  const all = { ...headers, ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, all);
    res.end();
    return;
  }
  const text = typeof reply.body === 'string' && all['content-type'] ? reply.body : JSON.stringify(reply.body);
  send(res, reply.status, text, { 'content-type': 'application/json; charset=utf-8', ...all });
}
