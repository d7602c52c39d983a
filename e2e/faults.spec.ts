import { demoSettingsDocument } from './sim/demo-settings';
import { API_KEYS } from './sim/world';
import { expect, test } from './fixtures';
import { CompanyPanel } from './pages/panels';
import { PopupPage } from './pages/popup';
import { keepScreenshot } from './support/screenshots';

/**
 * Outages and refusals: what the panels and the popup say when an API is down, refuses the keys,
 * or rate-limits. Each outage is watched on a panel and the popup at once, since both wait out
 * the same retries.
 */

/**
 * The clients retry an API that answers 503, backing off from 0.5 s to 8 s, before they report
 * it: the vendor's 5 retries take about 16 s, ConnectWise's 6 about 24 s (lib/vendor/dropsuite
 * transport.ts, lib/connectwise client.ts). Only these tests wait that long.
 */
const OUTAGE_REPORTED_WITHIN_MS = 40_000;
test.describe.configure({ timeout: 75_000 });

test.beforeEach(async ({ configure }) => {
  await configure();
});

test('the vendor down: the company panel keeps ConnectWise’s side with the vendor’s error; the popup turns the vendor red with a Fix link', async ({ page, sims, openExtensionPage }, testInfo) => {
  sims.vendor.faults.set({ down: true });
  const panel = new CompanyPanel(page);
  await panel.open(sims, 252);
  const popup = await PopupPage.open(openExtensionPage);

  await panel.expectState('ready', { timeout: OUTAGE_REPORTED_WITHIN_MS });
  await expect(panel.alerts.first()).toContainText('Backup vendor: The vendor\'s API is temporarily unavailable (HTTP 503)');
  await expect(panel.alerts.first()).toContainText('The vendor is down or overloaded; try again in a few minutes.');
  // ConnectWise's side: the linked tenant, what its agreement bills, the open backup ticket.
  const tenant = panel.host.getByRole('region', { name: /^Organisation / });
  await expect(tenant.getByRole('paragraph').filter({ hasText: /^Seats/ })).toHaveText(/— bought · — used · 8 billed on Agreement #19075 Cannot compare/);
  await expect(panel.ticketLinks).toHaveText(['#123456']);
  // …and nothing it could not read is passed off as healthy.
  await expect(tenant.getByRole('heading')).toContainText('Backup health unknown');
  await expect(tenant).not.toContainText('The vendor reports the state');
  await expect(tenant.getByText('The vendor’s mailbox list could not be read.')).toBeVisible();
  await expect(tenant.getByRole('figure')).toHaveCount(0);
  await keepScreenshot(panel.host, testInfo, 'company-vendor-down');

  await expect(popup.connection('Backup vendor')).toContainText('Backup vendor: not working', { timeout: OUTAGE_REPORTED_WITHIN_MS });
  await expect(popup.connection('Backup vendor')).toContainText('The vendor\'s API is temporarily unavailable (HTTP 503)');
  await expect(popup.connection('ConnectWise Manage')).toHaveText('ConnectWise Manage: connected');
  await expect(popup.body.getByText('Failing mailboxes: unknown until the connection above works again')).toBeVisible();
  await keepScreenshot(popup.body, testInfo, 'popup-vendor-down');
  const setup = await popup.opensTab(() => popup.connection('Backup vendor').getByRole('button', { name: 'Fix' }).click());
  await expect(setup).toHaveURL(/\/options\.html#vendor$/);
  await expect(setup.getByRole('heading', { name: '2. Backup vendor' })).toBeVisible();
});

test('ConnectWise down: a panel with nothing cached is unavailable, a cached one stays with the error; the popup turns Manage red', async ({ page, context, sims, openExtensionPage }, testInfo) => {
  const cached = new CompanyPanel(page);
  await cached.show(sims, 250);
  sims.manage.faults.set({ down: true });

  await cached.refreshButton.click();
  const uncached = new CompanyPanel(await context.newPage());
  await uncached.open(sims, 251);
  const popup = await PopupPage.open(openExtensionPage);
  await popup.refresh();

  await uncached.expectState('unavailable', { timeout: OUTAGE_REPORTED_WITHIN_MS });
  await expect(uncached.alerts).toContainText(/^ConnectWise had a server problem \(HTTP 503\) while answering GET /);
  await expect(uncached.alerts).toContainText('This is usually temporary; try again in a few minutes.');
  await keepScreenshot(uncached.host, testInfo, 'company-manage-down');

  await expect(cached.alerts).toContainText(/^ConnectWise: ConnectWise had a server problem \(HTTP 503\)/, { timeout: OUTAGE_REPORTED_WITHIN_MS });
  await expect(cached.tenant('Blue Light, Co.')).toBeVisible();
  await expect(cached.seats('Blue Light, Co.')).toContainText('12 billed');
  await keepScreenshot(cached.host, testInfo, 'company-manage-down-cached');

  await expect(popup.connection('ConnectWise Manage')).toContainText('ConnectWise Manage: not working', { timeout: OUTAGE_REPORTED_WITHIN_MS });
  await expect(popup.connection('ConnectWise Manage')).toContainText('ConnectWise had a server problem (HTTP 503)');
  await keepScreenshot(popup.body, testInfo, 'popup-manage-down');
  const setup = await popup.opensTab(() => popup.connection('ConnectWise Manage').getByRole('button', { name: 'Fix' }).click());
  await expect(setup).toHaveURL(/\/options\.html#manage$/);
});

test('keys ConnectWise rejects: the panel says so and how to fix it, with the way to set-up', async ({ page, sims, configure, context }, testInfo) => {
  const revoked = API_KEYS.find((key) => key.state === 'revoked')!;
  await configure({ manage: { ...demoSettingsDocument(sims).manage, publicKey: revoked.publicKey, privateKey: revoked.privateKey } });
  const panel = new CompanyPanel(page);
  await panel.open(sims, 250);
  await panel.expectState('unavailable');
  await expect(panel.alerts).toContainText(
    'ConnectWise rejected the API keys — check the public and private key of the API member (System → Members → API Members → API Keys).',
  );
  await expect(panel.alerts).toContainText('The keys must belong to company “northwind”; a deleted or regenerated key stops working at once.');
  await keepScreenshot(panel.host, testInfo, 'company-keys-rejected');

  const [setup] = await Promise.all([context.waitForEvent('page'), panel.button('Open set-up').click()]);
  await expect(setup).toHaveURL(/\/options\.html/);
});

test('a 429 storm with Retry-After: the panel still loads, each refused request sent again after the wait', async ({ page, sims }, testInfo) => {
  sims.manage.faults.set({ rateLimitStorm: 3, retryAfterSeconds: 1 });
  sims.vendor.faults.set({ rateLimitStorm: 3, retryAfterSeconds: 1 });
  const panel = await new CompanyPanel(page).show(sims, 250);
  await expect(panel.seats('Blue Light, Co.')).toContainText('12 bought · 12 used · 12 billed');
  await expect(panel.mailboxRows('Blue Light, Co.')).toHaveCount(5);
  await expect(panel.alerts).toHaveCount(0);
  await keepScreenshot(panel.host, testInfo, 'company-after-rate-limits');

  // Every request refused with 429 was answered on a later try.
  const path = (p: string) => p.split('?')[0];
  const manage = sims.manage.requests.list();
  const manageLimited = manage.filter((r) => r.status === 429);
  expect(manageLimited).toHaveLength(3);
  for (const refused of manageLimited) {
    expect(manage.some((r) => r.seq > refused.seq && r.status === 200 && path(r.path) === path(refused.path)), refused.path).toBe(true);
  }
  const vendor = sims.vendor.requests.entries;
  const vendorLimited = vendor.filter((e) => e.status === 429);
  expect(vendorLimited).toHaveLength(3);
  for (const refused of vendorLimited) {
    expect(vendor.slice(vendor.indexOf(refused)).some((e) => e.status === 200 && e.path === refused.path), refused.path).toBe(true);
  }
});
