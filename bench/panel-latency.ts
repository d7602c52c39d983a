/**
 * Panel latency and requests per screen view: from "screen ready" (the Manage screen's header is
 * in the page) to "panel content visible" (the panel's `data-state` is `ready` or `refreshing`),
 * both timed in the page on its own clock (probe.ts); requests and round trips from the
 * simulators (requests.ts), counted from the navigation until the panel is `ready`.
 *
 * Cache states, per screen kind, per tenant:
 * - firstInSession: a new browser (new profile), configured by a settings import, then the screen
 *   opened by deep link. Nothing is cached. What the set-up leaves behind is there, as it is for
 *   a technician: the import (like the set-up's connection tests) discovers the Manage site and
 *   reads the vendor's organisation list, which is kept with the keys.
 * - coldWarmSession: in a browser that has shown screens before, every cache in storage.session
 *   cleared (views, organisation list, link scans, record look-ups) and the service worker
 *   restarted (new clients; the discovered site and the organisation list kept with the keys are
 *   read again from storage.local); the worker is running again before the screen is opened.
 * - warmDeepLink: the view cached seconds ago (fresh); the screen opened again by a full page load
 *   from another page, as a deep link would.
 * - warmWorkerStopped: as warmDeepLink, but the service worker stopped first (Chrome stops an idle
 *   worker after 30 s), so the panel's connection has to start it.
 * - warmInApp: the views cached and fresh; the screen reached by in-app navigation (ticket → its
 *   company → its agreement, then Back twice), timed from the click.
 * - stale: every cache entry made older than the freshness window, then the screen opened by deep
 *   link: the cached view is shown at once (`refreshing`), then one refresh replaces it.
 */
import type { RunningSimulators } from '../e2e/sim/server';
import { clickAt, historyBackAt, waitForView, type PanelExpectation, type ViewTiming } from './probe';
import { describeWaterfall, requestFigures, roundToleranceMs, type RequestTap, type TimedRequest } from './requests';
import { IN_APP_LINKS, screenUrl, VIEW_KINDS, type Scenario, type ViewKind, type ViewTarget } from './scenarios';
import { summarize } from './stats';
import {
  ageCaches, cachedView, leavePage, makeCold, openBrowser, quietBackground, requireExtension, stopWorker, type BenchBrowser,
} from './support';

/**
 * DEFAULT_VIEW_OPTIONS.freshMs of lib/services/views (importing it here would load wxt/storage,
 * which only runs inside an extension). If it changes, stale runs stop showing `refreshing`, and
 * the benchmark fails rather than report fresh views as stale ones.
 */
const FRESH_MS = 60_000;
const STALE_BY_MS = FRESH_MS + 1_000;

export type CacheState = 'firstInSession' | 'coldWarmSession' | 'warmDeepLink' | 'warmWorkerStopped' | 'warmInApp' | 'stale';

export interface LatencyOptions {
  sims: RunningSimulators;
  tap: RequestTap;
  scenarios: readonly Scenario[];
  runs: number;
  /** Runs of firstInSession (each one launches a browser). */
  sessionRuns: number;
  latencyMs: number;
}

interface ViewSample {
  /** Panel content visible − screen ready. */
  latencyMs: number;
  /** Panel inserted (loading or not) − screen ready. */
  insertedAfterScreenMs: number | null;
  /** Panel `ready` − screen ready: after a stale view, when its refresh was shown. */
  settledAfterScreenMs: number | null;
  /** Screen ready since the navigation started (page load) or since the click (in-app). */
  screenReadyMs: number;
  visibleState: string;
  requests: readonly TimedRequest[];
  /** Where the panel's wait went, when it waited for requests (epoch clocks of page and simulators). */
  phases: RequestPhases | null;
}

interface RequestPhases {
  /** Panel inserted → first request reached a simulator: port, subscribe, cache look-up, set-up. */
  beforeFirstRequestMs: number;
  /** First request's start → last answer's end. */
  requestsMs: number;
  /** Last answer → the view on screen: building, caching, the push and the render. */
  afterLastAnswerMs: number;
}

function phasesOf(timing: ViewTiming, requests: readonly TimedRequest[]): RequestPhases | null {
  const shown = timing.visibleState === 'refreshing' ? timing.panelSettled : timing.panelVisible;
  if (requests.length === 0 || timing.panelInserted === null || shown === null) return null;
  const firstStart = Math.min(...requests.map((r) => r.startMs));
  const lastEnd = Math.max(...requests.map((r) => r.endMs));
  return {
    beforeFirstRequestMs: firstStart - (timing.timeOrigin + timing.panelInserted),
    requestsMs: lastEnd - firstStart,
    afterLastAnswerMs: timing.timeOrigin + shown - lastEnd,
  };
}

