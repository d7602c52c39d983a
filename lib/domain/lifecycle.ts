import type { Organization } from '../vendor/domain';
import { DAY_MS, toInstant, toIso } from './dates';

/**
 * An unsubscribed organisation's data is marked for deletion after 45 days and it can be
 * reactivated until then (vendor-api.md §1.7).
 */
export const UNSUBSCRIBE_GRACE_DAYS = 45;

export interface ReactivationWindow {
  unsubscribedAt: string | null;
  /** The vendor's purge date, or unsubscribed + 45 days; null when neither is known. */
  purgeAfter: string | null;
  /** Whole days left, rounded up (DECISION: "1 day left" until the last hour), never negative; null when the purge date is unknown. */
  daysLeft: number | null;
  /** Null when the purge date is unknown. */
  canReactivate: boolean | null;
}

/** The 45-day window of an unsubscribed organisation; null for any other state. */
export function reactivationWindow(
  org: Pick<Organization, 'state' | 'stateChangedAt' | 'purgeAfter'>,
  now: Date,
): ReactivationWindow | null {
  if (org.state !== 'unsubscribed') return null;
  const unsubscribedAt = toInstant(org.stateChangedAt);
  const purgeAfter = toInstant(org.purgeAfter)
    ?? (unsubscribedAt === null ? null : unsubscribedAt + UNSUBSCRIBE_GRACE_DAYS * DAY_MS);
  const left = purgeAfter === null ? null : purgeAfter - now.getTime();
  return {
    unsubscribedAt: unsubscribedAt === null ? null : toIso(unsubscribedAt),
    purgeAfter: purgeAfter === null ? null : toIso(purgeAfter),
    daysLeft: left === null ? null : Math.max(0, Math.ceil(left / DAY_MS)),
    canReactivate: left === null ? null : left > 0,
  };
}
