import { describe, expect, it } from 'vitest';
import {
  additionSerialNumber, discoverLinks, domainOf, linksOfCompany, nameSimilarity, nameTokens, parseAdditionSerialNumber,
  parsePlanItemIdentifier, parseTenantLinkName, planItemIdentifier, suggestLinks, tenantLinkName,
} from './links';
import type { ConfigurationLike, LocatedAddition } from './records';
import { organization } from './test-support';

const REGION = 'uswest';

describe('link names', () => {
  it('writes the conventions of e2e/sim/world.ts', () => {
    expect(tenantLinkName(REGION, '5979')).toBe('uswest.tenant.5979');
    expect(tenantLinkName(' USWest ', '5979')).toBe('uswest.tenant.5979');
    expect(additionSerialNumber(REGION, '19771')).toBe('uswest.19771');
    expect(planItemIdentifier(REGION, '4')).toBe('uswest.4');
  });

  it.each([
    ['uswest.tenant.5979', '5979'],
    ['USWEST.Tenant.5979', '5979'],
    ['  uswest . tenant . 5979  ', '5979'],
    ['uswest.tenant.', null],
    ['uswest.tenant.59x79', null],
    ['uswest.tenant.5979.1', null],
    ['euwest.tenant.5979', null], // another region: not ours
    ['uswest2.tenant.5979', null],
    ['uswest.backup.9201', null], // an action, not a link
    ['uswest.5979', null],
    ['', null],
    [null, null],
  ])('tenant link %j → %j', (name, expected) => expect(parseTenantLinkName(REGION, name)).toBe(expected));

  it.each([
    ['uswest.5979', '5979'],
    [' UsWest.20610 ', '20610'],
    ['uswest .20610', '20610'],
    ['euwest.5979', null],
    ['uswest.tenant.5979', null],
    ['EFS-342', null], // eFolder's convention (seed 001), not ours
    ['SN2501', null],
    ['uswest.', null],
    [undefined, null],
  ])('addition serial %j → %j', (serial, expected) => expect(parseAdditionSerialNumber(REGION, serial)).toBe(expected));

  it.each([
    ['uswest.4', '4'],
    ['USWEST.6', '6'],
    ['M365-BP', null],
    ['euwest.4', null],
  ])('catalog item %j → plan %j', (identifier, expected) => expect(parsePlanItemIdentifier(REGION, identifier)).toBe(expected));

  it('reads back what it writes, for any region', () => {
    for (const region of ['uswest', 'eu', 'au-1', 'UK']) {
      expect(parseTenantLinkName(region, tenantLinkName(region, '123'))).toBe('123');
      expect(parseAdditionSerialNumber(region, additionSerialNumber(region, '123'))).toBe('123');
      expect(parsePlanItemIdentifier(region, planItemIdentifier(region, '7'))).toBe('7');
    }
  });
});

