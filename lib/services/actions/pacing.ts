import { MINUTE_MS } from '../../domain';

/** How long-running actions wait for the vendor, and how they keep the MV3 worker alive meanwhile. */
export interface Pacing {
  /** Between two looks at the vendor task. */
  intervalMs: number;
  /**
   * How long one fix may watch before it writes what it knows. DECISION: 3.5 minutes, under the
   * ~5 minutes an MV3 worker gives one piece of work, and far under the 15 minutes after which
   * a claim without an outcome counts as abandoned (lib/domain idempotency.ts).
   */
  budgetMs: number;
  sleep(ms: number): Promise<void>;
  /**
   * Any extension API call resets the worker's 30-second idle timer; called at every pause, so
   * never more than `intervalMs` apart. Best effort: a failure only means one reset less.
   */
  keepAlive(): Promise<unknown>;
}

export const DEFAULT_INTERVAL_MS = 5_000;
export const DEFAULT_BUDGET_MS = 3.5 * MINUTE_MS;

/** One pause between polls, keeping the worker alive. */
export async function pause(pacing: Pacing): Promise<void> {
  await Promise.all([pacing.sleep(pacing.intervalMs), pacing.keepAlive().catch(() => undefined)]);
}
