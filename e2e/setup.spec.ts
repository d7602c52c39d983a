import { expect, test } from './fixtures';
import { OptionsPage } from './pages/options';
import { openManageScreen, panelHost } from './pages/manage';
import { API_KEYS } from './sim/world';

const limitedKey = API_KEYS.find((k) => k.member === 'limitedapi')!;

test('sets the integration up from an empty profile, then the panels appear in Manage', async ({ openExtensionPage, sims, context }) => {
  const options = new OptionsPage(await openExtensionPage('options.html'));
  const page = options.page;
  await expect(page.getByRole('heading', { name: '1. ConnectWise Manage' })).toBeVisible();

  await options.fillManage(sims, { apiMember: 'bbridgeapi' });
  await options.saveAndTest();
  await expect(page.getByText('Connected to Northwind IT Services — Manage 2025.1 (cloud)')).toBeVisible();
  await expect(page.getByText('API member: Backup Bridge API (bbridgeapi)')).toBeVisible();
  await expect(page.locator('[data-permission="missing"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Next: backup vendor' }).click();

  await options.fillVendor(sims);
  await options.saveAndTest();
  await expect(page.getByText(/Connected.*: 3 plans, 11 organisations\./)).toBeVisible();
  await page.getByRole('button', { name: 'Next: mappings' }).click();

  await page.getByLabel('Service board').selectOption({ label: 'Backup Alerts' });
  await expect(page.getByLabel('New ticket status')).toHaveValue('31');
  await expect(page.getByLabel('Closed ticket status')).toHaveValue('34');
  await expect(page.getByLabel('Cancelled ticket status')).toHaveValue('35');
  await page.getByLabel('Priority for high severity').selectOption({ label: 'Priority 2 - Quick Response' });
  await page.getByLabel('Product category').selectOption({ label: 'Software' });
  await page.getByLabel('Product subcategory').selectOption({ label: 'Cloud Backup' });
  await page.getByLabel('Product type').selectOption({ label: 'Software' });
  await page.getByRole('button', { name: 'Save mappings' }).click();
  await expect(page.getByText('Mappings saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Next: summary' }).click();
  await expect(page.getByText('Backup Bridge is ready.', { exact: false })).toBeVisible();

  const manage = await context.newPage();
  await openManageScreen(manage, sims.manageUrl, { screen: 'company', id: 250 }, { form: 'routeTo' });
  await expect(panelHost(manage, 'company')).toHaveAttribute('data-record-id', '250');
});

test('bad keys are reported at the key field, and the typed values stay', async ({ openExtensionPage, sims }) => {
  const options = new OptionsPage(await openExtensionPage('options.html'));
  await options.fillManage(sims, { privateKey: 'not-the-private-key' });
  await options.saveAndTest();
  await options.expectFieldError('Public key', /ConnectWise rejected the API keys/);
  await expect(options.page.getByLabel('Public key')).toBeFocused();
  await expect(options.page.getByLabel('Private key')).toHaveValue('not-the-private-key');
  await expect(options.page.getByLabel('Company id')).toHaveValue('northwind');
});

test('a site that is not Manage is reported at the site field', async ({ openExtensionPage, sims }) => {
  const options = new OptionsPage(await openExtensionPage('options.html'));
  await options.fillManage(sims, { site: sims.vendorUrl });
  await options.saveAndTest();
  await options.expectFieldError('Manage site', /not a ConnectWise Manage site/);
});

test('an unknown company id is reported at the company id field', async ({ openExtensionPage, sims }) => {
  const options = new OptionsPage(await openExtensionPage('options.html'));
  await options.fillManage(sims, { companyId: 'southwind' });
  await options.saveAndTest();
  await options.expectFieldError('Company id', /does not know the company id “southwind”/);
});

test('a security role without agreement edits names exactly what to add', async ({ openExtensionPage, sims }) => {
  const options = new OptionsPage(await openExtensionPage('options.html'));
  await options.fillManage(sims, { publicKey: limitedKey.publicKey, privateKey: limitedKey.privateKey });
  await options.saveAndTest();
  const alert = options.page.getByRole('alert');
  await expect(alert).toContainText('The API member’s security role is missing 2 permissions');
  await expect(alert.locator('[data-permission="missing"]')).toHaveText(['Finance › Agreements: Edit', 'Finance › Agreements: Delete']);
});

test('checks the form before sending anything, and focuses the first problem', async ({ openExtensionPage, sims }) => {
  const options = new OptionsPage(await openExtensionPage('options.html'));
  await options.fillManage(sims, { site: '', clientId: 'abc' });
  await options.saveAndTest();
  await options.expectFieldError('Manage site', /Enter the address of your ConnectWise Manage site/);
  await options.expectFieldError('clientId', /GUID/);
  await expect(options.page.getByLabel('Manage site')).toBeFocused();
  expect(sims.manage.requests.list(), 'no request reached ConnectWise').toEqual([]);
});

test('wrong vendor tokens say which tokens to copy again', async ({ openExtensionPage, sims, configure }) => {
  await configure();
  const options = new OptionsPage(await openExtensionPage('options.html#vendor'));
  await options.fillVendor(sims, { accessToken: 'adm_wrong' });
  await options.saveAndTest();
  await expect(options.page.getByRole('alert')).toContainText('reseller token or access token');
});

test('the summary says what is missing, with links back', async ({ openExtensionPage, configure }) => {
  await configure({ mappings: {} });
  const page = await openExtensionPage('options.html#summary');
  const missing = page.locator('.bb-checklist li[data-state="missing"]');
  await expect(missing).toHaveCount(2);
  await expect(missing.first()).toContainText('Ticket board and statuses');
  await missing.first().getByRole('link', { name: 'fix it' }).click();
  await expect(page.getByRole('heading', { name: '3. Mappings' })).toBeVisible();
});

test('exports settings without keys unless asked to include them', async ({ openExtensionPage, configure }) => {
  await configure();
  const page = await openExtensionPage('options.html#summary');
  const download = async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download settings' }).click()]);
    return JSON.parse(await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
  };
  const plain = await download();
  expect(plain.manage).toMatchObject({ companyId: 'northwind' });
  expect(plain.manage.privateKey).toBeUndefined();
  expect(plain.vendor.accessToken).toBeUndefined();
  await page.getByLabel('Include the API keys and tokens (keep the file safe)').check();
  const full = await download();
  expect(full.manage.privateKey).toBe(API_KEYS[0].privateKey);
});

test('can keep the keys for this browser session only', async ({ openExtensionPage, sims, serviceWorker }) => {
  const options = new OptionsPage(await openExtensionPage('options.html'));
  await options.fillManage(sims);
  await options.page.getByLabel('Forget the keys when the browser closes').check();
  await options.saveAndTest();
  await expect(options.page.getByText(/Connected to Northwind IT Services/)).toBeVisible();
  const stored = await serviceWorker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> }; session: { get(k: null): Promise<Record<string, unknown>> } } } };
    return { local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null) };
  });
  expect(stored.local.secrets).toBeUndefined();
  expect(stored.session.secrets).toMatchObject({ manage: { publicKey: API_KEYS[0].publicKey } });
});
