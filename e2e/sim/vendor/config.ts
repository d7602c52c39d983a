/**
 * Every knob the admin API can turn, with its default and its validation, in one place.
 * Defaults make the simulator deterministic: no rate limits, no faults, every capability on.
 */
import type { FaultConfig } from '../faults';
import { HOUR } from '../world';

/** Thrown for admin input that makes no sense; the admin API answers 400 with the message. */
export class AdminInputError extends Error {}

type Check = (value: unknown) => string | null; // an error message, or null when fine

const nonNegativeInt: Check = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 ? null : 'must be a non-negative integer';
const intBetween = (min: number, max: number): Check => (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : `must be an integer from ${min} to ${max}`;
const oneOf = <T extends string>(values: readonly T[]): Check => (v) =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? null : `must be one of ${values.join(', ')}`;
const boolean: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');

/** Returns `current` with `input` applied, or throws AdminInputError naming every bad key. */
export function applyPatch<T extends object>(current: T, input: unknown, checks: { [K in keyof T]: Check }): T {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AdminInputError('expected a JSON object');
  }
  const problems: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    const check = (checks as Record<string, Check>)[key];
    const problem = check ? check(value) : 'is not a known setting';
    if (problem) problems.push(`"${key}" ${problem}`);
  }
  if (problems.length > 0) throw new AdminInputError(problems.join('; '));
  return { ...current, ...(input as Partial<T>) };
}

// ── Settings ────────────────────────────────────────────────────────────────────────────────

export const SEAT_MEANINGS = ['remaining', 'purchased'] as const;
export const RESELLER_TIERS = ['full', 'read_only'] as const;
export const MAX_PER_PAGE = 500;

export interface VendorSettings {
  /** Simulated ms a task waits in `queued`, then runs for (SIMULATOR-ONLY tasks). */
  taskQueuedMs: number;
  taskRunningMs: number;
  /**
   * Page size when a request sends no per_page. UNVERIFIED: 30 is will_paginate's default, and
   * `total_entries`/`total_pages` are will_paginate's names; clients that never page break early.
   */
  defaultPerPage: number;
  /** `seats_available` = purchased − used ("remaining") or the purchased total. The real meaning is [U]. */
  seatsAvailable: (typeof SEAT_MEANINGS)[number];
  /** `read_only`: sub-resellers may only GET (MSPbots quote); every write answers 403. */
  resellerTier: (typeof RESELLER_TIERS)[number];
  /** How long a periodic backup shows "Running" before it completes (0: never shown). */
  backupRunMs: number;
  /** Lifetime of an impersonation link (simulated ms). */
  impersonationTtlMs: number;
}

export const DEFAULT_SETTINGS: VendorSettings = {
  taskQueuedMs: 60_000,
  taskRunningMs: 120_000,
  defaultPerPage: 30,
  seatsAvailable: 'remaining',
  resellerTier: 'full',
  backupRunMs: 10 * 60_000,
  impersonationTtlMs: 5 * 60_000,
};

export const SETTINGS_CHECKS: { [K in keyof VendorSettings]: Check } = {
  taskQueuedMs: nonNegativeInt,
  taskRunningMs: nonNegativeInt,
  defaultPerPage: intBetween(1, MAX_PER_PAGE),
  seatsAvailable: oneOf(SEAT_MEANINGS),
  resellerTier: oneOf(RESELLER_TIERS),
  backupRunMs: intBetween(0, HOUR),
  impersonationTtlMs: intBetween(1_000, 24 * HOUR),
};

// ── Capabilities: simulator-only routes that can be switched off ────────────────────────────

/**
 * Each names a SIMULATOR-ONLY route. Switched off, the route answers exactly like an unknown
 * route (the real API most likely lacks it), so the extension's portal fallback can be tested.
 */
export const CAPABILITIES = [
  'force_backup', 'reauthorize', 'subscription', 'suspend', 'unsubscribe', 'reactivate', 'delete',
  'impersonate', 'backup_history', 'events', 'tasks', 'actions',
] as const;
export type Capability = (typeof CAPABILITIES)[number];
export type Capabilities = Record<Capability, boolean>;

export const allCapabilities = (enabled: boolean): Capabilities =>
  Object.fromEntries(CAPABILITIES.map((c) => [c, enabled])) as Capabilities;

export const CAPABILITY_CHECKS = Object.fromEntries(CAPABILITIES.map((c) => [c, boolean])) as {
  [K in Capability]: Check;
};

// ── Envelopes: the list shape each endpoint answers with ────────────────────────────────────

export const ENVELOPE_MODES = ['data', 'result_set', 'array', 'chunks'] as const;
export type EnvelopeMode = (typeof ENVELOPE_MODES)[number];

export const ENVELOPE_ENDPOINTS = [
  'plans', 'users', 'accounts', 'connection_failures', 'deactivated_accounts', 'tenants', 'tenant_accounts',
] as const;
export type EnvelopeEndpoint = (typeof ENVELOPE_ENDPOINTS)[number];
export type Envelopes = Record<EnvelopeEndpoint, EnvelopeMode>;

/** What clients observed: result_set for /users and /accounts, data for tenant routes, a bare list for /plans. */
export const DEFAULT_ENVELOPES: Envelopes = {
  plans: 'array',
  users: 'result_set',
  accounts: 'result_set',
  connection_failures: 'result_set',
  deactivated_accounts: 'result_set',
  tenants: 'data',
  tenant_accounts: 'data',
};

export const ENVELOPE_CHECKS = Object.fromEntries(ENVELOPE_ENDPOINTS.map((e) => [e, oneOf(ENVELOPE_MODES)])) as {
  [K in EnvelopeEndpoint]: Check;
};

// ── Vendor-specific faults (the shared ones live in ../faults.ts) ──────────────────────────

export interface VendorFaultConfig {
  /** Every per-organisation token answers 401 (as if rotated or expired) until reset. */
  orgTokenExpired: boolean;
  /** Healthy mailboxes report a `last_backup` this many hours older than the truth. */
  staleLastBackupHours: number;
  /**
   * Token bucket per X-Reseller-Token, refilled at this many requests per real second
   * (0 = off). SIMULATOR-ONLY: Dropsuite publishes no limits.
   */
  tokenBucketRate: number;
  tokenBucketBurst: number;
}

export const DEFAULT_VENDOR_FAULTS: VendorFaultConfig = {
  orgTokenExpired: false,
  staleLastBackupHours: 0,
  tokenBucketRate: 0,
  tokenBucketBurst: 10,
};

export const VENDOR_FAULT_CHECKS: { [K in keyof VendorFaultConfig]: Check } = {
  orgTokenExpired: boolean,
  staleLastBackupHours: intBetween(0, 24 * 365),
  tokenBucketRate: intBetween(0, 10_000),
  tokenBucketBurst: intBetween(1, 10_000),
};

/** Range checks for the shared fault keys (their own setter checks only the types). */
export const SHARED_FAULT_CHECKS: { [K in keyof FaultConfig]: Check } = {
  latencyMs: intBetween(0, 600_000),
  errorRate: (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? null : 'must be a number from 0 to 1'),
  errorStatus: intBetween(400, 599),
  rateLimitStorm: nonNegativeInt,
  retryAfterSeconds: intBetween(0, 86_400),
  rateLimitPerSecond: nonNegativeInt,
  slowCommitMs: intBetween(0, 600_000),
  down: boolean,
};
