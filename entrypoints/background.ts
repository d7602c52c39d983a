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
import { createActionRunner } from '../lib/services/actions';
import { createPanelPortServer } from '../lib/services/panel-port-server';
import { createPopupStatusService, POPUP_STATUS_ALARM, POPUP_STATUS_PERIOD_MINUTES } from '../lib/services/popup-status';
import { createViewService } from '../lib/services/views';
import { settingsItem } from '../lib/storage';

export default defineBackground(() => {
  const settings = createSettingsService(createSecretStore(), () => browser.storage.managed.get());
  const syncContentScript = async () => {
    await syncManageContentScript(await settingsItem.get());
  };
  const hasOrigins = (origins: string[]) => browser.permissions.contains({ origins: origins.map(originPattern) });
  const clients = createClientProvider(settings, { hasOrigins });
  const setup = createSetupService({ settings, clients, hasOrigins });
  const views = createViewService({ clients, settings });
  const popup = createPopupStatusService({ clients, settings });
  // Another site or reseller makes every cached view and the popup's counts wrong.
  const onSettingsChanged = async () => {
    await Promise.all([syncContentScript(), views.clear(), popup.clear()]);
  };
  const openTab = async (url: string) => {
    await browser.tabs.create({ url });
  };
  // Without the host permission yet (an import before the set-up's test), discovery fails: the first view then discovers.
  const discoverSite = () => clients.rediscoverSite().catch((error: unknown) => console.warn('Backup Bridge: could not find the Manage site yet', error));
  const loadOrganizations = () => clients.vendor().then((vendor) => vendor.listOrganizations()).then(
    () => undefined,
    (error: unknown) => console.warn('Backup Bridge: could not read the vendor’s organisations yet', error),
  );
  const handlers = createHandlers({ settings, setup, popup, openTab, onSettingsChanged, discoverSite, loadOrganizations });
  const panels = createPanelPortServer({ views, runAction: createActionRunner(), clients, settings, openTab });
  const extensionOrigin = browser.runtime.getURL('/');

  // Every listener is registered synchronously: a message may be what wakes the worker.
  browser.runtime.onMessage.addListener((message, sender) =>
    dispatch(MESSAGES, handlers, message, { fromExtensionPage: sender.url?.startsWith(extensionOrigin) ?? false }),
  );
  browser.runtime.onConnect.addListener((port) => panels.connect(port));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === POPUP_STATUS_ALARM) void popup.refresh().catch((error: unknown) => console.error('Backup Bridge: popup status failed', error));
  });
  // Created once: creating it on every wake-up would keep pushing the first run back.
  void browser.alarms.get(POPUP_STATUS_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(POPUP_STATUS_ALARM, { periodInMinutes: POPUP_STATUS_PERIOD_MINUTES, delayInMinutes: 1 });
  });
  browser.permissions.onAdded.addListener(() => void syncContentScript());
  browser.permissions.onRemoved.addListener(() => void syncContentScript());
  browser.runtime.onInstalled.addListener(() => void syncContentScript());
  browser.runtime.onStartup.addListener(() => {
    void syncContentScript();
    void discoverSite();
  });
  // Content scripts never need storage; where the browser allows it, keep them out of it entirely.
  void (browser.storage.local as { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> })
    .setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
    .catch(() => undefined);
});
