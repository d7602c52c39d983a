/**
 * Issue 4's speed targets against the measured figures: each target says what was compared, the
 * worst case found, whether it is met, and every figure it looked at. Reported, never enforced.
 */
import type { measureBundle } from './bundle-size';
import type { benchHostImpact } from './host-impact';
import type { benchPanelLatency, CacheState } from './panel-latency';
import { VIEW_KINDS } from './scenarios';

type LatencyReport = Awaited<ReturnType<typeof benchPanelLatency>>;
type ImpactReport = Awaited<ReturnType<typeof benchHostImpact>>;

export interface TargetResult {
  id: string;
  target: string;
  /** The worst figure among `details` (what decides `met`). */
  worst: number | null;
  unit: string;
  met: boolean;
  details: Record<string, number | null>;
}

function target(id: string, description: string, unit: string, details: Record<string, number | null>, ok: (value: number) => boolean): TargetResult {
  const values = Object.values(details).filter((v): v is number => v !== null);
  // Every target here is "at most": the largest figure is the worst.
  const worst = values.length === 0 ? null : Math.max(...values);
  return { id, target: description, worst, unit, met: values.length > 0 && values.every(ok), details };
}

/** `scenario.state.kind` → a figure of that view. */
function perView(latency: LatencyReport, states: readonly CacheState[], pick: (figures: LatencyReport['scenarios'][number]['states'][CacheState]['company']) => number | null | undefined) {
  const details: Record<string, number | null> = {};
  for (const scenario of latency.scenarios) {
    for (const state of states) {
      for (const kind of VIEW_KINDS) details[`${scenario.id}.${state}.${kind}`] = pick(scenario.states[state][kind]) ?? null;
    }
  }
  return details;
}

export function evaluateTargets(inputs: {
  latency: LatencyReport;
  impact: ImpactReport;
  bundle: ReturnType<typeof measureBundle>;
}): TargetResult[] {
  const { latency, impact, bundle } = inputs;
  const warm: CacheState[] = ['warmDeepLink', 'warmInApp', 'stale'];
  const cold: CacheState[] = ['coldWarmSession'];
  const firstInSession: CacheState[] = ['firstInSession'];
  const impactDetails = (pick: (d: ImpactReport['scenarios'][number]['screens']['company']['differenceCold']) => { difference: number; noise: number } | null) => {
    const details: Record<string, number | null> = {};
    for (const scenario of impact.scenarios) {
      for (const kind of VIEW_KINDS) {
        const screen = scenario.screens[kind];
        for (const [arm, difference] of [['cold', screen.differenceCold], ['warm', screen.differenceWarm]] as const) {
          const compared = pick(difference);
          // Reported as the difference beyond the noise: above 0 is measurable.
          details[`${scenario.id}.${kind}.${arm}`] = compared === null ? null : Number((compared.difference - compared.noise).toFixed(4));
        }
      }
    }
    return details;
  };

  return [
    target('warm-latency', 'panel content visible after the screen is ready, cached view (fresh or stale): median ≤ 100 ms', 'ms',
      perView(latency, warm, (f) => f.latencyMs?.median), (v) => v <= 100),
    target('warm-latency-worker-stopped', 'as warm-latency, with the service worker stopped as after 30 s idle: median ≤ 100 ms', 'ms',
      perView(latency, ['warmWorkerStopped'], (f) => f.latencyMs?.median), (v) => v <= 100),
    target('cold-round-trips', 'cold view in a warm browser session: ≤ 2 round trips (worst run)', 'round trips',
      perView(latency, cold, (f) => f.requests.roundTrips?.max), (v) => v <= 2),
    target('cold-round-trips-first-in-session', 'first view in a new browser session (adds Manage site discovery): ≤ 2 round trips (worst run)', 'round trips',
      perView(latency, firstInSession, (f) => f.requests.roundTrips?.max), (v) => v <= 2),
    target('cold-manage-requests', 'cold view (new session or warm session): ≤ 3 requests to ConnectWise (worst run)', 'requests',
      perView(latency, [...firstInSession, ...cold], (f) => f.requests.manage?.max), (v) => v <= 3),
    target('cold-vendor-requests', 'cold view (new session or warm session): ≤ 3 requests to the vendor (worst run)', 'requests',
      perView(latency, [...firstInSession, ...cold], (f) => f.requests.vendor?.max), (v) => v <= 3),
    target('fresh-requests', 'requests while the view is fresh (deep link, worker stopped, in-app): 0 (worst run, both APIs)', 'requests',
      perView(latency, ['warmDeepLink', 'warmWorkerStopped', 'warmInApp'], (f) => (f.requests.manage?.max ?? 0) + (f.requests.vendor?.max ?? 0)), (v) => v === 0),
    target('content-script-size', 'content script ≤ 40 KB gzipped (production build)', 'bytes gzipped',
      { 'content-scripts/manage.js': bundle.contentScript.gzip }, (v) => v <= bundle.contentScript.budgetGzip),
    target('host-long-tasks', 'no measurable extra long-task time on the Manage page (median difference − noise ≤ 0)', 'ms',
      impactDetails((d) => d.longTaskMs), (v) => v <= 0),
    target('host-layout-shift', 'no measurable extra layout shift on the Manage page (median CLS difference − noise ≤ 0)', 'CLS',
      impactDetails((d) => d.cls), (v) => v <= 0),
    target('host-screen-ready', 'the Manage screen is not ready later with the extension (median difference − noise ≤ 0)', 'ms',
      impactDetails((d) => d.screenReadyMs), (v) => v <= 0),
  ];
}
