import { storage } from 'wxt/utils/storage';
import type { z } from 'zod';
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

function validatedItem<S extends z.ZodType>(
  key: `local:${string}` | `session:${string}`,
  schema: S,
  fallback: z.output<S>,
): ValidatedItem<z.output<S>> {
  const item = storage.defineItem<unknown>(key);
  const parse = (raw: unknown): z.output<S> => {
    if (raw === null || raw === undefined) return fallback;
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    console.warn(`Backup Bridge: stored "${key}" is not valid and was ignored`, result.error.issues);
    return fallback;
  };
  return {
    get: async () => parse(await item.getValue()),
    set: (value) => item.setValue(schema.parse(value)),
    remove: () => item.removeValue(),
    watch: (callback) => item.watch((raw) => callback(parse(raw))),
  };
}

export const settingsItem = validatedItem('local:settings', StoredSettings, StoredSettings.parse({}));

/** Keys kept across restarts: encrypted, with the decryption key out of reach of content scripts. */
export const sealedSecretsItem = validatedItem('local:secrets', SealedSecrets.nullable(), null);

/** Keys for this browser session only (the "forget keys when the browser closes" option). */
export const sessionSecretsItem = validatedItem('session:secrets', Secrets.nullable(), null);
