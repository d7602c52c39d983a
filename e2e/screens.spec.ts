import type { ScreenTarget, UrlForm } from './sim/screens/routes';
import { openManageScreen, panelHost, panelHosts, panelState } from './pages/manage';
import { expect, test } from './fixtures';

test.beforeEach(async ({ configure }) => {
  await configure();
});

const cases: Array<[string, ScreenTarget, UrlForm, Record<string, string>?]> = [
  ['company via routeTo', { screen: 'company', id: 250 }, 'routeTo'],
  ['company via openrecord', { screen: 'company', id: 251 }, 'openrecord'],
  ['company via compressed hash', { screen: 'company', id: 252 }, 'hash'],
  ['agreement via openrecord', { screen: 'agreement', id: 19064 }, 'openrecord'],
  ['agreement via routeTo', { screen: 'agreement', id: 19070 }, 'routeTo'],
  ['agreement via compressed hash', { screen: 'agreement', id: 19075 }, 'hash'],
  ['ticket via routeTo', { screen: 'ticket', id: 123456 }, 'routeTo'],
  ['ticket via routeTo + srRecID', { screen: 'ticket', id: 123457 }, 'routeTo-srRecID'],
  ['ticket via openrecord', { screen: 'ticket', id: 123458 }, 'openrecord'],
  ['ticket via fv_sr100_request.rails', { screen: 'ticket', id: 123459 }, 'fv_sr100'],
  ['ticket via old JSON state', { screen: 'ticket', id: 123460 }, 'startscreen'],
  ['ticket via compressed hash', { screen: 'ticket', id: 123461 }, 'hash'],
];

for (const [name, target, form] of cases) {
  test(`one ${target.screen} panel for the ${name}`, async ({ page, sims }) => {
    await openManageScreen(page, sims.manageUrl, target, { form, codebase: form === 'hash' ? 'v2025_1' : 'v4_6_release' });
    await expect(panelHost(page, target.screen as 'company')).toHaveAttribute('data-record-id', String(target.id));
    await expect(panelState(page, target.screen as 'company')).toHaveAttribute('data-state', /^(ready|refreshing)$/);
    await expect(panelHosts(page)).toHaveCount(1);
  });
}

test('a panel that appears after a long spinner', async ({ page, sims }) => {
  await openManageScreen(page, sims.manageUrl, { screen: 'ticket', id: 123456 }, { form: 'routeTo', simDelay: 2500 });
  await expect(page.locator('.cw-loading-spinner').first()).toBeVisible();
  await expect(panelHosts(page)).toHaveCount(0);
  await expect(panelHost(page, 'ticket')).toHaveAttribute('data-record-id', '123456');
});

test('follows in-app navigation without a page load, and back', async ({ page, sims }) => {
  await openManageScreen(page, sims.manageUrl, { screen: 'ticket', id: 123456 }, { form: 'routeTo' });
  await expect(panelHost(page, 'ticket')).toHaveAttribute('data-record-id', '123456');
  // A page load would wipe this; in-app navigation keeps the same document.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));

  await expect(page.locator('input.cw_company')).toHaveValue('Fabrikam Legal LLP');
  await page.locator('.pod_service_ticket_company .mm_hyperlink[title="Company"]').click();
  await expect(panelHost(page, 'company')).toHaveAttribute('data-record-id', '252');
  await expect(panelHosts(page)).toHaveCount(1);
  await expect(page).toHaveURL(/\?\?CompanyDetail$/);

  await page.locator('.pod_company_agreements a.mm_hyperlink').first().click();
  await expect(panelHost(page, 'agreement')).toHaveAttribute('data-record-id', '19075');
  await expect(panelHosts(page)).toHaveCount(1);

  await page.goBack();
  await expect(panelHost(page, 'company')).toHaveAttribute('data-record-id', '252');
  await page.goBack();
  await expect(panelHost(page, 'ticket')).toHaveAttribute('data-record-id', '123456');
  await expect(panelHosts(page)).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});

