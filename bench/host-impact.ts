/**
 * Host-page impact: long tasks, layout shift and the time to screen ready of the Manage page,
 * in Chromium without the extension against Chromium with it (panel cold and warm), the same
 * screens opened by deep link, runs interleaved so machine noise hits every arm alike.
 *
 * Observation window: from navigation start until SETTLE_MS after the last awaited event (the
 * screen's header without the extension; the panel's `ready` with it). That fixed wait is the
 * only timed wait in the benchmarks: long tasks and shifts have no "done" event to wait for.
 * Layout shifts count as Chrome's CLS does (shifts without recent input), summed over the window.
 */
import type { Page } from '@playwright/test';
import type { RunningSimulators } from '../e2e/sim/server';
import { readProbe, waitForScreen, waitForView, type ProbeLog } from './probe';
import { screenUrl, VIEW_KINDS, type Scenario, type ViewKind, type ViewTarget } from './scenarios';
import { compareArms, summarize, type Summary } from './stats';
import { leavePage, makeCold, openBrowser, type BenchBrowser } from './support';

export const SETTLE_MS = 1_000;
/** A shift this soon after a panel insertion or state change is counted as the panel's. */
const PANEL_SHIFT_WINDOW_MS = 100;
/** A long task is 50 ms or more; the part beyond 50 ms is "blocking time" (as in TBT). */
const LONG_TASK_MS = 50;

type Arm = 'withoutExtension' | 'extensionCold' | 'extensionWarm';
const ARMS: readonly Arm[] = ['withoutExtension', 'extensionCold', 'extensionWarm'];

interface ImpactSample {
  screenReadyMs: number;
  longTasks: number;
  longTaskMs: number;
  blockingMs: number;
  cls: number;
  /** The part of `cls` within PANEL_SHIFT_WINDOW_MS after the panel was inserted or changed state. */
  panelCls: number;
  /** The shifts counted as the panel's: what moved, and by how much. */
  panelShifts: string[];
}

export interface HostImpactOptions {
  sims: RunningSimulators;
  scenarios: readonly Scenario[];
  runs: number;
}

/** Let the page run SETTLE_MS past `fromMs` (page time), then read what the probe saw up to then. */
async function settleAndRead(page: Page, fromMs: number): Promise<{ log: ProbeLog; endMs: number }> {
  const endMs = fromMs + SETTLE_MS;
  await page.waitForFunction((end) => performance.now() >= end, endMs, { polling: 100, timeout: SETTLE_MS * 10 });
  return { log: await readProbe(page), endMs };
}

function impactOf(log: ProbeLog, screenReadyMs: number, endMs: number): ImpactSample {
  const tasks = log.longTasks.filter((t) => t.start <= endMs);
  const shifts = log.shifts.filter((s) => !s.hadRecentInput && s.start <= endMs);
  const panelChanges = log.panels.map((p) => p.t);
  const byPanel = shifts.filter((s) => panelChanges.some((t) => s.start >= t && s.start - t <= PANEL_SHIFT_WINDOW_MS));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return {
    screenReadyMs,
    longTasks: tasks.length,
    longTaskMs: sum(tasks.map((t) => t.duration)),
    blockingMs: sum(tasks.map((t) => Math.max(0, t.duration - LONG_TASK_MS))),
    cls: sum(shifts.map((s) => s.value)),
    panelCls: sum(byPanel.map((s) => s.value)),
    panelShifts: byPanel.map((s) => `${s.value.toFixed(4)}: ${s.sources.join(', ')}`),
  };
}

async function withoutExtension(browser: BenchBrowser, url: string, view: ViewTarget): Promise<ImpactSample> {
  await leavePage(browser); // as the extension arms do: no previous screen to unload during the load
  await browser.page.goto(url, { waitUntil: 'commit' });
  const screenReady = await waitForScreen(browser.page, { header: view.header, sinceMs: 0 });
  const { log, endMs } = await settleAndRead(browser.page, screenReady);
  return impactOf(log, screenReady, endMs);
}

