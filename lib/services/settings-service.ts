import { AppError } from '../errors';
import type { ImportResult, PublicSettings } from '../messages/settings';
import {
  applySettingsDocument,
  exportSettingsDocument,
  SettingsDocument,
  type Secrets,
  type StoredSettings,
} from '../settings';
import { settingsItem } from '../storage';
import type { SecretStore } from './secret-store';

export function toPublicSettings(settings: StoredSettings, secrets: Secrets): PublicSettings {
  return {
    ...settings,
    hasManageKeys: Boolean(secrets.manage),
    hasVendorKeys: Boolean(secrets.vendor),
  };
}

export function createSettingsService(secretStore: SecretStore) {
  const load = async () => {
    const settings = await settingsItem.get();
    return { settings, secrets: await secretStore.load(settings.keysStorage) };
  };

  return {
    load,
    async publicSettings(): Promise<PublicSettings> {
      const { settings, secrets } = await load();
      return toPublicSettings(settings, secrets);
    },

    /** Validate the whole document first; nothing is written unless all of it is valid. */
    async importDocument(raw: unknown): Promise<ImportResult> {
      const parsed = SettingsDocument.safeParse(raw);
      if (!parsed.success) {
        throw new AppError({
          code: 'invalid-settings-document',
          message: 'The settings document is not valid; nothing was changed.',
          hint: 'See “Settings document” in the README for the expected fields.',
          details: parsed.error.issues.map((i) => ({ field: i.path.join('.') || undefined, message: i.message })),
        });
      }
      const doc = parsed.data;
      const current = await load();
      let next: ReturnType<typeof applySettingsDocument>;
      try {
        next = applySettingsDocument(current, doc);
      } catch (error) {
        const app = AppError.from(error);
        throw new AppError({ ...app.data, code: 'invalid-settings-document', message: `The settings document is incomplete; nothing was changed. ${app.data.details?.map((d) => d.message).join(' ') ?? ''}`.trim() });
      }
      await secretStore.save(next.secrets, next.settings.keysStorage);
      await settingsItem.set(next.settings);
      const updated: ImportResult['updated'] = [];
      if (doc.manage) updated.push('manage');
      if (doc.vendor) updated.push('vendor');
      if (doc.mappings) updated.push('mappings');
      if (doc.keysStorage) updated.push('keysStorage');
      if (doc.manage?.publicKey || doc.manage?.privateKey) updated.push('manage keys');
      if (doc.vendor?.resellerToken || doc.vendor?.accessToken) updated.push('vendor keys');
      return { updated, settings: toPublicSettings(next.settings, next.secrets) };
    },

    async exportDocument(includeSecrets: boolean): Promise<SettingsDocument> {
      const { settings, secrets } = await load();
      return exportSettingsDocument(settings, includeSecrets ? secrets : null);
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