test('follows a record change that leaves the URL alone', async ({ page, sims }) => {
  await openManageScreen(page, sims.manageUrl, { screen: 'ticket', id: 123456 }, { form: 'routeTo' });
  await expect(panelHost(page, 'ticket')).toHaveAttribute('data-record-id', '123456');
  const url = page.url();
  await page.locator('.cw_PsaNextRecordButton').click();
  await expect(panelHost(page, 'ticket')).not.toHaveAttribute('data-record-id', '123456');
  await expect(panelHost(page, 'ticket')).toHaveAttribute('data-record-id', /^\d+$/);
  expect(page.url()).toBe(url);
  await expect(panelHosts(page)).toHaveCount(1);
});

test('survives the app throwing away and rebuilding the screen header', async ({ page, sims }) => {
  await openManageScreen(page, sims.manageUrl, { screen: 'ticket', id: 123456 }, { form: 'routeTo', query: { simRerender: '1500' } });
  await expect(panelHost(page, 'ticket')).toBeVisible();
  // The rebuild replaces the header's nodes; wait for a new header node, then for our panel.
  const header = await page.locator('.detailLabel').first().elementHandle();
  await page.waitForFunction((old) => !old?.isConnected, header);
  await expect(panelHost(page, 'ticket')).toBeVisible();
  await expect(panelHosts(page)).toHaveCount(1);
});

test('never injects into Manage iframes', async ({ page, sims }) => {
  await openManageScreen(page, sims.manageUrl, { screen: 'ticket', id: 123456 }, { form: 'routeTo' });
  await expect(panelHost(page, 'ticket')).toBeVisible();
  const classic = page.frameLocator('iframe[src*="fv_sr100_request"]');
  await expect(classic.locator('.detailLabel')).toContainText('Service Ticket #123456');
  await expect(classic.locator('[data-backup-bridge]')).toHaveCount(0);
});

test('ignores what a modal shows and keeps the screen panel', async ({ page, sims }) => {
  await openManageScreen(page, sims.manageUrl, { screen: 'ticket', id: 123456 }, { form: 'routeTo' });
  await expect(panelHost(page, 'ticket')).toHaveAttribute('data-record-id', '123456');
  await page.locator('.cw_ToolbarButton_User').first().click();
  await expect(page.locator('.cw-gxt-wnd .pnlContactDialog')).toBeVisible();
  await expect(panelHosts(page)).toHaveCount(1);
  await expect(page.locator('.cw-gxt-wnd [data-backup-bridge]')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.locator('.cw-gxt-wnd')).toHaveCount(0);
  await expect(panelHost(page, 'ticket')).toHaveAttribute('data-record-id', '123456');
});

test('shows nothing on a Time Entry that names a ticket, nor on the service board', async ({ page, sims }) => {
  await openManageScreen(page, sims.manageUrl, { screen: 'time-entry', id: 987 }, { form: 'time-expense' });
  await expect(page.locator('.pod_timeEntryDetails')).toBeVisible();
  const header = page.locator('.detailLabel').first();
  await expect(header).toContainText('Service Ticket #');
  // The app rebuilds the header after rendering; by then the screen has been looked at twice.
  const firstHeader = await header.elementHandle();
  await page.waitForFunction((old) => !old?.isConnected, firstHeader);
  await expect(panelHosts(page)).toHaveCount(0);
  await openManageScreen(page, sims.manageUrl, { screen: 'board', id: null }, { form: 'startscreen' });
  await expect(page.locator('table.srboard-grid tr.cw-ml-row').first()).toBeVisible();
  // Opening a ticket from the board proves the script is alive on this page, so the board had none.
  await page.locator('a.multilineClickable').first().click();
  await expect(panelHosts(page)).toHaveCount(1);
  await expect(panelHost(page, 'ticket')).toBeVisible();
});

test('a Manage page load starts a sleeping service worker before any panel asks for it', async ({ page, sims }) => {
  const cdp = await page.context().newCDPSession(page);
  const states: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => states.push(...versions.map((v: { runningStatus: string }) => v.runningStatus)));
  await cdp.send('ServiceWorker.enable');
  // As Chrome does after 30 s idle.
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => states.at(-1)).toBe('stopped');
  // The service board has no panel: nothing but the wake-up script has a reason to start the worker.
  await openManageScreen(page, sims.manageUrl, { screen: 'board', id: null }, { form: 'startscreen' });
  await expect.poll(() => states.at(-1)).toBe('running');
  await expect(panelHosts(page)).toHaveCount(0);
});
