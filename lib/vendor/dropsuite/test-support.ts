/**
 * Shared by the adapter's tests: a client pointed at the in-process vendor simulator
 * (e2e/sim/vendor, port 0, fresh world and stopped clock before each test) and small helpers.
 */
import { expect } from 'vitest';
import { AppError } from '../../errors';
import { vendorHarness, type Harness } from '../../../e2e/sim/vendor/testkit';
import { VENDOR_CREDENTIALS } from '../../../e2e/sim/world';
import { createDropsuiteClient, type DropsuiteClientOptions } from './client';

export { MB, ORG, T0, MINUTE, HOUR } from '../../../e2e/sim/vendor/testkit';
export { VENDOR_CREDENTIALS };

export const CREDENTIALS = { resellerToken: VENDOR_CREDENTIALS.resellerToken, accessToken: VENDOR_CREDENTIALS.adminToken };

export interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
}

/** A fetch that records what it sends before passing it on. */
export function recordingFetch(inner: typeof fetch = fetch) {
  const sent: SentRequest[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({ method: request.method, url: new URL(request.url), headers: request.headers });
    return inner(request);
  };
  return { fetch: wrapped, sent };
}

export function simulatedVendor() {
  const sim = vendorHarness();
  const client = (overrides: Partial<DropsuiteClientOptions> = {}) =>
    createDropsuiteClient({
      settings: { apiUrl: sim.apiBase, regionCode: 'uswest', portalUrl: 'https://partners.example.com/' },
      secrets: CREDENTIALS,
      retry: { baseBackoffMs: 20, maxBackoffMs: 100 },
      ...overrides,
    });
  return { sim, client, setFaults: (faults: object) => postAdmin(sim, 'faults', faults) };
}

export async function postAdmin(sim: Harness, path: string, body: object): Promise<void> {
  const answer = await sim.admin('POST', path, body);
  expect(answer.status, answer.text).toBe(200);
}

/** The AppError a promise rejects with (fails the test if it resolves or throws anything else). */
export async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