async function withExtension(browser: BenchBrowser, url: string, view: ViewTarget): Promise<ImpactSample> {
  await browser.page.goto(url, { waitUntil: 'commit' });
  const timing = await waitForView(browser.page, { kind: view.kind, recordId: view.recordId, header: view.header, sinceMs: 0, settled: true });
  const { log, endMs } = await settleAndRead(browser.page, Math.max(timing.screenReady, timing.panelSettled ?? timing.panelVisible));
  return impactOf(log, timing.screenReady, endMs);
}

function report(samples: Record<Arm, ImpactSample[]>) {
  const figure = (arm: Arm, pick: (s: ImpactSample) => number, digits = 1) => summarize(samples[arm].map(pick), digits);
  const arm = (name: Arm) => ({
    screenReadyMs: figure(name, (s) => s.screenReadyMs),
    longTasks: figure(name, (s) => s.longTasks, 0),
    /** Runs with at least one long task: an occasional one hides below the median. */
    runsWithLongTasks: samples[name].filter((s) => s.longTasks > 0).length,
    longTaskMs: figure(name, (s) => s.longTaskMs),
    blockingMs: figure(name, (s) => s.blockingMs),
    cls: figure(name, (s) => s.cls, 4),
    panelCls: figure(name, (s) => s.panelCls, 4),
    /** The panel's shifts in the last run. */
    panelShifts: samples[name].at(-1)?.panelShifts ?? [],
  });
  const arms = Object.fromEntries(ARMS.map((name) => [name, arm(name)])) as Record<Arm, ReturnType<typeof arm>>;
  const versus = (name: Exclude<Arm, 'withoutExtension'>) => {
    const compare = (pick: (a: ReturnType<typeof arm>) => Summary | null, floor: number) => compareArms(pick(arms.withoutExtension), pick(arms[name]), floor);
    return {
      screenReadyMs: compare((a) => a.screenReadyMs, 5),
      longTaskMs: compare((a) => a.longTaskMs, 1),
      cls: compare((a) => a.cls, 0.001),
    };
  };
  return { ...arms, differenceCold: versus('extensionCold'), differenceWarm: versus('extensionWarm') };
}

async function measureScenario(options: HostImpactOptions, scenario: Scenario) {
  const plain = await openBrowser(options.sims, { extension: false });
  const extended = await openBrowser(options.sims, { extension: true });
  const noSamples = (): Record<Arm, ImpactSample[]> => ({ withoutExtension: [], extensionCold: [], extensionWarm: [] });
  const samples: Record<ViewKind, Record<Arm, ImpactSample[]>> = { company: noSamples(), agreement: noSamples(), ticket: noSamples() };
  try {
    for (let run = 0; run <= options.runs; run++) {
      for (const kind of VIEW_KINDS) {
        const view = scenario.views[kind];
        const url = screenUrl(options.sims.manageUrl, view);
        const withoutSample = await withoutExtension(plain, url, view);
        await makeCold(extended);
        const coldSample = await withExtension(extended, url, view);
        await leavePage(extended);
        const warmSample = await withExtension(extended, url, view);
        if (run === 0) continue; // run 0 warms up
        samples[kind].withoutExtension.push(withoutSample);
        samples[kind].extensionCold.push(coldSample);
        samples[kind].extensionWarm.push(warmSample);
      }
    }
  } finally {
    await Promise.all([plain.close(), extended.close()]);
  }
  return Object.fromEntries(VIEW_KINDS.map((kind) => [kind, report(samples[kind])])) as Record<ViewKind, ReturnType<typeof report>>;
}

export async function benchHostImpact(options: HostImpactOptions) {
  const scenarios = [];
  for (const scenario of options.scenarios) {
    scenarios.push({ id: scenario.id, tenant: scenario.tenant, mailboxes: scenario.mailboxes, screens: await measureScenario(options, scenario) });
  }
  return {
    method: {
      window: `navigation start → ${SETTLE_MS} ms after the screen header (without) or the panel's ready state (with)`,
      longTasks: 'PerformanceObserver longtask (buffered), main frame; blockingMs = Σ(duration − 50 ms)',
      cls: 'Σ layout-shift values without hadRecentInput in the window',
      panelCls: `shifts starting ≤ ${PANEL_SHIFT_WINDOW_MS} ms after the panel was inserted or changed state`,
      difference: 'median(with) − median(without); measurable when larger than the larger IQR of the two arms (and a floor: 5 ms, 1 ms, 0.001)',
    },
    scenarios,
  };
}
