import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManageClient } from './client';
import { escapeLike, quote, where, type Condition } from './conditions';
import { listAll, querySearchParams } from './paging';
import { Company, findCompaniesByName, searchCompanies } from './resources/companies';
import { simClient, simSite, startSim, type Sim } from './test-support';

describe('the builder', () => {
  it.each<[string, Condition, string]>([
    ['a number', where.eq('company/id', 5), 'company/id = 5'],
    ['an apostrophe goes in double quotes, unescaped', where.eq('name', "O'Brien & Sons"), `name = "O'Brien & Sons"`],
    ['double quotes go in single quotes, unescaped', where.eq('name', 'The "Best" Co'), `name = 'The "Best" Co'`],
    ['both kinds: backslash-escaped (UNVERIFIED)', where.eq('name', `it's "x"`), `name = "it's \\"x\\""`],
    ['a backslash before a letter stays single', where.eq('lastLoginName', 'NORTHWIND\\jsmith'), 'lastLoginName = "NORTHWIND\\jsmith"'],
    ['a backslash at the end is doubled', where.eq('name', 'end\\'), 'name = "end\\\\"'],
    ['a backslash before a quote is doubled', where.eq('name', `a\\'b`), `name = "a\\\\'b"`],
    ['unicode passes through', where.eq('name', 'Café Zürich GmbH 🦊'), 'name = "Café Zürich GmbH 🦊"'],
    ['booleans', where.eq('closedFlag', false), 'closedFlag = false'],
    ['dates in brackets, UTC, whole seconds', where.gt('_info/lastUpdated', new Date('2025-01-31T10:20:30.456Z')), '_info/lastUpdated > [2025-01-31T10:20:30Z]'],
    ['decimals and negatives', where.and(where.gte('price', 1.5), where.lt('quantity', -3)), 'price >= 1.5 and quantity < -3'],
    ['no exponent notation', where.and(where.eq('a', 1e21), where.eq('b', 1e-7)), 'a = 1000000000000000000000 and b = 0.0000001'],
    ['ne, lte', where.or(where.ne('a', 'x'), where.lte('b', 2)), 'a != "x" or b <= 2'],
    ['in', where.in('id', [1, 2, 3]), 'id in (1, 2, 3)'],
    ['in with strings', where.in('name', ['A', `O'B`, 'C"D']), `name in ("A", "O'B", 'C"D')`],
    ['not in', where.notIn('id', [4]), 'id not in (4)'],
    ['null tests', where.and(where.isNull('cancelledDate'), where.notNull('serialNumber')), 'cancelledDate = null and serialNumber != null'],
    ['nesting gets parentheses', where.and(where.eq('a', 1), where.or(where.eq('b', 2), where.eq('c', 3))), 'a = 1 and (b = 2 or c = 3)'],
    ['one operand needs none', where.and(where.eq('a', 1)), 'a = 1'],
    ['not', where.not(where.eq('a', 1)), 'not (a = 1)'],
    ['like takes a trusted pattern', where.like('contact/name', 'Fred%'), 'contact/name like "Fred%"'],
    ['not like', where.notLike('name', '%test%'), 'name not like "%test%"'],
    ['startsWith neutralises wildcards in the text', where.startsWith('name', '50%_[x]'), 'name like "50___x]%"'],
    ['contains', where.contains('summary', 'disk 100% full'), 'summary contains "disk 100% full"'],
  ])('%s', (_, condition, text) => {
    expect(condition.text).toBe(text);
    expect(String(condition)).toBe(text);
  });

  it.each([
    ['a field with spaces', () => where.eq('company name', 1)],
    ['a field with a quote', () => where.eq('name" or 1=1 or "', 1)],
    ['an empty field', () => where.eq('', 1)],
    ['NaN', () => where.eq('a', Number.NaN)],
    ['Infinity', () => where.eq('a', Number.POSITIVE_INFINITY)],
    ['an invalid date', () => where.eq('a', new Date('nope'))],
    ['an empty in-list', () => where.in('id', [])],
    ['and() of nothing', () => where.and()],
  ])('refuses %s', (_, build) => {
    expect(build).toThrow(TypeError);
  });

  it('escapeLike replaces each wildcard with "any one character"', () => {
    expect(escapeLike('100%_[a]')).toBe('100___a]');
    expect(quote(escapeLike('plain'))).toBe('"plain"');
  });

  it('the transport URL-encodes the whole expression (& + # % survive)', () => {
    const params = querySearchParams({ conditions: where.eq('name', 'A&B+C#D%E F'), orderBy: 'name asc', fields: ['id', 'name'] });
    expect(params.toString()).toBe('conditions=name+%3D+%22A%26B%2BC%23D%25E+F%22&orderBy=name+asc&fields=id%2Cname');
    expect(new URLSearchParams(params.toString()).get('conditions')).toBe('name = "A&B+C#D%E F"');
  });
});

