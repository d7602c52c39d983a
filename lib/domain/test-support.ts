import type { Mailbox, Organization } from '../vendor/domain';

/** Factories for the domain tests: plain vendor records with quiet defaults. */

export const NOW = new Date('2025-05-15T12:00:00.000Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const MINUTE = 60_000;

/** An ISO time `ms` before NOW. */
export const ago = (ms: number): string => new Date(NOW.getTime() - ms).toISOString();
/** An ISO time `ms` after NOW. */
export const ahead = (ms: number): string => new Date(NOW.getTime() + ms).toISOString();

export function organization(fields: Partial<Organization> & Pick<Organization, 'id' | 'name'>): Organization {
  return {
    altIds: [],
    adminEmail: '',
    externalId: null,
    planId: '4',
    state: 'active',
    stateRaw: fields.state ?? 'active',
    stateChangedAt: null,
    purgeAfter: null,
    loginDisabled: false,
    autoLicense: false,
    seats: {
      purchased: 10, used: 10, active: 10, deactivated: 0, required: 0, sharedPaid: 0, sharedFree: 0, availableRaw: 0,
      purchasedFrom: 'subscription',
    },
    storage: { usedBytes: null, availableBytes: null },
    domains: [],
    ...fields,
  };
}

let nextMailboxId = 9000;

export function mailbox(fields: Partial<Mailbox> = {}): Mailbox {
  const id = fields.id ?? String(nextMailboxId++);
  return {
    id,
    organizationId: '5979',
    email: `user${id}@bluelight.com`,
    displayName: `User ${id}`,
    status: 'completed',
    statusRaw: 'Completed',
    lastBackupAt: ago(3 * HOUR),
    lastSuccessAt: ago(3 * HOUR),
    errors: [],
    attempts: null,
    maxAttempts: 25,
    nextAttemptAt: null,
    storageBytes: 1_000,
    itemCount: 10,
    addedOn: ago(200 * DAY),
    deactivatedSince: null,
    ...fields,
  };
}
