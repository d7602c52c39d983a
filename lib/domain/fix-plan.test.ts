import { describe, expect, it } from 'vitest';
import type { Capability, Mailbox, OrganizationState, VendorTask } from '../vendor/domain';
import { type FixPlan, fixOutcome, noteText, planFix } from './fix-plan';
import { parseFixMarker } from './idempotency';
import { ago, DAY, HOUR, mailbox, NOW } from './test-support';

const authError: Partial<Mailbox> = { status: 'auth_error', attempts: 3, lastSuccessAt: ago(2 * DAY + 4 * HOUR), errors: [{ key: 'auth', message: 'AADSTS700082: The refresh token has expired due to inactivity.' }] };
const retrying: Partial<Mailbox> = { status: 'retrying', attempts: 7, lastSuccessAt: ago(3 * DAY), errors: [{ key: 'host', message: 'timeout' }] };
const exhausted: Partial<Mailbox> = { status: 'failed', attempts: 25, lastSuccessAt: ago(13 * DAY), errors: [{ key: 'mailbox', message: 'Mailbox not found at source' }] };

describe('planFix', () => {
  it.each<[string, Partial<Mailbox>, { orgState?: OrganizationState; capabilities?: ReadonlySet<Capability> }, Partial<FixPlan>]>([
    ['authentication error (Fabrikam): re-authorise, then retry', authError, {},
      { kind: 'fix', steps: ['reauthorize', 'retry'], reason: 'auth-error', attempts: 3, maxAttempts: 25, exhausted: false }],
    ['retrying (Tailspin)', retrying, {}, { kind: 'fix', steps: ['retry'], reason: 'backup-failing' }],
    ['connection error', { status: 'connection_error', attempts: 2 }, {}, { kind: 'fix', steps: ['retry'], reason: 'backup-failing' }],
    ['failed, attempts unknown', { status: 'failed', attempts: null }, {}, { kind: 'fix', steps: ['retry'], reason: 'backup-failing', exhausted: false }],
    ['retries exhausted (Adatum): one more manual retry', exhausted, {}, { kind: 'fix', steps: ['retry'], reason: 'retries-exhausted', exhausted: true }],
    ['suspended organisations keep backing up', authError, { orgState: 'suspended' }, { kind: 'fix', reason: 'auth-error' }],
    ['completed: just close the ticket', {}, {}, { kind: 'already-healthy', steps: [], reason: 'healthy' }],
    ['running: watch it', { status: 'running' }, {}, { kind: 'in-progress', steps: [], reason: 'backup-running' }],
    ['preparing: watch it', { status: 'preparing', attempts: 1 }, {}, { kind: 'in-progress', steps: [], reason: 'backup-running' }],
    ['inactive: licence removed at the source', { status: 'inactive' }, {}, { kind: 'cannot-fix', steps: [], reason: 'inactive' }],
    ['deactivated', { status: 'completed', deactivatedSince: ago(DAY) }, {}, { kind: 'cannot-fix', reason: 'inactive' }],
    ['space full: upgrade or remove accounts', { status: 'storage_full' }, {}, { kind: 'cannot-fix', reason: 'storage-full' }],
    ['organisation deleted', authError, { orgState: 'deleted' }, { kind: 'cannot-fix', reason: 'org-deleted' }],
    ['organisation unsubscribed', authError, { orgState: 'unsubscribed' }, { kind: 'cannot-fix', reason: 'org-unsubscribed' }],
    ['completed but nothing for 3 days: not retryable', { lastSuccessAt: ago(3 * DAY) }, {}, { kind: 'cannot-fix', reason: 'not-retryable' }],
    ['a status nobody mapped', { status: 'unknown', errors: [{ key: 'x', message: 'y' }] }, {}, { kind: 'cannot-fix', reason: 'not-retryable' }],
    ['the API cannot re-authorise: the portal', authError, { capabilities: new Set<Capability>(['retry']) }, { kind: 'cannot-fix', reason: 'needs-portal', steps: [] }],
    ['the API cannot retry: the portal', retrying, { capabilities: new Set<Capability>(['reauthorize']) }, { kind: 'cannot-fix', reason: 'needs-portal' }],
    ['the API can do both', authError, { capabilities: new Set<Capability>(['retry', 'reauthorize']) }, { kind: 'fix', reason: 'auth-error' }],
  ])('%s', (_, fields, context, expected) => {
    const plan = planFix(mailbox(fields), NOW, context);
    expect(plan).toMatchObject(expected);
    expect(plan.message.length).toBeGreaterThan(10);
  });

  it('words the cases a technician must handle elsewhere', () => {
    expect(planFix(mailbox({ status: 'inactive' }), NOW).message).toMatch(/licence was removed at the source/);
    expect(planFix(mailbox({ status: 'storage_full' }), NOW).message).toMatch(/Upgrade the plan or remove accounts/);
    expect(planFix(mailbox(authError), NOW, { orgState: 'unsubscribed' }).message).toMatch(/45 days/);
    expect(planFix(mailbox(authError), NOW, { capabilities: new Set<Capability>([]) }).message).toMatch(/re-authorise or retry the backup/);
  });
});

