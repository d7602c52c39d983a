/**
 * Builds the vendor's data from the shared world (world.ts): one organisation per OrgSeed, its
 * listed mailboxes and `generatedHealthy` generated ones, and the events that already happened
 * (seeded failures and state changes, dated in the past so the feed agrees with the state).
 */
import { createHash } from 'node:crypto';
import {
  DAY, generatedMailboxId, ORGS, VENDOR_CREDENTIALS, type MailboxSeed, type OrgSeed,
} from '../../world';
import { applyStatus, pauseBackups } from '../lifecycle/backup-engine';
import {
  AUTO_RETRIED, BACKUP_INTERVAL_MS, MAX_ATTEMPTS, RETRY_INTERVAL_MS, type MailboxRecord, type OrgRecord,
} from './model';
import type { VendorStore } from './store';

/** `org_<organizationId>_<hash>` (world.ts convention); stable across resets. */
function orgToken(seed: OrgSeed): string {
  const hash = createHash('sha256').update(`${VENDOR_CREDENTIALS.resellerToken}:${seed.organizationId}`).digest('hex');
  return `${VENDOR_CREDENTIALS.orgTokenPrefix}${seed.organizationId}_${hash.slice(0, 12)}`;
}

// 20 × 50 names give 1,000 distinct people (Trey Research's size); none clash with world.ts.
const FIRST_NAMES = [
  'Avery', 'Blake', 'Carmen', 'Dmitri', 'Elena', 'Farah', 'Gavin', 'Hana', 'Ivan', 'Jonas',
  'Keiko', 'Liam', 'Mira', 'Nadia', 'Oscar', 'Pavel', 'Quinn', 'Rhea', 'Soren', 'Tariq',
];
const LAST_NAMES = [
  'Abbott', 'Barros', 'Chen', 'Dubois', 'Eriksen', 'Fontaine', 'Garcia', 'Holm', 'Ibarra', 'Jansen',
  'Kowalski', 'Lindqvist', 'Moreau', 'Novak', 'Okafor', 'Petrov', 'Quintero', 'Rossi', 'Sato', 'Tanaka',
  'Ueda', 'Varga', 'Weber', 'Xu', 'Yilmaz', 'Zimmer', 'Alvarez', 'Brandt', 'Costa', 'Dahl',
  'Eklund', 'Fischer', 'Gruber', 'Hughes', 'Iversen', 'Jovanovic', 'Keller', 'Larsen', 'Meyer', 'Nilsen',
  'Olsen', 'Pereira', 'Reyes', 'Schmidt', 'Torres', 'Urban', 'Vogel', 'Wagner', 'Young', 'Zeller',
];

/** The n-th (1-based) generated mailbox of an org: healthy, Completed, backed up recently. */
function generatedSeed(org: OrgSeed, n: number): MailboxSeed {
  const i = n - 1;
  const first = FIRST_NAMES[i % FIRST_NAMES.length] ?? 'User';
  const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length] ?? String(n);
  return {
    id: generatedMailboxId(org, n),
    email: `${first}.${last}@${org.domain}`.toLowerCase(),
    displayName: `${first} ${last}`,
    status: 'Completed',
    // Spread over 30 min … 5 h, so nobody is mid-backup at the seeding instant.
    lastSuccessAgoMs: (30 + ((n * 37) % 270)) * 60_000,
    storageBytes: 1_500_000_000 + ((n * 104_729) % 3_000_000_000),
    itemCount: 9_000 + ((n * 37) % 20_000),
  };
}

function stoppedAt(org: OrgSeed, now: number): number | null {
  return org.state === 'unsubscribed' ? now - (org.stateChangedAgoMs ?? 0) : null;
}

export function seedWorld(store: VendorStore, now: number): void {
  for (const seed of ORGS) {
    const changedAt = seed.stateChangedAgoMs === undefined ? null : now - seed.stateChangedAgoMs;
    const stop = stoppedAt(seed, now);
    const org: OrgRecord = {
      seed,
      planId: seed.planId,
      seatsPurchased: seed.seatsPurchased,
      state: seed.state,
      stateChangedAt: changedAt,
      unsubscribedAt: stop,
      authenticationToken: orgToken(seed),
      stoppedPeriods: stop === null ? [] : [{ from: stop, to: null }],
    };
    store.addOrg(org);
    if (seed.state !== 'active' && changedAt !== null) {
      store.emit({
        type: 'org.state_changed', organizationId: seed.organizationId, occurredAt: changedAt,
        data: { state: seed.state, previous_state: 'active' },
      });
    }
    if (seed.state === 'deleted') continue; // purged: no data left

    const generated = Array.from({ length: seed.generatedHealthy }, (_, i) => generatedSeed(seed, i + 1));
    const all = [...seed.mailboxes, ...generated];
    // Auto-licensing added the mailboxes the ConnectWise agreement doesn't bill yet, recently.
    const recentlyAdded = seed.autoLicense && seed.additionQuantity !== null
      ? Math.max(0, all.length - seed.additionQuantity) : 0;
    all.forEach((mailboxSeed, index) => {
      const fromEnd = all.length - index;
      const addedOn = fromEnd <= recentlyAdded
        ? now - fromEnd * 2 * DAY
        : now - (200 + ((mailboxSeed.id * 13) % 160)) * DAY;
      seedMailbox(store, org, mailboxSeed, addedOn, now, stop);
    });
  }
}

function seedMailbox(
  store: VendorStore, org: OrgRecord, seed: MailboxSeed, addedOn: number, now: number, stop: number | null,
): void {
  // An unsubscribed org stopped backing up then: its ages count back from that moment.
  const reference = stop ?? now;
  const lastSuccessAt = seed.lastSuccessAgoMs === null ? null : reference - seed.lastSuccessAgoMs;
  const m: MailboxRecord = {
    id: seed.id,
    organizationId: org.seed.organizationId,
    email: seed.email,
    displayName: seed.displayName,
    addedOn,
    storageBytes: seed.storageBytes,
    itemCount: seed.itemCount,
    fix: seed.fix ?? 'retry',
    status: 'Completed',
    // Listed mailboxes serve null, generated ones [] (both seen in clients' fixtures).
    errors: org.seed.mailboxes.includes(seed) ? null : [],
    failure: null,
    attempts: 0,
    nextAttemptAt: null,
    lastBackupAt: lastSuccessAt,
    scheduleAnchorAt: seed.status === 'Completed' ? lastSuccessAt : null,
    reauthorized: false,
    deactivatedAt: null,
    problems: [],
  };
  store.addMailbox(m);
  if (seed.status !== 'Completed') {
    // The failure began at the first backup after the last success, or early enough for the
    // attempts made so far, whichever is earlier.
    const attempts = seed.attempts ?? 0;
    const byAttempts = reference - attempts * RETRY_INTERVAL_MS;
    const onset = lastSuccessAt === null ? byAttempts : Math.min(lastSuccessAt + BACKUP_INTERVAL_MS, byAttempts);
    applyStatus(m, { status: seed.status, errors: seed.errors, attempts }, onset, store.emit);
    // The next automatic attempt is 30 minutes after the seeding instant (tests advance to it).
    m.nextAttemptAt = AUTO_RETRIED.has(seed.status) && attempts < MAX_ATTEMPTS ? now + RETRY_INTERVAL_MS : null;
  }
  if (stop !== null) pauseBackups(m, stop);
}
