import { describe, expect, it } from 'vitest';
import { ORGANIZATION_STATES } from '../vendor/domain';
import type { AdditionLike } from './records';
import { type BillOn, compareSeats, type SeatInput } from './seats';
import { NOW } from './test-support';

// NOW is 2025-05-15T12:00Z: today is 2025-05-15, the 1st of next month 2025-06-01.
const addition = (id: number, quantity: number, fields: Partial<AdditionLike> = {}): AdditionLike => ({
  id, quantity, lessIncluded: 0, effectiveDate: '2025-01-01T00:00:00Z', cancelledDate: null,
  serialNumber: 'uswest.5979', product: { identifier: 'uswest.4' }, ...fields,
});
const seats = (purchased: number | null, used: number | null = purchased) => ({ purchased, used });
const input = (fields: Partial<SeatInput>): SeatInput =>
  ({ vendorSeats: seats(10), orgState: 'active', additions: [], now: NOW, ...fields });

describe('compareSeats: tenants that bill', () => {
  it.each<[string, Partial<SeatInput>, object]>([
    ['Blue Light: bought = used = billed', { vendorSeats: seats(12), additions: [addition(1, 12)] },
      { bought: 12, used: 12, billed: 12, target: 12, status: 'in-sync', drift: 0,
        proposal: { action: 'none', quantity: null, effectiveDate: null, additionIds: [], needsConfirmation: false, warnings: [] } }],
    ['Contoso: 25 purchased, 23 used, 18 billed (purchased seats)', { vendorSeats: seats(25, 23), additions: [addition(7, 18)] },
      { target: 25, billed: 18, status: 'under-billed', drift: 7,
        proposal: { action: 'update', quantity: 25, effectiveDate: '2025-05-15', additionIds: [7], needsConfirmation: true, warnings: [] } }],
    ['Contoso, billing used seats', { vendorSeats: seats(25, 23), additions: [addition(7, 18)], billOn: 'used' },
      { billOn: 'used', target: 23, status: 'under-billed', drift: 5, proposal: { action: 'update', quantity: 23 } }],
    ['more billed than bought', { vendorSeats: seats(8), additions: [addition(2, 10)] },
      { status: 'over-billed', drift: -2, proposal: { action: 'update', quantity: 8, effectiveDate: '2025-05-15' } }],
    ['Café Zürich: linked, no addition yet', { vendorSeats: seats(4), additions: [] },
      { billed: null, status: 'no-addition', drift: null,
        proposal: { action: 'create', quantity: 4, effectiveDate: '2025-06-01', additionIds: [], needsConfirmation: true, warnings: [] } }],
    ['suspended still bills (seed 000)', { orgState: 'suspended', vendorSeats: seats(9), additions: [addition(3, 7)] },
      { status: 'under-billed', drift: 2, proposal: { action: 'update', quantity: 9 } }],
    ['suspended, in sync', { orgState: 'suspended', vendorSeats: seats(7), additions: [addition(3, 7)] },
      { status: 'in-sync', proposal: { action: 'none' } }],
    ['a new addition dated the 1st of next month counts: no duplicate', {
      vendorSeats: seats(4), additions: [addition(5, 4, { effectiveDate: '2025-06-01T00:00:00Z' })],
    }, { billed: 4, status: 'in-sync', billingStartsOn: '2025-06-01', proposal: { action: 'none' } }],
    ['a future-dated addition keeps its start', {
      vendorSeats: seats(6), additions: [addition(5, 4, { effectiveDate: '2025-06-01T00:00:00Z' })],
    }, { status: 'under-billed', proposal: { action: 'update', quantity: 6, effectiveDate: '2025-06-01', additionIds: [5] } }],
    ['less included is charged apart, never compared', {
      vendorSeats: seats(25), additions: [addition(8, 25, { lessIncluded: 5 })],
    }, { billed: 25, charged: 20, status: 'in-sync' }],
    ['the earlier addition was cancelled: a new one', {
      vendorSeats: seats(5), additions: [addition(4, 5, { cancelledDate: '2025-03-01T00:00:00Z' })],
    }, { billed: null, status: 'addition-cancelled',
      proposal: { action: 'create', quantity: 5, effectiveDate: '2025-06-01', warnings: ['previous-addition-cancelled'] } }],
    ['an addition cancelled later this month still bills, with a warning', {
      vendorSeats: seats(5), additions: [addition(4, 5, { cancelledDate: '2025-05-31T00:00:00Z' })],
    }, { billed: 5, status: 'in-sync', proposal: { action: 'none', warnings: ['addition-ending'] } }],
    ['an addition without a quantity counts 0', { vendorSeats: seats(3), additions: [addition(1, 0, { quantity: undefined })] },
      { billed: 0, charged: 0, status: 'under-billed', proposal: { action: 'update', quantity: 3 } }],
    ['more used than purchased: flagged while billing purchased', { vendorSeats: seats(23, 25), additions: [addition(1, 23)] },
      { status: 'in-sync', proposal: { action: 'none', warnings: ['used-exceeds-purchased'] } }],
  ])('%s', (_, fields, expected) => {
    expect(compareSeats(input(fields))).toMatchObject(expected);
  });
});

