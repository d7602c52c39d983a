import { expect, test } from './fixtures';
import { AgreementPanel } from './pages/panels';
import type { RunningSimulators } from './sim/server';
import { dayOf, firstOfNextMonth } from './support/dates';
import { keepScreenshot } from './support/screenshots';
import { unsubscribe } from './sim/vendor/lifecycle/organisations';

/** The Agreement panel: the vendor additions on an agreement against the vendor's live seats. */

test.beforeEach(async ({ configure }) => {
  await configure();
});

/** The addition on `agreementId` that bills organisation `orgId`, as ConnectWise stores it. */
const additionBilling = (sims: RunningSimulators, agreementId: number, orgId: number) =>
  sims.manage.store.list(`finance/agreements/${agreementId}/additions`).find((a) => a.serialNumber === `uswest.${orgId}`);

test('an agreement in sync: the addition against the vendor’s seats, nothing to reconcile', async ({ page, sims }, testInfo) => {
  const panel = await new AgreementPanel(page).show(sims, 19064);
  await expect(panel.host.getByText('Dropsuite Email Backup for Blue Light, Co. (Active)')).toBeVisible();
  const effective = dayOf(Date.parse(String(additionBilling(sims, 19064, 5979)?.effectiveDate)));
  await expect(panel.rows.first().getByRole('cell')).toHaveText([
    '12', '0', effective, '—', 'Blue Light, Co.: 12 bought, 12 used', 'In sync',
  ]);
  await expect(panel.rows.first().getByRole('rowheader')).toHaveText('uswest.4 Business Backup');
  await expect(panel.button('Update agreement')).toHaveCount(0);
  await keepScreenshot(panel.host, testInfo, 'agreement-in-sync');
});

test('seat drift: reconciling sets the addition to the seats the vendor counts', async ({ page, sims }, testInfo) => {
  const panel = await new AgreementPanel(page).show(sims, 19070);
  const contoso = panel.rows.filter({ hasText: 'Contoso Dental Group' });
  await expect(contoso).toContainText('Contoso Dental Group: 25 bought, 23 used');
  await expect(contoso.getByRole('cell').first()).toHaveText('18');
  await expect(contoso).toContainText('Under-billed by 7');
  await keepScreenshot(panel.host, testInfo, 'agreement-drift');

  await panel.button('Update agreement').click();
  await panel.confirmation('Change the quantity on Email Backup from 18 to 25?').getByRole('button', { name: 'Set 25 seats' }).click();
  await expect(panel.host.getByText('“Email Backup” now bills 25 seats for Contoso Dental Group (was 18)', { exact: false })).toBeVisible();
  expect(additionBilling(sims, 19070, 19771)).toMatchObject({ quantity: 25 });
  await expect(contoso.getByRole('cell').first()).toHaveText('25');
  await expect(contoso).toContainText('In sync');
  await expect(panel.button('Update agreement')).toHaveCount(0);
});

test('a linked tenant with no addition: the agreement says so, and the addition is created from the 1st of next month', async ({ page, sims }, testInfo) => {
  const panel = await new AgreementPanel(page).show(sims, 19110);
  const cafe = panel.rows.filter({ hasText: 'Café Zürich GmbH' });
  await expect(cafe.getByRole('rowheader')).toHaveText('No addition');
  await expect(cafe).toContainText('Café Zürich GmbH: 4 bought, 4 used');
  await expect(cafe).toContainText('No addition on the agreement');
  await expect(panel.host.getByText('No addition on this agreement bills Café Zürich GmbH, which ConnectWise links to it.')).toBeVisible();
  await keepScreenshot(panel.host, testInfo, 'agreement-no-addition', { readme: true });

  const starts = firstOfNextMonth(sims.clock.now());
  await panel.button('Update agreement').click();
  const confirmation = panel.confirmation('Add an addition for 4 seats to Managed Services?');
  await expect(confirmation).toContainText(`Effective ${dayOf(starts)}.`);
  await confirmation.getByRole('button', { name: 'Add 4 seats' }).click();
  await expect(panel.host.getByText(/^Added 4 seats of Business Backup for Café Zürich GmbH to “Managed Services”/)).toBeVisible();
  const created = additionBilling(sims, 19110, 20610);
  expect(created).toMatchObject({ product: expect.objectContaining({ identifier: 'uswest.4' }), quantity: 4 });
  expect(Date.parse(String(created?.effectiveDate))).toBe(starts);

  await expect(cafe.getByRole('rowheader')).toHaveText('uswest.4 Business Backup');
  await expect(cafe.getByRole('cell').nth(2)).toHaveText(dayOf(starts));
  await expect(cafe).toContainText('In sync');
  await expect(panel.host.getByText(/No addition on this agreement bills/)).toHaveCount(0);
});

test('a tenant unsubscribed at the vendor: confirming ends its addition from the 1st of next month', async ({ page, sims }, testInfo) => {
  const tailspin = sims.vendor.store.orgs.get(20230)!;
  unsubscribe(sims.vendor.store, tailspin, sims.clock.now());
  const panel = await new AgreementPanel(page).show(sims, 19080);
  const row = panel.rows.filter({ hasText: 'Tailspin Toys' });
  await expect(row.getByRole('cell').first()).toHaveText('6');
  await keepScreenshot(panel.host, testInfo, 'agreement-tenant-stopped');

  const ends = firstOfNextMonth(sims.clock.now());
  await panel.button('Update agreement').click();
  const confirmation = panel.confirmation(`End the addition on Dropsuite Email Backup from ${dayOf(ends)}? It stops billing this tenant.`);
  await confirmation.getByRole('button', { name: 'End the addition' }).click();
  await expect(panel.host.getByText(`“Dropsuite Email Backup” stops billing Tailspin Toys (unsubscribed at the vendor): the addition is cancelled from`, { exact: false })).toBeVisible();
  expect(Date.parse(String(additionBilling(sims, 19080, 20230)?.cancelledDate))).toBe(ends);
  await expect(row.getByRole('cell').nth(3)).toHaveText(dayOf(ends));
  await expect(panel.button('Update agreement')).toHaveCount(0);
});
