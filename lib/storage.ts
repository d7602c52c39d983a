import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { ScreenKind } from './messages/panel';
import { PopupStatus } from './messages/popup';
import { Secrets, StoredSettings } from './settings';
import { SealedSecrets } from './secrets';

/**
 * Every stored item, typed and validated on the way out: a value that no longer fits its schema
 * (an old version, a hand edit) reads as the fallback and is reported, never crashes a caller.
 * Only background and extension pages touch these; content scripts ask the background.
 */
export interface ValidatedItem<T> {
  get(): Promise<T>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
  watch(callback: (value: T) => void): () => void;
}

/** Any zod schema, classic or mini (the panel views are zod/mini: the content script shares them). */
function validatedItem<S extends z.core.$ZodType>(
  key: `local:${string}` | `session:${string}`,
  schema: S,
  fallback: z.output<S>,
): ValidatedItem<z.output<S>> {
  const item = storage.defineItem<unknown>(key);
  const parse = (raw: unknown): z.output<S> => {
    if (raw === null || raw === undefined) return fallback;
    const result = z.safeParse(schema, raw);
    if (result.success) return result.data;
    console.warn(`Backup Bridge: stored "${key}" is not valid and was ignored`, result.error.issues);
    return fallback;
  };
  return {
    get: async () => parse(await item.getValue()),
    set: (value) => item.setValue(z.parse(schema, value)),
    remove: () => item.removeValue(),
    watch: (callback) => item.watch((raw) => callback(parse(raw))),
  };
}

export const settingsItem = validatedItem('local:settings', StoredSettings, StoredSettings.parse({}));

/** Keys kept across restarts: encrypted, with the decryption key out of reach of content scripts. */
export const sealedSecretsItem = validatedItem('local:secrets', SealedSecrets.nullable(), null);

/** Keys for this browser session only (the "forget keys when the browser closes" option). */
export const sessionSecretsItem = validatedItem('session:secrets', Secrets.nullable(), null);

/**
 * The vendor's organisation directory (its rows carry per-organisation tokens), kept with the keys
 * and in the same form (SecretStore.directoryVault, lib/services/secret-store.ts): sealed here, or for this session only.
 * `owner` names the credentials that read it; rows are validated by the vendor client on load.
 */
export const KeptDirectory = z.object({ owner: z.string(), rows: z.array(z.unknown()) });
export type KeptDirectory = z.infer<typeof KeptDirectory>;
export const sealedDirectoryItem = validatedItem('local:vendorDirectory', SealedSecrets.nullable(), null);
export const sessionDirectoryItem = validatedItem('session:vendorDirectory', KeptDirectory.nullable(), null);

/** Whether each panel is collapsed, per screen kind, remembered across restarts (issue 4). */
export const panelCollapsedItem = validatedItem('local:panelCollapsed', z.partialRecord(ScreenKind, z.boolean()), {});

/** The popup's last computed status: for this browser session only (it holds company names). */
export const popupStatusItem = validatedItem('session:popupStatus', PopupStatus.nullable(), null);

/**
 * The background's caches (lib/services/session-cache.ts): one item per entry, so writing one
 * view never rewrites the others, plus an index of when each entry was last used (for eviction).
 * Session storage survives the service worker's idle stops, not the browser; nothing secret goes in.
 */
const CacheIndex = z.record(z.string(), z.number());
export const cacheIndexItem = (namespace: string) => validatedItem(`session:cache:${namespace}`, CacheIndex, {});

export const cacheEntryItem = <S extends z.core.$ZodType>(namespace: string, key: string, value: S) =>
  validatedItem(`session:cache:${namespace}:${key}`, z.object({ value, fetchedAt: z.number() }).nullable(), null) as
    ValidatedItem<{ value: z.output<S>; fetchedAt: number } | null>;
