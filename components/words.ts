import type { MailboxView, SeatsView, TenantView } from '../lib/messages/panels';

/**
 * The contract's codes in a technician's words, in one place. Codes this file does not know (a
 * newer background, or one that already sends sentences) are shown as they come.
 */

export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

const wordsFor = (table: Readonly<Record<string, string>>) => (code: string) => table[code] ?? code;

export const HEALTH_TONE: Readonly<Record<MailboxView['health'], Tone>> = {
  healthy: 'ok',
  failing: 'bad',
  transient: 'warn',
  inactive: 'muted',
};

export const TENANT_STATE: Readonly<Record<TenantView['state'], { label: string; tone: Tone }>> = {
  active: { label: 'Active', tone: 'ok' },
  suspended: { label: 'Suspended', tone: 'warn' },
  unsubscribed: { label: 'Unsubscribed', tone: 'bad' },
  deleted: { label: 'Deleted', tone: 'bad' },
  unknown: { label: 'Unknown state', tone: 'muted' },
};

export const TENANT_HEALTH: Readonly<Record<TenantView['health']['status'], { label: string; tone: Tone }>> = {
  normal: { label: 'Backups healthy', tone: 'ok' },
  warned: { label: 'Needs watching', tone: 'warn' },
  troubled: { label: 'Backups failing', tone: 'bad' },
  unknown: { label: 'Backup health unknown', tone: 'muted' },
};

/** lib/domain/health.ts HealthReason */
export const healthReason = wordsFor({
  AUTH_REQUIRED: 'a mailbox needs re-authorising',
  BACKUP_FAILED: 'a backup failed',
  STALE_BACKUP: 'no successful backup for over 48 hours',
  STORAGE_FULL: 'backup storage is full',
  SEATS_EXCEEDED: 'more mailboxes in use than seats bought',
});

/** lib/domain/seats.ts SeatWarning */
export const seatWarning = wordsFor({
  'seats-unknown': 'The vendor did not report a seat count.',
  'org-state-unknown': 'The vendor reports a tenant state this extension does not know.',
  'zero-seats': 'The vendor counts 0 seats; the agreement is left as it is.',
  'multiple-additions': 'More than one addition bills this tenant; change the right one by hand.',
  'used-exceeds-purchased': 'More mailboxes are in use than seats were bought.',
  'addition-ending': 'The addition already has a cancellation date.',
  'previous-addition-cancelled': 'An earlier addition for this tenant was cancelled.',
  'late-cancellation': 'The addition should have ended earlier; invoices already sent are not changed.',
});

/** lib/domain/links.ts SuggestionReason */
export const suggestionReason = wordsFor({
  domain: 'same mail domain',
  'admin-email': 'admin address at this company',
  name: 'same name',
});

export const SEAT_STATUS: Readonly<Record<SeatsView['status'], { label: (drift: number | null) => string; tone: Tone }>> = {
  'in-sync': { label: () => 'In sync', tone: 'ok' },
  'under-billed': { label: (drift) => (drift === null ? 'Under-billed' : `Under-billed by ${Math.abs(drift)}`), tone: 'warn' },
  'over-billed': { label: (drift) => (drift === null ? 'Over-billed' : `Over-billed by ${Math.abs(drift)}`), tone: 'warn' },
  'no-addition': { label: () => 'No addition on the agreement', tone: 'warn' },
  'addition-cancelled': { label: () => 'Addition cancelled', tone: 'muted' },
  unknown: { label: () => 'Cannot compare', tone: 'muted' },
};

/** "Re-authorise, then retry" */
export function fixStepsText(steps: ReadonlyArray<'reauthorize' | 'retry'>): string {
  const text = steps.map((step) => (step === 'reauthorize' ? 're-authorise the mailbox' : 'retry the backup')).join(', then ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const fixResult = wordsFor({
  fixed: 'Fixed: the backup completed and the ticket was closed.',
  failed: 'The fix did not work; the ticket stays open with a note.',
  exhausted: 'Retries are used up; the ticket was cancelled with a note.',
  'cannot-fix': 'Nothing could be done from here; the ticket has a note saying why.',
  'already-healthy': 'The backup was already healthy; the ticket was closed.',
});
