import { z } from 'zod';

/**
 * Settings: what an MSP admin types in the options page or imports as a JSON document.
 * Secrets (API keys and vendor tokens) are split off and kept by the background only
 * (see secrets.ts); everything else is plain, shareable configuration.
 */

const trimmed = (label: string) =>
  z.string({ error: `${label} must be text.` }).trim().min(1, `${label} is empty.`);

const Guid = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    error: 'The clientId is a GUID like 3f1e1c9e-0a57-4d6b-9a87-0b7f4f6e2c11 (developer.connectwise.com/ClientID).',
  });

const HttpUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), {
    error: 'Enter a full address starting with https://',
  });

const RecordId = z.number().int().positive();

export const ManageSettings = z.object({
  /** What the person pasted: `na.myconnectwise.net`, `https://api-na.myconnectwise.net/`, an on-prem host… */
  site: trimmed('The Manage site'),
  /** The company id typed at the Manage login screen. */
  companyId: trimmed('The company id').max(50),
  clientId: Guid,
  /** The API member's id (System → Members → API Members), to name it and read its role; optional. */
  apiMember: z.string().trim().min(1).max(15, { error: 'A Manage member id has at most 15 characters.' }).optional(),
});
export type ManageSettings = z.infer<typeof ManageSettings>;

export const VendorSettings = z.object({
  /** The reseller API base, e.g. https://dropsuite.us/api */
  apiUrl: HttpUrl,
  /** Region code used in catalog identifiers and configuration names, e.g. `uswest`. */
  regionCode: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{2,20}$/, { error: 'The region code is 2–20 lower-case letters, digits or dashes, e.g. uswest.' }),
  /** Where technicians are sent when the API cannot do something (optional). */
  portalUrl: HttpUrl.optional(),
});
export type VendorSettings = z.infer<typeof VendorSettings>;

export const Severity = z.enum(['low', 'medium', 'high']);
export type Severity = z.infer<typeof Severity>;

export const Mappings = z.object({
  serviceBoardId: RecordId.optional(),
  statusNewId: RecordId.optional(),
  statusClosedId: RecordId.optional(),
  statusCancelledId: RecordId.optional(),
  priorityIds: z.partialRecord(Severity, RecordId).optional(),
  productCategoryId: RecordId.optional(),
  productSubcategoryId: RecordId.optional(),
  productTypeId: RecordId.optional(),
});
export type Mappings = z.infer<typeof Mappings>;

export const KeysStorage = z.enum(['local', 'session']);
export type KeysStorage = z.infer<typeof KeysStorage>;

/** The non-secret settings as stored. */
export const StoredSettings = z.object({
  manage: ManageSettings.optional(),
  vendor: VendorSettings.optional(),
  mappings: Mappings.default({}),
  /** `session`: keys are forgotten when the browser closes. */
  keysStorage: KeysStorage.default('local'),
  /** This technician's name, written in the ticket notes of the actions they run (per browser). */
  technician: z.string().trim().min(1).max(60).optional(),
});
export type StoredSettings = z.infer<typeof StoredSettings>;

export const Secrets = z.object({
  manage: z.object({ publicKey: trimmed('The public key'), privateKey: trimmed('The private key') }).optional(),
  vendor: z
    .object({ resellerToken: trimmed('The reseller token'), accessToken: trimmed('The access token') })
    .optional(),
});
export type Secrets = z.infer<typeof Secrets>;

/**
 * The import/export document (README, "Settings document"). Every section is optional so that a
 * partial document updates only what it names; secrets travel in the same sections.
 */
export const SettingsDocument = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1, { error: 'Only version 1 settings documents exist; set "version": 1.' }),
    manage: ManageSettings.partial()
      .extend({ publicKey: trimmed('The public key').optional(), privateKey: trimmed('The private key').optional() })
      .strict()
      .optional(),
    vendor: VendorSettings.partial()
      .extend({
        resellerToken: trimmed('The reseller token').optional(),
        accessToken: trimmed('The access token').optional(),
      })
      .strict()
      .optional(),
    mappings: Mappings.strict().optional(),
    keysStorage: KeysStorage.optional(),
  })
  .strict();
export type SettingsDocument = z.infer<typeof SettingsDocument>;

