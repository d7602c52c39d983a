import { describe, expect, it } from 'vitest';
import { manageOriginPatterns, summarizeSetup, validateManageForm, validateVendorForm, vendorOriginPatterns } from './setup';

const manage = {
  site: 'na.myconnectwise.net',
  companyId: 'northwind',
  clientId: '3f1e1c9e-0a57-4d6b-9a87-0b7f4f6e2c11',
  apiMember: '',
  publicKey: 'pub',
  privateKey: 'priv',
};
const errorsOf = (errors: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(errors).filter(([, message]) => message));

describe('validateManageForm', () => {
  it('accepts a complete form', () => {
    expect(errorsOf(validateManageForm(manage, false))).toEqual({});
  });

  it('names each problem at its field', () => {
    const errors = errorsOf(validateManageForm({ ...manage, site: '', companyId: ' ', clientId: 'x', privateKey: '' }, false));
    expect(Object.keys(errors).sort()).toEqual(['clientId', 'companyId', 'privateKey', 'site']);
    expect(errors.clientId).toMatch(/GUID/);
  });

  it('lets saved keys stand when both are left empty, but not one alone', () => {
    expect(errorsOf(validateManageForm({ ...manage, publicKey: '', privateKey: '' }, true))).toEqual({});
    expect(errorsOf(validateManageForm({ ...manage, privateKey: '' }, true)).privateKey).toMatch(/leave both empty/);
  });

  it('limits the API member id to Manage’s 15 characters', () => {
    expect(errorsOf(validateManageForm({ ...manage, apiMember: 'a-very-long-member-id' }, false)).apiMember).toMatch(/15/);
  });
});

describe('validateVendorForm', () => {
  const vendor = { apiUrl: 'https://dropsuite.us/api', regionCode: 'uswest', resellerToken: 'r', accessToken: 'a', portalUrl: '' };
  it('accepts a complete form and checks the optional portal address only when given', () => {
    expect(errorsOf(validateVendorForm(vendor, false))).toEqual({});
    expect(errorsOf(validateVendorForm({ ...vendor, portalUrl: 'portal' }, false))).toHaveProperty('portalUrl');
  });
  it('rejects an address without scheme and a region with spaces', () => {
    expect(Object.keys(errorsOf(validateVendorForm({ ...vendor, apiUrl: 'dropsuite.us', regionCode: 'us west' }, false)))).toEqual([
      'apiUrl',
      'regionCode',
    ]);
  });
});

describe('origins to ask for', () => {
  it('asks for the cloud web client and its api- twin', () => {
    expect(manageOriginPatterns('na.myconnectwise.net')).toEqual(['https://na.myconnectwise.net/*', 'https://api-na.myconnectwise.net/*']);
  });
  it('asks for an on-prem host only, plus what the background said it still needs', () => {
    expect(manageOriginPatterns('cw.example.com', ['https://api.cw.example.com'])).toEqual([
      'https://cw.example.com/*',
      'https://api.cw.example.com/*',
    ]);
  });
  it('asks for the vendor API and portal hosts', () => {
    expect(vendorOriginPatterns('https://dropsuite.us/api', 'https://portal.dropsuite.us/')).toEqual([
      'https://dropsuite.us/*',
      'https://portal.dropsuite.us/*',
    ]);
  });
});

describe('summarizeSetup', () => {
  const base = { mappings: {}, keysStorage: 'local' as const, hasManageKeys: false, hasVendorKeys: false, locked: [] };
  it('lists everything missing on an empty profile', () => {
    expect(summarizeSetup(base, false).map((i) => i.ok)).toEqual([false, false, false, false]);
    expect(summarizeSetup(base, false)[0]!.missing).toBe('site and company id, API keys, permission to reach the site');
  });
  it('is all ok when configured', () => {
    const settings = {
      ...base,
      manage: { site: 'x', companyId: 'y', clientId: manage.clientId },
      vendor: { apiUrl: 'https://dropsuite.us/api', regionCode: 'uswest' },
      hasManageKeys: true,
      hasVendorKeys: true,
      mappings: { serviceBoardId: 3, statusNewId: 31, statusClosedId: 34, statusCancelledId: 35, productCategoryId: 1, productSubcategoryId: 12, productTypeId: 1 },
    };
    expect(summarizeSetup(settings, true).every((i) => i.ok)).toBe(true);
  });
});