type Samples = Record<CacheState, Record<ViewKind, ViewSample[]>>;

const emptySamples = (): Samples => {
  const perKind = () => ({ company: [], agreement: [], ticket: [] });
  return {
    firstInSession: perKind(), coldWarmSession: perKind(), warmDeepLink: perKind(), warmWorkerStopped: perKind(), warmInApp: perKind(), stale: perKind(),
  };
};

const expectation = (view: ViewTarget, sinceMs: number): PanelExpectation =>
  ({ kind: view.kind, recordId: view.recordId, header: view.header, sinceMs, settled: true });

function sampleOf(timing: ViewTiming, sinceMs: number, requests: readonly TimedRequest[]): ViewSample {
  const after = (t: number | null) => (t === null ? null : t - timing.screenReady);
  return {
    latencyMs: timing.panelVisible - timing.screenReady,
    insertedAfterScreenMs: after(timing.panelInserted),
    settledAfterScreenMs: after(timing.panelSettled),
    screenReadyMs: timing.screenReady - sinceMs,
    visibleState: timing.visibleState,
    requests,
    phases: phasesOf(timing, requests),
  };
}

/** Open the screen by deep link (a full page load) and wait until its panel is `ready`. */
async function viewByDeepLink(browser: BenchBrowser, options: LatencyOptions, view: ViewTarget): Promise<ViewSample> {
  const mark = options.tap.mark();
  await browser.page.goto(screenUrl(options.sims.manageUrl, view), { waitUntil: 'commit' });
  const timing = await waitForView(browser.page, expectation(view, 0));
  return sampleOf(timing, 0, options.tap.since(mark));
}

/** In-app navigation started by `start` (a click or Back), until the new screen's panel is `ready`. */
async function viewInApp(browser: BenchBrowser, options: LatencyOptions, view: ViewTarget, start: () => Promise<number>): Promise<ViewSample> {
  const mark = options.tap.mark();
  const sinceMs = await start();
  const timing = await waitForView(browser.page, expectation(view, sinceMs));
  return sampleOf(timing, sinceMs, options.tap.since(mark));
}

async function inAppTour(browser: BenchBrowser, options: LatencyOptions, scenario: Scenario, samples: Samples): Promise<void> {
  const { company, agreement, ticket } = scenario.views;
  const { page } = browser;
  await viewByDeepLink(browser, options, ticket);
  const steps: Array<[ViewTarget, () => Promise<number>]> = [
    [company, () => clickAt(page, IN_APP_LINKS.ticketToCompany)],
    [agreement, () => clickAt(page, IN_APP_LINKS.companyToAgreement)],
    [company, () => historyBackAt(page)],
    [ticket, () => historyBackAt(page)],
  ];
  for (const [view, start] of steps) samples.warmInApp[view.kind].push(await viewInApp(browser, options, view, start));
}

/** Everything but firstInSession, in one browser; `runs` rounds after one unmeasured warm-up round. */
async function measureInOneSession(options: LatencyOptions, scenario: Scenario, samples: Samples) {
  const browser = await openBrowser(options.sims, { extension: true });
  const payload: Partial<Record<ViewKind, PayloadFigures>> = {};
  try {
    const extension = requireExtension(browser);
    for (let run = 0; run <= options.runs; run++) {
      const measured = run > 0; // run 0 warms up Chromium, the worker and the simulators
      const keep = (state: CacheState, kind: ViewKind, sample: ViewSample) => {
        if (measured) samples[state][kind].push(sample);
      };
      for (const kind of VIEW_KINDS) {
        const view = scenario.views[kind];
        await makeCold(browser);
        keep('coldWarmSession', kind, await viewByDeepLink(browser, options, view));
        payload[kind] ??= payloadOf(await cachedView(extension, `${kind}:${view.recordId}`));
        await leavePage(browser);
        keep('warmDeepLink', kind, await viewByDeepLink(browser, options, view));
        await leavePage(browser);
        await stopWorker(browser);
        keep('warmWorkerStopped', kind, await viewByDeepLink(browser, options, view));
        await quietBackground(extension); // the panel's connection started the worker, which set its alarm again
      }
      // Each cold view above cleared the others' caches: show every view again before the tour and the stale runs.
      for (const kind of VIEW_KINDS) await viewByDeepLink(browser, options, scenario.views[kind]);
      if (measured) await inAppTour(browser, options, scenario, samples);
      for (const kind of VIEW_KINDS) {
        await leavePage(browser);
        await ageCaches(extension, STALE_BY_MS);
        const stale = await viewByDeepLink(browser, options, scenario.views[kind]);
        if (stale.visibleState !== 'refreshing') throw new Error(`a ${kind} view ${STALE_BY_MS} ms old was shown as ${stale.visibleState}, not refreshing: has the freshness window changed?`);
        keep('stale', kind, stale);
      }
    }
  } finally {
    await browser.close();
  }
  return payload;
}