describe('discoverLinks', () => {
  const config = (id: number, name: string, companyId: number, extra: Partial<ConfigurationLike> = {}): ConfigurationLike =>
    ({ id, name, type: { id: 5, name: 'dropsuite_mailbox_actions' }, company: { id: companyId }, ...extra });
  const addition = (id: number, serialNumber: string | null, agreementId: number, companyId: number, extra: Partial<LocatedAddition> = {}): LocatedAddition =>
    ({ id, quantity: 5, lessIncluded: 0, effectiveDate: '2025-01-01T00:00:00Z', cancelledDate: null, serialNumber, product: { identifier: 'uswest.4' }, agreementId, companyId, ...extra });

  // The world's scenarios: linked by both, by addition only, by configuration only, unsubscribed
  // (cancelled addition), plus the noise a real Manage holds.
  const discovery = discoverLinks(REGION, {
    configurations: [
      config(11, 'uswest.tenant.5979', 250),
      config(12, 'uswest.tenant.20610', 259),
      config(13, 'uswest.tenant.20501', 256),
      config(14, 'uswest.backup.9201', 252), // an action configuration
      config(15, 'euwest.tenant.5979', 300), // another region's
      config(16, 'BLUELIGH-WKS-01', 250, { type: { id: 1, name: 'Workstation' } }),
      config(17, 'uswest.tenant.77', 261, { activeFlag: false }), // retired link
      config(18, 'uswest.tenant.20230', 253, { type: null }), // made by hand, no type
      config(19, 'uswest.tenant.88', 262, { company: null }),
    ],
    additions: [
      addition(101, 'uswest.5979', 19064, 250),
      addition(102, 'uswest.19771', 19070, 251),
      addition(103, 'uswest.20501', 19095, 256, { cancelledDate: '2025-05-05T00:00:00Z' }),
      addition(104, 'uswest.20230', 19999, 270), // the same tenant billed on another company: conflict
      addition(105, null, 19110, 259), // our plan, serial blanked
      addition(106, 'EFS-342', 19110, 259, { product: { identifier: 'uswest.5' } }),
      addition(107, 'BULK-1', 19065, 250, { product: { id: 311 } }),
      addition(109, 'BULK-2', 19065, 250, { product: null }),
      addition(108, 'uswest.5979', 19065, 250), // a second addition, same company: not a conflict
    ],
  });

  it('finds one entry per organisation, ordered by id', () => {
    expect(discovery.links.map((l) => [l.organizationId, l.companyId, l.conflict])).toEqual([
      ['5979', 250, false],
      ['19771', 251, false],
      ['20230', null, true],
      ['20501', 256, false],
      ['20610', 259, false],
    ]);
  });

  it('says where each link was found', () => {
    const blueLight = discovery.links.find((l) => l.organizationId === '5979');
    expect(blueLight?.evidence).toEqual([
      { via: 'configuration', configurationId: 11, companyId: 250 },
      { via: 'addition', additionId: 101, agreementId: 19064, companyId: 250, cancelledDate: null },
      { via: 'addition', additionId: 108, agreementId: 19065, companyId: 250, cancelledDate: null },
    ]);
    expect(discovery.links.find((l) => l.organizationId === '20501')?.evidence[1]).toMatchObject({
      via: 'addition', cancelledDate: '2025-05-05T00:00:00Z',
    });
  });

  it('reports an organisation linked to two companies as a conflict, naming both', () => {
    expect(discovery.links.find((l) => l.organizationId === '20230')).toMatchObject({
      companyId: null, companyIds: [253, 270], conflict: true,
    });
  });

  it('lists additions for our plans that name no tenant', () => {
    expect(discovery.unattributedAdditions).toEqual([
      { additionId: 105, agreementId: 19110, companyId: 259, planId: '4' },
      { additionId: 106, agreementId: 19110, companyId: 259, planId: '5' },
    ]);
  });

  it('answers per company, conflicts included', () => {
    expect(linksOfCompany(discovery, 250).map((l) => l.organizationId)).toEqual(['5979']);
    expect(linksOfCompany(discovery, 270).map((l) => l.organizationId)).toEqual(['20230']);
    expect(linksOfCompany(discovery, 999)).toEqual([]);
  });

  it('does not call a tenant that moved companies a conflict', () => {
    const moved = discoverLinks(REGION, {
      configurations: [config(1, 'uswest.tenant.42', 2)],
      additions: [addition(7, 'uswest.42', 10, 1, { cancelledDate: '2025-01-01T00:00:00Z' }), addition(8, 'uswest.42', 20, 2)],
    });
    expect(moved.links[0]).toMatchObject({ companyId: 2, companyIds: [2], conflict: false });
    expect(moved.links[0]?.evidence.map((e) => e.via === 'addition' && e.additionId)).toEqual([false, 7, 8]);
    const onlyHistory = discoverLinks(REGION, { configurations: [], additions: [addition(7, 'uswest.42', 10, 1, { cancelledDate: '2025-01-01T00:00:00Z' })] });
    expect(onlyHistory.links[0]).toMatchObject({ companyId: 1, conflict: false });
  });

  it('finds nothing in nothing', () => {
    expect(discoverLinks(REGION, { configurations: [], additions: [] })).toEqual({ links: [], unattributedAdditions: [] });
  });

  it('does not depend on input order', () => {
    const configurations = [config(2, 'uswest.tenant.5', 1), config(1, 'uswest.tenant.5', 1), config(3, 'uswest.tenant.10', 2)];
    const additions = [addition(9, 'uswest.10', 1, 2), addition(8, 'uswest.5', 1, 1)];
    const forward = discoverLinks(REGION, { configurations, additions });
    const backward = discoverLinks(REGION, { configurations: [...configurations].reverse(), additions: [...additions].reverse() });
    expect(backward).toEqual(forward);
    expect(forward.links.map((l) => l.organizationId)).toEqual(['5', '10']);
  });
});

