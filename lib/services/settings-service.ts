import { AppError, issueDetails } from '../errors';
import type { ImportResult, PublicSettings } from '../messages/settings';
import {
  applyManagedSettings,
  applySettingsDocument,
  exportSettingsDocument,
  parseManagedSettings,
  SettingsDocument,
  type KeysStorage,
  type ManageSettings,
  type Mappings,
  type Secrets,
  type StoredSettings,
  type VendorSettings,
} from '../settings';
import { settingsItem } from '../storage';
import type { SecretStore } from './secret-store';

export interface EffectiveSettings {
  /** Stored settings with browser-policy values applied. */
  settings: StoredSettings;
  secrets: Secrets;
  /** Paths set by policy (`manage.site`…). */
  locked: string[];
}

export function toPublicSettings({ settings, secrets, locked }: EffectiveSettings): PublicSettings {
  return { ...settings, hasManageKeys: Boolean(secrets.manage), hasVendorKeys: Boolean(secrets.vendor), locked };
}

/** Reads the policy an MSP pushed; none (or a browser without managed storage) reads as `{}`. */
export type ManagedSource = () => Promise<unknown>;

export function createSettingsService(secretStore: SecretStore, readManaged: ManagedSource = async () => ({})) {
  const load = async (): Promise<EffectiveSettings> => {
    const [stored, rawManaged] = await Promise.all([settingsItem.get(), readManaged().catch(() => ({}))]);
    const { managed, ignored } = parseManagedSettings(rawManaged);
    if (ignored.length) console.warn(`Backup Bridge: policy settings ignored (invalid): ${ignored.join(', ')}`);
    const { settings, locked } = applyManagedSettings(stored, managed);
    return { settings, secrets: await secretStore.load(settings.keysStorage), locked };
  };

  /** Write stored settings and keys, then answer with the effective (policy-applied) result. */
  const save = async (settings: StoredSettings, secrets: Secrets): Promise<PublicSettings> => {
    await secretStore.save(secrets, settings.keysStorage);
    await settingsItem.set(settings);
    return toPublicSettings(await load());
  };

  return {
    load,
    /** Where the vendor client keeps its organisation list: with the keys (see SecretStore). */
    directoryVault: secretStore.directoryVault,
    async publicSettings(): Promise<PublicSettings> {
      return toPublicSettings(await load());
    },

    /** Validate the whole document first; nothing is written unless all of it is valid. */
    async importDocument(raw: unknown): Promise<ImportResult> {
      const parsed = SettingsDocument.safeParse(raw);
      if (!parsed.success) {
        throw new AppError({
          code: 'invalid-settings-document',
          message: 'The settings document is not valid; nothing was changed.',
          hint: 'See “Settings document” in the README for the expected fields.',
          details: issueDetails(parsed.error),
        });
      }
      const doc = parsed.data;
      const stored = await settingsItem.get();
      const current = { settings: stored, secrets: await secretStore.load(stored.keysStorage) };
      let next: ReturnType<typeof applySettingsDocument>;
      try {
        next = applySettingsDocument(current, doc);
      } catch (error) {
        const details = AppError.from(error).data.details;
        throw new AppError({
          code: 'invalid-settings-document',
          message: 'The settings document is incomplete; nothing was changed.',
          hint: 'A first import must give the whole manage (or vendor) section: site, companyId and clientId.',
          details,
        });
      }
      const updated: ImportResult['updated'] = [];
      if (doc.manage) updated.push('manage');
      if (doc.vendor) updated.push('vendor');
      if (doc.mappings) updated.push('mappings');
      if (doc.keysStorage) updated.push('keysStorage');
      if (doc.manage?.publicKey || doc.manage?.privateKey) updated.push('manage keys');
      if (doc.vendor?.resellerToken || doc.vendor?.accessToken) updated.push('vendor keys');
      return { updated, settings: await save(next.settings, next.secrets) };
    },

    async exportDocument(includeSecrets: boolean): Promise<SettingsDocument> {
      const { settings, secrets } = await load();
      return exportSettingsDocument(settings, includeSecrets ? secrets : null);
    },

    /** The set-up wizard's steps: each replaces its section; `null` keys keep the saved ones. */
    async saveManage(manage: ManageSettings, keys: Secrets['manage'] | null, keysStorage: KeysStorage) {
      const stored = await settingsItem.get();
      const secrets = await secretStore.load(stored.keysStorage);
      return save({ ...stored, manage, keysStorage }, { ...secrets, manage: keys ?? secrets.manage });
    },
    async saveVendor(vendor: VendorSettings, keys: Secrets['vendor'] | null) {
      const stored = await settingsItem.get();
      const secrets = await secretStore.load(stored.keysStorage);
      return save({ ...stored, vendor }, { ...secrets, vendor: keys ?? secrets.vendor });
    },
    async saveTechnician(technician: string) {
      const stored = await settingsItem.get();
      return save({ ...stored, technician: technician || undefined }, await secretStore.load(stored.keysStorage));
    },
    async saveMappings(mappings: Mappings) {
      const stored = await settingsItem.get();
      return save({ ...stored, mappings }, await secretStore.load(stored.keysStorage));
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
