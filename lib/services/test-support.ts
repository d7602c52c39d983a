/**
 * Test helpers for the background's read side: both simulators in-process, a background built
 * on them (settings imported from the demo document, real clients, Node's fetch), and request
 * counts read from the simulators' own request logs. Call `fakeBrowser.reset()` before each test.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { API_KEYS } from '../../e2e/sim/world';
import { demoSettingsDocument } from '../../e2e/sim/demo-settings';
import { startSimulators, type RunningSimulators } from '../../e2e/sim/server';
import { PANEL_PORT, type PanelPush } from '../messages/panels';
import { newSealingKey } from '../secrets';
import { createClientProvider } from './clients';
import { createSecretStore } from './secret-store';
import { createSettingsService } from './settings-service';
import { createViewService, type ViewServiceOptions } from './views';

/** Both simulators for the whole file, reseeded (clock, data, faults, logs) before each test. */
export function simulators(): { readonly sims: RunningSimulators } {
  let sims: RunningSimulators | undefined;
  beforeAll(async () => {
    sims = await startSimulators();
  });
  afterAll(async () => {
    await sims?.close();
  });
  beforeEach(() => {
    sims?.reset();
  });
  return {
    get sims() {
      if (!sims) throw new Error('simulators not started');
      return sims;
    },
  };
}

export interface RequestSpan {
  api: 'manage' | 'vendor';
  url: string;
  start: number;
  end: number;
}

/** A fetch that notes when each API request started and ended, for counting round trips. */
export function timingFetch(sims: RunningSimulators) {
  const spans: RequestSpan[] = [];
  const timed: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const start = performance.now();
    try {
      return await fetch(request);
    } finally {
      const api = request.url.startsWith(sims.vendorUrl) ? 'vendor' : 'manage';
      if (api === 'vendor' || request.url.includes('/apis/3.0/')) spans.push({ api, url: request.url, start, end: performance.now() });
    }
  };
  return { fetch: timed, spans };
}

/** The longest chain of requests each starting after the one before it ended: round trips. */
export function roundTrips(spans: readonly RequestSpan[]): number {
  const depth = new Map<RequestSpan, number>();
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const before = spans.filter((other) => other.end <= span.start).map((other) => depth.get(other) ?? 0);
    depth.set(span, 1 + Math.max(0, ...before));
  }
  return Math.max(0, ...depth.values());
}

/** API requests the simulators logged since the last clear (Manage discovery is not an API call). */
export function requestCounts(sims: RunningSimulators) {
  const manage = sims.manage.requests.list().filter((r) => r.path.includes('/apis/3.0/'));
  const vendor = sims.vendor.requests.entries;
  return { manage: manage.length, vendor: vendor.length, managePaths: manage.map((r) => r.path), vendorPaths: vendor.map((r) => r.path) };
}

export function clearRequestLogs(sims: RunningSimulators): void {
  sims.manage.requests.clear();
  sims.vendor.requests.clear();
}

export interface BackgroundOptions {
  /** Which Manage key the settings hold. */
  manageKey?: 'active' | 'revoked';
  /** Leave a section out of the settings. */
  without?: 'manage' | 'vendor';
  views?: Partial<ViewServiceOptions>;
  fetch?: typeof fetch;
  /** A worker restart of this background: its stored settings and keys (and what is kept with them) read again. */
  restartOf?: { sealingKey: CryptoKey };
}

/**
 * The background's read side over the simulators, as a service worker builds it, on settings
 * imported into fresh storage, or (`restartOf`) a worker restart of another: new clients, the
 * stored settings, keys and kept organisation list read again, storage.session kept. The clock is the simulators' (advance `sims.clock` to age the caches).
 */
export async function backgroundOn(sims: RunningSimulators, options: BackgroundOptions = {}) {
  const sealingKey = options.restartOf?.sealingKey ?? (await newSealingKey());
  const settings = createSettingsService(createSecretStore(async () => sealingKey));
  const document = demoSettingsDocument({ manageUrl: sims.manageUrl, vendorApiUrl: sims.vendorApiUrl });
  const revoked = API_KEYS.find((k) => k.state === 'revoked')!;
  if (!options.restartOf) {
    await settings.importDocument({
      ...document,
      ...(options.manageKey === 'revoked' ? { manage: { ...document.manage, publicKey: revoked.publicKey, privateKey: revoked.privateKey } } : {}),
      ...(options.without ? { [options.without]: undefined } : {}),
    });
  }
  const clients = createClientProvider(settings, {
    fetch: options.fetch ?? fetch,
    hasOrigins: async () => true,
    // Failures come quickly: no test waits out the browser's retry budgets.
    manageTiming: { timeoutMs: 2_000, totalBudgetMs: 1_500 },
    vendorTiming: { timeoutMs: 2_000, retry: { baseBackoffMs: 10, maxBackoffMs: 50, budgetMs: 500 } },
  });
  const now = () => sims.clock.now();
  const views = createViewService({ clients, settings, now, ...(options.views ? { options: options.views } : {}) });
  return { settings, clients, views, now, sealingKey };
}

/** A panel's port as the background sees it: what the server pushes, and a way to send requests. */
export function fakePanelPort(name: string = PANEL_PORT) {
  const onMessage: Array<(message: unknown) => void> = [];
  const onDisconnect: Array<() => void> = [];
  const pushes: PanelPush[] = [];
  const waiting: Array<() => void> = [];
  return {
    name,
    postMessage(message: PanelPush) {
      pushes.push(structuredClone(message)); // what crosses a real port is a copy
      waiting.splice(0).forEach((wake) => wake());
    },
    onMessage: { addListener: (listener: (message: unknown) => void) => void onMessage.push(listener) },
    onDisconnect: { addListener: (listener: () => void) => void onDisconnect.push(listener) },
    pushes,
    /** Content script → background. */
    send(message: unknown) {
      for (const listener of onMessage) listener(message);
    },
    /** The tab closed or navigated. */
    disconnect() {
      for (const listener of onDisconnect) listener();
    },
    /** The first push (from `from` on) that matches, waiting for it if need be. */
    async next<T extends PanelPush>(match: (push: PanelPush) => push is T, from = 0, timeoutMs = 5_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = pushes.slice(from).find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching push; got ${JSON.stringify(pushes.map((p) => p.type))}`);
        await new Promise<void>((wake) => {
          waiting.push(wake);
          setTimeout(wake, 50);
        });
      }
    },
  };
}
export type FakePanelPort = ReturnType<typeof fakePanelPort>;

export const isView = (push: PanelPush): push is Extract<PanelPush, { type: 'view' }> => push.type === 'view';
export const isFreshView = (push: PanelPush): push is Extract<PanelPush, { type: 'view' }> => push.type === 'view' && !push.refreshing;
export const isUnavailable = (push: PanelPush): push is Extract<PanelPush, { type: 'unavailable' }> => push.type === 'unavailable';
export const isResult = (requestId: string) => (push: PanelPush): push is Extract<PanelPush, { type: 'result' }> =>
  push.type === 'result' && push.requestId === requestId;
