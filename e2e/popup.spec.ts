import { expect, test } from './fixtures';
import { TicketPanel } from './pages/panels';
import { PopupPage } from './pages/popup';
import { ORGS } from './sim/world';
import { keepScreenshot } from './support/screenshots';

/**
 * The popup's states with both services up. Its red states (vendor down, Manage down) are in
 * faults.spec.ts, next to the panels in the same outage.
 */

test('not set up: it says so, and Open set-up opens the set-up page', async ({ openExtensionPage }, testInfo) => {
  const popup = await PopupPage.open(openExtensionPage);
  await expect(popup.body).toContainText(
    'Backup Bridge is not set up yet. Connect ConnectWise Manage and your backup vendor to see backup health here.',
  );
  await expect(popup.connection('ConnectWise Manage')).toContainText('ConnectWise Manage: not configured');
  await expect(popup.connection('Backup vendor')).toContainText('Backup vendor: not configured');
  await keepScreenshot(popup.body, testInfo, 'popup-not-configured');

  const options = await popup.opensTab(() => popup.page.getByRole('button', { name: 'Open set-up' }).click());
  await expect(options).toHaveURL(/\/options\.html$/);
  await expect(options.getByRole('heading', { name: '1. ConnectWise Manage' })).toBeVisible();
});

test('set up: both connections, the counts of the seeded world, and each row opens its Manage screen', async ({ configure, openExtensionPage, sims }, testInfo) => {
  await configure();
  const popup = await PopupPage.open(openExtensionPage);
  await expect(popup.connection('ConnectWise Manage')).toHaveText('ConnectWise Manage: connected');
  await expect(popup.connection('Backup vendor')).toHaveText('Backup vendor: connected');
  await expect(popup.lastRefresh).toHaveText(/^Last refresh \d\d:\d\d \(just now\)$/);

  // Every organisation with a ConnectWise company is linked (Woodgrove is the unlinked one).
  const linked = ORGS.filter((org) => org.cwCompanyId !== null);
  await expect(popup.count(`${linked.length} linked tenants`)).toBeVisible();
  await expect(await popup.expand(`${linked.length} linked tenants`)).toHaveCount(linked.length);
  await expect(await popup.expand('2 agreements with seat drift')).toHaveText([
    'Café Zürich GmbH Café Zürich GmbH: billed —, should be 4',
    'Contoso Dental Group Contoso Dental Group: billed 18, should be 25',
  ]);
  // Failing, not still retrying on its own: Contoso's throttled mailbox is not counted.
  await expect(await popup.expand('3 failing mailboxes')).toHaveText([
    'jane.doe@fabrikamlegal.com Authentication Error · Fabrikam Legal LLP',
    'ops@tailspintoys.com Retrying · Tailspin Toys',
    'archive@adatum.com Failed · Adatum Accounting',
  ]);
  const tickets = await popup.expand('3 open backup tickets');
  await expect(tickets).toHaveText([
    /^#123456 Dropsuite backup error: jane\.doe@fabrikamlegal\.com/,
    /^#123457 Dropsuite backup error: ops@tailspintoys\.com/,
    /^#123458 Dropsuite backup error: archive@adatum\.com/,
  ]);
  await popup.count('linked tenants').locator('summary').click(); // closed again: a screenshot of what matters
  await keepScreenshot(popup.body, testInfo, 'popup', { readme: true });

  // The failing mailbox with a ticket opens that ticket's screen.
  const manage = await popup.opensTab(() => popup.page.getByRole('link', { name: 'jane.doe@fabrikamlegal.com' }).click());
  expect(manage.url().startsWith(sims.manageUrl)).toBe(true);
  const ticket = new TicketPanel(manage);
  await expect(ticket.host).toHaveAttribute('data-record-id', '123456');
  await ticket.expectState('ready');
});