/** Merge an imported document over what is stored; a section becomes complete or stays as it was. */
export function applySettingsDocument(
  current: { settings: StoredSettings; secrets: Secrets },
  doc: SettingsDocument,
): { settings: StoredSettings; secrets: Secrets } {
  const { publicKey, privateKey, ...manage } = doc.manage ?? {};
  const { resellerToken, accessToken, ...vendor } = doc.vendor ?? {};
  const mergedManage = { ...current.settings.manage, ...manage };
  const mergedVendor = { ...current.settings.vendor, ...vendor };
  const manageSecrets = { ...current.secrets.manage, ...(publicKey && { publicKey }), ...(privateKey && { privateKey }) };
  const vendorSecrets = {
    ...current.secrets.vendor,
    ...(resellerToken && { resellerToken }),
    ...(accessToken && { accessToken }),
  };
  return {
    settings: StoredSettings.parse({
      manage: doc.manage ? ManageSettings.parse(mergedManage) : current.settings.manage,
      vendor: doc.vendor ? VendorSettings.parse(mergedVendor) : current.settings.vendor,
      mappings: { ...current.settings.mappings, ...doc.mappings },
      keysStorage: doc.keysStorage ?? current.settings.keysStorage,
      // Per browser: a shared document never carries it, so importing one keeps it.
      technician: current.settings.technician,
    }),
    secrets: Secrets.parse({
      manage: Object.keys(manageSecrets).length ? manageSecrets : undefined,
      vendor: Object.keys(vendorSecrets).length ? vendorSecrets : undefined,
    }),
  };
}

/** The export document; secrets only when asked for. */
export function exportSettingsDocument(
  settings: StoredSettings,
  secrets: Secrets | null,
): SettingsDocument {
  return SettingsDocument.parse({
    version: 1,
    manage: settings.manage && { ...settings.manage, ...secrets?.manage },
    vendor: settings.vendor && { ...settings.vendor, ...secrets?.vendor },
    mappings: settings.mappings,
    keysStorage: settings.keysStorage,
  });
}

/** Non-secret settings an MSP pushes by browser policy (public/managed-schema.json). */
export const ManagedSettings = z.object({
  manage: ManageSettings.partial().optional(),
  vendor: VendorSettings.partial().optional(),
  mappings: Mappings.optional(),
  keysStorage: KeysStorage.optional(),
});
export type ManagedSettings = z.infer<typeof ManagedSettings>;

/**
 * Read policy values section by section: one mistyped value in a policy must not throw away the
 * rest, nor stop the extension. Returns what is valid and what was ignored.
 */
export function parseManagedSettings(raw: unknown): { managed: ManagedSettings; ignored: string[] } {
  const source = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const managed: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [key, schema] of Object.entries(ManagedSettings.shape)) {
    if (source[key] === undefined) continue;
    const result = schema.safeParse(source[key]);
    if (result.success) managed[key] = result.data;
    else ignored.push(key);
  }
  return { managed: managed as ManagedSettings, ignored };
}

/** Policy values win over what is stored; `locked` lists them (`manage.site`…) so the UI can say so. */
export function applyManagedSettings(stored: StoredSettings, managed: ManagedSettings): { settings: StoredSettings; locked: string[] } {
  const locked = [
    ...Object.keys(managed.manage ?? {}).map((k) => `manage.${k}`),
    ...Object.keys(managed.vendor ?? {}).map((k) => `vendor.${k}`),
    ...Object.keys(managed.mappings ?? {}).map((k) => `mappings.${k}`),
    ...(managed.keysStorage ? ['keysStorage'] : []),
  ];
  const manage = ManageSettings.safeParse({ ...stored.manage, ...managed.manage });
  const vendor = VendorSettings.safeParse({ ...stored.vendor, ...managed.vendor });
  return {
    settings: {
      // Everything policy does not set (the technician's name) stays as stored.
      ...stored,
      manage: manage.success ? manage.data : stored.manage,
      vendor: vendor.success ? vendor.data : stored.vendor,
      mappings: { ...stored.mappings, ...managed.mappings },
      keysStorage: managed.keysStorage ?? stored.keysStorage,
    },
    locked,
  };
}
