import { expect, test } from './fixtures';
import { CompanyPanel, TicketPanel } from './pages/panels';
import { keepScreenshot } from './support/screenshots';
import { dayOf } from './support/dates';
import { manageWrites } from './support/sim-state';

/** The Company panel against the seeded scenarios of e2e/sim/world.ts. */

test.beforeEach(async ({ configure }) => {
  await configure();
});

test('a healthy tenant: plan, state, seats in sync, mailboxes, 14 days of backups, no open backup tickets', async ({ page, sims }, testInfo) => {
  const panel = await new CompanyPanel(page).show(sims, 250);
  const blueLight = panel.tenant('Blue Light, Co.');
  await expect(blueLight.getByRole('heading')).toHaveText('Blue Light, Co. · Business Backup Active Backups healthy');
  await expect(panel.seats('Blue Light, Co.')).toHaveText(/^Seats 12 bought · 12 used · 12 billed on .+ In sync$/);
  await expect(blueLight.getByRole('button', { name: 'Update agreement' })).toHaveCount(0);
  await expect(panel.mailboxRows('Blue Light, Co.')).toHaveCount(5);
  await expect(panel.mailboxRows('Blue Light, Co.').filter({ hasText: 'gordon.packard@bluelight.com' })).toContainText('Completed');
  await expect(panel.chart('Blue Light, Co.')).toHaveAccessibleName('No failed backups in the last 14 days.');
  await expect(panel.chart('Blue Light, Co.').getByRole('rowgroup').nth(1).getByRole('row')).toHaveCount(14);
  await expect(panel.host.getByText('No open backup tickets.')).toBeVisible();
  await keepScreenshot(panel.host, testInfo, 'company-healthy', { readme: true });

  await blueLight.getByRole('button', { name: 'Show all 12 mailboxes' }).click();
  await expect(panel.mailboxRows('Blue Light, Co.')).toHaveCount(12);
});

test('opens the vendor portal signed in as the customer, in a new tab', async ({ page, sims, context }) => {
  const panel = await new CompanyPanel(page).show(sims, 250);
  const [portal] = await Promise.all([
    context.waitForEvent('page'),
    panel.tenant('Blue Light, Co.').getByRole('button', { name: 'Open the vendor portal as this customer' }).click(),
  ]);
  await expect(portal).toHaveURL(new RegExp(`^${sims.vendorUrl}/portal/impersonate\\?`));
  await expect(portal.getByText('You are currently impersonating as gordon.packard@bluelight.com')).toBeVisible();
  await expect(panel.host.getByText('Opened the vendor portal as this customer in a new tab (the link works once).')).toBeVisible();
});

test('seat drift: the confirmation gives the effective date, Escape cancels without a write, and confirming bills what the vendor counts', async ({ page, sims }, testInfo) => {
  const panel = await new CompanyPanel(page).show(sims, 251);
  await expect(panel.seats('Contoso Dental Group')).toHaveText('Seats 25 bought · 23 used · 18 billed on Email Backup Under-billed by 7');
  const question = 'Change the quantity on Email Backup from 18 to 25?';

  // A change of quantity bills from today.
  let confirmation = await panel.startAgreementUpdate('Contoso Dental Group', question);
  await expect(confirmation).toContainText(`Effective ${dayOf(sims.clock.now())}.`);
  await keepScreenshot(panel.host, testInfo, 'company-drift-confirm', { readme: true });
  await page.keyboard.press('Escape');
  await expect(confirmation).toBeHidden();
  await expect(panel.tenant('Contoso Dental Group').getByRole('button', { name: 'Update agreement' })).toBeFocused();
  expect(manageWrites(sims), 'nothing written to ConnectWise').toEqual([]);

  confirmation = await panel.startAgreementUpdate('Contoso Dental Group', question);
  await confirmation.getByRole('button', { name: 'Set 25 seats' }).click();
  await expect(panel.tenant('Contoso Dental Group')).toContainText('“Email Backup” now bills 25 seats for Contoso Dental Group (was 18)');
  const addition = sims.manage.store.list('finance/agreements/19070/additions').find((a) => a.serialNumber === 'uswest.19771');
  expect(addition).toMatchObject({ quantity: 25 });
  await expect(panel.seats('Contoso Dental Group')).toHaveText('Seats 25 bought · 23 used · 25 billed on Email Backup In sync');
  await expect(panel.tenant('Contoso Dental Group').getByRole('button', { name: 'Update agreement' })).toHaveCount(0);
});

