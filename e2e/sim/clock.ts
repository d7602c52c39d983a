/**
 * The simulated clock shared by both simulators. "now" starts at the real time (rounded to the
 * minute) when the world is seeded, so relative ages in world.ts hold on any day, and only moves
 * when a test or the demo advances it (admin API) — backups progress on this clock, not wall time.
 */
export class SimClock {
  private offsetMs = 0;
  private epochMs: number;

  constructor(epochMs = Math.floor(Date.now() / 60_000) * 60_000) {
    this.epochMs = epochMs;
  }

  now(): number {
    return this.epochMs + this.offsetMs;
  }

  iso(ms = this.now()): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('advance takes a non-negative number of milliseconds');
    this.offsetMs += ms;
  }

  /** Restart at `epochMs` (default: the real time now). */
  reset(epochMs = Math.floor(Date.now() / 60_000) * 60_000): void {
    this.epochMs = epochMs;
    this.offsetMs = 0;
  }
}
