import { browser } from 'wxt/browser';
import type { Handlers } from '../messaging';
import type { Message } from '../messages';
import { AppError } from '../errors';
import type { PopupStatusService } from './popup-status';
import type { SettingsService } from './settings-service';
import type { SetupService } from './setup-service';

/** The background's answers to every message; each handler's input is already validated. */
export function createHandlers(deps: {
  settings: SettingsService;
  setup: SetupService;
  popup: Pick<PopupStatusService, 'get'>;
  openTab(url: string): Promise<void>;
  onSettingsChanged(): Promise<void>;
  /** Best effort: find the imported Manage site now, so the first screen view needs no discovery. */
  discoverSite(): Promise<void>;
  /** Best effort: read the vendor's organisation list now (it is kept), so the first screen view needs not. */
  loadOrganizations(): Promise<void>;
}): Handlers<Message> {
  const { settings, setup } = deps;
  const saved = async <T>(result: T): Promise<T> => {
    await deps.onSettingsChanged();
    return result;
  };
  return {
    'setup/save-manage': async ({ manage, keys, keysStorage }) => saved(await settings.saveManage(manage, keys, keysStorage)),
    'setup/test-manage': () => setup.testManage(),
    'setup/save-vendor': async ({ vendor, keys }) => saved(await settings.saveVendor(vendor, keys)),
    'setup/test-vendor': () => setup.testVendor(),
    'setup/choices': () => setup.choices(),
    'setup/save-mappings': async ({ mappings }) => saved(await settings.saveMappings(mappings)),
    'setup/save-technician': ({ technician }) => settings.saveTechnician(technician),
    'settings/get': () => settings.publicSettings(),
    'settings/import': async ({ document }) => {
      const result = await saved(await settings.importDocument(document));
      const vendorChanged = result.updated.includes('vendor') || result.updated.includes('vendor keys');
      await Promise.all([
        result.updated.includes('manage') ? deps.discoverSite() : undefined,
        vendorChanged ? deps.loadOrganizations() : undefined,
      ]);
      return result;
    },
    'settings/export': ({ includeSecrets }) => settings.exportDocument(includeSecrets),
    'options/open': async () => {
      await browser.runtime.openOptionsPage();
      return {};
    },
    'popup/status': ({ refresh }) => deps.popup.get({ refresh }),
    'tabs/open': async ({ url }) => {
      // The popup's links go to Manage screens and the extension's own pages; nothing else opens from here.
      if (!/^https?:\/\//i.test(url) && !url.startsWith(browser.runtime.getURL('/'))) {
        throw new AppError({ code: 'invalid-request', message: `Backup Bridge does not open ${url}.` });
      }
      await deps.openTab(url);
      return {};
    },
  };
}
