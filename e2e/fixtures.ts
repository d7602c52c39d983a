import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
import type { SettingsDocument } from '../lib/settings';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
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
}

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; error?: { message: string } }> };
  scripting: { getRegisteredContentScripts(): Promise<Array<{ id: string; matches?: string[] }>> };
};

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
      const record = (where: () => string) => (message: { type(): string; text(): string }) => {
        if (message.type() === 'error') errors.push(`${where()}: ${message.text()}`);
      };
      serviceWorker.on('console', record(() => 'service worker'));
      context.on('page', (page) => {
        page.on('console', record(() => page.url()));
        page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      });
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

  configure: async ({ sims, openExtensionPage, serviceWorker }, use) => {
    await use(async (overrides = {}) => {
      const document = { ...demoSettingsDocument(sims), ...overrides };
      const page = await openExtensionPage('options.html');
      const reply = await page.evaluate(
        (doc) => chrome.runtime.sendMessage({ type: 'settings/import', payload: { document: doc } }),
        document,
      );
      expect(reply.ok, reply.error?.message).toBe(true);
      await page.close();
      await expect
        .poll(() => serviceWorker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length))
        .toBe(1);
    });
  },
});

export { expect };
