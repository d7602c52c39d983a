import type { KeysStorage, Secrets } from '../settings';
import { indexedDbSealingKey, seal, sealValue, unseal, unsealValue, type SealingKeyProvider } from '../secrets';
import { KeptDirectory, sealedDirectoryItem, sealedSecretsItem, sessionDirectoryItem, sessionSecretsItem } from '../storage';
import type { DirectoryVault } from '../vendor';

type VendorKeys = NonNullable<Secrets['vendor']>;

/** Which vendor keys a kept organisation list was read with (a digest: the keys are not repeated). */
async function ownerOf(keys: VendorKeys): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify([keys.resellerToken, keys.accessToken])));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Background-only access to keys, in whichever place the admin chose. */
export function createSecretStore(keyProvider: SealingKeyProvider = indexedDbSealingKey) {
  let sealingKey: Promise<CryptoKey> | undefined;
  const key = () => (sealingKey ??= keyProvider());

  async function keptDirectory(mode: KeysStorage): Promise<KeptDirectory | null> {
    if (mode === 'session') return sessionDirectoryItem.get();
    const sealed = await sealedDirectoryItem.get();
    return sealed && (await unsealValue(sealed, await key(), KeptDirectory));
  }

  const forgetDirectory = () => Promise.all([sealedDirectoryItem.remove(), sessionDirectoryItem.remove()]);

  return {
    async load(mode: KeysStorage): Promise<Secrets> {
      if (mode === 'session') return (await sessionSecretsItem.get()) ?? {};
      const sealed = await sealedSecretsItem.get();
      return (sealed && (await unseal(sealed, await key()))) ?? {};
    },
    /**
     * Saving in one place clears the other, so switching modes never leaves a copy behind. A kept
     * organisation list is forgotten when other vendor keys (or none) are saved, and when the keys
     * move to the other place: the vendor client then reads it again, one request.
     */
    async save(secrets: Secrets, mode: KeysStorage): Promise<void> {
      const kept = await keptDirectory(mode);
      if (!kept || !secrets.vendor || kept.owner !== (await ownerOf(secrets.vendor))) await forgetDirectory();
      if (mode === 'session') {
        await sessionSecretsItem.set(secrets);
        await Promise.all([sealedSecretsItem.remove(), sealedDirectoryItem.remove()]);
      } else {
        await sealedSecretsItem.set(await seal(secrets, await key()));
        await Promise.all([sessionSecretsItem.remove(), sessionDirectoryItem.remove()]);
      }
    },
    /**
     * Where the vendor client keeps its organisation list between worker restarts: with the keys,
     * in the same place and form. Its rows carry per-organisation tokens, which add no exposure:
     * the reseller and admin keys kept beside them read them all with one request. A list read with
     * other keys is not answered.
     */
    directoryVault(mode: KeysStorage, keys: VendorKeys): DirectoryVault {
      const owner = ownerOf(keys);
      return {
        async load() {
          const kept = await keptDirectory(mode);
          return kept && kept.owner === (await owner) ? kept.rows : null;
        },
        async save(rows) {
          const kept = { owner: await owner, rows: [...rows] };
          if (mode === 'session') await sessionDirectoryItem.set(kept);
          else await sealedDirectoryItem.set(await sealValue(kept, await key()));
        },
      };
    },
  };
}
export type SecretStore = ReturnType<typeof createSecretStore>;
