import { describe, expect, it, vi } from 'vitest';
import { addTicketNote } from '../../connectwise';
import { formatFixMarker, MINUTE_MS, parseFixMarker } from '../../domain';
import type { SettingsService } from '../settings-service';
import {
  configure,
  quickTasks,
  simAdmin,
  technician,
  ticketNotes,
  ticketStatusId,
  vendorWrites,
  type RunningSimulators,
  useConfiguredSimulators,
} from './test-support';

const FABRIKAM = 123456; // jane.doe@fabrikamlegal.com, Authentication Error, fixed by re-authorising
const TAILSPIN = 123457; // ops@tailspintoys.com, Retrying, every retry fails
const ADATUM = 123458; // archive@adatum.com, Failed after 25 of 25 attempts
const CLOSED = 34;
const CANCELLED = 35;
const NEW = 31;
const JANE_FIXED = 'Backup of jane.doe@fabrikamlegal.com completed after re-authorising; ticket closed.';

const fix = (ticketId: number) => ({ kind: 'fix-backup', ticketId }) as const;
const markers = (sims: RunningSimulators, ticketId: number) =>
  ticketNotes(sims, ticketId).map(parseFixMarker).filter((m) => m !== null);
const successfulVendorWrites = (sims: RunningSimulators) =>
  sims.vendor.requests.entries.filter((e) => e.method === 'POST' && e.status < 300).map((e) => e.path.replace(/^\/api/, ''));

let sims: RunningSimulators;
let settings: SettingsService;

useConfiguredSimulators(async (env) => {
  ({ sims, settings } = env);
  await quickTasks(sims);
});

describe('fix and resume backup', () => {
  it('re-authorises and retries an authentication error, notes it and closes the ticket', async () => {
    const tech = technician(sims, settings);
    const call = tech.start(fix(FABRIKAM));
    expect(await call.done).toEqual({ ok: true, result: { message: JANE_FIXED } });

    expect(call.progress).toEqual([
      'Re-authorise the mailbox, then retry the backup.',
      'Re-authorising jane.doe@fabrikamlegal.com…',
      'Re-authorised jane.doe@fabrikamlegal.com',
      'Asking the vendor to back up jane.doe@fabrikamlegal.com…',
      'Backup queued',
      'Backup running',
      'Backup completed',
      'Noting the outcome on the ticket…',
      'Closing the ticket…',
    ]);
    expect(vendorWrites(sims)).toEqual(['/accounts/9201/reauthorize', '/accounts/9201/force_backup']);
    expect(ticketStatusId(sims, FABRIKAM)).toBe(CLOSED);
    expect(markers(sims, FABRIKAM)).toEqual([
      expect.objectContaining({ phase: 'started', by: 'jsmith' }),
      expect.objectContaining({ phase: 'finished', result: 'fixed', by: 'jsmith', taskIds: [expect.any(String), expect.any(String)] }),
    ]);
    const outcome = ticketNotes(sims, FABRIKAM).at(-1) ?? '';
    expect(outcome).toContain('Fix and resume backup for jane.doe@fabrikamlegal.com: fixed, the backup completed.');
    expect(outcome).toContain('Ticket closed.');
    expect(call.invalidated).toEqual(expect.arrayContaining(['ticket:123456', 'company:252']));
    expect(tech.keepAlives).toBeGreaterThan(0);
  });

  it('makes the ticket view stale once the fix is claimed, so a reloaded panel follows it instead of offering it again', async () => {
    // The fix stops at its first pause (after asking for the re-authorisation) and never goes on.
    const call = technician(sims, settings, { sleep: () => new Promise<void>(() => undefined) }).start(fix(FABRIKAM));
    await vi.waitFor(() => expect(vendorWrites(sims)).toEqual(['/accounts/9201/reauthorize']));
    expect(markers(sims, FABRIKAM).map((m) => m.phase)).toEqual(['started']);
    expect(call.invalidated).toEqual(['ticket:123456']);
  });

  it('says what was already done instead of doing it again', async () => {
    const tech = technician(sims, settings);
    await tech.run(fix(FABRIKAM));
    const again = await technician(sims, settings, { name: 'akumar' }).run(fix(FABRIKAM));
    expect(again).toEqual({ ok: true, result: { message: expect.stringMatching(/^Already done by jsmith: Fix and resume backup for jane\.doe@fabrikamlegal\.com: fixed/) } });
    expect(vendorWrites(sims)).toHaveLength(2);
    expect(markers(sims, FABRIKAM)).toHaveLength(2);
  });

  it('notes the vendor’s reason and leaves the ticket open when the retry fails', async () => {
    const settled = await technician(sims, settings).run(fix(TAILSPIN));
    expect(settled).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'fix-failed',
        message: 'Backup of ops@tailspintoys.com is still failing: timeout; a note was added and the ticket stays open.',
      }),
    });
    expect(vendorWrites(sims)).toEqual(['/accounts/9301/force_backup']);
    expect(ticketStatusId(sims, TAILSPIN)).toBe(NEW);
    const outcome = ticketNotes(sims, TAILSPIN).at(-1) ?? '';
    expect(outcome).toMatch(/^\[Backup Bridge\] fix finished result=failed/);
    expect(outcome).toContain('Vendor error: timeout');
    expect(outcome).toContain('Automatic attempts so far: 8 of 25.');
    expect(outcome).toContain('Ticket left open.');
  });

  it('cancels the ticket when the vendor has used all its attempts and the forced retry fails too', async () => {
    const settled = await technician(sims, settings).run(fix(ADATUM));
    expect(settled).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'fix-exhausted',
        message: 'Backup of archive@adatum.com failed again (Mailbox not found at source) and the vendor has no automatic attempts left; ticket cancelled (retries exhausted).',
      }),
    });
    expect(vendorWrites(sims)).toEqual(['/accounts/9401/force_backup']);
    expect(ticketStatusId(sims, ADATUM)).toBe(CANCELLED);
    expect(ticketNotes(sims, ADATUM).at(-1)).toMatch(/^\[Backup Bridge\] fix finished result=exhausted/);
  });

  it('closes the ticket of a mailbox that is healthy again without asking the vendor for anything', async () => {
    await simAdmin(sims, '/__sim/vendor/accounts/9201', { status: 'Completed' });
    const settled = await technician(sims, settings).run(fix(FABRIKAM));
    expect(settled).toEqual({
      ok: true,
      result: { message: 'The last backup of jane.doe@fabrikamlegal.com had already completed, so there was nothing to fix; ticket closed.' },
    });
    expect(vendorWrites(sims)).toEqual([]);
    expect(ticketStatusId(sims, FABRIKAM)).toBe(CLOSED);
    expect(markers(sims, FABRIKAM).at(-1)).toMatchObject({ phase: 'finished', result: 'already-healthy' });
  });

  it('refuses a ticket that is not a backup ticket', async () => {
    const settled = await technician(sims, settings).run(fix(123459));
    expect(settled).toMatchObject({ ok: false, error: { code: 'not-a-backup-ticket' } });
    expect(ticketNotes(sims, 123459).some((n) => n.startsWith('[Backup Bridge]'))).toBe(false);
  });
});

