import { z } from 'zod';
import { KeysStorage, ManageSettings, Mappings, VendorSettings } from './settings';

/** The screen a content script sees (lib/manage's ScreenState, as sent over the wire). */
export const ScreenKind = z.enum(['company', 'agreement', 'ticket']);
export type ScreenKind = z.infer<typeof ScreenKind>;

export const ScreenRef = z.object({
  kind: ScreenKind,
  recordId: z.number().int().positive().nullable(),
  label: z
    .object({
      identifier: z.string().max(200).optional(),
      name: z.string().max(200).optional(),
      ticketNumber: z.number().int().positive().optional(),
      summary: z.string().max(300).optional(),
      companyName: z.string().max(200).optional(),
    })
    .default({}),
});
export type ScreenRef = z.infer<typeof ScreenRef>;

/** Settings as any context may see them: never a key, only whether one is present. */
export const PublicSettings = z.object({
  manage: ManageSettings.optional(),
  vendor: VendorSettings.optional(),
  mappings: Mappings,
  keysStorage: KeysStorage,
  hasManageKeys: z.boolean(),
  hasVendorKeys: z.boolean(),
});
export type PublicSettings = z.infer<typeof PublicSettings>;

export const ImportResult = z.object({
  /** Which sections the document changed, for the confirmation message. */
  updated: z.array(z.enum(['manage', 'vendor', 'mappings', 'keysStorage', 'manage keys', 'vendor keys'])),
  settings: PublicSettings,
});
export type ImportResult = z.infer<typeof ImportResult>;

export const IntegrationStatus = z.object({
  manageConfigured: z.boolean(),
  vendorConfigured: z.boolean(),
});
export type IntegrationStatus = z.infer<typeof IntegrationStatus>;

export const PanelModel = z.object({
  kind: ScreenKind,
  recordId: z.number().int().positive().nullable(),
  configured: z.boolean(),
});
export type PanelModel = z.infer<typeof PanelModel>;
