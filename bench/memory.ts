/**
 * Memory: the Manage tab's JS heap with and without the extension (after a full GC, CDP
 * Performance.getMetrics JSHeapUsedSize; the content script's isolated world shares the tab's
 * heap, so it is included), and the service worker's heap (after a full GC, CDP
 * Runtime.getHeapUsage on the worker target): a new worker before any view, and after the
 * tenant's three views were built from cold.
 */
import type { RunningSimulators } from '../e2e/sim/server';
import { waitForScreen, waitForView } from './probe';
import { screenUrl, VIEW_KINDS, type Scenario, type ViewKind } from './scenarios';
import { summarize } from './stats';
import { leavePage, makeCold, openBrowser, pageHeapBytes, workerHeapBytes, type BenchBrowser } from './support';

export interface MemoryOptions {
  sims: RunningSimulators;
  scenarios: readonly Scenario[];
  runs: number;
}

const kib = (values: number[]) => summarize(values.map((bytes) => bytes / 1024));

async function tabHeaps(options: MemoryOptions, scenario: Scenario, plain: BenchBrowser, extended: BenchBrowser) {
  const noSamples = () => ({ without: [] as number[], with: [] as number[] });
  const samples: Record<ViewKind, ReturnType<typeof noSamples>> = { company: noSamples(), agreement: noSamples(), ticket: noSamples() };
  for (let run = 0; run < options.runs; run++) {
    for (const kind of VIEW_KINDS) {
      const view = scenario.views[kind];
      const url = screenUrl(options.sims.manageUrl, view);
      await leavePage(plain);
      await plain.page.goto(url, { waitUntil: 'commit' });
      await waitForScreen(plain.page, { header: view.header, sinceMs: 0 });
      samples[kind].without.push(await pageHeapBytes(plain));
      await leavePage(extended);
      await extended.page.goto(url, { waitUntil: 'commit' });
      await waitForView(extended.page, { kind, recordId: view.recordId, header: view.header, sinceMs: 0, settled: true });
      samples[kind].with.push(await pageHeapBytes(extended));
    }
  }
  return Object.fromEntries(VIEW_KINDS.map((kind) => {
    const { without, with: withExtension } = samples[kind];
    const withoutKiB = kib(without);
    const withKiB = kib(withExtension);
    const differenceKiB = withoutKiB && withKiB ? Number((withKiB.median - withoutKiB.median).toFixed(1)) : null;
    return [kind, { withoutExtensionKiB: withoutKiB, withExtensionKiB: withKiB, differenceKiB }];
  }));
}

async function workerHeaps(options: MemoryOptions, scenario: Scenario, extended: BenchBrowser) {
  const idle: number[] = [];
  const afterViews: number[] = [];
  for (let run = 0; run < options.runs; run++) {
    await makeCold(extended);
    idle.push(await workerHeapBytes(extended));
    for (const kind of VIEW_KINDS) {
      const view = scenario.views[kind];
      await extended.page.goto(screenUrl(options.sims.manageUrl, view), { waitUntil: 'commit' });
      await waitForView(extended.page, { kind, recordId: view.recordId, header: view.header, sinceMs: 0, settled: true });
    }
    afterViews.push(await workerHeapBytes(extended));
  }
  return { newWorkerKiB: kib(idle), afterThreeViewsKiB: kib(afterViews) };
}

export async function benchMemory(options: MemoryOptions) {
  const scenarios = [];
  for (const scenario of options.scenarios) {
    const plain = await openBrowser(options.sims, { extension: false });
    const extended = await openBrowser(options.sims, { extension: true });
    try {
      scenarios.push({
        id: scenario.id,
        tenant: scenario.tenant,
        mailboxes: scenario.mailboxes,
        tab: await tabHeaps(options, scenario, plain, extended),
        serviceWorker: await workerHeaps(options, scenario, extended),
      });
    } finally {
      await Promise.all([plain.close(), extended.close()]);
    }
  }
  return {
    method: {
      tab: 'CDP HeapProfiler.collectGarbage, then Performance.getMetrics JSHeapUsedSize of the Manage tab once its screen (and panel) is shown',
      serviceWorker: 'CDP on the worker target (attached through the tab\'s session): HeapProfiler.collectGarbage, then Runtime.getHeapUsage usedSize',
    },
    scenarios,
  };
}