test('failing mailboxes come first with their error and last good backup; an open backup ticket leads to its ticket panel', async ({ page, sims, context }, testInfo) => {
  const panel = await new CompanyPanel(page).show(sims, 252);
  const fabrikam = panel.tenant('Fabrikam Legal LLP');
  await expect(fabrikam.getByRole('heading')).toHaveText('Fabrikam Legal LLP · Business Archive Active Backups failing');
  await expect(fabrikam.getByText('Why: a mailbox needs re-authorising.')).toBeVisible();
  const first = panel.mailboxRows('Fabrikam Legal LLP').first();
  await expect(first.getByRole('cell')).toHaveText([
    'Jane Doe jane.doe@fabrikamlegal.com',
    'Authentication Error',
    '2 days ago',
    'AADSTS700082: The refresh token has expired due to inactivity.',
  ]);
  await expect(panel.mailboxRows('Fabrikam Legal LLP').nth(1)).toContainText('Completed');
  await expect(panel.chart('Fabrikam Legal LLP')).toHaveAccessibleName('Failed backups on 3 days of the last 14.');
  await expect(panel.ticketLinks).toHaveText(['#123456']);
  await expect(panel.host.getByRole('listitem').filter({ hasText: '#123456' })).toHaveText(
    '#123456 Dropsuite backup error: jane.doe@fabrikamlegal.com (Authentication Error) (New)',
  );
  await keepScreenshot(panel.host, testInfo, 'company-auth-error');

  // The link opens the ticket in a new tab, so the company screen stays.
  const [tab] = await Promise.all([context.waitForEvent('page'), panel.ticketLinks.first().click()]);
  const ticket = new TicketPanel(tab);
  await expect(ticket.host).toHaveAttribute('data-record-id', '123456');
  await ticket.expectState('ready');
  await expect(ticket.fact('Mailbox')).toContainText('jane.doe@fabrikamlegal.com');
});

test('links an unlinked company to the suggested tenant, in ConnectWise where a second technician sees it, and unlinks it', async ({ page, sims, anotherTechnician }, testInfo) => {
  const panel = await new CompanyPanel(page).show(sims, 255);
  await expect(panel.host.getByText('No backup tenant is linked to Woodgrove Bakery.')).toBeVisible();
  const suggestions = await panel.openLinker('Woodgrove Bakery');
  const woodgrove = suggestions.getByRole('listitem').filter({ hasText: 'Woodgrove Bakery Ltd' });
  await expect(woodgrove).toContainText('woodgrovebakery.com — same mail domain, admin address at this company, same name');
  await keepScreenshot(panel.host, testInfo, 'company-unlinked-suggestions', { readme: true });

  await panel.link('Woodgrove Bakery Ltd', 'Woodgrove Bakery');
  await expect(panel.host.getByText(/^Linked Woodgrove Bakery Ltd \(Dropsuite organisation 20412\) to Woodgrove Bakery/)).toBeVisible();
  await expect(panel.tenant('Woodgrove Bakery Ltd').getByRole('heading')).toContainText('Active');
  await expect(panel.seats('Woodgrove Bakery Ltd')).toContainText('4 bought · 4 used');
  const links = () => sims.manage.store.list('company/configurations').filter((c) => c.name === 'uswest.tenant.20412');
  expect(links()).toEqual([expect.objectContaining({ company: expect.objectContaining({ id: 255 }), serialNumber: 'uswest.20412', activeFlag: true })]);
  await keepScreenshot(panel.host, testInfo, 'company-linked');

  // Another technician's browser finds the link in ConnectWise.
  const colleague = new CompanyPanel(await anotherTechnician.context.newPage());
  await colleague.show(sims, 255);
  await expect(colleague.tenant('Woodgrove Bakery Ltd')).toBeVisible();

  await panel.unlink('Woodgrove Bakery Ltd', 'Woodgrove Bakery');
  await expect(panel.host.getByText('No backup tenant is linked to Woodgrove Bakery.')).toBeVisible();
  expect(links()).toEqual([expect.objectContaining({ activeFlag: false })]);
  // The colleague's panel is served from its cache until it refreshes.
  await colleague.refreshButton.click();
  await expect(colleague.host.getByText('No backup tenant is linked to Woodgrove Bakery.')).toBeVisible();
});