describe('fix and resume backup, never twice', () => {
  it('joins a double click to the running fix: one set of vendor writes, the same progress and result for both', async () => {
    const tech = technician(sims, settings);
    const first = tech.start(fix(FABRIKAM));
    const second = tech.start(fix(FABRIKAM));
    const [a, b] = await Promise.all([first.done, second.done]);
    expect(a).toEqual({ ok: true, result: { message: JANE_FIXED } });
    expect(b).toEqual(a);
    expect(vendorWrites(sims)).toEqual(['/accounts/9201/reauthorize', '/accounts/9201/force_backup']);
    expect(second.progress).toContain('Backup completed');
    expect(markers(sims, FABRIKAM).map((m) => m.phase)).toEqual(['started', 'finished']);
  });

  it('lets one of two technicians fix it while the other follows', async () => {
    const jsmith = technician(sims, settings, { name: 'jsmith' });
    const akumar = technician(sims, settings, { name: 'akumar' });
    const [a, b] = await Promise.all([jsmith.run(fix(FABRIKAM)), akumar.run(fix(FABRIKAM))]);

    expect(successfulVendorWrites(sims)).toEqual(['/accounts/9201/reauthorize', '/accounts/9201/force_backup']);
    const finished = markers(sims, FABRIKAM).filter((m) => m.phase === 'finished');
    expect(finished).toHaveLength(1);
    const winner = finished[0]?.by;
    const [own, followed] = winner === 'jsmith' ? [a, b] : [b, a];
    expect(own).toEqual({ ok: true, result: { message: JANE_FIXED } });
    expect(followed).toEqual({ ok: true, result: { message: expect.stringMatching(new RegExp(`^(Followed the fix by|Already done by) ${winner}: .*fixed`)) } });
    expect(ticketStatusId(sims, FABRIKAM)).toBe(CLOSED);
  });

  it('follows a fix whose worker died mid-task instead of starting another', async () => {
    // The first browser claims, asks for the re-authorisation, then never wakes up again.
    const gone = technician(sims, settings, { sleep: () => new Promise<void>(() => undefined) });
    void gone.run(fix(FABRIKAM));
    await vi.waitFor(() => expect(vendorWrites(sims)).toEqual(['/accounts/9201/reauthorize']));

    const reloaded = technician(sims, settings);
    const call = reloaded.start(fix(FABRIKAM));
    expect(await call.done).toEqual({
      ok: true,
      result: { message: expect.stringMatching(/^jsmith started this fix .*; it is still running, and Backup Bridge stopped following it after 3\.5 minutes/) },
    });
    expect(call.progress[0]).toMatch(/^jsmith started this fix .*; following it instead of starting another\.$/);
    expect(vendorWrites(sims)).toEqual(['/accounts/9201/reauthorize']);
    expect(markers(sims, FABRIKAM).map((m) => m.phase)).toEqual(['started']);
    expect(ticketStatusId(sims, FABRIKAM)).toBe(NEW);
  });

  it('judges a claim on ConnectWise’s clock: a browser an hour ahead still follows a fresh one', async () => {
    const gone = technician(sims, settings, { sleep: () => new Promise<void>(() => undefined) });
    void gone.run(fix(FABRIKAM));
    await vi.waitFor(() => expect(vendorWrites(sims)).toEqual(['/accounts/9201/reauthorize']));

    const ahead = technician(sims, settings, { clockSkewMs: 60 * MINUTE_MS });
    const call = ahead.start(fix(FABRIKAM));
    await call.done;
    expect(call.progress[0]).toMatch(/following it instead of starting another\.$/);
    expect(vendorWrites(sims)).toEqual(['/accounts/9201/reauthorize']);
  });

  it('starts again over a claim that went stale without an outcome', async () => {
    const tech = technician(sims, settings);
    const { client } = await tech.clients.manage();
    const at = new Date(sims.clock.now()).toISOString();
    await addTicketNote(client, FABRIKAM, formatFixMarker({ phase: 'started', claim: 'gone1', taskIds: [], by: 'akumar', at }));
    sims.clock.advance(16 * MINUTE_MS);

    expect(await tech.run(fix(FABRIKAM))).toEqual({ ok: true, result: { message: JANE_FIXED } });
    expect(ticketStatusId(sims, FABRIKAM)).toBe(CLOSED);
  });
});

