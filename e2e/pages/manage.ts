import type { Page } from '@playwright/test';
import { manageScreenUrl, type ScreenTarget, type ScreenUrlOptions } from '../sim/screens/routes';

/** Every Backup Bridge panel host on the page (light DOM; the panel itself is in its shadow root). */
export const panelHosts = (page: Page) => page.locator('[data-backup-bridge]');
export const panelHost = (page: Page, kind: 'company' | 'agreement' | 'ticket') =>
  page.locator(`[data-backup-bridge="${kind}"]`);

/** The panel inside the host's shadow root; `data-state` is loading, ready, refreshing or unavailable. */
export const panelState = (page: Page, kind: 'company' | 'agreement' | 'ticket') => panelHost(page, kind).locator('.bb-panel');

/** Open a simulated Manage screen; `simDelay` keeps the spinner short unless a test wants it long. */
export async function openManageScreen(
  page: Page,
  manageUrl: string,
  target: ScreenTarget,
  options: ScreenUrlOptions & { simDelay?: number } = {},
): Promise<void> {
  const { simDelay = 50, ...urlOptions } = options;
  const path = manageScreenUrl(target, { ...urlOptions, query: { simDelay: String(simDelay), ...urlOptions.query } });
  await page.goto(`${manageUrl}${path}`, { waitUntil: 'commit' });
}