describe('name normalisation', () => {
  it.each([
    ['Café Zürich GmbH', ['cafe', 'zurich']],
    ['Cafe Zuerich AG', ['cafe', 'zurich']],
    ["O'Brien & Sons Plumbing", ['obrien', 'and', 'sons', 'plumbing']],
    ['Blue Light, Co.', ['blue', 'light']],
    ['Proseware, Inc.', ['proseware']],
    ['Acme Holdings Pty Ltd', ['acme', 'holdings']],
    ['Acme L.L.C.', ['acme']],
    ['Contoso Dental Group', ['contoso', 'dental']],
    ['Group Health Partners', ['group', 'health', 'partners']], // legal words only at the end
    ['WoodgroveBakery', ['woodgrove', 'bakery']], // a ConnectWise identifier
    ['Straße AG', ['strasse']],
    ['Müller & Söhne KG', ['muller', 'and', 'sohne', 'kg']],
    ['Mueller und Soehne', ['muller', 'und', 'sohne']],
    ['CafeZurichGmbH', ['cafe', 'zurich']],
    ['Blue Queen Toe', ['blue', 'queen', 'toe']],
    ['Group', ['group']], // never empty
    ['', []],
  ])('%j → %j', (name, expected) => expect(nameTokens(name)).toEqual(expected));

  it.each([
    ['Café Zürich GmbH', 'Cafe Zurich'],
    ['Café Zürich GmbH', 'CAFE ZUERICH'],
    ["O'Brien & Sons Plumbing", 'OBrien and Sons Plumbing LLC'],
    ['Blue Light, Co.', 'Blue Light'],
    ['Woodgrove Bakery Ltd', 'WoodgroveBakery'],
    ['Fabrikam Legal LLP', 'fabrikam legal'],
    ['Trey Research', 'TreyResearch Inc.'],
  ])('%j ≈ %j', (a, b) => {
    expect(nameSimilarity(a, b)).toBe(1);
    expect(nameSimilarity(b, a)).toBe(1);
  });

  it.each([
    ['Contoso Dental Group', 'Contoso Pharmaceuticals'],
    ['Blue Light, Co.', 'Alpine Ski House'],
    ['Tailspin Toys', 'Wingtip Toys'],
    ['Fourth Coffee', 'Coho Winery'],
    ['', 'Anything'],
  ])('%j is not %j', (a, b) => expect(nameSimilarity(a, b)).toBeLessThan(0.5));

  it('scores near misses in between', () => {
    expect(nameSimilarity('Litware Architects', 'Litware, Inc.')).toBeGreaterThan(0.5);
    expect(nameSimilarity('Litware Architects', 'Litware, Inc.')).toBeLessThan(1);
    const typo = nameSimilarity('Woodgrove Bakery', 'Woodgrove Bakary');
    const sibling = nameSimilarity('Woodgrove Bakery', 'Woodgrove Bank');
    expect(typo).toBeGreaterThan(sibling);
    expect(sibling).toBeGreaterThan(0.5);
    expect(typo).toBeLessThan(1);
  });
});

describe('domainOf', () => {
  it.each([
    ['owner@woodgrovebakery.com', 'woodgrovebakery.com'],
    ['Gordon.Packard@BlueLight.com', 'bluelight.com'],
    ['https://www.bluelight.com/contact?x=1', 'bluelight.com'],
    ['www.cafe-zuerich.ch', 'cafe-zuerich.ch'],
    ['bluelight.com.', 'bluelight.com'],
    ['http://mail.bluelight.com:8080', 'mail.bluelight.com'],
    ['localhost', null],
    ['not a domain', null],
    ['', null],
    [null, null],
  ])('%j → %j', (text, expected) => expect(domainOf(text)).toBe(expected));
});

