import { expect, test } from './fixtures';
import { TicketPanel } from './pages/panels';
import type { RunningSimulators } from './sim/server';
import { keepScreenshot } from './support/screenshots';
import { fixMarkers, reseedBehindRealTime, ticketNotes, ticketState, vendorWrites } from './support/sim-state';
import { nameTechnician } from './support/technicians';
import { escapeRegExp } from './support/text';

/** The Ticket panel and "Fix and resume backup" against the seeded backup tickets. */

const FABRIKAM = 123456; // jane.doe@fabrikamlegal.com, Authentication Error: a re-authorisation fixes it
const TAILSPIN = 123457; // ops@tailspintoys.com, Retrying 7 of 25: every retry fails
const ADATUM = 123458; // archive@adatum.com, Failed 25 of 25: retries exhausted
const PRINTER = 123459; // "Printer offline": not a backup ticket
const STATUS = { new: { id: 31, name: 'New' }, closed: { id: 34, name: 'Closed' }, cancelled: { id: 35, name: 'Cancelled' } };

const JANE_FIXED = 'Backup of jane.doe@fabrikamlegal.com completed after re-authorising; ticket closed.';
const FIXED_BY_REAUTHORISING = ['/accounts/9201/reauthorize', '/accounts/9201/force_backup'];

/**
 * A fix asks the vendor every 5 s of real time (lib/services/actions/pacing.ts) while the vendor's
 * tasks run on the simulated clock. One real second per simulated minute finishes a task
 * (3 sim-minutes) by the fix's next look, yet keeps the vendor's own automatic retry (30
 * sim-minutes after a re-authorisation) from overtaking the fix's retry.
 */
const SIM_MINUTES_PER_SECOND = 60;
/**
 * The simulated clock starts this far behind the browser's, so the minutes a fix runs it ahead
 * leave the vendor's times in the past ("completed just now", not "in 7 min"). It must stay well
 * under the 15 minutes after which a claim note counts as abandoned (lib/domain/idempotency.ts):
 * ConnectWise dates the claim on the simulated clock, the browser judges it on its own.
 */
const SIM_CLOCK_BEHIND_MS = 8 * 60_000;
/** Re-authorise and retry: three looks at the vendor, then the notes and the status. */
const FIX_TIMEOUT = 30_000;

test.beforeEach(async ({ configure }) => {
  await configure();
});

test('an ordinary ticket: not a backup ticket, nothing to fix', async ({ page, sims }, testInfo) => {
  const panel = await new TicketPanel(page).show(sims, PRINTER);
  await expect(panel.host.getByText('Not a backup ticket.')).toBeVisible();
  await expect(panel.fixButton).toHaveCount(0);
  await expect(panel.alerts).toHaveCount(0);
  await keepScreenshot(panel.host, testInfo, 'ticket-not-backup');
});

