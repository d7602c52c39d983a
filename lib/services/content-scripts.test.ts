import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { StoredSettings } from '../settings';
import { manageOriginPattern, syncManageContentScript } from './content-scripts';

const settingsFor = (site: string) =>
  StoredSettings.parse({ manage: { site, companyId: 'northwind', clientId: '3f1e1c9e-0a57-4d6b-9a87-0b7f4f6e2c11' } });

describe('manageOriginPattern', () => {
  it.each([
    ['api-na.myconnectwise.net', 'https://na.myconnectwise.net/*'],
    ['https://cw.example.com/v4_6_release', 'https://cw.example.com/*'],
    ['http://127.0.0.1:8510', 'http://127.0.0.1/*'],
  ])('%s → %s', (site, pattern) => {
    expect(manageOriginPattern(settingsFor(site))).toBe(pattern);
  });

  it('is null without a Manage site', () => {
    expect(manageOriginPattern(StoredSettings.parse({}))).toBeNull();
  });
});

describe('syncManageContentScript', () => {
  let registered: Array<{ id: string; matches: string[] }>;
  let granted: string[];

  beforeEach(() => {
    fakeBrowser.reset();
    registered = [];
    granted = [];
    Object.assign(fakeBrowser.permissions, {
      contains: vi.fn(async ({ origins }: { origins: string[] }) => origins.every((o) => granted.includes(o))),
    });
    Object.assign(fakeBrowser, {
      scripting: {
        getRegisteredContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => registered.filter((s) => ids.includes(s.id))),
        registerContentScripts: vi.fn(async (scripts: typeof registered) => void registered.push(...scripts)),
        updateContentScripts: vi.fn(async (scripts: typeof registered) => {
          registered = registered.map((s) => scripts.find((n) => n.id === s.id) ?? s);
        }),
        unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => {
          registered = registered.filter((s) => !ids.includes(s.id));
        }),
        executeScript: vi.fn(async () => []),
      },
    });
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([]);
  });

  it('registers nothing until the origin is granted', async () => {
    await expect(syncManageContentScript(settingsFor('na.myconnectwise.net'))).resolves.toBe('unregistered');
    expect(registered).toEqual([]);
  });

  it('registers the top-frame scripts for the granted origin only: the overlay when the page is idle, the wake-up at its start', async () => {
    granted = ['https://na.myconnectwise.net/*'];
    await syncManageContentScript(settingsFor('na.myconnectwise.net'));
    expect(registered).toEqual([
      expect.objectContaining({ js: ['/content-scripts/manage.js'], runAt: 'document_idle', matches: ['https://na.myconnectwise.net/*'], allFrames: false }),
      expect.objectContaining({ js: ['/content-scripts/wake.js'], runAt: 'document_start', matches: ['https://na.myconnectwise.net/*'], allFrames: false }),
    ]);
  });

  it('adds the wake-up script to an existing registration of the overlay alone (an update from an older version)', async () => {
    granted = ['https://na.myconnectwise.net/*'];
    registered = [{ id: 'backup-bridge-manage', matches: ['https://na.myconnectwise.net/*'] }];
    await syncManageContentScript(settingsFor('na.myconnectwise.net'));
    expect(registered.map((s) => s.id)).toEqual(['backup-bridge-manage', 'backup-bridge-wake']);
    expect((fakeBrowser as unknown as { scripting: { executeScript: ReturnType<typeof vi.fn> } }).scripting.executeScript).not.toHaveBeenCalled();
  });

  it('follows a site change and unregisters when the permission goes', async () => {
    granted = ['https://na.myconnectwise.net/*', 'https://cw.example.com/*'];
    await syncManageContentScript(settingsFor('na.myconnectwise.net'));
    await syncManageContentScript(settingsFor('cw.example.com'));
    expect(registered.map((s) => s.matches)).toEqual([['https://cw.example.com/*'], ['https://cw.example.com/*']]);
    granted = [];
    await syncManageContentScript(settingsFor('cw.example.com'));
    expect(registered).toEqual([]);
  });

  it('injects into Manage tabs that were already open', async () => {
    granted = ['https://na.myconnectwise.net/*'];
    vi.mocked(fakeBrowser.tabs.query).mockResolvedValue([{ id: 7 } as never]);
    await syncManageContentScript(settingsFor('na.myconnectwise.net'));
    expect((fakeBrowser as unknown as { scripting: { executeScript: ReturnType<typeof vi.fn> } }).scripting.executeScript)
      .toHaveBeenCalledWith({ target: { tabId: 7 }, files: ['/content-scripts/manage.js'] });
  });
});
