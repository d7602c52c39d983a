import { expect, type BrowserContext } from '@playwright/test';

/**
 * Name the technician of one browser ("Started by Asha Kumar…" in ticket notes), the way a person
 * does: on the set-up summary page. Without it every browser is "a Backup Bridge user".
 */
export async function nameTechnician(browser: { context: BrowserContext; extensionId: string }, name: string): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html#summary`);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Saved.', { exact: true })).toBeVisible();
  await page.close();
}
