import { z } from 'zod';
import { defineMessage } from '../messaging';
import { KeysStorage, ManageSettings, Mappings, SettingsDocument, StoredSettings, VendorSettings } from '../settings';

/** Settings as any context may see them: never a key, only whether one is present. */
export const PublicSettings = z.object({
  manage: ManageSettings.optional(),
  vendor: VendorSettings.optional(),
  mappings: Mappings,
  keysStorage: KeysStorage,
  hasManageKeys: z.boolean(),
  hasVendorKeys: z.boolean(),
  /** Set by the MSP's browser policy (`manage.site`…): shown, not editable. */
  locked: z.array(z.string()),
  technician: StoredSettings.shape.technician,
});
export type PublicSettings = z.infer<typeof PublicSettings>;

export const ImportResult = z.object({
  /** Which sections the document changed, for the confirmation message. */
  updated: z.array(z.enum(['manage', 'vendor', 'mappings', 'keysStorage', 'manage keys', 'vendor keys'])),
  settings: PublicSettings,
});
export type ImportResult = z.infer<typeof ImportResult>;


export const settingsGet = defineMessage({ type: 'settings/get', from: 'anyone', request: z.object({}), response: PublicSettings });
export const settingsImport = defineMessage({
  type: 'settings/import',
  from: 'pages',
  request: z.object({ document: z.unknown() }),
  response: ImportResult,
});
export const settingsExport = defineMessage({
  type: 'settings/export',
  from: 'pages',
  request: z.object({ includeSecrets: z.boolean() }),
  response: SettingsDocument,
});
