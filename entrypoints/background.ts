import '../lib/zod-setup';
import { browser } from 'wxt/browser';
import { dispatch } from '../lib/messaging';
import { MESSAGES } from '../lib/messages';
import { createHandlers } from '../lib/services/handlers';
import { createSecretStore } from '../lib/services/secret-store';
import { createSettingsService } from '../lib/services/settings-service';
import { createClientProvider } from '../lib/services/clients';
import { createSetupService } from '../lib/services/setup-service';
import { originPattern } from '../lib/connectwise/site';
import { syncManageContentScript } from '../lib/services/content-scripts';
import { settingsItem } from '../lib/storage';

export default defineBackground(() => {
  const settings = createSettingsService(createSecretStore(), () => browser.storage.managed.get());
  const syncContentScript = async () => {
    await syncManageContentScript(await settingsItem.get());
  };
  const hasOrigins = (origins: string[]) => browser.permissions.contains({ origins: origins.map(originPattern) });
  const clients = createClientProvider(settings, { hasOrigins });
  const setup = createSetupService({ settings, clients, hasOrigins });
  const handlers = createHandlers({ settings, setup, onSettingsChanged: syncContentScript });
  const extensionOrigin = browser.runtime.getURL('/');

  // Every listener is registered synchronously: a message may be what wakes the worker.
  browser.runtime.onMessage.addListener((message, sender) =>
    dispatch(MESSAGES, handlers, message, { fromExtensionPage: sender.url?.startsWith(extensionOrigin) ?? false }),
  );
  browser.permissions.onAdded.addListener(() => void syncContentScript());
  browser.permissions.onRemoved.addListener(() => void syncContentScript());
  browser.runtime.onInstalled.addListener(() => void syncContentScript());
  browser.runtime.onStartup.addListener(() => void syncContentScript());
  // Content scripts never need storage; where the browser allows it, keep them out of it entirely.
  void (browser.storage.local as { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> })
    .setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
    .catch(() => undefined);
});
