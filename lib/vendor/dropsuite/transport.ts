import ky, { isHTTPError, isNetworkError, type KyInstance, type RetryOptions } from 'ky';
import type { z } from 'zod';
import { AppError } from '../../errors';
import {
  badResponse, httpFailure, networkFailure, notTheApi, timeoutFailure, unexpectedFailure, type Links, type RequestContext,
} from './errors';

/**
 * One HTTP exchange with the Dropsuite API: the two auth headers, timeouts, retries, parsing and
 * validation, and every failure turned into an AppError. Retry rules:
 * - GETs are retried on 429, 502, 503, 504, network errors and timeouts, with exponential backoff
 *   or the server's Retry-After, within a total time budget;
 * - writes are retried only on 429 (the server refused before doing anything); any other failure
 *   is left to the caller, which checks the vendor's state before sending again (writes.ts).
 */

export interface RetryPolicy {
  /** Retries after the first attempt. */
  limit: number;
  /** Retries for failures the server does not pace with Retry-After. */
  unpacedLimit: number;
  /** No retry starts once this much time has passed since the first attempt. */
  budgetMs: number;
  /** A Retry-After longer than this is not waited for: the call fails as rate-limited. */
  maxRetryAfterMs: number;
  /** Backoff without Retry-After: base × 2^(n−1), at most `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  limit: 5,
  unpacedLimit: 2,
  budgetMs: 30_000,
  maxRetryAfterMs: 20_000,
  baseBackoffMs: 500,
  maxBackoffMs: 8_000,
};

export interface TransportOptions {
  links: Links;
  resellerToken: string;
  fetch?: typeof fetch;
  /** Per attempt. */
  timeoutMs: number;
  retry: RetryPolicy;
  now: () => number;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Call<T> {
  method: Method;
  /** Below the API base, e.g. `users/5979/tenants`. */
  path: string;
  /** The reseller-level access token, or an organisation's own token. */
  accessToken: string;
  searchParams?: Record<string, string | number>;
  json?: unknown;
  schema: z.ZodType<T>;
  context: Omit<RequestContext, 'write'>;
}

export type Send = <T>(call: Call<T>) => Promise<T>;

/** Retry-After in ms: delay-seconds or an HTTP date (RFC 9110). */
function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

const looksLikeHtml = (contentType: string | null, text: string) =>
  (contentType ?? '').includes('html') || /^\s*<(!doctype|html|head|body)/i.test(text);

export function createTransport(options: TransportOptions): Send {
  const { links, retry: policy } = options;
  const api: KyInstance = ky.create({
    prefix: links.apiUrl,
    timeout: options.timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const backoff = (attempt: number) => Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** (attempt - 1));

  function retryOptions(method: Method, startedAt: number): RetryOptions {
    const isWrite = method !== 'GET';
    return {
      limit: policy.limit,
      methods: ['get', 'post', 'put', 'delete'],
      statusCodes: isWrite ? [429] : [429, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: policy.maxRetryAfterMs,
      delay: backoff,
      retryOnTimeout: !isWrite,
      // Vetoes only; `undefined` lets ky apply the status/network rules above.
      shouldRetry: ({ error, retryCount }) => {
        if (isWrite && !(isHTTPError(error) && error.response.status === 429)) return false;
        const asked = isHTTPError(error) ? retryAfterMs(error.response.headers.get('retry-after'), Date.now()) : null;
        if (asked !== null && asked > policy.maxRetryAfterMs) return false;
        // Unpaced failures (5xx without Retry-After, dropped connections): a blip gets two quick
        // retries; a vendor that is down is reported in seconds rather than after the budget.
        if (asked === null && retryCount > policy.unpacedLimit) return false;
        const wait = asked ?? backoff(retryCount);
        return options.now() - startedAt + wait > policy.budgetMs ? false : undefined;
      },
    };
  }

  function failure(error: unknown, ctx: RequestContext): AppError {
    if (error instanceof AppError) return error;
    if (isHTTPError(error)) {
      const { status, headers } = error.response;
      const asked = retryAfterMs(headers.get('retry-after'), Date.now());
      const isHtml = typeof error.data === 'string' && looksLikeHtml(headers.get('content-type'), error.data);
      return httpFailure(status, error.data, asked === null ? null : Math.ceil(asked / 1000), isHtml, ctx, links);
    }
    if (error instanceof Error && error.name === 'TimeoutError') return timeoutFailure(options.timeoutMs, ctx);
    if (isNetworkError(error)) return networkFailure(describeCause(error), ctx, links);
    return unexpectedFailure(error, ctx);
  }

  /** The body as a value: JSON, or plain text (`/status` may answer a bare `OK`). */
  function parseBody(text: string, contentType: string | null, status: number, ctx: RequestContext): unknown {
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      if (looksLikeHtml(contentType, text)) throw notTheApi(status, true, ctx, links);
      if (/^\s*[[{"]/.test(text)) throw badResponse(ctx, 'the JSON is cut off or malformed');
      return text;
    }
  }

  return async function send<T>(call: Call<T>): Promise<T> {
    const ctx: RequestContext = { ...call.context, write: call.method !== 'GET' };
    let value: unknown;
    const abort = new AbortController();
    try {
      const response = await api(call.path, {
        signal: abort.signal,
        method: call.method,
        headers: {
          accept: 'application/json',
          'x-reseller-token': options.resellerToken,
          'x-access-token': call.accessToken,
        },
        ...(call.searchParams ? { searchParams: call.searchParams } : {}),
        ...(call.json === undefined ? {} : { json: call.json }),
        retry: retryOptions(call.method, options.now()),
      });
      const text = await readText(response, options.timeoutMs, abort);
      value = parseBody(text, response.headers.get('content-type'), response.status, ctx);
    } catch (error) {
      throw failure(error, ctx);
    }
    const parsed = call.schema.safeParse(value);
    if (!parsed.success) throw badResponse(ctx, 'fields are missing or have the wrong type', parsed.error.issues);
    return parsed.data;
  };
}

/** The body, within the per-attempt timeout (ky bounds only its own shortcut methods' body reads). */
async function readText(response: Response, timeoutMs: number, abort: AbortController): Promise<string> {
  const timer = setTimeout(() => abort.abort(new DOMException('The response body stalled', 'TimeoutError')), timeoutMs);
  try {
    return await response.text();
  } finally {
    clearTimeout(timer);
  }
}

/** Node/undici hide the useful part ("ECONNREFUSED") two causes deep. */
function describeCause(error: Error): string {
  const parts: string[] = [];
  for (let cause: unknown = error; cause instanceof Error && parts.length < 4; cause = cause.cause) {
    const code = (cause as Error & { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${code} ${cause.message}` : cause.message);
  }
  return parts.join(' / ');
}