describe('fixOutcome', () => {
  const context = { email: 'jane.doe@fabrikamlegal.com', by: 'jsmith', claim: 'k3x9' };
  const task = (id: string, kind: VendorTask['kind'], status: VendorTask['status'], error: string | null = null) =>
    ({ id, kind, status, error: error === null ? null : { code: null, message: error } });
  const recovered = mailbox({ status: 'completed', attempts: 0, lastSuccessAt: ago(60_000), errors: [] });

  it.each<[string, Partial<Mailbox>, Parameters<typeof fixOutcome>[1], Mailbox | null, string, string]>([
    ['re-authorised and backed up', authError, [task('t-1', 'reauthorize', 'succeeded'), task('t-2', 'retry', 'succeeded')], recovered, 'fixed', 'closed'],
    ['one step failed but the backup completed', authError, [task('t-1', 'reauthorize', 'failed', 'nope'), task('t-2', 'retry', 'succeeded')], recovered, 'fixed', 'closed'],
    ['the retry failed again', retrying, [task('t-3', 'retry', 'failed', 'timeout')], mailbox({ ...retrying, attempts: 8 }), 'failed', 'unchanged'],
    ['the tasks succeeded but the mailbox still fails', authError, [task('t-1', 'reauthorize', 'succeeded'), task('t-2', 'retry', 'succeeded')], mailbox(authError), 'failed', 'unchanged'],
    ['the last manual retry failed too', exhausted, [task('t-4', 'retry', 'failed', 'Mailbox not found at source')], mailbox(exhausted), 'exhausted', 'cancelled'],
    ['the failure used the last attempt', retrying, [task('t-3', 'retry', 'failed')], mailbox({ ...retrying, status: 'failed', attempts: 25 }), 'exhausted', 'cancelled'],
    ['no counters afterwards: as before the fix', exhausted, [task('t-4', 'retry', 'failed')], mailbox({ ...exhausted, attempts: null }), 'exhausted', 'cancelled'],
    ['no mailbox afterwards', retrying, [task('t-3', 'retry', 'succeeded')], null, 'failed', 'unchanged'],
    ['a running backup that completed', { status: 'running' }, [], recovered, 'fixed', 'closed'],
    ['already healthy', {}, [], recovered, 'already-healthy', 'closed'],
    ['cannot be fixed', { status: 'storage_full' }, [], null, 'cannot-fix', 'unchanged'],
  ])('%s → %s, ticket %s', (_, before, tasks, after, result, ticketStatus) => {
    const plan = planFix(mailbox(before), NOW);
    const outcome = fixOutcome(plan, tasks, after, NOW, context);
    expect(outcome).toMatchObject({ result, ticketStatus });
    expect(parseFixMarker(outcome.note)).toMatchObject({ phase: 'finished', result, claim: 'k3x9', by: 'jsmith', taskIds: tasks.map((t) => t.id) });
  });

  it('writes a short, factual note for a fix', () => {
    const plan = planFix(mailbox(authError), NOW);
    const { note } = fixOutcome(plan, [task('t-1', 'reauthorize', 'succeeded'), task('t-2', 'retry', 'succeeded')], recovered, NOW, context);
    expect(note).toBe([
      '[Backup Bridge] fix finished result=fixed claim=k3x9 task=t-1,t-2 by=jsmith at=2025-05-15T12:00:00.000Z',
      'Fix and resume backup for jane.doe@fabrikamlegal.com: fixed, the backup completed.',
      'Done: Re-authorised (vendor task t-1, succeeded); Retried the backup (vendor task t-2, succeeded).',
      'Ticket closed.',
      'Requested by jsmith, 2025-05-15 12:00 UTC.',
    ].join('\n'));
  });

  it('gives the vendor’s reason and the attempts when a fix fails', () => {
    const { note } = fixOutcome(planFix(mailbox(retrying), NOW), [task('t-3', 'retry', 'failed', 'timeout')], mailbox({ ...retrying, attempts: 8 }), NOW,
      { email: 'ops@tailspintoys.com', by: 'akumar', claim: 'c2' });
    expect(note.split('\n').slice(1)).toEqual([
      'Fix and resume backup for ops@tailspintoys.com: not fixed.',
      'Done: Retried the backup (vendor task t-3, failed).',
      'Vendor error: timeout',
      'Automatic attempts so far: 8 of 25.',
      'Ticket left open.',
      'Requested by akumar, 2025-05-15 12:00 UTC.',
    ]);
  });

  it.each<[string, Parameters<typeof fixOutcome>[1], Mailbox | null, string]>([
    ['a failed task’s error first', [task('t-3', 'retry', 'failed', 'Graph said no')], mailbox(retrying), 'Vendor error: Graph said no'],
    ['else the mailbox’s errors', [task('t-3', 'retry', 'failed')], mailbox({ ...retrying, errors: [{ key: 'a', message: 'one' }, { key: 'b', message: 'two' }] }), 'Vendor error: one; two'],
    ['else an unfinished task', [task('t-3', 'retry', 'running')], mailbox({ ...retrying, errors: [] }), 'Vendor error: the vendor task had not finished'],
    ['else the status', [task('t-3', 'retry', 'succeeded')], mailbox({ ...retrying, errors: [] }), 'Vendor error: the backup is "retrying"'],
    ['else nothing known', [], null, 'Vendor error: the vendor did not say'],
  ])('names the vendor’s error: %s', (_, tasks, after, line) => {
    expect(fixOutcome(planFix(mailbox(retrying), NOW), tasks, after, NOW, context).note.split('\n')).toContain(line);
  });

  it('explains why nothing was done', () => {
    const { note } = fixOutcome(planFix(mailbox({ status: 'storage_full' }), NOW), [], null, NOW, context);
    expect(note).toContain('cannot be fixed from here');
    expect(note).toContain('Upgrade the plan or remove accounts');
    expect(note).toContain('Ticket left open.');
    expect(note).not.toContain('Vendor error');
  });

  it('cancels with a note when retries are exhausted', () => {
    const { note } = fixOutcome(planFix(mailbox(exhausted), NOW), [task('t-4', 'retry', 'failed', 'Mailbox not found at source')], mailbox(exhausted), NOW, context);
    expect(note).toContain('no automatic attempts left');
    expect(note).toContain('Automatic attempts so far: 25 of 25.');
    expect(note).toContain('Ticket cancelled (retries exhausted).');
  });
});

describe('noteText', () => {
  it('leaves out what it does not know', () => {
    const text = noteText({
      result: 'failed', email: 'x@y.com', tasks: [], vendorError: null, explanation: null, attempts: null, maxAttempts: 25,
      by: 'jsmith', claim: 'c', at: NOW,
    });
    expect(text.split('\n')).toEqual([
      '[Backup Bridge] fix finished result=failed claim=c by=jsmith at=2025-05-15T12:00:00.000Z',
      'Fix and resume backup for x@y.com: not fixed.',
      'Ticket left open.',
      'Requested by jsmith, 2025-05-15 12:00 UTC.',
    ]);
  });
});
