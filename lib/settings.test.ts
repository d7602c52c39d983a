import { describe, expect, it } from 'vitest';
import {
  applyManagedSettings,
  applySettingsDocument,
  exportSettingsDocument,
  parseManagedSettings,
  SettingsDocument,
  StoredSettings,
} from './settings';

const empty = { settings: StoredSettings.parse({}), secrets: {} };
const fullDocument = {
  version: 1,
  manage: {
    site: 'na.myconnectwise.net',
    companyId: 'northwind',
    clientId: '3f1e1c9e-0a57-4d6b-9a87-0b7f4f6e2c11',
    publicKey: 'pub',
    privateKey: 'priv',
  },
  vendor: { apiUrl: 'https://dropsuite.us/api', regionCode: 'uswest', resellerToken: 'r', accessToken: 'a' },
  mappings: { serviceBoardId: 3, priorityIds: { high: 2 } },
} as const;

describe('SettingsDocument', () => {
  it('accepts a complete document', () => {
    expect(SettingsDocument.safeParse(fullDocument).success).toBe(true);
  });

  it.each([
    ['no version', { manage: fullDocument.manage }, 'version'],
    ['a future version', { ...fullDocument, version: 2 }, 'version'],
    ['an unknown top-level field', { ...fullDocument, extra: true }, ''],
    ['an unknown manage field', { ...fullDocument, manage: { ...fullDocument.manage, password: 'x' } }, 'manage'],
    ['a clientId that is not a GUID', { ...fullDocument, manage: { ...fullDocument.manage, clientId: 'abc' } }, 'manage.clientId'],
    ['a vendor URL without scheme', { ...fullDocument, vendor: { ...fullDocument.vendor, apiUrl: 'dropsuite.us/api' } }, 'vendor.apiUrl'],
    ['an upper-case region', { ...fullDocument, vendor: { ...fullDocument.vendor, regionCode: 'US West' } }, 'vendor.regionCode'],
    ['a negative board id', { ...fullDocument, mappings: { serviceBoardId: -3 } }, 'mappings.serviceBoardId'],
    ['an unknown severity', { ...fullDocument, mappings: { priorityIds: { urgent: 1 } } }, 'mappings.priorityIds'],
  ])('rejects %s and names the field', (_name, document, field) => {
    const result = SettingsDocument.safeParse(document);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(field);
  });

  it('explains a bad clientId in words a person can act on', () => {
    const result = SettingsDocument.safeParse({ ...fullDocument, manage: { ...fullDocument.manage, clientId: 'abc' } });
    expect(result.error!.issues[0]!.message).toMatch(/GUID.*developer\.connectwise\.com/);
  });
});

describe('applySettingsDocument', () => {
  it('splits keys from settings', () => {
    const next = applySettingsDocument(empty, SettingsDocument.parse(fullDocument));
    expect(next.settings.manage).toEqual({
      site: 'na.myconnectwise.net',
      companyId: 'northwind',
      clientId: '3f1e1c9e-0a57-4d6b-9a87-0b7f4f6e2c11',
    });
    expect(JSON.stringify(next.settings)).not.toMatch(/priv|"pub"/);
    expect(next.secrets).toEqual({
      manage: { publicKey: 'pub', privateKey: 'priv' },
      vendor: { resellerToken: 'r', accessToken: 'a' },
    });
  });

  it('updates only the sections a partial document names', () => {
    const first = applySettingsDocument(empty, SettingsDocument.parse(fullDocument));
    const next = applySettingsDocument(first, SettingsDocument.parse({ version: 1, mappings: { statusClosedId: 34 } }));
    expect(next.settings.manage).toEqual(first.settings.manage);
    expect(next.secrets).toEqual(first.secrets);
    expect(next.settings.mappings).toEqual({ serviceBoardId: 3, priorityIds: { high: 2 }, statusClosedId: 34 });
  });

  it('replaces one key while keeping the other', () => {
    const first = applySettingsDocument(empty, SettingsDocument.parse(fullDocument));
    const next = applySettingsDocument(first, SettingsDocument.parse({ version: 1, manage: { privateKey: 'new' } }));
    expect(next.secrets.manage).toEqual({ publicKey: 'pub', privateKey: 'new' });
  });

  it('keeps this browser’s technician name, which no document carries', () => {
    const first = applySettingsDocument(empty, SettingsDocument.parse(fullDocument));
    const named = { ...first, settings: { ...first.settings, technician: 'Asha Kumar' } };
    expect(applySettingsDocument(named, SettingsDocument.parse(fullDocument)).settings.technician).toBe('Asha Kumar');
  });

  it('refuses a first manage section that is incomplete', () => {
    expect(() => applySettingsDocument(empty, SettingsDocument.parse({ version: 1, manage: { site: 'x.example' } }))).toThrow();
  });
});

describe('exportSettingsDocument', () => {
  it('leaves keys out unless asked, and round-trips through import', () => {
    const stored = applySettingsDocument(empty, SettingsDocument.parse(fullDocument));
    const withoutKeys = exportSettingsDocument(stored.settings, null);
    expect(JSON.stringify(withoutKeys)).not.toMatch(/priv|resellerToken|accessToken|publicKey/);
    const withKeys = exportSettingsDocument(stored.settings, stored.secrets);
    expect(applySettingsDocument(empty, withKeys)).toEqual(stored);
  });
});

describe('managed settings (browser policy)', () => {
  const stored = applySettingsDocument(empty, SettingsDocument.parse(fullDocument)).settings;

  it('wins over stored values and lists what it locks', () => {
    const { managed } = parseManagedSettings({ manage: { site: 'cw.msp.example' }, mappings: { serviceBoardId: 9 } });
    const { settings, locked } = applyManagedSettings(stored, managed);
    expect(settings.manage?.site).toBe('cw.msp.example');
    expect(settings.manage?.companyId).toBe('northwind');
    expect(settings.mappings.serviceBoardId).toBe(9);
    expect(locked).toEqual(['manage.site', 'mappings.serviceBoardId']);
  });

  it('keeps the technician’s name, which policy does not set', () => {
    const { settings } = applyManagedSettings({ ...stored, technician: 'Asha Kumar' }, { manage: { site: 'cw.msp.example' } });
    expect(settings.technician).toBe('Asha Kumar');
  });

  it('ignores an invalid section without losing the valid ones', () => {
    const { managed, ignored } = parseManagedSettings({ manage: { clientId: 'not-a-guid' }, vendor: { regionCode: 'euwest' } });
    expect(ignored).toEqual(['manage']);
    expect(managed).toEqual({ vendor: { regionCode: 'euwest' } });
  });

  it('treats a missing or odd policy as none', () => {
    expect(parseManagedSettings(undefined)).toEqual({ managed: {}, ignored: [] });
    expect(parseManagedSettings('x')).toEqual({ managed: {}, ignored: [] });
  });

  it('fills the manage section from policy alone only when policy gives all of it', () => {
    const partial = applyManagedSettings(StoredSettings.parse({}), { manage: { site: 'cw.msp.example' } });
    expect(partial.settings.manage).toBeUndefined();
    const complete = applyManagedSettings(StoredSettings.parse({}), {
      manage: { site: 'cw.msp.example', companyId: 'msp', clientId: '3f1e1c9e-0a57-4d6b-9a87-0b7f4f6e2c11' },
    });
    expect(complete.settings.manage?.companyId).toBe('msp');
  });
});
