/**
 * The simulated clock shared by both simulators. "now" starts at the real time (rounded to the
 * minute) when the world is seeded, so relative ages in world.ts hold on any day. It moves only
 * when advanced through the admin API (tests), or, when `rate` > 0, by `rate` simulated ms per real
 * ms (the demo) — backups progress on this clock, never on wall time directly.
 */
export class SimClock {
  private epochMs: number;
  private offsetMs = 0;
  private rate = 0;
  private rateSinceRealMs = 0;

  constructor(epochMs = SimClock.realMinute()) {
    this.epochMs = epochMs;
  }

  static realMinute(): number {
    return Math.floor(Date.now() / 60_000) * 60_000;
  }

  now(): number {
    const auto = this.rate > 0 ? (Date.now() - this.rateSinceRealMs) * this.rate : 0;
    return this.epochMs + this.offsetMs + auto;
  }

  iso(ms = this.now()): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('advance takes a non-negative number of milliseconds');
    this.offsetMs += ms;
  }

  /** Let simulated time run at `rate` × real time (0 stops it). */
  setRate(rate: number): void {
    if (!Number.isFinite(rate) || rate < 0) throw new Error('rate must be a non-negative number');
    this.offsetMs = this.now() - this.epochMs;
    this.rate = rate;
    this.rateSinceRealMs = Date.now();
  }

  state(): { now: string; rate: number } {
    return { now: this.iso(), rate: this.rate };
  }

  /** Restart at `epochMs` (default: the real time now), stopped. */
  reset(epochMs = SimClock.realMinute()): void {
    this.epochMs = epochMs;
    this.offsetMs = 0;
    this.rate = 0;
  }
}
