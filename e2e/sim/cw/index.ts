/**
 * The simulated ConnectWise Manage REST API, as a request handler the lead's server composes with
 * the other simulators. It owns `/login/companyinfo/...`, `/{codebase}/apis/3.0/...` and
 * `/__sim/manage/...`; `handle` answers false for anything else (e.g. the Manage web screens).
 * See README.md for what is faithful and what is guessed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { SimClock } from '../clock';
import { Faults } from '../faults';
import { readBody, send, sleep } from '../http';
import { LOGIN_COMPANIES } from '../world';
import { answerAdmin, MANAGE_ADMIN_PREFIX } from './admin';
import { answerApi, codebasesOf, type Answer } from './api';
import { findLoginCompany } from './auth';
import { CANNOT_ROUTE } from './errors';
import { RequestLog } from './requestlog';
import { seedStore } from './seed';
import { CwStore } from './store';
import { releaseOf } from './versioning';

export { MANAGE_ADMIN_PREFIX } from './admin';
export type { CwStore } from './store';
export type { LoggedRequest, RequestLog } from './requestlog';

export interface ManageApi {
  /** Answer the request if it is ours; false means "not mine" (nothing was written). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  store: CwStore;
  faults: Faults;
  /** Re-seed from world.ts at the clock's now, clear faults and the request log. */
  reset(): void;
  requests: RequestLog;
}

const COMPANY_INFO = /^\/login\/companyinfo(?:\/([^/]*))?\/?$/i;
const API = /^\/([^/]+)\/apis\/3\.0(?:\/(.*))?$/i;
const KNOWN_CODEBASES = [...new Set(LOGIN_COMPANIES.flatMap(codebasesOf))];
const DEFAULT_RELEASE = releaseOf(LOGIN_COMPANIES[0].versionCode);

/**
 * GET /login/companyinfo/{companyId}, no auth. `SiteUrl` is the Host the request came in on (the
 * API lives there in the simulator). UNVERIFIED: AllowedOrigins' content; the unknown-company
 * answer (the plain-text routing error, status 404); ids compare case-insensitively.
 */
function companyInfo(companyId: string, host: string): Answer {
  const company = findLoginCompany(companyId);
  if (!company) return { status: 404, body: CANNOT_ROUTE, headers: {} };
  return {
    status: 200,
    headers: {},
    body: {
      CompanyName: company.companyName,
      Codebase: company.codebase,
      VersionCode: company.versionCode,
      VersionNumber: company.versionNumber,
      CompanyID: company.companyId,
      IsCloud: company.isCloud,
      SiteUrl: host,
      AllowedOrigins: ['*'],
    },
  };
}

/** A fault answer. UNVERIFIED bodies: JSON for 429/500, an IIS-style HTML page for gateway errors. */
function faultAnswer(status: number, retryAfterSeconds?: number): Answer {
  if (status === 429) {
    return {
      status,
      headers: { 'retry-after': String(retryAfterSeconds ?? 1) },
      body: { code: 'TooManyRequests', message: `Too many requests. Retry after ${retryAfterSeconds ?? 1} seconds.`, errors: null },
    };
  }
  if (status >= 502 && status <= 504) {
    const title = status === 503 ? 'Service Unavailable' : status === 504 ? 'Gateway Timeout' : 'Bad Gateway';
    return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<html><head><title>${status} ${title}</title></head><body><h1>${title}</h1></body></html>` };
  }
  return { status, headers: {}, body: { code: 'ConnectWiseApi', message: 'An error has occurred.', errors: null } };
}

export function createManageApi(options: { clock: SimClock }): ManageApi {
  const { clock } = options;
  const store = new CwStore();
  const faults = new Faults();
  const requests = new RequestLog();
  const reset = () => {
    seedStore(store, clock);
    faults.reset();
    requests.clear();
  };
  reset();

  async function answerWithFaults(method: string, url: URL, req: IncomingMessage, codebase: string, apiPath: string, arrived: number): Promise<Answer> {
    // Faults hit API requests only: companyinfo is served by the web tier (UNVERIFIED split).
    const decision = faults.decide(method, arrived);
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    let answer: Answer;
    if (decision.kind === 'rate-limited') answer = faultAnswer(429, decision.retryAfterSeconds);
    else if (decision.kind === 'error') answer = faultAnswer(decision.status);
    else {
      answer = await answerApi(store, clock, { method, url, headers: req.headers, codebase, apiPath, readBody: () => readBody(req) }, KNOWN_CODEBASES);
      // Slow commit: the write is in the store already; only the answer is late.
      if (decision.delayAfterCommitMs > 0) await sleep(decision.delayAfterCommitMs);
    }
    return {
      ...answer,
      headers: {
        'cache-control': 'no-cache',
        pragma: 'no-cache',
        expires: '-1',
        'x-server-name': 'CWSIM-API01',
        'x-cw-request-id': randomUUID(),
        'api-current-version': answer.currentVersion ?? DEFAULT_RELEASE,
        'x-content-type-options': 'nosniff',
        ...answer.headers,
      },
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const host = req.headers.host ?? 'localhost';
    const url = new URL(req.url ?? '/', `http://${host}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;

    if (path.toLowerCase() === MANAGE_ADMIN_PREFIX || path.toLowerCase().startsWith(`${MANAGE_ADMIN_PREFIX}/`)) {
      const answer = await answerAdmin({ store, faults, requests, clock, reset }, method, url, () => readBody(req))
        .catch((error: Error) => ({ status: 400, body: { error: error.message } }));
      send(res, answer.status, answer.body);
      return true;
    }
    const info = COMPANY_INFO.exec(path);
    const api = info ? null : API.exec(path);
    if (!info && !api) return false;

    const arrived = Date.now();
    const log = requests.arriving();
    let answer: Answer;
    try {
      answer = info
        ? method === 'GET' ? companyInfo(decodeURIComponent(info[1] ?? ''), host) : { status: 405, body: 'Method Not Allowed', headers: { allow: 'GET' } }
        : await answerWithFaults(method, url, req, api?.[1] ?? '', api?.[2] ?? '', arrived);
    } catch (error) {
      // A simulator bug answers like a server error instead of hanging the client; the log shows it.
      console.error('[cw sim]', error);
      answer = faultAnswer(500);
    }
    // An unread request body would otherwise stall keep-alive connections.
    if (!req.readableEnded) req.resume();
    // The server's clock is the simulated one, in the Date header as in every record it writes.
    send(res, answer.status, answer.body, { date: new Date(clock.now()).toUTCString(), ...answer.headers });
    log({ method, path: `${url.pathname}${url.search}`, status: answer.status, ms: Date.now() - arrived, time: new Date(arrived).toISOString() });
    return true;
  }

  return { handle, store, faults, reset, requests };
}
