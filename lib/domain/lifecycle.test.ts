import { describe, expect, it } from 'vitest';
import type { Organization } from '../vendor/domain';
import { reactivationWindow } from './lifecycle';
import { ago, ahead, DAY, HOUR, NOW } from './test-support';

type Lifecycle = Pick<Organization, 'state' | 'stateChangedAt' | 'purgeAfter'>;

describe('reactivationWindow (45 days, vendor-api.md §1.7)', () => {
  it.each<[string, Lifecycle, object | null]>([
    ['Litware: unsubscribed 10 days ago', { state: 'unsubscribed', stateChangedAt: ago(10 * DAY), purgeAfter: null },
      { unsubscribedAt: ago(10 * DAY), purgeAfter: ahead(35 * DAY), daysLeft: 35, canReactivate: true }],
    ['the vendor’s own purge date wins', { state: 'unsubscribed', stateChangedAt: ago(10 * DAY), purgeAfter: ahead(5 * DAY) },
      { purgeAfter: ahead(5 * DAY), daysLeft: 5, canReactivate: true }],
    ['a few hours left round up to a day', { state: 'unsubscribed', stateChangedAt: ago(45 * DAY - 3 * HOUR), purgeAfter: null },
      { daysLeft: 1, canReactivate: true }],
    ['the window has closed', { state: 'unsubscribed', stateChangedAt: ago(50 * DAY), purgeAfter: null },
      { purgeAfter: ago(5 * DAY), daysLeft: 0, canReactivate: false }],
    ['exactly 45 days: closed', { state: 'unsubscribed', stateChangedAt: ago(45 * DAY), purgeAfter: null }, { daysLeft: 0, canReactivate: false }],
    ['dates unknown', { state: 'unsubscribed', stateChangedAt: null, purgeAfter: null },
      { unsubscribedAt: null, purgeAfter: null, daysLeft: null, canReactivate: null }],
    ['active', { state: 'active', stateChangedAt: null, purgeAfter: null }, null],
    ['suspended', { state: 'suspended', stateChangedAt: ago(3 * DAY), purgeAfter: null }, null],
    ['deleted', { state: 'deleted', stateChangedAt: ago(DAY), purgeAfter: null }, null],
  ])('%s', (_, org, expected) => {
    const window = reactivationWindow(org, NOW);
    if (expected === null) expect(window).toBeNull();
    else expect(window).toMatchObject(expected);
  });
});
