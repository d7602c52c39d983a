/**
 * The in-page probe: an init script that timestamps, on the page's own clock (performance.now,
 * 0 = the document's navigation start), when the Manage screen is ready, when the panel appears
 * and changes state, and the page's long tasks and layout shifts. Everything is read back after
 * the fact, so the waits in Node never add to a figure.
 */
import type { Page } from '@playwright/test';

export interface ProbeLog {
  /** Each `.detailLabel` the app put into the workspace (screen headers, not modals). */
  headers: Array<{ t: number; text: string }>;
  /** Panel hosts: `inserted` when one enters the page, then each `data-state` it takes. */
  panels: Array<{ t: number; kind: string; recordId: string; state: string }>;
  longTasks: Array<{ start: number; duration: number }>;
  shifts: Array<{ start: number; value: number; hadRecentInput: boolean; sources: string[] }>;
}

declare global {
  interface Window {
    __benchProbe?: ProbeLog;
  }
}

/**
 * Runs in the page's main world before its scripts (context.addInitScript), so it must be
 * self-contained. The panel lives in an open shadow root, which the main world can read too.
 */
export function installProbe(): void {
  if (window !== window.top) return; // the ticket's "Classic View" frame is a whole screen of its own
  const log: ProbeLog = { headers: [], panels: [], longTasks: [], shifts: [] };
  window.__benchProbe = log;

  const watched = new WeakSet<Element>();
  const watchPanel = (host: Element) => {
    const root = host.shadowRoot;
    if (watched.has(host) || !root) return;
    watched.add(host);
    const kind = host.getAttribute('data-backup-bridge') ?? '';
    const recordId = host.getAttribute('data-record-id') ?? '';
    log.panels.push({ t: performance.now(), kind, recordId, state: 'inserted' });
    let last = '';
    const check = () => {
      const state = root.querySelector('.bb-panel')?.getAttribute('data-state') ?? '';
      if (state === '' || state === last) return;
      last = state;
      log.panels.push({ t: performance.now(), kind, recordId, state });
    };
    new MutationObserver(check).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    check();
  };
  const within = (node: Element, selector: string) => [node, ...Array.from(node.querySelectorAll(selector))].filter((el) => el.matches(selector));

  new MutationObserver((mutations) => {
    const t = performance.now();
    for (const mutation of mutations) {
      for (const node of Array.from(mutation.addedNodes)) {
        if (!(node instanceof Element) || !node.isConnected) continue;
        for (const header of within(node, '.detailLabel')) {
          if (header.closest('#cwContent') && !header.closest('.cw-gxt-wnd')) log.headers.push({ t, text: header.textContent ?? '' });
        }
        within(node, '[data-backup-bridge]').forEach(watchPanel);
      }
    }
  }).observe(document, { childList: true, subtree: true });

  interface LayoutShiftEntry extends PerformanceEntry {
    value: number;
    hadRecentInput: boolean;
    sources?: Array<{ node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }>;
  }
  const describe = (node: Node | null) => {
    if (!(node instanceof Element)) return node?.nodeName ?? 'gone';
    if (node.closest('[data-backup-bridge]')) return 'Backup Bridge panel';
    return `${node.tagName.toLowerCase()}${Array.from(node.classList).slice(0, 2).map((c) => `.${c}`).join('')}`;
  };
  const observe = (type: string, take: (entry: PerformanceEntry) => void) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(take)).observe({ type, buffered: true });
    } catch {
      // An entry type this browser does not report: its figures stay empty, and the report says so.
    }
  };
  observe('longtask', (entry) => log.longTasks.push({ start: entry.startTime, duration: entry.duration }));
  observe('layout-shift', (entry) => {
    const shift = entry as LayoutShiftEntry;
    log.shifts.push({
      start: shift.startTime,
      value: shift.value,
      hadRecentInput: shift.hadRecentInput,
      sources: (shift.sources ?? []).map((s) => `${describe(s.node)} Δy=${Math.round(s.currentRect.y - s.previousRect.y)}px`),
    });
  });
}

export const readProbe = (page: Page): Promise<ProbeLog> =>
  page.evaluate(() => {
    const log = window.__benchProbe;
    if (!log) throw new Error('the bench probe is not installed in this page');
    return log;
  });

export interface ScreenExpectation {
  /** Text the screen's header shows (company or agreement name, `Service Ticket #N`). */
  header: string;
  /** Only events at or after this page time count (0 for a page load; the click for in-app navigation). */
  sinceMs: number;
}

export interface PanelExpectation extends ScreenExpectation {
  kind: string;
  recordId: number;
  /** Also wait for the panel to be `ready` (a refresh shown as `refreshing` has finished). */
  settled: boolean;
}

export interface ViewTiming {
  /** The page's performance.timeOrigin (epoch ms): the times below are relative to it. */
  timeOrigin: number;
  screenReady: number;
  /** The panel host entered the page (possibly still loading). */
  panelInserted: number | null;
  /** The panel first showed a view: `ready`, or `refreshing` when the cached view is stale. */
  panelVisible: number;
  visibleState: string;
  /** When the panel was `ready` (equal to panelVisible unless a refresh followed). */
  panelSettled: number | null;
}

const WAIT_MS = 30_000;

/** The page time at which the screen showed its header; waits until it does. */
export async function waitForScreen(page: Page, expected: ScreenExpectation): Promise<number> {
  // The previous screen may still rebuild its header after the click (GWT churn): only the expected one counts.
  const handle = await page.waitForFunction(
    ({ header, sinceMs }) => window.__benchProbe?.headers.find((h) => h.t >= sinceMs && h.text.includes(header))?.t ?? false,
    expected,
    { timeout: WAIT_MS, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

/** Waits for the screen and its panel's view, and reads their times from the probe. */
export async function waitForView(page: Page, expected: PanelExpectation): Promise<ViewTiming> {
  const screenReady = await waitForScreen(page, expected);
  const handle = await page.waitForFunction(({ kind, recordId, sinceMs, settled }) => {
    const events = (window.__benchProbe?.panels ?? []).filter((p) => p.t >= sinceMs && p.kind === kind && p.recordId === String(recordId));
    const unavailable = events.find((p) => p.state === 'unavailable');
    if (unavailable) return { error: `the ${kind} panel for ${recordId} is unavailable` };
    const visible = events.find((p) => p.state === 'ready' || p.state === 'refreshing');
    if (!visible) return false;
    const ready = events.find((p) => p.state === 'ready' && p.t >= visible.t);
    if (settled && !ready) return false;
    return {
      timeOrigin: performance.timeOrigin,
      panelInserted: events.find((p) => p.state === 'inserted')?.t ?? null,
      panelVisible: visible.t,
      visibleState: visible.state,
      panelSettled: ready?.t ?? null,
    };
  }, expected, { timeout: WAIT_MS, polling: 'raf' });
  const result = (await handle.jsonValue()) as Omit<ViewTiming, 'screenReady'> | { error: string };
  if ('error' in result) throw new Error(result.error);
  return { screenReady, ...result };
}

/** Clicks in the page and returns the page time just before the click (the in-app navigation's start). */
export const clickAt = (page: Page, selector: string): Promise<number> =>
  page.evaluate((css) => {
    const target = document.querySelector<HTMLElement>(css);
    if (!target) throw new Error(`nothing to click at ${css}`);
    const t = performance.now();
    target.click();
    return t;
  }, selector);

/** The browser's Back, as the app sees it (popstate), and the page time it started. */
export const historyBackAt = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const t = performance.now();
    history.back();
    return t;
  });