async function measureFirstInSession(options: LatencyOptions, scenario: Scenario, samples: Samples) {
  for (let run = 0; run < options.sessionRuns; run++) {
    for (const kind of VIEW_KINDS) {
      const browser = await openBrowser(options.sims, { extension: true });
      try {
        samples.firstInSession[kind].push(await viewByDeepLink(browser, options, scenario.views[kind]));
      } finally {
        await browser.close();
      }
    }
  }
}

export interface PayloadFigures {
  /** UTF-8 bytes of the view's JSON: what the port carries to the content script (plus a ~60-byte envelope). */
  bytes: number;
  mailboxesListed?: number;
  mailboxTotal?: number;
}

function payloadOf(view: unknown): PayloadFigures {
  if (!view) throw new Error('the view was not cached after it was shown');
  const tenants = (view as { tenants?: Array<{ mailboxes: unknown[]; mailboxTotal: number }> }).tenants;
  return {
    bytes: Buffer.byteLength(JSON.stringify(view)),
    ...(tenants
      ? { mailboxesListed: tenants.reduce((n, t) => n + t.mailboxes.length, 0), mailboxTotal: tenants.reduce((n, t) => n + t.mailboxTotal, 0) }
      : {}),
  };
}

function report(samples: Samples, toleranceMs: number) {
  const figure = (list: ViewSample[], pick: (s: ViewSample) => number | null) =>
    summarize(list.map(pick).filter((v): v is number => v !== null));
  const perKind = (list: ViewSample[]) => {
    const requests = list.map((s) => requestFigures(s.requests, toleranceMs));
    const last = list[list.length - 1];
    return {
      latencyMs: figure(list, (s) => s.latencyMs),
      panelInsertedAfterScreenMs: figure(list, (s) => s.insertedAfterScreenMs),
      refreshShownAfterScreenMs: figure(list, (s) => (s.visibleState === 'refreshing' ? s.settledAfterScreenMs : null)),
      screenReadyMs: figure(list, (s) => s.screenReadyMs),
      shownAs: [...new Set(list.map((s) => s.visibleState))],
      phasesMs: {
        beforeFirstRequest: figure(list, (s) => s.phases?.beforeFirstRequestMs ?? null),
        requests: figure(list, (s) => s.phases?.requestsMs ?? null),
        afterLastAnswer: figure(list, (s) => s.phases?.afterLastAnswerMs ?? null),
      },
      requests: {
        manage: summarize(requests.map((r) => r.manage), 0),
        vendor: summarize(requests.map((r) => r.vendor), 0),
        roundTrips: summarize(requests.map((r) => r.roundTrips), 0),
      },
      /** One run's requests by round, to see the plan (the last run). */
      waterfall: last ? describeWaterfall(last.requests, toleranceMs) : [],
    };
  };
  return Object.fromEntries(Object.entries(samples).map(([state, kinds]) => [
    state,
    Object.fromEntries(Object.entries(kinds).map(([kind, list]) => [kind, perKind(list)])),
  ])) as Record<CacheState, Record<ViewKind, ReturnType<typeof perKind>>>;
}

export async function benchPanelLatency(options: LatencyOptions) {
  const toleranceMs = roundToleranceMs(options.latencyMs);
  const scenarios = [];
  for (const scenario of options.scenarios) {
    const samples = emptySamples();
    const payloadBytes = await measureInOneSession(options, scenario, samples);
    await measureFirstInSession(options, scenario, samples);
    scenarios.push({ id: scenario.id, tenant: scenario.tenant, mailboxes: scenario.mailboxes, payload: payloadBytes, states: report(samples, toleranceMs) });
  }
  return {
    method: {
      screenReady: 'page time (performance.now) when the screen header (.detailLabel in #cwContent) was inserted',
      panelVisible: 'page time when the panel (.bb-panel in the host\'s open shadow root) first had data-state ready or refreshing',
      latency: 'panelVisible − screenReady, per view; both from MutationObserver callbacks in one init script',
      requests: 'requests the simulators answered from the navigation (or click) until the panel was ready',
      roundTrips: 'waterfall depth: a request is one round deeper than the deepest request that had finished before it started',
      phases: 'panel inserted → first request → last answer → view shown, page and simulator clocks aligned on epoch time (±1 ms)',
      staleBy: `${STALE_BY_MS} ms added to every cached entry's age (freshness window ${FRESH_MS} ms)`,
    },
    scenarios,
  };
}
