/**
 * What the extension asked the two simulated APIs, timed on one clock (epoch ms from this
 * process's performance clock): requests per API and round trips per screen view.
 *
 * The simulators' own logs do not share a clock: Manage's entries carry their arrival time, the
 * vendor's carry none (e2e/sim/vendor/request-log.ts). So both logs are tapped as they record:
 * each entry is written just after its answer went out, which dates its end; its start is the
 * end minus the duration the simulator measured.
 */
import type { RunningSimulators } from '../e2e/sim/server';

export type Api = 'manage' | 'vendor';

export interface TimedRequest {
  api: Api;
  method: string;
  /** Path and query string. */
  path: string;
  status: number;
  /** Epoch ms with sub-millisecond precision, comparable with the page's timeOrigin + performance.now(). */
  startMs: number;
  endMs: number;
}

export interface RequestTap {
  /** A position in the log; `since(mark)` lists what came after it. */
  mark(): number;
  since(mark: number): TimedRequest[];
}

export function tapRequests(sims: RunningSimulators): RequestTap {
  const seen: TimedRequest[] = [];
  const push = (api: Api, entry: { method: string; path: string; status: number; ms: number }) => {
    const endMs = performance.timeOrigin + performance.now();
    seen.push({ api, method: entry.method, path: entry.path, status: entry.status, startMs: endMs - entry.ms, endMs });
  };

  const manageLog = sims.manage.requests;
  const add = manageLog.add.bind(manageLog);
  manageLog.add = (entry) => {
    add(entry);
    push('manage', entry);
  };
  const vendorLog = sims.vendor.requests;
  const record = vendorLog.record.bind(vendorLog);
  vendorLog.record = (entry) => {
    record(entry);
    push('vendor', { ...entry, path: `${entry.path}${entry.query}` });
  };

  return {
    mark: () => seen.length,
    since: (mark) => seen.slice(mark),
  };
}

/**
 * Round trips as a waterfall: a request's round is one more than the deepest request that had
 * finished before it started (it could have waited for that answer); requests that overlap are in
 * parallel. The depth of the deepest request is the number of round trips the view cost.
 * `toleranceMs` absorbs the simulators' whole-millisecond durations.
 */
export function roundsOf(requests: readonly TimedRequest[], toleranceMs: number): TimedRequest[][] {
  const ordered = [...requests].sort((a, b) => a.startMs - b.startMs);
  const depth = new Map<TimedRequest, number>();
  for (const request of ordered) {
    let deepest = 0;
    for (const earlier of ordered) {
      if (earlier === request || earlier.endMs > request.startMs + toleranceMs) continue;
      deepest = Math.max(deepest, depth.get(earlier) ?? 0);
    }
    depth.set(request, deepest + 1);
  }
  const rounds: TimedRequest[][] = [];
  for (const request of ordered) {
    const index = (depth.get(request) ?? 1) - 1;
    (rounds[index] ??= []).push(request);
  }
  return rounds;
}

export interface RequestFigures {
  manage: number;
  vendor: number;
  roundTrips: number;
}

export function requestFigures(requests: readonly TimedRequest[], toleranceMs: number): RequestFigures {
  return {
    manage: requests.filter((r) => r.api === 'manage').length,
    vendor: requests.filter((r) => r.api === 'vendor').length,
    roundTrips: roundsOf(requests, toleranceMs).length,
  };
}

/** The waterfall of one view, readable in the JSON: per round, `api METHOD path (ms)`. */
export function describeWaterfall(requests: readonly TimedRequest[], toleranceMs: number): string[][] {
  const shorten = (path: string) => {
    let readable = path;
    try {
      readable = decodeURIComponent(path);
    } catch {
      // Kept encoded: the log is for reading, not parsing.
    }
    return readable.length > 140 ? `${readable.slice(0, 140)}…` : readable;
  };
  return roundsOf(requests, toleranceMs).map((round) =>
    round.map((r) => `${r.api} ${r.method} ${shorten(r.path)} → ${r.status} (${Math.round(r.endMs - r.startMs)} ms)`));
}

/** Parallel requests overlap by about the injected latency; sequential ones touch. */
export const roundToleranceMs = (latencyMs: number) => Math.min(5, latencyMs / 4);
