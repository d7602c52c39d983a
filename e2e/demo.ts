/**
 * `npm run demo`: build the extension, start both simulators with seeded data, and open Chromium
 * with the extension loaded and configured on the simulated Manage Company screen.
 * With a display it stays open until you close the browser or press Ctrl+C; without one
 * (or with BB_DEMO_HEADLESS=1) it runs headless, saves a screenshot of each screen and exits.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { demoSettingsDocument } from './sim/demo-settings';
import { startSimulators } from './sim/server';
import { importSettings, launchWithExtension } from './support/browser';

const headless = process.env.BB_DEMO_HEADLESS === '1' || !process.env.DISPLAY;
const outputDir = path.resolve(process.env.BB_DEMO_OUTPUT ?? 'demo-output');

console.log('Building the extension (npm run build:e2e)…');
execFileSync('npm', ['run', 'build:e2e'], { stdio: 'inherit' });

const sims = await startSimulators({
  managePort: Number(process.env.BB_SIM_MANAGE_PORT ?? 8510),
  vendorPort: Number(process.env.BB_SIM_VENDOR_PORT ?? 8520),
});
// One real second is one simulated minute, so retries and forced backups visibly progress.
sims.clock.setRate(60);
const browser = await launchWithExtension({ headless });

await importSettings(browser, demoSettingsDocument(sims));
const options = await browser.context.newPage();
await options.goto(`chrome-extension://${browser.extensionId}/options.html#summary`);

const screens = [
  ['company', '/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=CompanyFV&recid=250'],
  ['agreement', '/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=AgreementFV&recid=19064&companyName=northwind'],
  ['ticket', '/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=123456'],
] as const;

async function openScreen(page: Page, kind: string, url: string) {
  await page.goto(`${sims.manageUrl}${url}`);
  await page.locator(`[data-backup-bridge="${kind}"]`).first().waitFor({ timeout: 15_000 });
}

console.log(`\nManage simulator: ${sims.manageUrl}\nVendor simulator: ${sims.vendorApiUrl}`);
if (headless) {
  mkdirSync(outputDir, { recursive: true });
  const page = await browser.context.newPage();
  for (const [kind, url] of screens) {
    await openScreen(page, kind, url);
    const file = path.join(outputDir, `${kind}-screen.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`  ${kind} screen → ${file}`);
  }
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 360, height: 420 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.screenshot({ path: path.join(outputDir, 'popup.png') });
  await options.screenshot({ path: path.join(outputDir, 'options.png'), fullPage: true });
  console.log(`  popup and options → ${outputDir}\nNo display, so the demo ran headless; screenshots are in ${outputDir}.`);
  await browser.close();
  await sims.close();
} else {
  const page = await browser.context.newPage();
  await openScreen(page, 'company', screens[0][1]);
  console.log('Chromium is open on the Company screen. Close the browser or press Ctrl+C to stop.');
  const stop = async () => {
    await browser.close().catch(() => undefined);
    await sims.close();
    process.exit(0);
  };
  browser.context.on('close', () => void stop());
  process.on('SIGINT', () => void stop());
}