describe('round trip through the simulator’s conditions parser', () => {
  let sim: Sim;
  let client: ManageClient;
  const hostile = [
    'Quote "Q" Trading',
    `Both "double" and 'single'`,
    'Back\\slash at end\\',
    'C:\\temp\\new files',
    `a\\'b and \\"c`,
    '50% off_sale [x]',
    'Plus+Hash#Amp&Pct%25 Ltd',
    '🦊 Füchse & Söhne',
    'شركة الاختبار',
  ];
  const created = new Map<string, number>();

  beforeAll(async () => {
    sim = await startSim();
    client = simClient(await simSite(sim));
    for (const [n, name] of hostile.entries()) {
      const record = await client.request('POST', 'company/companies', Company, { json: { identifier: `Hostile${n}`, name, city: 'Springfield' } });
      created.set(name, record.id);
    }
    // A decoy the over-matching startsWith also finds (wildcards stand for one character).
    await client.request('POST', 'company/companies', Company, { json: { identifier: 'Decoy', name: '50X offYsale [x]', city: 'Springfield' } });
  });
  afterAll(() => sim.close());

  it.each([
    ["O'Brien & Sons Plumbing", 258],
    ['Café Zürich GmbH', 259],
  ])('finds exactly the seeded %s', async (name, id) => {
    const found = await findCompaniesByName(client, name);
    expect(found.map((company) => company.id)).toEqual([id]);
    expect(found[0]?.name).toBe(name);
  });

  it.each(hostile)('finds exactly %j by name', async (name) => {
    const found = await findCompaniesByName(client, name);
    expect(found.map((company) => company.id)).toEqual([created.get(name)]);
    expect(found[0]?.name).toBe(name);
  });

  it('finds all of them with one in-list', async () => {
    const found = await listAll(client, 'company/companies', Company, { conditions: where.in('name', hostile) });
    expect(found.map((company) => company.id).sort()).toEqual([...created.values()].sort());
  });

  it('contains with hostile text finds its record', async () => {
    const found = await listAll(client, 'company/companies', Company, { conditions: where.contains('name', `"double" and 'sin`) });
    expect(found.map((company) => company.name)).toEqual([`Both "double" and 'single'`]);
  });

  it('startsWith over-matches wildcard characters and never misses (the documented limitation)', async () => {
    const found = await listAll(client, 'company/companies', Company, { conditions: where.startsWith('name', '50% off_') });
    expect(found.map((company) => company.name).sort()).toEqual(['50% off_sale [x]', '50X offYsale [x]']);
    // What a caller does when it needs exactness:
    expect(found.filter((company) => company.name.startsWith('50% off_')).map((company) => company.name)).toEqual(['50% off_sale [x]']);
  });

  it('linking suggestions search by name fragment and identifier prefix', async () => {
    const found = await searchCompanies(client, "o'brien");
    expect(found.map((company) => company.id)).toEqual([258]);
    expect((await searchCompanies(client, 'BlueLi')).map((company) => company.identifier)).toEqual(['BlueLight']);
  });

  it('dates and nested fields parse on the server', async () => {
    const found = await listAll(client, 'company/companies', Company, {
      conditions: where.and(where.gt('_info/dateEntered', new Date(Date.UTC(2020, 0, 1))), where.eq('status/id', 1), where.in('id', [250, 251])),
    });
    expect(found.map((company) => company.id)).toEqual([250, 251]);
  });
});
