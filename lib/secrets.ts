import { z } from 'zod';
import { Secrets } from './settings';

/**
 * Keys at rest. Chrome and Firefox let content scripts read storage.local, so keys are never
 * stored there in the clear: they are sealed with AES-GCM under a non-extractable key that lives in
 * the extension origin's IndexedDB, which content scripts (running on the page's origin) cannot open.
 */
export const SealedSecrets = z.object({
  iv: z.string().regex(/^[A-Za-z0-9+/=]+$/),
  data: z.string().regex(/^[A-Za-z0-9+/=]+$/),
});
export type SealedSecrets = z.infer<typeof SealedSecrets>;

/** Where the sealing key comes from; IndexedDB in the extension, an in-memory key in unit tests. */
export type SealingKeyProvider = () => Promise<CryptoKey>;

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Seals any JSON value (the keys, or what is kept with them). */
export async function sealValue(value: unknown, key: CryptoKey): Promise<SealedSecrets> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  return { iv: toBase64(iv), data: toBase64(cipher) };
}

/** Null when the key changed (e.g. the browser profile's IndexedDB was cleared) or the value is not a `schema`. */
export async function unsealValue<T>(sealed: SealedSecrets, key: CryptoKey, schema: z.ZodType<T>): Promise<T | null> {
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(sealed.iv) }, key, fromBase64(sealed.data));
    return schema.parse(JSON.parse(new TextDecoder().decode(plain)));
  } catch {
    return null;
  }
}

export const seal = (secrets: Secrets, key: CryptoKey) => sealValue(Secrets.parse(secrets), key);

/** Null when the key changed: keys must be re-entered. */
export const unseal = (sealed: SealedSecrets, key: CryptoKey) => unsealValue(sealed, key, Secrets);

export const newSealingKey = () =>
  crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']) as Promise<CryptoKey>;

const DB_NAME = 'backup-bridge-vault';
const STORE = 'keys';
const KEY_ID = 'secrets-sealing-key';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The sealing key from the extension origin's IndexedDB, created on first use. */
export const indexedDbSealingKey: SealingKeyProvider = async () => {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  const db = await request(open);
  try {
    const existing = await request(db.transaction(STORE).objectStore(STORE).get(KEY_ID));
    if (existing instanceof CryptoKey) return existing;
    const key = await newSealingKey();
    await request(db.transaction(STORE, 'readwrite').objectStore(STORE).put(key, KEY_ID));
    return key;
  } finally {
    db.close();
  }
};
