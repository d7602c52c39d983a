import type { OrganizationState, Seats } from '../vendor/domain';
import { dayIn, firstOfNextMonth, toInstant, utcDay } from './dates';
import type { AdditionLike } from './records';

/**
 * Seats the vendor counts against seats the ConnectWise agreement bills, and what to change.
 *
 * DECISION: "billed" is the addition's Quantity, the number the integrations keep equal to the
 * vendor's seats (seed 000: Dropsuite updates the addition when the subscription changes; seed
 * 001: eFolder "updates the quantity of additions"). Less Included is what other line items of
 * the agreement already include (seeds 001 and 004), so it is reported apart as `charged`
 * (= quantity − less included) and never compared with the vendor.
 */

export type BillOn = 'used' | 'purchased';

/**
 * DECISION: bill purchased seats by default. Seed 000 makes the addition follow the subscription
 * ("Seats: Number of seats"; "Once the subscription is updated, Dropsuite will update the
 * ConnectWise agreement addition"). MSPs who bill per licensed mailbox (vendor-api.md §1.7
 * auto-licensing, §5.7) choose 'used'.
 */
export const DEFAULT_BILL_ON: BillOn = 'purchased';

export type SeatStatus = 'in-sync' | 'under-billed' | 'over-billed' | 'no-addition' | 'addition-cancelled' | 'unknown';

export type SeatWarning =
  /** The vendor's count for the billing basis is missing: nothing is proposed. */
  | 'seats-unknown'
  /** DECISION: an organisation state the vendor did not name: nothing is proposed. */
  | 'org-state-unknown'
  /** The vendor count is 0: flagged, never written (NinjaOne's rule, vendor-api.md §3.1, §5.7). */
  | 'zero-seats'
  /** DECISION: more than one live addition bills this tenant: which one to change is a human's call, so none is proposed. */
  | 'multiple-additions'
  /** Billing purchased seats while more are in use. */
  | 'used-exceeds-purchased'
  /** DECISION: the tenant still bills but its addition has a cancellation date ahead; flagged, not undone. */
  | 'addition-ending'
  /** The tenant bills again after its addition was cancelled (reactivated?). */
  | 'previous-addition-cancelled'
  /**
   * The addition should have ended earlier; it is cancelled from today, since invoices already
   * issued are not recomputed (vendor-api.md §3.2).
   */
  | 'late-cancellation';

export interface SeatProposal {
  action: 'update' | 'create' | 'cancel' | 'none';
  /** The quantity to write for update/create, null otherwise. Never 0. */
  quantity: number | null;
  /** YYYY-MM-DD: update, when the new quantity starts; create, the effective date; cancel, the cancelled date. */
  effectiveDate: string | null;
  /** The additions to update (one) or cancel (all still billing). */
  additionIds: number[];
  /** Every change is confirmed: never overwrite silently (vendor-api.md §5.7). DECISION: not even increases. */
  needsConfirmation: boolean;
  warnings: SeatWarning[];
}

export interface SeatComparison {
  bought: number | null;
  used: number | null;
  billOn: BillOn;
  /** What should be billed: the billing basis while the tenant bills, 0 once it has stopped. */
  target: number | null;
  /** Σ quantity of live additions (not cancelled by now; future-dated ones included); null when none. */
  billed: number | null;
  /** Σ (quantity − less included) of the same additions: what the invoice charges for. */
  charged: number | null;
  status: SeatStatus;
  /** target − billed: positive means under-billed. Null when either is unknown. */
  drift: number | null;
  /** The first day a future-dated live addition starts billing; null when all already bill. */
  billingStartsOn: string | null;
  proposal: SeatProposal;
}

export interface SeatInput {
  vendorSeats: Pick<Seats, 'purchased' | 'used'>;
  orgState: OrganizationState;
  /** When the organisation entered its state (for an unsubscribed one, the unsubscribe). */
  stateChangedAt?: string | null;
  /** The tenant's additions (links.ts tells which), cancelled ones included. */
  additions: readonly AdditionLike[];
  now: Date;
  billOn?: BillOn;
  /** The MSP's billing time zone (IANA) for "today" and "1st of next month"; default UTC. */
  timeZone?: string;
}

const NONE = (warnings: SeatWarning[]): SeatProposal =>
  ({ action: 'none', quantity: null, effectiveDate: null, additionIds: [], needsConfirmation: false, warnings });

const propose = (
  action: Exclude<SeatProposal['action'], 'none'>,
  fields: Pick<SeatProposal, 'quantity' | 'effectiveDate' | 'additionIds'>,
  warnings: SeatWarning[],
): SeatProposal => ({ action, ...fields, needsConfirmation: true, warnings });

const later = (a: string, b: string) => (a > b ? a : b);
const sum = (values: readonly number[]) => values.reduce((total, n) => total + n, 0);

