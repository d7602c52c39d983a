import type { KeysStorage, Secrets } from '../settings';
import { indexedDbSealingKey, seal, unseal, type SealingKeyProvider } from '../secrets';
import { sealedSecretsItem, sessionSecretsItem } from '../storage';

/** Background-only access to keys, in whichever place the admin chose. */
export function createSecretStore(keyProvider: SealingKeyProvider = indexedDbSealingKey) {
  let sealingKey: Promise<CryptoKey> | undefined;
  const key = () => (sealingKey ??= keyProvider());

  return {
    async load(mode: KeysStorage): Promise<Secrets> {
      if (mode === 'session') return (await sessionSecretsItem.get()) ?? {};
      const sealed = await sealedSecretsItem.get();
      return (sealed && (await unseal(sealed, await key()))) ?? {};
    },
    /** Saving in one place clears the other, so switching modes never leaves a copy behind. */
    async save(secrets: Secrets, mode: KeysStorage): Promise<void> {
      if (mode === 'session') {
        await sessionSecretsItem.set(secrets);
        await sealedSecretsItem.remove();
      } else {
        await sealedSecretsItem.set(await seal(secrets, await key()));
        await sessionSecretsItem.remove();
      }
    },
  };
}
export type SecretStore = ReturnType<typeof createSecretStore>;
