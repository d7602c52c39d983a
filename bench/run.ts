/**
 * `npm run bench` (after both builds): every benchmark of issue 4's speed targets, in sequence,
 * against in-process simulators answering every API request `BENCH_LATENCY_MS` late. Prints one
 * JSON document on stdout (progress goes to stderr). Exits non-zero only when the harness fails;
 * a missed target is reported in `targets`, not enforced.
 *
 * Environment: BENCH_RUNS (runs per measurement, default 15), BENCH_LATENCY_MS (default 100),
 * BENCH_SESSION_RUNS (first views in a new browser, each a browser launch; default runs / 3),
 * BENCH_MEMORY_RUNS (default 5), BENCH_EXTENSION_DIR (the build to load; default the e2e build).
 */
import { startSimulators } from '../e2e/sim/server';
import { measureBundle, PRODUCTION_BUILD_DIR } from './bundle-size';
import { benchHostImpact } from './host-impact';
import { buildInfo, machineInfo, machineLoad } from './machine';
import { benchMemory } from './memory';
import { benchPanelLatency } from './panel-latency';
import { tapRequests } from './requests';
import { prepareScenarios } from './scenarios';
import { BENCH_EXTENSION_DIR } from './support';
import { evaluateTargets } from './targets';

function wholeNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, not "${raw}"`);
  return value;
}

const progress = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function timed<T>(name: string, work: () => Promise<T> | T): Promise<{ result: T; seconds: number }> {
  progress(`${name}…`);
  const started = performance.now();
  const result = await work();
  const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  progress(`${name} done in ${seconds} s`);
  return { result, seconds };
}

async function main() {
  const runs = wholeNumber('BENCH_RUNS', 15, 1);
  const settings = {
    runs,
    latencyMs: wholeNumber('BENCH_LATENCY_MS', 100, 0),
    sessionRuns: wholeNumber('BENCH_SESSION_RUNS', Math.ceil(runs / 3), 1),
    memoryRuns: wholeNumber('BENCH_MEMORY_RUNS', Math.min(runs, 5), 1),
  };
  const loadBefore = machineLoad();
  const bundle = await timed('content-script size', () => measureBundle());

  const sims = await startSimulators();
  try {
    const tap = tapRequests(sims);
    const scenarios = await prepareScenarios(sims);
    sims.manage.faults.set({ latencyMs: settings.latencyMs });
    sims.vendor.faults.set({ latencyMs: settings.latencyMs });

    const latency = await timed('panel latency and requests', () =>
      benchPanelLatency({ sims, tap, scenarios, runs: settings.runs, sessionRuns: settings.sessionRuns, latencyMs: settings.latencyMs }));
    const impact = await timed('host-page impact', () => benchHostImpact({ sims, scenarios, runs: settings.runs }));
    const memory = await timed('memory', () => benchMemory({ sims, scenarios, runs: settings.memoryRuns }));

    const report = {
      benchmark: 'backup-bridge issue 4 speed targets',
      date: new Date().toISOString(),
      machine: machineInfo(),
      build: buildInfo({ extension: BENCH_EXTENSION_DIR, production: PRODUCTION_BUILD_DIR }),
      load: { before: loadBefore, after: machineLoad() },
      settings,
      scenarios: scenarios.map((s) => ({ id: s.id, tenant: s.tenant, mailboxes: s.mailboxes, views: s.views })),
      targets: evaluateTargets({ latency: latency.result, impact: impact.result, bundle: bundle.result }),
      contentScript: bundle.result,
      panelLatency: latency.result,
      hostImpact: impact.result,
      memory: memory.result,
      durationSeconds: { bundle: bundle.seconds, panelLatency: latency.seconds, hostImpact: impact.seconds, memory: memory.seconds },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await sims.close();
  }
}

main().catch((error: unknown) => {
  console.error('bench: the harness failed:', error);
  process.exitCode = 1;
});
