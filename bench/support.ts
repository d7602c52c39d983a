/**
 * Browsers for the benchmarks: Chromium with the e2e build (configured for the simulators, as the
 * e2e fixtures do it) or the same Chromium without any extension; the in-page probe in every page;
 * and control of the extension's service worker (caches, restarts, heap) for defining cold, warm
 * and stale honestly.
 */
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import { E2E_EXTENSION_DIR, importSettings, launchChromium, launchWithExtension } from '../e2e/support/browser';
import { demoSettingsDocument } from '../e2e/sim/demo-settings';
import type { RunningSimulators } from '../e2e/sim/server';
import { installProbe } from './probe';

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; error?: { message: string } }> };
  scripting: { getRegisteredContentScripts(): Promise<unknown[]> };
  alarms: { clearAll(): Promise<boolean> };
  storage: {
    session: {
      get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(keys: string[]): Promise<void>;
    };
  };
};

/**
 * The extension build the benchmarks load: the e2e build (production code plus the pre-granted
 * loopback origin), or a copy of it (BENCH_EXTENSION_DIR), so a rebuild by a concurrent e2e run
 * cannot swap the code under a long benchmark.
 */
export const BENCH_EXTENSION_DIR = process.env.BENCH_EXTENSION_DIR || E2E_EXTENSION_DIR;

/** Where the background keeps its caches in storage.session (lib/storage.ts `cacheEntryItem`). */
const CACHE_PREFIX = 'cache:';

/**
 * The probe as page source. tsx (esbuild with keepNames) wraps named functions in `__name(...)`,
 * a helper that exists only in Node, so the page gets a no-op one in the probe's own scope.
 */
const probeScript = `(() => { const __name = (target) => target; (${installProbe.toString()})(); })();`;

export interface ExtensionHandle {
  id: string;
  worker: Worker;
}

export interface BenchBrowser {
  context: BrowserContext;
  /** The one tab the benchmarks drive. */
  page: Page;
  /** A CDP session on that tab (heap metrics, and the ServiceWorker domain to restart the worker). */
  cdp: CDPSession;
  /** Null for the browser without the extension. */
  extension: ExtensionHandle | null;
  close(): Promise<void>;
}

export async function openBrowser(sims: RunningSimulators, options: { extension: boolean }): Promise<BenchBrowser> {
  const launched = options.extension ? await launchConfigured(sims) : await launchWithoutExtension();
  const { context } = launched;
  await context.addInitScript({ content: probeScript });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  return { ...launched, page, cdp };
}

async function launchConfigured(sims: RunningSimulators) {
  const browser = await launchWithExtension({ headless: true, extensionDir: BENCH_EXTENSION_DIR });
  const extension = { id: browser.extensionId, worker: browser.serviceWorker };
  await importSettings(browser, demoSettingsDocument(sims));
  await quietBackground(extension);
  return { context: browser.context, extension, close: browser.close };
}

/** The same Chromium, flags and viewport, without the extension: the only difference in a with/without comparison. */
async function launchWithoutExtension() {
  return { ...(await launchChromium({ headless: true })), extension: null };
}

/**
 * The popup's status alarm (first run a minute after the worker starts, then every 10 minutes)
 * reads both APIs in the background; its requests would be counted against whichever screen view
 * it overlapped. Cleared after every (re)start: it is the popup's cost, not a screen view's.
 */
export const quietBackground = (extension: ExtensionHandle) => extension.worker.evaluate(() => chrome.alarms.clearAll());

export const requireExtension = (browser: BenchBrowser): ExtensionHandle => {
  if (!browser.extension) throw new Error('this step needs the browser with the extension');
  return browser.extension;
};

/** Leave the Manage page, so its panel's port (and any refresh it would ask for) is gone. */
export const leavePage = async (browser: BenchBrowser) => {
  await browser.page.goto('about:blank');
};

