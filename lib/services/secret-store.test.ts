import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { newSealingKey } from '../secrets';
import type { Secrets } from '../settings';
import { OrgRow } from '../vendor/dropsuite/wire';
import { createSecretStore } from './secret-store';

const VENDOR = { resellerToken: '6f2d7c1a-0000-4000-8000-000000000001', accessToken: 'adm_first' };
const OTHER_VENDOR = { ...VENDOR, accessToken: 'adm_second' };
const ROWS = [OrgRow.parse({ organization_id: '5979', organization_name: 'Blue Light, Co.', authentication_token: 'org_5979_abcdef' })];
const secrets = (vendor = VENDOR): Secrets => ({ vendor });

let key: CryptoKey;
beforeEach(async () => {
  fakeBrowser.reset();
  key = await newSealingKey();
});
const store = () => createSecretStore(async () => key);
const everything = async () => JSON.stringify([await fakeBrowser.storage.local.get(null), await fakeBrowser.storage.session.get(null)]);

describe('the organisation list kept with the keys', () => {
  it('sealed beside sealed keys: no token in the clear, read back by the same keys only', async () => {
    await store().save(secrets(), 'local');
    await store().directoryVault('local', VENDOR).save(ROWS);
    expect(await everything()).not.toContain('org_5979_abcdef');
    expect(await store().directoryVault('local', VENDOR).load()).toEqual(ROWS);
    expect(await store().directoryVault('local', OTHER_VENDOR).load()).toBeNull();
  });

  it('in session storage beside session-only keys, never in local storage', async () => {
    await store().save(secrets(), 'session');
    await store().directoryVault('session', VENDOR).save(ROWS);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('org_5979');
    expect(await store().directoryVault('session', VENDOR).load()).toEqual(ROWS);
  });

  it('unreadable once the sealing key is gone (the profile’s IndexedDB cleared)', async () => {
    await store().directoryVault('local', VENDOR).save(ROWS);
    key = await newSealingKey();
    expect(await store().directoryVault('local', VENDOR).load()).toBeNull();
  });

  it('kept while the same vendor keys are saved again (another setting changed)', async () => {
    await store().save(secrets(), 'local');
    await store().directoryVault('local', VENDOR).save(ROWS);
    await store().save({ ...secrets(), manage: { publicKey: 'pub', privateKey: 'priv' } }, 'local');
    expect(await store().directoryVault('local', VENDOR).load()).toEqual(ROWS);
  });

  it.each([
    ['other vendor keys', secrets(OTHER_VENDOR)],
    ['no vendor keys', {}],
  ])('forgotten when %s are saved', async (_case, next) => {
    await store().save(secrets(), 'local');
    await store().directoryVault('local', VENDOR).save(ROWS);
    await store().save(next, 'local');
    expect(await fakeBrowser.storage.local.get('vendorDirectory')).toEqual({});
  });

  it('forgotten when the keys move: switching where they are kept leaves no copy behind', async () => {
    await store().save(secrets(), 'session');
    await store().directoryVault('session', VENDOR).save(ROWS);
    await store().save(secrets(), 'local');
    expect(await fakeBrowser.storage.session.get('vendorDirectory')).toEqual({});
    expect(await store().directoryVault('local', VENDOR).load()).toBeNull();
  });
});
