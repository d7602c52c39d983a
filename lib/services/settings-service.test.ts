import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { newSealingKey } from '../secrets';
import { sealedSecretsItem, sessionSecretsItem, settingsItem } from '../storage';
import { createSecretStore } from './secret-store';
import { createSettingsService } from './settings-service';

const doc = {
  version: 1,
  manage: {
    site: 'http://127.0.0.1:8510',
    companyId: 'northwind',
    clientId: '3f1e1c9e-0a57-4d6b-9a87-0b7f4f6e2c11',
    publicKey: 'BBdemoPublic0001',
    privateKey: 'BBdemoPrivate0001',
  },
  vendor: { apiUrl: 'http://127.0.0.1:8520/api', regionCode: 'uswest', resellerToken: 'reseller-1', accessToken: 'admin-1' },
};

async function allStoredText(): Promise<string> {
  const local = await fakeBrowser.storage.local.get(null);
  const session = await fakeBrowser.storage.session.get(null);
  return JSON.stringify({ local, session });
}

describe('settings service', () => {
  let key: CryptoKey;
  beforeEach(async () => {
    fakeBrowser.reset();
    key = await newSealingKey();
  });
  const service = () => createSettingsService(createSecretStore(async () => key));

  it('imports a document and reports what changed, without echoing keys', async () => {
    const result = await service().importDocument(doc);
    expect(result.updated).toEqual(['manage', 'vendor', 'manage keys', 'vendor keys']);
    expect(result.settings).toMatchObject({ hasManageKeys: true, hasVendorKeys: true, manage: { companyId: 'northwind' } });
    expect(JSON.stringify(result)).not.toMatch(/BBdemoPrivate|reseller-1|admin-1/);
  });

  it('never stores a key in the clear', async () => {
    await service().importDocument(doc);
    expect(await allStoredText()).not.toMatch(/BBdemoPublic|BBdemoPrivate|reseller-1|admin-1/);
    expect(await sealedSecretsItem.get()).not.toBeNull();
    await expect(service().load()).resolves.toMatchObject({
      secrets: { manage: { privateKey: 'BBdemoPrivate0001' }, vendor: { accessToken: 'admin-1' } },
    });
  });

  it('keeps keys in session storage only when asked, and removes the sealed copy', async () => {
    await service().importDocument(doc);
    await service().importDocument({ version: 1, keysStorage: 'session' });
    expect(await sealedSecretsItem.get()).toBeNull();
    expect(await sessionSecretsItem.get()).toMatchObject({ manage: { publicKey: 'BBdemoPublic0001' } });
    expect((await settingsItem.get()).keysStorage).toBe('session');
  });

  it('changes nothing when the document is invalid, and says which field', async () => {
    await service().importDocument(doc);
    const before = await allStoredText();
    await expect(
      service().importDocument({ ...doc, vendor: { ...doc.vendor, apiUrl: 'not a url' } }),
    ).rejects.toMatchObject({ data: { code: 'invalid-settings-document', details: [{ field: 'vendor.apiUrl' }] } });
    expect(await allStoredText()).toBe(before);
  });

  it('changes nothing when a first import lacks required fields', async () => {
    await expect(service().importDocument({ version: 1, manage: { site: 'na.myconnectwise.net' } })).rejects.toMatchObject({
      data: { code: 'invalid-settings-document' },
    });
    expect(await settingsItem.get()).toEqual({ mappings: {}, keysStorage: 'local' });
  });

  it('exports without keys unless asked', async () => {
    await service().importDocument(doc);
    const plain = await service().exportDocument(false);
    expect(JSON.stringify(plain)).not.toMatch(/BBdemoPrivate|admin-1/);
    const full = await service().exportDocument(true);
    expect(full.manage?.privateKey).toBe('BBdemoPrivate0001');
  });

  it('reads keys as missing (not as a crash) when the sealing key is gone', async () => {
    await service().importDocument(doc);
    key = await newSealingKey();
    await expect(service().publicSettings()).resolves.toMatchObject({ hasManageKeys: false, hasVendorKeys: false });
  });

  it('applies browser-policy settings over stored ones and reports them as locked', async () => {
    await service().importDocument(doc);
    const withPolicy = createSettingsService(createSecretStore(async () => key), async () => ({
      manage: { site: 'https://cw.msp.example' },
      mappings: { serviceBoardId: 3 },
    }));
    await expect(withPolicy.publicSettings()).resolves.toMatchObject({
      manage: { site: 'https://cw.msp.example', companyId: 'northwind' },
      mappings: { serviceBoardId: 3 },
      locked: ['manage.site', 'mappings.serviceBoardId'],
      hasManageKeys: true,
    });
  });

  it('keeps working when the browser has no managed storage', async () => {
    const broken = createSettingsService(createSecretStore(async () => key), () => Promise.reject(new Error('no managed storage')));
    await expect(broken.publicSettings()).resolves.toMatchObject({ locked: [] });
  });

  it('saves one wizard step at a time, keeping saved keys when none are typed', async () => {
    await service().importDocument(doc);
    const manage = { site: 'na.myconnectwise.net', companyId: 'northwind', clientId: doc.manage.clientId };
    await service().saveManage(manage, null, 'local');
    await expect(service().load()).resolves.toMatchObject({
      settings: { manage },
      secrets: { manage: { privateKey: 'BBdemoPrivate0001' }, vendor: { accessToken: 'admin-1' } },
    });
    await service().saveVendor({ apiUrl: 'https://dropsuite.us/api', regionCode: 'uswest' }, { resellerToken: 'r2', accessToken: 'a2' });
    await expect(service().load()).resolves.toMatchObject({ secrets: { vendor: { resellerToken: 'r2' }, manage: { publicKey: 'BBdemoPublic0001' } } });
    await service().saveMappings({ serviceBoardId: 3 });
    await expect(service().publicSettings()).resolves.toMatchObject({ mappings: { serviceBoardId: 3 }, hasVendorKeys: true });
  });

  it('keeps this browser’s technician name, and clears it when emptied', async () => {
    await service().importDocument(doc);
    await expect(service().saveTechnician('Asha Kumar')).resolves.toMatchObject({ technician: 'Asha Kumar', hasManageKeys: true });
    await service().importDocument({ version: 1, mappings: { serviceBoardId: 3 } });
    expect((await service().publicSettings()).technician).toBe('Asha Kumar');
    expect((await service().saveTechnician('')).technician).toBeUndefined();
  });

  it('ignores a corrupted stored settings value instead of crashing', async () => {
    await fakeBrowser.storage.local.set({ settings: { manage: { site: 42 } } });
    const settings = await service().publicSettings();
    expect(settings.manage).toBeUndefined();
    expect(settings.mappings).toEqual({});
  });
});
