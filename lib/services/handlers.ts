import { browser } from 'wxt/browser';
import type { Handlers } from '../messaging';
import type { Message } from '../messages';
import type { SettingsService } from './settings-service';

/** The background's answers to every message; each handler's input is already validated. */
export function createHandlers(deps: { settings: SettingsService; onSettingsChanged(): Promise<void> }): Handlers<Message> {
  const { settings } = deps;
  return {
    'settings/get': () => settings.publicSettings(),
    'settings/import': async ({ document }) => {
      const result = await settings.importDocument(document);
      await deps.onSettingsChanged();
      return result;
    },
    'settings/export': ({ includeSecrets }) => settings.exportDocument(includeSecrets),
    'status/get': async () => {
      const current = await settings.publicSettings();
      return {
        manageConfigured: Boolean(current.manage && current.hasManageKeys),
        vendorConfigured: Boolean(current.vendor && current.hasVendorKeys),
      };
    },
    'options/open': async () => {
      await browser.runtime.openOptionsPage();
      return {};
    },
    'panel/open': async (screen) => {
      const current = await settings.publicSettings();
      return {
        kind: screen.kind,
        recordId: screen.recordId,
        configured: Boolean(current.manage && current.hasManageKeys && current.vendor && current.hasVendorKeys),
      };
    },
  };
}
