/**
 * Test harness for the Manage API conformance tests: a real http server on port 0 in front of
 * createManageApi, and a small client that speaks the real protocol (Basic auth with
 * company+public:private, clientId, JSON bodies).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { SimClock } from '../clock';
import { API_KEYS, CLIENT_ID } from '../world';
import { createManageApi, type ManageApi } from './index';

export const EPOCH = Date.UTC(2026, 0, 15, 12);

export type KeyName = 'integration' | 'limited' | 'revoked';
const KEYS: Record<KeyName, (typeof API_KEYS)[number]> = { integration: API_KEYS[0], limited: API_KEYS[1], revoked: API_KEYS[2] };

export function basicAuth(company: string, publicKey: string, privateKey: string): string {
  return `Basic ${Buffer.from(`${company}+${publicKey}:${privateKey}`).toString('base64')}`;
}

export interface CallOptions {
  body?: unknown;
  /** Raw request body (sent as is). */
  rawBody?: string;
  key?: KeyName;
  company?: string;
  /** Extra or overriding headers; `null` removes a default header. */
  headers?: Record<string, string | null>;
  codebase?: string;
  signal?: AbortSignal;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test convenience
}

export interface Sim {
  api: ManageApi;
  clock: SimClock;
  origin: string;
  /** `path` is relative to /{codebase}/apis/3.0/ unless it starts with "/". */
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  /** Back to the seeded world at EPOCH: clock, data, faults, request log. */
  reset(): void;
  /** Give the integration's API member the Admin role (for tests of resources its role cannot reach). */
  grantAdmin(): void;
  close(): Promise<void>;
}

export async function startSim(): Promise<Sim> {
  const clock = new SimClock(EPOCH);
  const api = createManageApi({ clock });
  const server = http.createServer((req, res) => {
    void api.handle(req, res).then((owned) => {
      if (!owned) {
        res.writeHead(418, { 'content-type': 'text/plain' });
        res.end('not the API');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const key = KEYS[options.key ?? 'integration'];
    const url = path.startsWith('/') ? `${origin}${path}` : `${origin}/${options.codebase ?? 'v2025_1'}/apis/3.0/${path}`;
    const headers: Record<string, string> = {
      authorization: basicAuth(options.company ?? 'northwind', key.publicKey, key.privateKey),
      clientid: CLIENT_ID,
      accept: 'application/vnd.connectwise.com+json; version=2025.1',
    };
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (value === null) delete headers[name.toLowerCase()];
      else headers[name.toLowerCase()] = value;
    }
    const response = await fetch(url, { method, headers, body, signal: options.signal });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  return {
    api,
    clock,
    origin,
    call,
    reset() {
      clock.reset(EPOCH);
      api.reset();
    },
    grantAdmin() {
      const member = api.store.rows('system/apiMembers').find((row) => row.identifier === KEYS.integration.member);
      if (member) member.securityRole = { id: 1 };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * One simulator for the calling test file: started before its tests, back to the seed before each
 * one (then `prepare`, e.g. grantAdmin), closed after them. The returned Sim forwards to it.
 */
export function simForThisFile(prepare?: (sim: Sim) => void): Sim {
  let started: Sim | undefined;
  const running = (): Sim => {
    if (!started) throw new Error('The simulator starts in beforeAll: use it inside tests and hooks.');
    return started;
  };
  beforeAll(async () => {
    started = await startSim();
  });
  afterAll(() => started?.close());
  beforeEach(() => {
    running().reset();
    prepare?.(running());
  });
  return new Proxy({} as Sim, { get: (_, key) => Reflect.get(running(), key) });
}
