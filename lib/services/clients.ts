import { browser } from 'wxt/browser';
import { originPattern } from '../connectwise/site';
import { createManageClient, discoverSite, ManageSite, requiredOrigins, type ManageClient, type ManageClientOptions } from '../connectwise';
import { AppError } from '../errors';
import { storage } from 'wxt/utils/storage';
import { createDropsuiteClient, type DropsuiteClientOptions, type VendorClient } from '../vendor';
import type { SettingsService } from './settings-service';

export interface ManageConnection {
  client: ManageClient;
  site: ManageSite;
}

export interface ClientProviderOptions {
  fetch?: typeof fetch;
  /** Whether the browser lets the extension reach these origins (host permissions). */
  hasOrigins?: (origins: string[]) => Promise<boolean>;
  /** Timeouts and retry budgets of the clients; the defaults suit the browser, tests shorten them. */
  manageTiming?: Pick<ManageClientOptions, 'timeoutMs' | 'totalBudgetMs'>;
  vendorTiming?: Pick<DropsuiteClientOptions, 'timeoutMs' | 'retry'>;
}

/**
 * The discovered site (codebase, API host: nothing secret) is kept across browser sessions, so a
 * first screen view needs no companyinfo round trip; it is checked again when the browser starts
 * (the codebase moves with every cloud release) and whenever Manage stops routing it.
 */
const discoveredSiteItem = storage.defineItem<{ key: string; site: unknown } | null>('local:manageSite', { fallback: null });

/** Which settings a remembered site belongs to. */
const siteKeyOf = (manage: { site: string; companyId: string }) => `${manage.site}\n${manage.companyId}`;

/** Answers that mean the remembered site is out of date. */
const STALE_SITE_CODES = new Set(['cannot-route', 'unsupported-version', 'not-manage-site', 'endpoint-missing']);

/**
 * The API clients, built from the current settings and rebuilt when those change. A client is
 * kept while its settings stay the same, because the vendor client holds per-organisation tokens
 * (kept with the keys between worker restarts: SecretStore.directoryVault).
 */
export function createClientProvider(settings: SettingsService, options: ClientProviderOptions = {}) {
  const hasOrigins =
    options.hasOrigins ?? ((origins: string[]) => browser.permissions.contains({ origins: origins.map(originPattern) }));
  let vendor: { fingerprint: string; client: VendorClient } | null = null;
  let manage: { fingerprint: string; connection: Promise<ManageConnection> } | null = null;

  /** Remember `site` for these settings; a site that moved drops the live connection. */
  const remember = async (key: string, site: ManageSite) => {
    const previous = await discoveredSiteItem.getValue();
    await discoveredSiteItem.setValue({ key, site });
    if (JSON.stringify(previous?.site) !== JSON.stringify(site)) manage = null;
  };

  const connectManage = async (): Promise<ManageConnection> => {
    const { settings: current, secrets } = await settings.load();
    const manageSettings = current.manage!;
    const keys = secrets.manage!;
    const siteKey = siteKeyOf(manageSettings);
    const remembered = await discoveredSiteItem.getValue();
    const cachedSite = remembered?.key === siteKey ? ManageSite.safeParse(remembered.site) : null;
    const site = cachedSite?.success
      ? cachedSite.data
      : await discoverSite({ site: manageSettings.site, companyId: manageSettings.companyId }, { fetch: options.fetch });
    if (!cachedSite?.success) await discoveredSiteItem.setValue({ key: siteKey, site });
    const origins = requiredOrigins(site);
    if (!(await hasOrigins(origins))) {
      throw new AppError({
        code: 'permission-needed',
        message: `Backup Bridge is not allowed to reach ${origins.join(' and ')} yet.`,
        hint: 'Open Backup Bridge’s set-up and click “Save and test connection” to allow it.',
        field: 'manage.site',
        details: origins.map((origin) => ({ field: 'origin', message: origin })),
      });
    }
    return {
      site,
      client: createManageClient({
        site, companyId: manageSettings.companyId, clientId: manageSettings.clientId, ...keys, fetch: options.fetch, ...options.manageTiming,
      }),
    };
  };

  return {
    async manage(): Promise<ManageConnection> {
      const { settings: current, secrets } = await settings.load();
      if (!current.manage || !secrets.manage) {
        throw new AppError({
          code: 'manage-not-configured',
          message: 'ConnectWise Manage is not set up yet.',
          hint: 'Open Backup Bridge’s set-up and fill in step 1.',
        });
      }
      const fingerprint = JSON.stringify([current.manage, secrets.manage]);
      if (manage?.fingerprint !== fingerprint) {
        const connection = connectManage();
        manage = { fingerprint, connection };
        // A failed connection (site down, no permission yet) is retried on the next call.
        connection.catch(() => {
          if (manage?.connection === connection) manage = null;
        });
      }
      return manage.connection;
    },

    async vendor(): Promise<VendorClient> {
      const { settings: current, secrets } = await settings.load();
      if (!current.vendor || !secrets.vendor) {
        throw new AppError({
          code: 'vendor-not-configured',
          message: 'The backup vendor is not set up yet.',
          hint: 'Open Backup Bridge’s set-up and fill in step 2.',
        });
      }
      const fingerprint = JSON.stringify([current.vendor, secrets.vendor, current.keysStorage]);
      if (vendor?.fingerprint !== fingerprint) {
        vendor = {
          fingerprint,
          client: createDropsuiteClient({
            settings: current.vendor,
            secrets: secrets.vendor,
            directoryVault: settings.directoryVault(current.keysStorage, secrets.vendor),
            fetch: options.fetch,
            ...options.vendorTiming,
          }),
        };
      }
      return vendor.client;
    },

    /** Forget the discovered site (after the settings changed, or to re-run discovery). */
    async forgetSite(): Promise<void> {
      manage = null;
      await discoveredSiteItem.removeValue();
    },

    /**
     * Discover the site again now (browser start-up, a settings import); the remembered one serves
     * until this ends.
     */
    async rediscoverSite(): Promise<void> {
      const { settings: current } = await settings.load();
      if (!current.manage) return;
      const { site, companyId } = current.manage;
      await remember(siteKeyOf(current.manage), await discoverSite({ site, companyId }, { fetch: options.fetch }));
    },

    /** Keep a site discovered elsewhere (the set-up's connection test), so the first screen view needs no discovery. */
    async rememberSite(site: ManageSite): Promise<void> {
      const { settings: current } = await settings.load();
      if (current.manage) await remember(siteKeyOf(current.manage), site);
    },

    /** After a failed call: forget the site when the answer says it moved, so the next call discovers it. */
    async noticeFailure(error: unknown): Promise<void> {
      if (error instanceof AppError && STALE_SITE_CODES.has(error.data.code)) await this.forgetSite();
    },
  };
}
export type ClientProvider = ReturnType<typeof createClientProvider>;