describe('suggestLinks', () => {
  // The world's vendor organisations (e2e/sim/world.ts), plus look-alikes.
  const orgs = [
    organization({ id: '5979', name: 'Blue Light, Co.', adminEmail: 'gordon.packard@bluelight.com', domains: ['bluelight.com'] }),
    organization({ id: '20412', name: 'Woodgrove Bakery Ltd', adminEmail: 'owner@woodgrovebakery.com', domains: ['woodgrovebakery.com'] }),
    organization({ id: '20610', name: 'Café Zürich GmbH', adminEmail: 'it@cafe-zuerich.ch', domains: ['cafe-zuerich.ch'] }),
    organization({ id: '20602', name: "O'Brien & Sons Plumbing", adminEmail: 'pat@obrienplumbing.com', domains: ['obrienplumbing.com'] }),
    organization({ id: '30001', name: 'Woodgrove Bank', adminEmail: 'it@woodgrovebank.com', domains: ['woodgrovebank.com'] }),
    organization({ id: '30002', name: 'Bakery Supplies', adminEmail: 'sam.baker@gmail.com', domains: ['gmail.com'] }),
    organization({ id: '30003', name: 'Woodgrove Bakery', adminEmail: 'x@old-woodgrove.com', domains: [], state: 'deleted' }),
  ];

  it('puts the tenant sharing the mail domain first, with every reason', () => {
    const [first, ...rest] = suggestLinks(
      { name: 'Woodgrove Bakery', identifier: 'WoodgroveBakery', domains: ['woodgrovebakery.com', 'gmail.com'] }, orgs, [],
    );
    expect(first).toMatchObject({ orgId: '20412', reasons: ['domain', 'admin-email', 'name'] });
    expect(first?.score).toBeGreaterThan(0.99);
    expect(rest.map((s) => s.orgId)).toEqual(['30001']); // a similar name only; the deleted one and gmail never
    expect(rest[0]?.reasons).toEqual(['name']);
  });

  it.each([
    // company, expected best org, expected reasons
    [{ name: 'Café Zürich GmbH', identifier: 'CafeZurich', domains: [] }, '20610', ['name']],
    [{ name: 'Cafe Zuerich', domains: ['cafe-zuerich.ch'] }, '20610', ['domain', 'admin-email', 'name']],
    [{ name: "O'Brien and Sons Plumbing, LLC", domains: [] }, '20602', ['name']],
    [{ name: 'Somebody Else', domains: ['https://www.bluelight.com'] }, '5979', ['domain', 'admin-email']],
    [{ name: 'Somebody Else', domains: ['mail.bluelight.com'] }, '5979', ['domain', 'admin-email']],
    [{ name: 'Blue Light', identifier: 'BlueLight', domains: [] }, '5979', ['name']],
  ])('%j → %s', (company, orgId, reasons) => {
    expect(suggestLinks(company, orgs, [])[0]).toMatchObject({ orgId, reasons });
  });

  it('ranks a shared mail domain above an exact name', () => {
    const byDomain = suggestLinks({ name: 'Unrelated Name', domains: ['bluelight.com'] }, orgs, [])[0];
    const byName = suggestLinks({ name: 'Blue Light', domains: [] }, orgs, [])[0];
    expect(byDomain?.score).toBeGreaterThan(byName?.score ?? 1);
  });

  it('never suggests organisations already linked', () => {
    const suggestions = suggestLinks({ name: 'Woodgrove Bakery', domains: ['woodgrovebakery.com'] }, orgs, new Set(['20412']));
    expect(suggestions.map((s) => s.orgId)).not.toContain('20412');
  });

  it('ignores free-mail domains and suggests nothing without evidence', () => {
    expect(suggestLinks({ name: 'Alpine Ski House', domains: ['ski@gmail.com', 'outlook.com'] }, orgs, [])).toEqual([]);
    expect(suggestLinks({ name: '', domains: [] }, orgs, [])).toEqual([]);
  });

  it('keeps scores within 0..1 with three decimals', () => {
    for (const company of [{ name: 'Woodgrove', domains: ['woodgrovebakery.com', 'woodgrovebank.com'] }, { name: 'Bakery', domains: [] }]) {
      for (const s of suggestLinks(company, orgs, [], 10)) {
        expect(s.score).toBeGreaterThan(0);
        expect(s.score).toBeLessThanOrEqual(1);
        expect(Math.round(s.score * 1000)).toBe(s.score * 1000);
      }
    }
  });

  it('orders deterministically: score, then name, then id, whatever the input order', () => {
    const twins = [
      organization({ id: '12', name: 'Northwind Traders', domains: [] }),
      organization({ id: '3', name: 'Northwind Traders', domains: [] }),
      organization({ id: '7', name: 'Northwind Traders Inc', domains: [] }),
      organization({ id: '5', name: 'Northwind Trading', domains: [] }),
    ];
    const company = { name: 'Northwind Traders', domains: [] };
    const expected = ['3', '7', '12', '5'];
    for (let shift = 0; shift < twins.length; shift++) {
      const rotated = [...twins.slice(shift), ...twins.slice(0, shift)];
      expect(suggestLinks(company, rotated, []).map((s) => s.orgId)).toEqual(expected);
    }
  });

  it('stops at the limit', () => {
    const many = Array.from({ length: 20 }, (_, i) => organization({ id: String(i + 1), name: `Contoso ${i}`, domains: ['contoso.com'] }));
    expect(suggestLinks({ name: 'Contoso', domains: ['contoso.com'] }, many, [])).toHaveLength(5);
    expect(suggestLinks({ name: 'Contoso', domains: ['contoso.com'] }, many, [], 2).map((s) => s.orgId)).toEqual(['1', '2']);
  });
});