describe('compareSeats: never zero, never a guess', () => {
  it.each<[string, Partial<SeatInput>, object]>([
    ['the vendor counts 0 seats: flag, do not write 0', { vendorSeats: seats(0), additions: [addition(1, 5)] },
      { status: 'over-billed', drift: -5, proposal: { action: 'none', quantity: null, warnings: ['zero-seats'] } }],
    ['0 seats and no addition: nothing to create', { vendorSeats: seats(0), additions: [] },
      { status: 'no-addition', proposal: { action: 'none', warnings: ['zero-seats'] } }],
    ['the billing basis is unknown', { vendorSeats: seats(null, 12), additions: [addition(1, 12)] },
      { target: null, status: 'unknown', drift: null, proposal: { action: 'none', warnings: ['seats-unknown'] } }],
    ['the billing basis is unknown and there is no addition', { vendorSeats: seats(null, 12), additions: [] },
      { status: 'no-addition', proposal: { action: 'none', warnings: ['seats-unknown'] } }],
    ['two live additions: a human decides', { vendorSeats: seats(20), additions: [addition(1, 10), addition(2, 8)] },
      { billed: 18, status: 'under-billed', drift: 2, proposal: { action: 'none', warnings: ['multiple-additions'] } }],
    ['two live additions that add up', { vendorSeats: seats(18), additions: [addition(1, 10), addition(2, 8)] },
      { status: 'in-sync', proposal: { action: 'none', warnings: ['multiple-additions'] } }],
    ['an unknown organisation state', { orgState: 'unknown', vendorSeats: seats(5), additions: [addition(1, 3)] },
      { target: null, status: 'unknown', proposal: { action: 'none', warnings: ['org-state-unknown'] } }],
  ])('%s', (_, fields, expected) => {
    expect(compareSeats(input(fields))).toMatchObject(expected);
  });
});

