/**
 * Test harness: both simulators in-process, settings imported as the demo does, and
 * "technicians" — each with its own client provider and action runner, as two browsers would
 * have. Vendor tasks finish on the simulated clock: the runner's pause steps the clock instead of
 * sleeping, so nothing here waits in real time for the vendor.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { demoSettingsDocument } from '../../../e2e/sim/demo-settings';
import { startSimulators, type RunningSimulators } from '../../../e2e/sim/server';
import { API_KEYS } from '../../../e2e/sim/world';
import { AppError, type AppErrorData } from '../../errors';
import { newSealingKey } from '../../secrets';
import type { Mappings } from '../../settings';
import { createClientProvider, type ClientProvider } from '../clients';
import { createSecretStore } from '../secret-store';
import { createSettingsService, type SettingsService } from '../settings-service';
import { createActionRunner, type ActionResult, type ActionRunner, type ActionRunnerOptions, type RunnableAction, type ViewKey } from '.';

export type { RunningSimulators };
export { startSimulators };

export interface SetupOptions {
  /** The API member whose keys are used: the integration role, or the one without ticket closing and agreement edits. */
  member?: 'bbridgeapi' | 'limitedapi';
  /** Mappings left out of the imported settings. */
  withoutMappings?: Array<keyof Mappings>;
}

/** A fresh browser profile with the demo settings for these simulators. */
export async function configure(sims: RunningSimulators, options: SetupOptions = {}): Promise<SettingsService> {
  fakeBrowser.reset();
  const key = await newSealingKey();
  const settings = createSettingsService(createSecretStore(async () => key));
  const doc = demoSettingsDocument(sims);
  const apiKey = API_KEYS.find((k) => k.member === (options.member ?? 'bbridgeapi') && k.state === 'active');
  const mappings = Object.fromEntries(Object.entries(doc.mappings ?? {}).filter(([name]) => !options.withoutMappings?.includes(name as keyof Mappings)));
  await settings.importDocument({ ...doc, manage: { ...doc.manage, ...apiKey && { publicKey: apiKey.publicKey, privateKey: apiKey.privateKey } }, mappings });
  return settings;
}

/** Both simulators for the whole file, reset and configured afresh before each test. */
export function useConfiguredSimulators(onEach: (env: { sims: RunningSimulators; settings: SettingsService }) => void | Promise<void>): void {
  let sims: RunningSimulators;
  beforeAll(async () => {
    sims = await startSimulators();
  });
  afterAll(() => sims.close());
  beforeEach(async () => {
    sims.reset();
    await onEach({ sims, settings: await configure(sims) });
  });
}

/** POST to a simulator's admin API (`/__sim/vendor/capabilities`, `/__sim/vendor/settings`…). */
export async function simAdmin(sims: RunningSimulators, path: string, body: unknown): Promise<void> {
  const base = path.startsWith('/__sim/manage') ? sims.manageUrl : sims.vendorUrl;
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

/** Vendor tasks that take 10 s queued + 30 s running, so a two-step fix fits one watch. */
export const quickTasks = (sims: RunningSimulators) => simAdmin(sims, '/__sim/vendor/settings', { taskQueuedMs: 10_000, taskRunningMs: 30_000 });

export type Settled = { ok: true; result: ActionResult } | { ok: false; error: AppErrorData };

export interface Call {
  done: Promise<Settled>;
  progress: string[];
  invalidated: ViewKey[];
  opened: string[];
}

export interface Technician {
  name: string;
  runner: ActionRunner;
  clients: ClientProvider;
  /** Pauses taken by a fix (each one kept the worker alive). */
  keepAlives: number;
  start(action: RunnableAction): Call;
  run(action: RunnableAction): Promise<Settled>;
}

export interface TechnicianOptions extends ActionRunnerOptions {
  name?: string;
  /** Wraps the client provider (e.g. to make the vendor report something the simulator cannot). */
  wrap?: (clients: ClientProvider) => ClientProvider;
  /** The fetch both clients use (e.g. one that drops answers). */
  fetch?: typeof fetch;
  /** How far this browser's clock is off ConnectWise's and the vendor's. */
  clockSkewMs?: number;
}

/** One technician's browser: its own clients and runner, pausing by stepping the simulated clock. */
export function technician(sims: RunningSimulators, settings: SettingsService, options: TechnicianOptions = {}): Technician {
  const { name = 'jsmith', wrap = (c: ClientProvider) => c, fetch: fetchFn, clockSkewMs = 0, ...runnerOptions } = options;
  const clients = wrap(createClientProvider(settings, { hasOrigins: async () => true, ...(fetchFn ? { fetch: fetchFn } : {}) }));
  const tech: Technician = {
    name,
    clients,
    keepAlives: 0,
    runner: createActionRunner({
      intervalMs: 10_000,
      sleep: async (ms) => sims.clock.advance(ms),
      keepAlive: async () => (tech.keepAlives += 1),
      ...runnerOptions,
    }),
    start(action) {
      const call: Omit<Call, 'done'> = { progress: [], invalidated: [], opened: [] };
      const done = tech.runner(action, {
        clients,
        settings,
        now: () => sims.clock.now() + clockSkewMs,
        progress: (message) => call.progress.push(message),
        invalidate: (...keys) => call.invalidated.push(...keys),
        actor: name,
        openTab: async (url) => void call.opened.push(url),
      }).then(
        (result): Settled => ({ ok: true, result }),
        (error: unknown): Settled => ({ ok: false, error: AppError.from(error).data }),
      );
      return { ...call, done };
    },
    run: (action) => tech.start(action).done,
  };
  return tech;
}

/** Vendor write requests (force_backup, reauthorize) the simulator received. */
export const vendorWrites = (sims: RunningSimulators) =>
  sims.vendor.requests.entries.filter((e) => e.method === 'POST').map((e) => e.path.replace(/^\/api/, ''));

type Row = Record<string, unknown>;
export const cwRecord = (sims: RunningSimulators, path: string, id: number) => sims.manage.store.get(path, id) as Row | undefined;
export const cwList = (sims: RunningSimulators, path: string) => sims.manage.store.list(path) as Row[];
export const ticketNotes = (sims: RunningSimulators, ticketId: number) =>
  cwList(sims, `service/tickets/${ticketId}/notes`).map((note) => String(note.text ?? ''));
export const ticketStatusId = (sims: RunningSimulators, ticketId: number) =>
  (cwRecord(sims, 'service/tickets', ticketId)?.status as { id?: number } | undefined)?.id;

/** Requests the Manage simulator answered, as `METHOD path` below /apis/3.0/ (query dropped). */
export const manageRequests = (sims: RunningSimulators) =>
  sims.manage.requests.list().map((r) => `${r.method} ${r.path.replace(/^.*?\/apis\/3\.0\//, '').replace(/\?.*$/, '')}`);
