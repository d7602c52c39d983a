import ky, { isHTTPError, isNetworkError, isTimeoutError, type KyInstance, type RetryOptions } from 'ky';
import type { z } from 'zod';
import { AppError } from '../errors';
import { acceptHeader, describeCause, type ManageSite } from './discovery';
import {
  cancelled, httpFailure, invalidResponse, manageError, networkFailure, timeoutFailure, unexpectedData, type CallContext,
} from './errors';

/**
 * The one HTTP path to the Manage REST API: auth headers, version pin, per-attempt timeout, a
 * total budget per call, retries, JSON parsing and validation, and every failure as an AppError.
 *
 * Retry rules:
 * - GET, PUT, PATCH, DELETE (idempotent as we use them: PATCH only with `replace`) are retried on
 *   429, 500, 502, 503, 504, timeouts and network errors, with exponential backoff and jitter, or
 *   after the server's Retry-After (429/503), as long as the wait fits the budget;
 * - POST is retried only on 429 (the server refused before doing anything). Any other failure
 *   may have created the record, so `createOnce` looks for it before sending again.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ManageClientOptions {
  site: ManageSite;
  companyId: string;
  clientId: string;
  publicKey: string;
  privateKey: string;
  fetch?: typeof fetch;
  /** Clock for budgets (ms); Date.now by default. */
  now?: () => number;
  /** Per attempt; default 20 s (connectwise-rest's default). */
  timeoutMs?: number;
  /** Per call including retries; default 60 s, well under the MV3 worker's ~5 min per request. */
  totalBudgetMs?: number;
}

export interface SendOptions<T = unknown> {
  searchParams?: URLSearchParams | Record<string, string | number>;
  json?: unknown;
  headers?: Record<string, string>;
  /** Validate the body; a mismatch is an `unexpected-data` error naming the fields. */
  schema?: z.ZodType<T>;
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON (validated when a schema was given); undefined for an empty body (204). */
  body: T;
}

export interface CreateOnceOptions<T> {
  /**
   * Find the record this POST would have created (ticket by externalXRef and open, addition by
   * serialNumber, catalog item by identifier…). Gets a client bound to the same deadline.
   */
  findExisting(client: ManageClient): Promise<T | null | undefined>;
}

export interface ManageClient {
  readonly site: ManageSite;
  /** One call: the JSON body plus status and headers (paging reads Link). */
  send<T = unknown>(method: Method, path: string, options?: SendOptions<T>): Promise<Reply<T>>;
  /** One call whose body must match `schema`. */
  request<T>(method: Method, path: string, schema: z.ZodType<T>, options?: Omit<SendOptions<T>, 'schema'>): Promise<T>;
  /**
   * POST exactly once in effect: on a timeout, network failure, 5xx or garbled answer, wait a
   * moment, look the record up with `findExisting`, and only send again when it is not there.
   */
  createOnce<T>(path: string, body: unknown, schema: z.ZodType<T>, options: CreateOnceOptions<T>): Promise<{ record: T; recovered: boolean }>;
  /** The same client with every call ending by `deadline` (ms on the client's clock). */
  withDeadline(deadline: number): ManageClient;
  /**
   * The same client with every call stopped, retries and their waits included, once `signal`
   * aborts: a stopped call fails with `cancelled`. For work whose purpose has gone (a view that
   * already failed), so it does not keep calling an API that is down. Meant for reads: a write
   * stopped after it was sent may or may not have been applied.
   */
  withSignal(signal: AbortSignal): ManageClient;
  /**
   * ConnectWise's clock (epoch ms), from the Date header of its last answer, so that times it
   * writes (note dates) are compared on its clock, not this browser's; the local clock until then.
   */
  serverNow(): number;
}

const RETRY_LIMIT = 6;
const CREATE_ATTEMPTS = 3;
/** Retries for failures without a Retry-After: enough for a blip, short enough for a panel. */
export const UNPACED_RETRIES = 2;
const backoffMs = (attempt: number) => Math.min(8_000, 500 * 2 ** (attempt - 1));
const jitter = (delay: number) => delay * (0.5 + Math.random() * 0.5);