describe('compareSeats: tenants that stopped', () => {
  const unsubscribed = (stateChangedAt: string | null, additions: AdditionLike[]): Partial<SeatInput> =>
    ({ orgState: 'unsubscribed', stateChangedAt, vendorSeats: seats(5), additions });

  it.each<[string, Partial<SeatInput>, object]>([
    ['Litware: unsubscribed 10 days ago, addition already cancelled', unsubscribed('2025-05-05T09:00:00Z', [
      addition(6, 5, { cancelledDate: '2025-05-05T00:00:00Z' }),
    ]), { target: 0, billed: null, status: 'addition-cancelled', proposal: { action: 'none' } }],
    ['unsubscribed this month, addition still live: cancel from the 1st of next month', unsubscribed('2025-05-05T09:00:00Z', [addition(6, 5)]),
      { target: 0, billed: 5, status: 'over-billed', drift: -5,
        proposal: { action: 'cancel', quantity: null, effectiveDate: '2025-06-01', additionIds: [6], needsConfirmation: true, warnings: [] } }],
    ['unsubscribed two months ago: cancel from today, flagged', unsubscribed('2025-03-10T09:00:00Z', [addition(6, 5)]),
      { proposal: { action: 'cancel', effectiveDate: '2025-05-15', warnings: ['late-cancellation'] } }],
    ['unsubscribed, unsubscribe date unknown', unsubscribed(null, [addition(6, 5)]),
      { proposal: { action: 'cancel', effectiveDate: '2025-06-01' } }],
    ['unsubscribed, cancellation already arranged', unsubscribed('2025-05-05T09:00:00Z', [
      addition(6, 5, { cancelledDate: '2025-06-01T00:00:00Z' }),
    ]), { status: 'addition-cancelled', proposal: { action: 'none' } }],
    ['unsubscribed, cancellation arranged too late', unsubscribed('2025-05-05T09:00:00Z', [
      addition(6, 5, { cancelledDate: '2025-08-01T00:00:00Z' }), addition(9, 2, { cancelledDate: '2025-05-20T00:00:00Z' }),
    ]), { status: 'over-billed', proposal: { action: 'cancel', effectiveDate: '2025-06-01', additionIds: [6] } }],
    ['unsubscribed, no addition', unsubscribed('2025-05-05T09:00:00Z', []), { status: 'no-addition', proposal: { action: 'none' } }],
    ['deleted: billing stops now', { orgState: 'deleted', vendorSeats: seats(5), additions: [addition(6, 5), addition(7, 1)] },
      { status: 'over-billed', proposal: { action: 'cancel', effectiveDate: '2025-05-15', additionIds: [6, 7], warnings: ['multiple-additions'] } }],
    ['deleted, already cancelled', { orgState: 'deleted', additions: [addition(6, 5, { cancelledDate: '2025-05-01T00:00:00Z' })] },
      { status: 'addition-cancelled', proposal: { action: 'none' } }],
  ])('%s', (_, fields, expected) => {
    expect(compareSeats(input(fields))).toMatchObject(expected);
  });
});

describe('compareSeats: dates in the MSP’s time zone', () => {
  it('takes today and next month from the billing zone', () => {
    const lateMay = new Date('2025-05-31T23:30:00Z'); // already 1 June in Sydney
    expect(compareSeats(input({ now: lateMay, vendorSeats: seats(3), timeZone: 'Australia/Sydney' })).proposal)
      .toMatchObject({ action: 'create', effectiveDate: '2025-07-01' });
    expect(compareSeats(input({ now: lateMay, vendorSeats: seats(3) })).proposal).toMatchObject({ effectiveDate: '2025-06-01' });
    expect(compareSeats(input({ now: lateMay, vendorSeats: seats(4), additions: [addition(1, 3)], timeZone: 'Australia/Sydney' })).proposal)
      .toMatchObject({ action: 'update', effectiveDate: '2025-06-01' });
  });
});

describe('compareSeats: properties', () => {
  const counts = [null, 0, 1, 5, 18, 25];
  const additionSets: AdditionLike[][] = [
    [],
    [addition(1, 18)],
    [addition(1, 0)],
    [addition(1, 5, { cancelledDate: '2025-04-01T00:00:00Z' })],
    [addition(1, 5, { effectiveDate: '2025-06-01T00:00:00Z' })],
    [addition(1, 5, { cancelledDate: '2025-09-01T00:00:00Z' })],
    [addition(1, 10), addition(2, 8)],
  ];
  const cases: Partial<SeatInput>[] = [];
  for (const orgState of ORGANIZATION_STATES) {
    for (const purchased of counts) {
      for (const used of counts) {
        for (const additions of additionSets) {
          for (const billOn of ['used', 'purchased'] as BillOn[]) {
            cases.push({ orgState, vendorSeats: seats(purchased, used), additions, billOn, stateChangedAt: '2025-04-20T00:00:00Z' });
          }
        }
      }
    }
  }

  it(`never proposes zero, confirms every change, cancels only stopped tenants (${cases.length} inputs)`, () => {
    for (const fields of cases) {
      const { proposal, drift, target, billed } = compareSeats(input(fields));
      expect(proposal.quantity).not.toBe(0);
      if (proposal.action === 'update' || proposal.action === 'create') expect(proposal.quantity).toBeGreaterThan(0);
      expect(proposal.needsConfirmation).toBe(proposal.action !== 'none');
      if (proposal.action === 'cancel') expect(['unsubscribed', 'deleted']).toContain(fields.orgState);
      if (proposal.action === 'update') expect(proposal.additionIds).toHaveLength(1);
      if (proposal.action !== 'none') expect(proposal.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (drift !== null) expect(drift).toBe((target ?? NaN) - (billed ?? NaN));
    }
  });
});
