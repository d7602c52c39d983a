import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import type { SettingsDocument } from '../lib/settings';
import { importSettings, launchWithExtension, type ExtensionBrowser } from './support/browser';
import { demoSettingsDocument } from './sim/demo-settings';
import { startSimulators, type RunningSimulators } from './sim/server';

interface WorkerFixtures {
  /** Both simulators, started once per worker and reset before every test. */
  sims: RunningSimulators;
}

interface TestFixtures {
  extension: ExtensionBrowser;
  serviceWorker: Worker;
  extensionId: string;
  /** Import a settings document (the demo settings by default) through the documented message path. */
  configure(document?: Partial<SettingsDocument>): Promise<void>;
  /** Open an extension page (`options.html`, `popup.html`). */
  openExtensionPage(path: string): Promise<Page>;
  /** Console errors seen in the service worker and in pages; a test fails if any remain. */
  consoleErrors: string[];
  /**
   * A second technician: another browser profile with the extension, set up with the same demo
   * settings (what an MSP hands every technician). Its console errors count too.
   */
  anotherTechnician: ExtensionBrowser;
}

/** Records console errors and uncaught page errors of one browser (its worker and every page it opens). */
function recordConsoleErrors(browser: { context: BrowserContext; serviceWorker: Worker }, errors: string[], prefix = ''): void {
  const record = (where: () => string) => (message: { type(): string; text(): string }) => {
    if (message.type() === 'error') errors.push(`${prefix}${where()}: ${message.text()}`);
  };
  browser.serviceWorker.on('console', record(() => 'service worker'));
  browser.context.on('page', (page) => {
    page.on('console', record(() => page.url()));
    page.on('pageerror', (error) => errors.push(`${prefix}${page.url()}: ${error.message}`));
  });
}

export const test = base.extend<TestFixtures & { context: BrowserContext }, WorkerFixtures>({
  sims: [
    async ({}, use) => {
      const sims = await startSimulators();
      await use(sims);
      await sims.close();
    },
    { scope: 'worker' },
  ],

  extension: async ({ sims }, use) => {
    sims.reset();
    const extension = await launchWithExtension({ headless: true });
    await use(extension);
    await extension.close();
  },
  context: async ({ extension }, use) => use(extension.context),
  serviceWorker: async ({ extension }, use) => use(extension.serviceWorker),
  extensionId: async ({ extension }, use) => use(extension.extensionId),

  consoleErrors: [
    async ({ context, serviceWorker }, use) => {
      const errors: string[] = [];
      recordConsoleErrors({ context, serviceWorker }, errors);
      await use(errors);
      expect(errors, 'console errors during the test').toEqual([]);
    },
    { auto: true },
  ],

  openExtensionPage: async ({ context, extensionId }, use) => {
    await use(async (path) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    });
  },

  configure: async ({ sims, extension }, use) => {
    await use((overrides = {}) => importSettings(extension, { ...demoSettingsDocument(sims), ...overrides }));
  },

  anotherTechnician: async ({ sims, consoleErrors }, use) => {
    const browser = await launchWithExtension({ headless: true });
    recordConsoleErrors(browser, consoleErrors, 'second browser, ');
    await importSettings(browser, demoSettingsDocument(sims));
    await use(browser);
    await browser.close();
  },
});

export { expect };