/** Outcomes after which a POST may or may not have been applied. */
const AMBIGUOUS = new Set(['timeout', 'unreachable', 'offline', 'server-error', 'invalid-response']);

/** `Basic base64(company+public:private)`: the `+` is literal, the bytes are UTF-8. */
export function basicAuthorization(companyId: string, publicKey: string, privateKey: string): string {
  const bytes = new TextEncoder().encode(`${companyId}+${publicKey}:${privateKey}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** Retry-After in ms: delay-seconds or an HTTP date (RFC 9110). */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  if (/^\s*\d+\s*$/.test(header)) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

export function createManageClient(options: ManageClientOptions): ManageClient {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const totalBudgetMs = options.totalBudgetMs ?? 60_000;
  const host = new URL(options.site.apiBaseUrl).host;
  const api: KyInstance = ky.create({
    baseUrl: options.site.apiBaseUrl,
    headers: {
      authorization: basicAuthorization(options.companyId, options.publicKey, options.privateKey),
      clientid: options.clientId,
      accept: acceptHeader(options.site),
      'cache-control': 'no-cache',
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  function retryOptions(method: Method, deadline: number): RetryOptions {
    const idempotent = method !== 'POST';
    return {
      limit: RETRY_LIMIT,
      methods: ['get', 'put', 'patch', 'delete', 'post'],
      statusCodes: idempotent ? [429, 500, 502, 503, 504] : [429],
      afterStatusCodes: [429, 503],
      delay: backoffMs,
      jitter,
      retryOnTimeout: idempotent,
      // Vetoes only; `undefined` lets ky apply the rules above.
      shouldRetry: ({ error, retryCount }) => {
        if (!idempotent && !(isHTTPError(error) && error.response.status === 429)) return false;
        const asked = isHTTPError(error) ? retryAfterMs(error.response.headers.get('retry-after'), Date.now()) : null;
        // A failure the server does not pace (5xx without Retry-After, a dropped connection) is
        // tried twice more, quickly: a server that is down should say so in seconds, not a minute.
        if (asked === null && retryCount > UNPACED_RETRIES) return false;
        // A wait that would end past the budget is not started: the caller hears what went wrong
        // ("try again in N s", "cannot reach"), not a bare timeout.
        return now() + (asked ?? backoffMs(retryCount)) >= deadline ? false : undefined;
      },
    };
  }

  function failure(error: unknown, ctx: CallContext, started: number): AppError {
    if (error instanceof AppError) return error;
    if (isHTTPError(error)) {
      const { status, headers } = error.response;
      const asked = retryAfterMs(headers.get('retry-after'), Date.now());
      return httpFailure(ctx, status, error.data, headers.get('content-type'), asked === null ? null : Math.ceil(asked / 1000));
    }
    if (isTimeoutError(error)) return timeoutFailure(ctx, Math.max(now() - started, timeoutMs));
    if (isNetworkError(error)) return networkFailure(ctx, describeCause(error));
    return AppError.from(error);
  }

  /** ConnectWise's clock minus ours, as of its last answer (0 until one arrives). */
  let serverClockOffset = 0;

  function build(fixedDeadline: number | undefined, signal: AbortSignal | undefined): ManageClient {
    const deadlineFor = () => fixedDeadline ?? now() + totalBudgetMs;

    async function send<T>(method: Method, path: string, sendOptions: SendOptions<T> = {}): Promise<Reply<T>> {
      const relative = path.replace(/^\/+/, '');
      const ctx: CallContext = { method, path: relative, host, companyId: options.companyId };
      const started = now();
      const deadline = deadlineFor();
      const remaining = () => deadline - now();
      if (remaining() <= 0) throw timeoutFailure(ctx, totalBudgetMs);
      if (signal?.aborted) throw cancelled(ctx);
      try {
        const response = await api(relative, {
          method,
          ...(signal ? { signal } : {}),
          timeout: Math.max(1, Math.min(timeoutMs, remaining())),
          totalTimeout: Math.max(1, remaining()),
          retry: retryOptions(method, deadline),
          ...(sendOptions.headers ? { headers: sendOptions.headers } : {}),
          ...(sendOptions.searchParams ? { searchParams: sendOptions.searchParams } : {}),
          ...(sendOptions.json === undefined ? {} : { json: sendOptions.json }),
        });
        const serverDate = Date.parse(response.headers.get('date') ?? '');
        if (Number.isFinite(serverDate)) serverClockOffset = serverDate - Date.now();
        const text = await readText(response, Math.max(1, Math.min(timeoutMs, remaining())));
        if (text === STALLED) throw timeoutFailure(ctx, now() - started);
        const body = parseBody(ctx, response, text);
        if (!sendOptions.schema) return { status: response.status, headers: response.headers, body: body as T };
        const parsed = sendOptions.schema.safeParse(body);
        if (!parsed.success) throw unexpectedData(ctx, parsed.error.issues);
        return { status: response.status, headers: response.headers, body: parsed.data };
      } catch (error) {
        throw signal?.aborted ? cancelled(ctx) : failure(error, ctx, started);
      }
    }

    async function request<T>(method: Method, path: string, schema: z.ZodType<T>, sendOptions?: Omit<SendOptions<T>, 'schema'>): Promise<T> {
      return (await send(method, path, { ...sendOptions, schema })).body;
    }

    async function createOnce<T>(path: string, body: unknown, schema: z.ZodType<T>, createOptions: CreateOnceOptions<T>) {
      const deadline = deadlineFor();
      const scoped = build(deadline, signal);
      let lastError: AppError | undefined;
      for (let attempt = 1; attempt <= CREATE_ATTEMPTS && now() < deadline; attempt++) {
        try {
          return { record: await scoped.request('POST', path, schema, { json: body }), recovered: false };
        } catch (error) {
          if (!(error instanceof AppError) || !AMBIGUOUS.has(error.data.code)) throw error;
          lastError = error;
        }
        // Give a slow commit time to land before looking for it.
        await sleep(Math.min(jitter(backoffMs(attempt)), Math.max(0, deadline - now())));
        let existing: T | null | undefined;
        try {
          existing = await createOptions.findExisting(scoped);
        } catch {
          throw outcomeUnknown(path, lastError);
        }
        if (existing) return { record: existing, recovered: true };
      }
      // Every attempt failed and the record is verifiably not there: a plain failure.
      throw lastError ?? timeoutFailure({ method: 'POST', path, host, companyId: options.companyId }, totalBudgetMs);
    }

    return {
      site: options.site,
      send,
      request,
      createOnce,
      withDeadline: (deadline) => build(deadline, signal),
      withSignal: (stop) => build(fixedDeadline, signal ? AbortSignal.any([signal, stop]) : stop),
      serverNow: () => Date.now() + serverClockOffset,
    };
  }

  return build(undefined, undefined);
}

function outcomeUnknown(path: string, cause: AppError): AppError {
  return manageError('write-outcome-unknown', {
    message: `ConnectWise did not confirm the new record (${path.split('?')[0]}) and could not be asked whether it exists: ${cause.message}`,
    hint: 'Trying again is safe: Backup Bridge looks for the record before creating it.',
    retryable: true,
  });
}

function parseBody(ctx: CallContext, response: Response, text: string): unknown {
  if (text.trim() === '') {
    // 204 (DELETE) has no body; an empty 200/201 is a broken answer.
    if (response.status === 204) return undefined;
    throw invalidResponse(ctx, response.headers.get('content-type'), text);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw invalidResponse(ctx, response.headers.get('content-type'), text);
  }
}

const STALLED = Symbol('stalled');

/** The body, within the attempt's time (ky bounds only its own shortcut methods' body reads). */
async function readText(response: Response, timeoutMs: number): Promise<string | typeof STALLED> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<typeof STALLED>((resolve) => {
    timer = setTimeout(() => {
      void response.body?.cancel().catch(() => undefined);
      resolve(STALLED);
    }, timeoutMs);
  });
  try {
    return await Promise.race([response.text(), stalled]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