describe('fix and resume backup, limits', () => {
  it('notes the outcome but says which permission is missing when the ticket cannot be closed', async () => {
    settings = await configure(sims, { member: 'limitedapi' });
    const settled = await technician(sims, settings).run(fix(FABRIKAM));
    expect(settled).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'forbidden',
        message: expect.stringMatching(/^Backup of jane\.doe@fabrikamlegal\.com completed after re-authorising; the note was added, but the ticket could not be closed: .*Close Service Tickets/),
        hint: expect.stringContaining('Security Roles'),
      }),
    });
    expect(markers(sims, FABRIKAM).at(-1)).toMatchObject({ phase: 'finished', result: 'fixed' });
    expect(ticketStatusId(sims, FABRIKAM)).toBe(NEW);
  });

  it('sends the technician to the vendor portal when the vendor’s API cannot re-authorise', async () => {
    await simAdmin(sims, '/__sim/vendor/capabilities', { reauthorize: false, force_backup: false });
    const settled = await technician(sims, settings).run(fix(FABRIKAM));
    expect(settled).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'vendor-unsupported',
        message: 'The vendor\'s API does not let this extension re-authorise. Open the vendor portal as this customer and do it there; '
          + 'a note was added and the ticket stays open.',
        hint: `Vendor portal: ${sims.vendorUrl}/`,
      }),
    });
    expect(successfulVendorWrites(sims)).toEqual([]);
    expect(markers(sims, FABRIKAM).at(-1)).toMatchObject({ phase: 'finished', result: 'cannot-fix' });
    expect(ticketStatusId(sims, FABRIKAM)).toBe(NEW);
  });

  it('stops watching honestly when the vendor is still at work, and a later fix finishes the job', async () => {
    await simAdmin(sims, '/__sim/vendor/settings', { taskQueuedMs: 60_000, taskRunningMs: 180_000 });
    const tech = technician(sims, settings);
    const first = await tech.run(fix(FABRIKAM));
    expect(first).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'fix-still-running',
        message: 'The vendor is still working on the backup of jane.doe@fabrikamlegal.com; Backup Bridge stopped watching after 3.5 minutes; a note was added and the ticket stays open.',
      }),
    });
    expect(vendorWrites(sims)).toEqual(['/accounts/9201/reauthorize']);
    expect(ticketNotes(sims, FABRIKAM).at(-1)).toContain('Backup Bridge stopped watching after 3.5 minutes');
    expect(ticketStatusId(sims, FABRIKAM)).toBe(NEW);

    sims.clock.advance(MINUTE_MS); // the re-authorisation lands
    await quickTasks(sims);
    expect(await tech.run(fix(FABRIKAM))).toEqual({
      ok: true, result: { message: 'Backup of jane.doe@fabrikamlegal.com completed after a retry; ticket closed.' },
    });
    expect(vendorWrites(sims)).toEqual(['/accounts/9201/reauthorize', '/accounts/9201/force_backup']);
  });

  it('watches a backup already under way without asking the vendor again', async () => {
    await simAdmin(sims, '/__sim/vendor/settings', { taskQueuedMs: 60_000, taskRunningMs: 300_000 });
    const tech = technician(sims, settings);
    expect(await tech.run(fix(TAILSPIN))).toMatchObject({ ok: false, error: { code: 'fix-still-running' } });

    const call = tech.start(fix(TAILSPIN));
    expect(await call.done).toMatchObject({ ok: false, error: { code: 'fix-failed', message: expect.stringContaining('still failing: timeout') } });
    expect(call.progress.slice(0, 2)).toEqual(['A backup is already under way; wait for it to finish.', 'Backup running']);
    expect(vendorWrites(sims)).toEqual(['/accounts/9301/force_backup']);
  });
});
