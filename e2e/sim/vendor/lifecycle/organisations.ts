/**
 * Organisation lifecycle and subscription changes, enforcing Dropsuite's documented state rules
 * (help.dropsuite.com 20421597008407; manageprotect 44002489487):
 * - Suspended: users can't log in; backups and billing continue.
 * - Unsubscribed: backups stop; reactivation possible for 45 days, then the data is purged.
 * - Deleted: data purged at once.
 * UNVERIFIED: the API for any of this. No public client calls a write endpoint; the paths and
 * bodies are the simulator's (see README). Rules applied in order: state, then validation.
 */
import { PLANS } from '../../world';
import { invalidState, validationError } from '../errors';
import {
  isOpen, REACTIVATION_WINDOW_MS, type OrgRecord, type OrgState,
} from '../store/model';
import type { VendorStore } from '../store/store';
import { cancelTasks, pauseBackups, resumeBackups } from './backup-engine';

/** Seats a subscription counts: mailboxes that are neither deactivated nor Inactive (no licence). */
export function seatsUsed(store: VendorStore, org: OrgRecord): number {
  return store.mailboxesOf(org.seed.organizationId)
    .filter((m) => m.deactivatedAt === null && m.status !== 'Inactive').length;
}

export const purgeAfter = (org: OrgRecord): number | null =>
  org.unsubscribedAt === null ? null : org.unsubscribedAt + REACTIVATION_WINDOW_MS;

function changeState(store: VendorStore, org: OrgRecord, state: OrgState, at: number): void {
  const previous = org.state;
  org.state = state;
  org.stateChangedAt = at;
  store.emit({
    type: 'org.state_changed', organizationId: org.seed.organizationId, occurredAt: at,
    data: { state, previous_state: previous },
  });
}

function stopBackups(store: VendorStore, org: OrgRecord, at: number): void {
  if (!org.stoppedPeriods.some(isOpen)) org.stoppedPeriods.push({ from: at, to: null });
  for (const m of store.mailboxesOf(org.seed.organizationId)) {
    pauseBackups(m, at);
    cancelTasks(store.tasksOf(m.id), at, { code: 'backups_stopped', message: 'The organization stopped backing up' });
  }
}

export function suspend(store: VendorStore, org: OrgRecord, now: number): void {
  if (org.state !== 'active') throw invalidState(`Only an active organization can be suspended (it is ${org.state})`);
  changeState(store, org, 'suspended', now);
}

export function unsubscribe(store: VendorStore, org: OrgRecord, now: number): void {
  if (org.state !== 'active' && org.state !== 'suspended') {
    throw invalidState(`The organization is already ${org.state}`);
  }
  org.unsubscribedAt = now;
  stopBackups(store, org, now);
  changeState(store, org, 'unsubscribed', now);
}

export function reactivate(store: VendorStore, org: OrgRecord, now: number): void {
  const windowEnd = purgeAfter(org);
  if (org.state === 'active') throw invalidState('The organization is already active');
  if (org.state === 'deleted') {
    throw windowEnd !== null && windowEnd <= now
      ? invalidState('The 45-day reactivation window has ended; the data was purged', {
        purged_at: new Date(windowEnd).toISOString(),
      })
      : invalidState('A deleted organization cannot be reactivated');
  }
  if (org.state === 'unsubscribed') {
    const open = org.stoppedPeriods.find(isOpen);
    if (open) open.to = now;
    org.unsubscribedAt = null;
    for (const m of store.mailboxesOf(org.seed.organizationId)) resumeBackups(m, now);
  }
  changeState(store, org, 'active', now);
}

function purge(store: VendorStore, org: OrgRecord, at: number): void {
  stopBackups(store, org, at);
  store.removeMailboxesOf(org.seed.organizationId);
  changeState(store, org, 'deleted', at);
}

/** DELETE: purges at once. The record stays (state "deleted") so lookups can say so. */
export function remove(store: VendorStore, org: OrgRecord, now: number): void {
  if (org.state === 'deleted') throw invalidState('The organization is already deleted');
  purge(store, org, now);
}

/** Unsubscribed organisations whose 45 days have passed are purged at that instant. */
export function purgeExpired(store: VendorStore, now: number): void {
  for (const org of store.orgs.values()) {
    const due = purgeAfter(org);
    if (org.state === 'unsubscribed' && due !== null && due <= now) purge(store, org, due);
  }
}

/**
 * Changes seats and/or plan. UNVERIFIED rules: seats are whole numbers from 1 to 100,000 and
 * never below the seats in use; Basic Backup ("personal") plans have no seats (Dropsuite guide).
 */
export function changeSubscription(store: VendorStore, org: OrgRecord, body: unknown, now: number): void {
  if (org.state === 'unsubscribed' || org.state === 'deleted') {
    throw invalidState(`The subscription of a ${org.state} organization cannot change`);
  }
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  const { seats, plan_id: planId } = input;
  if (seats === undefined && planId === undefined) fields.seats = 'send seats, plan_id or both';
  if (seats !== undefined && !(typeof seats === 'number' && Number.isInteger(seats) && seats >= 1 && seats <= 100_000)) {
    fields.seats = 'must be a whole number from 1 to 100000';
  }
  const plan = planId === undefined ? PLANS.find((p) => p.id === org.planId) : PLANS.find((p) => p.id === planId);
  if (planId !== undefined && !plan) fields.plan_id = 'is not one of your plans';
  if (typeof seats === 'number' && !fields.seats) {
    const used = seatsUsed(store, org);
    if (plan?.productType === 'personal') fields.seats = 'Basic Backup plans have no seats';
    else if (seats < used) fields.seats = `cannot be lower than the ${used} seats in use`;
  }
  if (Object.keys(fields).length > 0) throw validationError(fields);

  const previous = { seats: org.seatsPurchased, planId: org.planId };
  if (typeof seats === 'number') org.seatsPurchased = seats;
  if (plan) org.planId = plan.id;
  if (previous.seats === org.seatsPurchased && previous.planId === org.planId) return;
  store.emit({
    type: 'seats.changed', organizationId: org.seed.organizationId, occurredAt: now,
    data: {
      seats_purchased: org.seatsPurchased, previous_seats_purchased: previous.seats,
      plan_id: org.planId, previous_plan_id: previous.planId,
    },
  });
}