export function compareSeats(input: SeatInput): SeatComparison {
  const { vendorSeats, orgState, additions, now, billOn = DEFAULT_BILL_ON, timeZone = 'UTC' } = input;
  const nowMs = now.getTime();
  const today = dayIn(now, timeZone);
  const isCancelled = (a: AdditionLike) => {
    const cancelled = toInstant(a.cancelledDate);
    return cancelled !== null && cancelled <= nowMs;
  };
  // DECISION: a future-dated addition counts as billed. Dropsuite dates new additions the 1st of
  // next month (seed 000), so leaving it out would propose a duplicate the day it is created.
  const live = additions.filter((a) => !isCancelled(a));
  const pendingStarts = live
    .map((a) => toInstant(a.effectiveDate))
    .filter((ms): ms is number => ms !== null && ms > nowMs)
    .map(utcDay)
    .sort();

  const bills = orgState === 'active' || orgState === 'suspended'; // suspended keeps billing (seed 000, vendor-api.md §1.7)
  const stopped = orgState === 'unsubscribed' || orgState === 'deleted';
  const basis = billOn === 'used' ? vendorSeats.used : vendorSeats.purchased;
  const target = stopped ? 0 : bills ? basis : null;
  const billed = live.length > 0 ? sum(live.map((a) => a.quantity ?? 0)) : null;

  const warnings: SeatWarning[] = [];
  if (!bills && !stopped) warnings.push('org-state-unknown');
  if (bills && target === null) warnings.push('seats-unknown');
  if (live.length > 1) warnings.push('multiple-additions');
  if (bills && billOn === 'purchased' && vendorSeats.used !== null && vendorSeats.purchased !== null
    && vendorSeats.used > vendorSeats.purchased) warnings.push('used-exceeds-purchased');
  if (bills && live.some((a) => a.cancelledDate)) warnings.push('addition-ending');

  const result = (status: SeatStatus, proposal: SeatProposal): SeatComparison => ({
    bought: vendorSeats.purchased,
    used: vendorSeats.used,
    billOn,
    target,
    billed,
    charged: billed === null ? null : sum(live.map((a) => (a.quantity ?? 0) - (a.lessIncluded ?? 0))),
    status,
    drift: target === null || billed === null ? null : target - billed,
    billingStartsOn: pendingStarts[0] ?? null,
    proposal,
  });
  const noLiveStatus: SeatStatus = additions.length > 0 ? 'addition-cancelled' : 'no-addition';

  if (stopped) {
    if (live.length === 0) return result(noLiveStatus, NONE(warnings));
    // Deleted: purged at once and billing stops (vendor-api.md §1.7), so cancel today.
    // Unsubscribed: "billed once more" (§1.7) and Dropsuite cancels the addition (seed 000).
    // DECISION: the month of the unsubscribe is billed in full; the addition ends on the 1st of
    // the next month, or today when that day has passed.
    const changedAt = toInstant(input.stateChangedAt);
    const due = orgState === 'deleted' ? today : firstOfNextMonth(changedAt === null ? now : new Date(changedAt), timeZone);
    if (due < today) warnings.push('late-cancellation');
    const cancelOn = later(due, today);
    const cancelOnMs = toInstant(cancelOn) ?? nowMs;
    const toCancel = live.filter((a) => {
      const cancelled = toInstant(a.cancelledDate);
      return cancelled === null || cancelled > cancelOnMs;
    });
    if (toCancel.length === 0) return result('addition-cancelled', NONE(warnings));
    return result('over-billed', propose('cancel', {
      quantity: null, effectiveDate: cancelOn, additionIds: toCancel.map((a) => a.id),
    }, warnings));
  }

  if (live.length === 0) {
    if (!bills) return result(noLiveStatus, NONE(warnings));
    if (target === 0) return result(noLiveStatus, NONE([...warnings, 'zero-seats']));
    if (target === null) return result(noLiveStatus, NONE(warnings));
    if (additions.length > 0) warnings.push('previous-addition-cancelled');
    // New additions bill from the 1st of next month (seed 000, "User / Subscription Management").
    return result(noLiveStatus, propose('create', {
      quantity: target, effectiveDate: firstOfNextMonth(now, timeZone), additionIds: [],
    }, warnings));
  }

  if (target === null || billed === null) return result('unknown', NONE(warnings));
  const drift = target - billed;
  const status: SeatStatus = drift === 0 ? 'in-sync' : drift > 0 ? 'under-billed' : 'over-billed';
  const [only] = live;
  if (drift === 0) return result(status, NONE(warnings));
  if (target === 0) return result(status, NONE([...warnings, 'zero-seats']));
  if (live.length > 1 || only === undefined) return result(status, NONE(warnings));
  // DECISION: a quantity change applies from today (the next invoice bills it), as Dropsuite and
  // eFolder patch the quantity when the subscription changes (seeds 000, 001); a future-dated
  // addition keeps its own start.
  const starts = toInstant(only.effectiveDate);
  return result(status, propose('update', {
    quantity: target,
    effectiveDate: starts === null ? today : later(utcDay(starts), today),
    additionIds: [only.id],
  }, warnings));
}
