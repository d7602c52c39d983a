import { expect, test } from './fixtures';
import { openManageScreen, panelHost } from './pages/manage';
import { API_KEYS, VENDOR_CREDENTIALS } from './sim/world';

const SECRETS = [
  API_KEYS[0].publicKey,
  API_KEYS[0].privateKey,
  VENDOR_CREDENTIALS.resellerToken,
  VENDOR_CREDENTIALS.adminToken,
  'org_', // per-organisation vendor tokens
];

declare const chrome: {
  tabs: { query(q: { url: string }): Promise<Array<{ id?: number }>> };
  scripting: {
    executeScript<T>(o: { target: { tabId: number }; world: 'ISOLATED' | 'MAIN'; func: () => Promise<T> }): Promise<Array<{ result: T }>>;
  };
  storage: { local: { get(k: null): Promise<unknown> }; session: { get(k: null): Promise<unknown> } };
  runtime: { sendMessage(m: unknown): Promise<unknown> };
};

test('no key is reachable from the Manage page or from the content script', async ({ configure, page, sims, serviceWorker }) => {
  await configure();
  await openManageScreen(page, sims.manageUrl, { screen: 'ticket', id: 123456 }, { form: 'routeTo' });
  await expect(panelHost(page, 'ticket')).toBeVisible();

  // Runs in the content script's own isolated world: everything a compromised content script could try.
  const probes = await serviceWorker.evaluate(async (pattern) => {
    const [tab] = await chrome.tabs.query({ url: pattern });
    const [isolated] = await chrome.scripting.executeScript({
      target: { tabId: tab!.id! },
      world: 'ISOLATED',
      func: async () => {
        const attempt = async (what: () => Promise<unknown>) => {
          try {
            return { ok: true, value: JSON.stringify(await what()) };
          } catch (error) {
            return { ok: false, value: String(error) };
          }
        };
        return {
          local: await attempt(() => chrome.storage.local.get(null)),
          session: await attempt(() => chrome.storage.session.get(null)),
          exportWithKeys: await attempt(() => chrome.runtime.sendMessage({ type: 'settings/export', payload: { includeSecrets: true } })),
          settings: await attempt(() => chrome.runtime.sendMessage({ type: 'settings/get', payload: {} })),
          vault: await attempt(async () => (await indexedDB.databases()).map((d) => d.name)),
        };
      },
    });
    return isolated!.result;
  }, `${new URL(sims.manageUrl).origin.replace(/:\d+$/, '')}/*`);

  const everything = JSON.stringify(probes);
  for (const secret of SECRETS) expect(everything, `"${secret}" leaked to the content script world`).not.toContain(secret);
  const result = probes as Record<string, { ok: boolean; value: string }>;
  expect(result.exportWithKeys!.value).toContain('forbidden');
  expect(result.settings!.value).toContain('"hasManageKeys":true');
  expect(result.session!.ok, 'storage.session is closed to content scripts').toBe(false);
  expect(result.local!.value, 'storage.local is closed to content scripts (Chrome)').toContain('not allowed');

  const pageSide = await page.evaluate(async () => ({
    html: document.documentElement.outerHTML,
    shadow: [...document.querySelectorAll('[data-backup-bridge]')].map((host) => host.shadowRoot?.innerHTML ?? ''),
    storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    databases: (await indexedDB.databases()).map((d) => d.name),
    runtime: typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage,
  }));
  const pageText = JSON.stringify(pageSide);
  for (const secret of SECRETS) expect(pageText, `"${secret}" visible to the page`).not.toContain(secret);
  expect(pageSide.runtime, 'the page cannot message the extension').toBe('undefined');
});

test('keys at rest in the profile are sealed, never in the clear, and so is the organisation list kept with them', async ({ configure, serviceWorker }) => {
  await configure(); // the import reads the vendor's organisation list, whose rows carry per-organisation tokens
  const storedNow = () => serviceWorker.evaluate(async () =>
    JSON.stringify({ local: await chrome.storage.local.get(null), session: await chrome.storage.session.get(null) }),
  );
  // The list is kept just after it is read.
  await expect.poll(async () => JSON.parse(await storedNow()).local.vendorDirectory).toBeDefined();
  const stored = await storedNow();
  for (const secret of SECRETS) expect(stored).not.toContain(secret);
  expect(JSON.parse(stored).local.secrets).toEqual({ iv: expect.any(String), data: expect.any(String) });
  expect(JSON.parse(stored).local.vendorDirectory).toEqual({ iv: expect.any(String), data: expect.any(String) });
});
