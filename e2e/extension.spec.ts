import { readFileSync } from 'node:fs';
import path from 'node:path';
import { E2E_EXTENSION_DIR } from './support/browser';
import { expect, test } from './fixtures';

test('loads as an MV3 extension that asks for no site up front', async ({ serviceWorker, extensionId }) => {
  expect(serviceWorker.url()).toBe(`chrome-extension://${extensionId}/background.js`);
  const manifest = JSON.parse(readFileSync(path.join(E2E_EXTENSION_DIR, 'manifest.json'), 'utf8'));
  expect(manifest.manifest_version).toBe(3);
  expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  expect(manifest.content_scripts ?? []).toEqual([]);
});

test('registers its content scripts (the overlay, and the wake-up at document start) for the configured Manage origin only', async ({ configure, serviceWorker, sims }) => {
  await configure();
  const scripts = await serviceWorker.evaluate(() =>
    (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<unknown[]> } } }).chrome.scripting.getRegisteredContentScripts(),
  );
  const matches = [`${new URL(sims.manageUrl).origin.replace(/:\d+$/, '')}/*`];
  expect(scripts).toEqual([
    expect.objectContaining({ js: ['content-scripts/manage.js'], runAt: 'document_idle', matches, allFrames: false }),
    expect.objectContaining({ js: ['content-scripts/wake.js'], runAt: 'document_start', matches, allFrames: false }),
  ]);
});

test('imports settings pasted into the options page and shows what changed', async ({ openExtensionPage, sims }) => {
  const page = await openExtensionPage('options.html#summary');
  await expect(page.getByText('Some parts still need attention.')).toBeVisible();
  const { demoSettingsDocument } = await import('./sim/demo-settings');
  await page.getByLabel('…or paste it').fill(JSON.stringify(demoSettingsDocument(sims)));
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByText('Imported: manage, vendor, mappings, manage keys, vendor keys.')).toBeVisible();
  await expect(page.getByText('Backup Bridge is ready.', { exact: false })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('BBdemoPrivate');
});

test('imports settings from a file', async ({ openExtensionPage, sims }) => {
  const page = await openExtensionPage('options.html#summary');
  const { demoSettingsDocument } = await import('./sim/demo-settings');
  await page.getByLabel('Choose a file').setInputFiles({
    name: 'backup-bridge.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(demoSettingsDocument(sims))),
  });
  await expect(page.getByText(/Imported: manage, vendor/)).toBeVisible();
});

test('refuses a broken settings document, says why, and keeps the typed text', async ({ openExtensionPage }) => {
  const page = await openExtensionPage('options.html#summary');
  const box = page.getByLabel('…or paste it');
  await box.fill('{"version": 1, "manage": {"clientId": "nope"');
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('alert')).toContainText('not a JSON document');
  await box.fill('{"version": 1, "manage": {"site": "na.myconnectwise.net", "companyId": "x", "clientId": "nope"}}');
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('alert')).toContainText('nothing was changed');
  await expect(page.getByRole('alert')).toContainText('GUID');
  await expect(box).toHaveValue(/"clientId": "nope"/);
});

test('the popup asks to set up first, then shows both connections', async ({ openExtensionPage, configure }) => {
  let popup = await openExtensionPage('popup.html');
  await expect(popup.getByText('Backup Bridge is not set up yet.', { exact: false })).toBeVisible();
  await popup.close();
  await configure();
  popup = await openExtensionPage('popup.html');
  await expect(popup.getByText(/ConnectWise Manage.*connected/)).toBeVisible();
  await expect(popup.getByText(/Backup vendor.*connected/)).toBeVisible();
});
