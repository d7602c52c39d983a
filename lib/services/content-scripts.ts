import { browser } from 'wxt/browser';
import { originPattern, parseSiteInput, webOrigin } from '../connectwise/site';
import type { StoredSettings } from '../settings';

const SCRIPT_ID = 'backup-bridge-manage';
const SCRIPT_FILE = '/content-scripts/manage.js';

/** The match pattern of the configured Manage web client, or null when none is set or it is invalid. */
export function manageOriginPattern(settings: StoredSettings): string | null {
  if (!settings.manage) return null;
  try {
    return originPattern(webOrigin(parseSiteInput(settings.manage.site)));
  } catch {
    return null;
  }
}

/**
 * Keep the Manage content script registered for exactly the configured origin, and only while the
 * user has granted it. Registered at runtime because the origin is user data (on-prem hosts).
 * Top frame only: Manage's own iframes would otherwise get a second copy.
 */
export async function syncManageContentScript(settings: StoredSettings): Promise<'registered' | 'unregistered'> {
  const pattern = manageOriginPattern(settings);
  const granted = pattern !== null && (await browser.permissions.contains({ origins: [pattern] }));
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (!granted) {
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    return 'unregistered';
  }
  const script = {
    id: SCRIPT_ID,
    matches: [pattern],
    js: [SCRIPT_FILE],
    runAt: 'document_idle' as const,
    allFrames: false,
    persistAcrossSessions: true,
  };
  const current = existing[0];
  if (!current) {
    await browser.scripting.registerContentScripts([script]);
    await injectIntoOpenTabs(pattern);
  } else if (current.matches?.join() !== pattern) {
    await browser.scripting.updateContentScripts([script]);
    await injectIntoOpenTabs(pattern);
  }
  return 'registered';
}

/** Tabs opened before the registration get the script too (it guards itself against a double load). */
async function injectIntoOpenTabs(pattern: string): Promise<void> {
  const tabs = await browser.tabs.query({ url: pattern });
  await Promise.allSettled(
    tabs.flatMap((tab) => (tab.id === undefined ? [] : [
      browser.scripting.executeScript({ target: { tabId: tab.id }, files: [SCRIPT_FILE] }),
    ])),
  );
}