test('explains an unsubscribed tenant (days left before the purge) and a suspended one', async ({ page, sims }, testInfo) => {
  const panel = await new CompanyPanel(page).show(sims, 256);
  const litware = panel.tenant('Litware Architects');
  await expect(litware.getByRole('heading')).toHaveText('Litware Architects · Business Backup Unsubscribed Backup health unknown');
  await expect(litware).toContainText('Unsubscribed 10 days ago — purged in 35 days unless reactivated in the vendor portal. Backups have stopped.');
  await expect(panel.seats('Litware Architects')).toContainText('Addition cancelled');
  await expect(litware.getByText('Its mailboxes are not backed up while it is unsubscribed.')).toBeVisible();
  await expect(litware.getByRole('button', { name: 'Open the vendor portal as this customer' })).toBeDisabled();
  await expect(litware).toContainText('The vendor does not offer signing in as this customer.');
  await keepScreenshot(panel.host, testInfo, 'company-unsubscribed');

  await panel.show(sims, 257);
  const proseware = panel.tenant('Proseware Clinic');
  await expect(proseware.getByRole('heading')).toHaveText('Proseware Clinic · Business Backup Suspended Backups healthy');
  await expect(proseware).toContainText(/Suspended.*: users cannot sign in to the vendor portal; backups and billing continue\./);
  await expect(panel.seats('Proseware Clinic')).toContainText('7 billed on Agreement #19100 In sync');
  await expect(proseware.getByRole('button', { name: 'Open the vendor portal as this customer' })).toBeEnabled();
  await keepScreenshot(panel.host, testInfo, 'company-suspended');
});

test('a tenant with 1,000 mailboxes: a short list, more on request, the rest in the vendor portal', async ({ page, sims, context }, testInfo) => {
  const panel = await new CompanyPanel(page).show(sims, 260);
  const trey = panel.tenant('Trey Research');
  await expect(panel.seats('Trey Research')).toContainText('1,000 bought · 1,000 used · 1,000 billed');
  await expect(panel.mailboxRows('Trey Research')).toHaveCount(5);
  await keepScreenshot(panel.host, testInfo, 'company-1000-mailboxes');

  await trey.getByRole('button', { name: 'Show all 1,000 mailboxes' }).click();
  await expect(panel.mailboxRows('Trey Research')).toHaveCount(25);
  await expect(trey).toContainText('25 of 1,000 listed; every mailbox with a problem is included.');
  const [portal] = await Promise.all([
    context.waitForEvent('page'),
    trey.getByRole('button', { name: 'See all 1,000 in the vendor portal' }).click(),
  ]);
  await expect(portal.getByText('You are currently impersonating as it@treyresearch.net')).toBeVisible();
});

test('a collapsed panel stays collapsed after a reload', async ({ page, sims }, testInfo) => {
  const panel = await new CompanyPanel(page).show(sims, 250);
  await expect(panel.toggle).toHaveAttribute('aria-expanded', 'true');
  await panel.toggle.click();
  await expect(panel.toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(panel.tenant('Blue Light, Co.')).toBeHidden();

  await page.reload();
  await panel.expectState('ready');
  await expect(panel.toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(panel.tenant('Blue Light, Co.')).toBeHidden();
  await keepScreenshot(panel.host, testInfo, 'company-collapsed');

  await panel.toggle.press('Enter');
  await expect(panel.tenant('Blue Light, Co.')).toBeVisible();
});