test.describe('fix and resume backup', () => {
  test.describe.configure({ timeout: 60_000 });

  test.beforeEach(({ sims }) => {
    reseedBehindRealTime(sims, SIM_CLOCK_BEHIND_MS);
  });

  /** Lets the vendor's tasks run while the fix watches them. */
  const runVendorClock = (sims: RunningSimulators) => sims.clock.setRate(SIM_MINUTES_PER_SECOND);

  test('an authentication error: re-authorise and retry, progress read out, then a note and the ticket closed', async ({ page, sims }, testInfo) => {
    const panel = await new TicketPanel(page).show(sims, FABRIKAM);
    await expect(panel.fact('Mailbox')).toHaveText('jane.doe@fabrikamlegal.com Authentication Error');
    await expect(panel.fact('Action')).toHaveText('backup · Fabrikam Legal LLP');
    await expect(panel.fact('Vendor error')).toHaveText('AADSTS700082: The refresh token has expired due to inactivity.');
    await expect(panel.fact('Last good backup')).toHaveText('2 days ago');
    await expect(panel.fact('Attempts')).toHaveText('3 of 25');
    // A time past midnight carries its date ("Nov 23, 2026 00:10"): the window ends about 12 hours on.
    const at = String.raw`(?:[A-Z][a-z]{2} \d{1,2}, \d{4} )?\d\d:\d\d`;
    await expect(panel.fact('Retry window')).toHaveText(
      new RegExp(String.raw`^next automatic attempt at ${at} \(in \d+ min\); window ends ${at} \(in \d+ hours\)$`),
    );
    await expect(panel.host.getByText('Fix will: Re-authorise the mailbox, then retry the backup.')).toBeVisible();
    await keepScreenshot(panel.host, testInfo, 'ticket-auth-error');

    runVendorClock(sims);
    await panel.fixButton.click();
    await expect(panel.button('Fixing…')).toHaveAttribute('aria-disabled', 'true');
    await expect(panel.progressLines.filter({ hasText: 'Re-authorised jane.doe@fabrikamlegal.com' })).toBeVisible({ timeout: FIX_TIMEOUT });
    await keepScreenshot(panel.host, testInfo, 'ticket-fix-in-progress', { readme: true });

    await expect(panel.progress).toContainText(JANE_FIXED, { timeout: FIX_TIMEOUT });
    await expect(panel.progressLines).toContainText([
      'Re-authorising jane.doe@fabrikamlegal.com…',
      'Re-authorised jane.doe@fabrikamlegal.com',
      'Asking the vendor to back up jane.doe@fabrikamlegal.com…',
      'Backup completed',
      'Noting the outcome on the ticket…',
      'Closing the ticket…',
    ]);
    sims.clock.setRate(0);

    expect(ticketState(sims, FABRIKAM)).toEqual({ status: STATUS.closed, closed: true });
    const outcome = ticketNotes(sims, FABRIKAM).at(-1);
    expect(outcome).toContain('Fix and resume backup for jane.doe@fabrikamlegal.com: fixed, the backup completed.');
    expect(outcome).toContain('Ticket closed.');
    expect(vendorWrites(sims)).toEqual(FIXED_BY_REAUTHORISING);
    // The panel shows the ticket as ConnectWise and the vendor now have it.
    await expect(panel.host.getByText('This ticket is closed (Closed).')).toBeVisible();
    await expect(panel.fact('Mailbox')).toHaveText('jane.doe@fabrikamlegal.com Completed');
    await expect(panel.fixButton).toHaveCount(0);
    await keepScreenshot(panel.host, testInfo, 'ticket-fixed', { readme: true });
  });

  test('a retry that fails: the vendor’s reason, a note, and the ticket stays open', async ({ page, sims }, testInfo) => {
    const panel = await new TicketPanel(page).show(sims, TAILSPIN);
    await expect(panel.fact('Attempts')).toHaveText('7 of 25');
    await expect(panel.host.getByText('Fix will: Retry the backup.')).toBeVisible();

    runVendorClock(sims);
    await panel.fixButton.click();
    const failure = panel.progress.getByRole('alert');
    await expect(failure).toContainText(
      'Backup of ops@tailspintoys.com is still failing: timeout; a note was added and the ticket stays open.',
      { timeout: FIX_TIMEOUT },
    );
    await expect(failure).toContainText('Check the mailbox in the vendor portal, or try again later.');
    sims.clock.setRate(0);
    await keepScreenshot(panel.host, testInfo, 'ticket-retry-failed');

    expect(ticketState(sims, TAILSPIN)).toEqual({ status: STATUS.new, closed: false });
    const note = ticketNotes(sims, TAILSPIN).at(-1);
    expect(note).toContain('Fix and resume backup for ops@tailspintoys.com: not fixed.');
    expect(note).toContain('Vendor error: timeout');
    expect(note).toContain('Ticket left open.');
    expect(vendorWrites(sims)).toEqual(['/accounts/9301/force_backup']);
    // A failed fix does not end the matter: it can be tried again.
    await expect(panel.fixButton).toBeVisible();
  });

  test('retries exhausted: the last retry fails too, and the ticket is cancelled with a note', async ({ page, sims }, testInfo) => {
    const panel = await new TicketPanel(page).show(sims, ADATUM);
    await expect(panel.fact('Attempts')).toHaveText('25 of 25 — the vendor has stopped retrying');

    runVendorClock(sims);
    await panel.fixButton.click();
    await expect(panel.progress.getByRole('alert')).toContainText(
      'Backup of archive@adatum.com failed again (Mailbox not found at source) and the vendor has no automatic attempts left; ticket cancelled (retries exhausted).',
      { timeout: FIX_TIMEOUT },
    );
    sims.clock.setRate(0);

    expect(ticketState(sims, ADATUM)).toEqual({ status: STATUS.cancelled, closed: true });
    expect(ticketNotes(sims, ADATUM).at(-1)).toContain('Ticket cancelled (retries exhausted).');
    await expect(panel.host.getByText('This ticket is closed (Cancelled).')).toBeVisible();
    await keepScreenshot(panel.host, testInfo, 'ticket-exhausted');
  });

  test('a double click starts one fix: one re-authorisation and one retry at the vendor', async ({ page, sims }) => {
    const panel = await new TicketPanel(page).show(sims, FABRIKAM);
    runVendorClock(sims);
    await panel.fixButton.dblclick();
    await expect(panel.progress).toContainText(JANE_FIXED, { timeout: FIX_TIMEOUT });

    expect(vendorWrites(sims)).toEqual(FIXED_BY_REAUTHORISING);
    expect(fixMarkers(sims, FABRIKAM)).toEqual(['started', 'finished']);
  });

  test('a reload mid-fix: the panel follows the fix under way, and nothing is done twice', async ({ page, sims, context, extensionId }, testInfo) => {
    await nameTechnician({ context, extensionId }, 'Asha Kumar');
    const panel = await new TicketPanel(page).show(sims, FABRIKAM);
    runVendorClock(sims);
    await panel.fixButton.click();
    await expect(panel.progressLines.filter({ hasText: 'Re-authorising jane.doe@fabrikamlegal.com…' })).toBeVisible({ timeout: FIX_TIMEOUT });

    await page.reload();
    await expect(panel.host.getByText(/^Started by Asha Kumar at \d\d:\d\d — following it\.$/)).toBeVisible();
    await expect(panel.fixButton).toHaveCount(0);
    await keepScreenshot(panel.host, testInfo, 'ticket-following-after-reload');

    await expect(panel.host.getByText(/^Last fix, by Asha Kumar at \d\d:\d\d: Fixed: the backup completed and the ticket was closed\.$/))
      .toBeVisible({ timeout: FIX_TIMEOUT });
    await expect(panel.host.getByText('This ticket is closed (Closed).')).toBeVisible();
    expect(vendorWrites(sims)).toEqual(FIXED_BY_REAUTHORISING);
    expect(fixMarkers(sims, FABRIKAM)).toEqual(['started', 'finished']);
    expect(ticketState(sims, FABRIKAM)).toEqual({ status: STATUS.closed, closed: true });
  });

  test('two technicians press Fix at once: one set of vendor writes, and both panels end with the outcome', async ({ page, sims, context, extensionId, anotherTechnician }, testInfo) => {
    await nameTechnician({ context, extensionId }, 'Asha Kumar');
    await nameTechnician(anotherTechnician, 'Maria Lopez');
    const asha = await new TicketPanel(page).show(sims, FABRIKAM);
    const maria = await new TicketPanel(await anotherTechnician.context.newPage()).show(sims, FABRIKAM);

    runVendorClock(sims);
    await Promise.all([asha.fixButton.click(), maria.fixButton.click()]);
    // One of them fixes it; the other follows that fix (or, if it ended first, reads its outcome).
    const fixed = new RegExp(`${escapeRegExp(JANE_FIXED)}|(Followed the fix by|Already done by) (Asha Kumar|Maria Lopez): .*: fixed`);
    for (const panel of [asha, maria]) await expect(panel.progress).toContainText(fixed, { timeout: FIX_TIMEOUT });
    sims.clock.setRate(0);

    const outcomes = await Promise.all([asha, maria].map((panel) => panel.progress.innerText()));
    expect(outcomes.filter((text) => text.includes(JANE_FIXED)), 'exactly one technician ran the fix').toHaveLength(1);
    const [winner, follower] = outcomes[0]!.includes(JANE_FIXED) ? ['Asha Kumar', maria] : ['Maria Lopez', asha];
    await expect(follower.progress).toContainText(`by ${winner}:`);
    await keepScreenshot(follower.host, testInfo, 'ticket-two-technicians-follower');

    expect(vendorWrites(sims)).toEqual(FIXED_BY_REAUTHORISING);
    expect(fixMarkers(sims, FABRIKAM).filter((phase) => phase === 'finished')).toHaveLength(1);
    expect(ticketState(sims, FABRIKAM)).toEqual({ status: STATUS.closed, closed: true });
  });
});
