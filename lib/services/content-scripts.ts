import { browser } from 'wxt/browser';
import { originPattern, parseSiteInput, webOrigin } from '../connectwise/site';
import type { StoredSettings } from '../settings';

const MANAGE_SCRIPT = { id: 'backup-bridge-manage', file: '/content-scripts/manage.js', runAt: 'document_idle' } as const;
/** Opens the wake-up port at document start, long before the screen renders (entrypoints/wake.content.ts). */
const WAKE_SCRIPT = { id: 'backup-bridge-wake', file: '/content-scripts/wake.js', runAt: 'document_start' } as const;
const SCRIPTS = [MANAGE_SCRIPT, WAKE_SCRIPT];

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
 * Keep the Manage content scripts registered for exactly the configured origin, and only while
 * the user has granted it. Registered at runtime because the origin is user data (on-prem hosts).
 * Top frame only: Manage's own iframes would otherwise get a second copy.
 */
export async function syncManageContentScript(settings: StoredSettings): Promise<'registered' | 'unregistered'> {
  const pattern = manageOriginPattern(settings);
  const granted = pattern !== null && (await browser.permissions.contains({ origins: [pattern] }));
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: SCRIPTS.map((script) => script.id) });
  if (!granted) {
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: existing.map((script) => script.id) });
    return 'unregistered';
  }
  const registration = ({ id, file, runAt }: (typeof SCRIPTS)[number]) => ({
    id, matches: [pattern], js: [file], runAt, allFrames: false, persistAcrossSessions: true,
  });
  const missing = SCRIPTS.filter((script) => !existing.some((current) => current.id === script.id));
  const moved = SCRIPTS.filter((script) => existing.some((current) => current.id === script.id && current.matches?.join() !== pattern));
  if (missing.length) await browser.scripting.registerContentScripts(missing.map(registration));
  if (moved.length) await browser.scripting.updateContentScripts(moved.map(registration));
  if (missing.includes(MANAGE_SCRIPT) || moved.includes(MANAGE_SCRIPT)) await injectIntoOpenTabs(pattern);
  return 'registered';
}

/** Tabs opened before the registration get the script too (it guards itself against a double load). */
async function injectIntoOpenTabs(pattern: string): Promise<void> {
  const tabs = await browser.tabs.query({ url: pattern });
  await Promise.allSettled(
    tabs.flatMap((tab) => (tab.id === undefined ? [] : [
      browser.scripting.executeScript({ target: { tabId: tab.id }, files: [MANAGE_SCRIPT.file] }),
    ])),
  );
}
