import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The e2e build: like production, plus a pre-granted loopback origin for the simulators. */
export const E2E_EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3-e2e');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Without the networking flags Chromium stalls on a closed network; without --no-sandbox it will not start as root. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
];

const VIEWPORT = { width: 1400, height: 900 };

/** Chromium with a fresh, throw-away profile; `extensionDir` loads an unpacked extension into it. */
export async function launchChromium(options: { headless: boolean; extensionDir?: string }) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'backup-bridge-profile-'));
  const extensionArgs = options.extensionDir
    ? [`--disable-extensions-except=${options.extensionDir}`, `--load-extension=${options.extensionDir}`]
    : [];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless,
    viewport: VIEWPORT,
    args: [...CHROMIUM_ARGS, ...extensionArgs],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export async function launchWithExtension(options: { headless: boolean; extensionDir?: string }): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? E2E_EXTENSION_DIR;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No extension build at ${extensionDir}: run "npm run build:e2e" first.`);
  }
  const { context, close } = await launchChromium({ headless: options.headless, extensionDir });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, serviceWorker, extensionId: new URL(serviceWorker.url()).host, close };
}

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; error?: { message: string } }> };
  scripting: { getRegisteredContentScripts(): Promise<unknown[]> };
};

/**
 * Configure the extension the documented way: a settings document sent as the `settings/import`
 * message from an extension page. Resolves once the Manage content script is registered.
 */
export async function importSettings(browser: ExtensionBrowser, document: unknown): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const reply = await page.evaluate(
    (doc) => chrome.runtime.sendMessage({ type: 'settings/import', payload: { document: doc } }),
    document,
  );
  await page.close();
  if (!reply.ok) throw new Error(`The settings were refused: ${reply.error?.message ?? 'no reason given'}`);
  await browser.serviceWorker.evaluate(async () => {
    // Registration follows the import in the background; it takes a few milliseconds.
    for (let tries = 0; tries < 500; tries++) {
      if ((await chrome.scripting.getRegisteredContentScripts()).length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('The Manage content script was not registered within 10 s of the settings import.');
  });
}
