/**
 * Fault injection shared by both simulators, set through their admin API. Randomness comes from a
 * seeded generator so a failing test replays the same faults.
 */
export interface FaultConfig {
  /** Added to every response, in ms. */
  latencyMs: number;
  /** Share of requests (0..1) answered with `errorStatus`. */
  errorRate: number;
  errorStatus: number;
  /** The next N requests get 429 with Retry-After: `retryAfterSeconds`. */
  rateLimitStorm: number;
  retryAfterSeconds: number;
  /** Requests allowed per rolling second before 429 (0 = unlimited). */
  rateLimitPerSecond: number;
  /**
   * Writes (POST/PUT/PATCH/DELETE) are committed at once but answered only after this many ms:
   * the client times out although the record exists (the known cause of duplicate tickets).
   */
  slowCommitMs: number;
  /** Everything answers 503 (the service is down). */
  down: boolean;
}

export const DEFAULT_FAULTS: FaultConfig = {
  latencyMs: 0,
  errorRate: 0,
  errorStatus: 500,
  rateLimitStorm: 0,
  retryAfterSeconds: 1,
  rateLimitPerSecond: 0,
  slowCommitMs: 0,
  down: false,
};

export type FaultDecision =
  | { kind: 'pass'; delayMs: number; delayAfterCommitMs: number }
  | { kind: 'rate-limited'; delayMs: number; retryAfterSeconds: number }
  | { kind: 'error'; delayMs: number; status: number };

/** mulberry32: small, seedable, good enough for fault dice. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  config: FaultConfig = { ...DEFAULT_FAULTS };
  private random = seeded(42);
  private recent: number[] = [];

  set(patch: Partial<FaultConfig>): FaultConfig {
    for (const [key, value] of Object.entries(patch)) {
      if (!(key in DEFAULT_FAULTS)) throw new Error(`unknown fault "${key}"`);
      if (typeof value !== typeof DEFAULT_FAULTS[key as keyof FaultConfig]) {
        throw new Error(`fault "${key}" must be a ${typeof DEFAULT_FAULTS[key as keyof FaultConfig]}`);
      }
    }
    this.config = { ...this.config, ...patch };
    return this.config;
  }

  reset(): void {
    this.config = { ...DEFAULT_FAULTS };
    this.random = seeded(42);
    this.recent = [];
  }

  /** Decide what happens to one incoming request. `nowMs` is wall time (rate limits are real time). */
  decide(method: string, nowMs = Date.now()): FaultDecision {
    const c = this.config;
    const delayMs = c.latencyMs;
    if (c.down) return { kind: 'error', delayMs, status: 503 };
    if (c.rateLimitStorm > 0) {
      c.rateLimitStorm -= 1;
      return { kind: 'rate-limited', delayMs, retryAfterSeconds: c.retryAfterSeconds };
    }
    if (c.rateLimitPerSecond > 0) {
      this.recent = this.recent.filter((t) => nowMs - t < 1000);
      if (this.recent.length >= c.rateLimitPerSecond) {
        return { kind: 'rate-limited', delayMs, retryAfterSeconds: c.retryAfterSeconds };
      }
      this.recent.push(nowMs);
    }
    if (c.errorRate > 0 && this.random() < c.errorRate) return { kind: 'error', delayMs, status: c.errorStatus };
    const isWrite = method !== 'GET' && method !== 'HEAD';
    return { kind: 'pass', delayMs, delayAfterCommitMs: isWrite ? c.slowCommitMs : 0 };
  }
}