/** Forget every view, organisation list, link scan and record look-up; keep settings, keys and the discovered site. */
export async function clearViewCaches(extension: ExtensionHandle): Promise<void> {
  await extension.worker.evaluate(async (prefix) => {
    const keys = Object.keys(await chrome.storage.session.get(null)).filter((key) => key.startsWith(prefix));
    await chrome.storage.session.remove(keys);
  }, CACHE_PREFIX);
}

/**
 * Stop the service worker and start a new one: a new vendor client (no organisation tokens), no
 * refresh in flight. storage.session survives, as it does when Chrome stops an idle worker.
 */
export async function restartWorker(browser: BenchBrowser): Promise<void> {
  const extension = requireExtension(browser);
  await stopWorker(browser);
  await browser.cdp.send('ServiceWorker.startWorker', { scopeURL: `chrome-extension://${extension.id}/` });
  await quietBackground(extension);
}

/** Stop the service worker as Chrome does after 30 s idle; the next panel's port connection starts it. */
export async function stopWorker(browser: BenchBrowser): Promise<void> {
  await browser.cdp.send('ServiceWorker.stopAllWorkers');
}

/**
 * Cold for every view in a warm browser session: the page left (no panel asks for anything),
 * every cache cleared, a new worker running. The discovered Manage site is kept: discovery is
 * once per browser session.
 */
export async function makeCold(browser: BenchBrowser): Promise<void> {
  await leavePage(browser);
  await clearViewCaches(requireExtension(browser));
  await restartWorker(browser);
}

/** Make every cached entry `ms` older, as if that much time had passed since it was fetched. */
export async function ageCaches(extension: ExtensionHandle, ms: number): Promise<void> {
  await extension.worker.evaluate(async ({ prefix, ms }) => {
    const all = await chrome.storage.session.get(null);
    const aged: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(all)) {
      const fetchedAt = (entry as { fetchedAt?: unknown } | null)?.fetchedAt;
      if (key.startsWith(prefix) && typeof fetchedAt === 'number') aged[key] = { ...(entry as object), fetchedAt: fetchedAt - ms };
    }
    await chrome.storage.session.set(aged);
  }, { prefix: CACHE_PREFIX, ms });
}

/** The cached view of `key` (e.g. `company:254`), exactly as the background pushes it to the panel. */
export async function cachedView(extension: ExtensionHandle, key: string): Promise<unknown> {
  const entryKey = `${CACHE_PREFIX}views:${key}`;
  const found = await extension.worker.evaluate(async (k) => (await chrome.storage.session.get(k))[k], entryKey);
  return (found as { value?: unknown } | undefined)?.value ?? null;
}

/** JS heap of the tab after a full garbage collection (CDP, as DevTools' Performance monitor reads it). */
export async function pageHeapBytes(browser: BenchBrowser): Promise<number> {
  await browser.cdp.send('HeapProfiler.collectGarbage');
  await browser.cdp.send('Performance.enable');
  const { metrics } = await browser.cdp.send('Performance.getMetrics');
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize');
  if (!used) throw new Error('CDP reported no JSHeapUsedSize');
  return used.value;
}

/**
 * The service worker's JS heap after a full garbage collection. Playwright opens CDP sessions on
 * pages only, so the worker target is reached through the page's session: attached in the
 * non-flattened mode, its commands travel inside Target.sendMessageToTarget.
 */
export async function workerHeapBytes(browser: BenchBrowser): Promise<number> {
  const extension = requireExtension(browser);
  const { targetInfos } = await browser.cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extension.id}/`));
  if (!target) throw new Error('the extension has no running service worker to measure');
  const { sessionId } = await browser.cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let nextId = 0;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++nextId;
      const onMessage = (event: { sessionId?: string; message: string }) => {
        const reply = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
        if (event.sessionId !== sessionId || reply.id !== id) return;
        browser.cdp.off('Target.receivedMessageFromTarget', onMessage);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve(reply.result ?? {});
      };
      browser.cdp.on('Target.receivedMessageFromTarget', onMessage);
      browser.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(reject);
    });
  try {
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    return Number(usage.usedSize);
  } finally {
    await browser.cdp.send('Target.detachFromTarget', { sessionId });
  }
}
