import type { Locator, TestInfo } from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** Where the README's screenshots live; written only when BB_SAVE_SCREENSHOTS=1. */
export const README_SCREENSHOTS_DIR = path.resolve(import.meta.dirname, '../../docs/screenshots');

/**
 * A screenshot of one panel (or the popup) in a named scenario, kept with the test's results
 * (`test-results/<test>/<scenario>.png`, also attached to the HTML report). `readme`: one of the
 * best, copied to docs/screenshots/<scenario>.png when BB_SAVE_SCREENSHOTS=1.
 */
export async function keepScreenshot(target: Locator, testInfo: TestInfo, scenario: string, options: { readme?: boolean } = {}): Promise<void> {
  const file = testInfo.outputPath(`${scenario}.png`);
  await target.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(scenario, { path: file, contentType: 'image/png' });
  if (options.readme && process.env.BB_SAVE_SCREENSHOTS === '1') {
    mkdirSync(README_SCREENSHOTS_DIR, { recursive: true });
    copyFileSync(file, path.join(README_SCREENSHOTS_DIR, `${scenario}.png`));
  }
}
