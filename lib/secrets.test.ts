import { describe, expect, it } from 'vitest';
import { newSealingKey, seal, unseal } from './secrets';

const secrets = { manage: { publicKey: 'pub', privateKey: 'priv' } };

describe('sealed secrets', () => {
  it('round-trips and never holds the keys in the clear', async () => {
    const key = await newSealingKey();
    const sealed = await seal(secrets, key);
    expect(JSON.stringify(sealed)).not.toMatch(/pub|priv/);
    await expect(unseal(sealed, key)).resolves.toEqual(secrets);
  });

  it('uses a fresh IV each time', async () => {
    const key = await newSealingKey();
    const [a, b] = await Promise.all([seal(secrets, key), seal(secrets, key)]);
    expect(a.iv).not.toBe(b.iv);
    expect(a.data).not.toBe(b.data);
  });

  it('reads as null under another key or when tampered with', async () => {
    const sealed = await seal(secrets, await newSealingKey());
    await expect(unseal(sealed, await newSealingKey())).resolves.toBeNull();
    const key = await newSealingKey();
    const good = await seal(secrets, key);
    const tampered = { ...good, data: good.data.slice(0, -4) + 'AAAA' };
    await expect(unseal(tampered, key)).resolves.toBeNull();
  });

  it('makes a key that cannot be exported', async () => {
    const key = await newSealingKey();
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });
});
