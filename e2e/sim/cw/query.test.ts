import { describe, expect, it } from 'vitest';
import { simForThisFile, type Reply } from './harness';

const sim = simForThisFile((started) => started.grantAdmin());

const q = encodeURIComponent;
const ids = (reply: Reply) => reply.json.map((record: { id: number }) => record.id);

/** Parse an RFC 5988 Link header into {rel: url}. */
function links(reply: Reply): Record<string, string> {
  const header = reply.headers.get('link');
  if (!header) return {};
  return Object.fromEntries(header.split(/,\s*(?=<)/).map((part) => {
    const match = /^<([^>]+)>;\s*rel="(\w+)"$/.exec(part.trim());
    if (!match) throw new Error(`bad Link part ${part}`);
    return [match[2], match[1]];
  }));
}

async function seedBulk(bulk: Record<string, number>) {
  const response = await fetch(`${sim.origin}/__sim/manage/seed`, { method: 'POST', body: JSON.stringify({ bulk }) });
  expect(response.status).toBe(200);
}

describe('navigable paging', () => {
  it('answers 25 records by default, with next and last links', async () => {
    const reply = await sim.call('GET', 'company/companies');
    expect(reply.json).toHaveLength(25);
    const link = links(reply);
    expect(Object.keys(link)).toEqual(['next', 'last']);
    expect(link.next).toBe(`${sim.origin}/v2025_1/apis/3.0/company/companies?pageSize=25&page=2`);
    expect(link.last).toBe(`${sim.origin}/v2025_1/apis/3.0/company/companies?pageSize=25&page=2`);
  });

  it('has first and prev from page 2 on, and no next on the last page', async () => {
    const reply = await sim.call('GET', 'company/companies?page=2');
    expect(reply.json).toHaveLength(17);
    expect(Object.keys(links(reply))).toEqual(['first', 'prev']);
  });

  it('sends no Link header when everything fits on one page', async () => {
    const reply = await sim.call('GET', 'company/companies?pageSize=100');
    expect(reply.json).toHaveLength(42);
    expect(reply.headers.get('link')).toBeNull();
  });

  it('follows next links to every record exactly once, keeping conditions and order', async () => {
    await seedBulk({ 'company/configurations': 120 });
    const conditions = 'type/id = 1';
    const all = await sim.call('GET', `company/configurations?pageSize=1000&conditions=${q(conditions)}&orderBy=${q('name desc')}`);
    let reply = await sim.call('GET', `company/configurations?pageSize=30&conditions=${q(conditions)}&orderBy=${q('name desc')}`);
    const seen: number[] = [...ids(reply)];
    let pages = 1;
    while (links(reply).next) {
      const next = new URL(links(reply).next as string);
      expect(next.searchParams.get('conditions')).toBe(conditions);
      expect(next.searchParams.get('orderBy')).toBe('name desc');
      reply = await sim.call('GET', `${next.pathname}${next.search}`);
      seen.push(...ids(reply));
      pages++;
    }
    expect(seen).toEqual(ids(all));
    expect(pages).toBe(Math.ceil(all.json.length / 30));
  });

  it('clamps pageSize to 1000', async () => {
    await seedBulk({ 'company/configurations': 1500 });
    const reply = await sim.call('GET', 'company/configurations?pageSize=5000');
    expect(reply.json).toHaveLength(1000);
    expect(links(reply).next).toMatch(/pageSize=1000&page=2$/);
  });

  it.each<[string, number]>([['0', 25], ['-3', 25], ['1', 1], ['1000', 42]])('pageSize=%s answers %i records', async (pageSize, expected) => {
    expect((await sim.call('GET', `company/companies?pageSize=${pageSize}`)).json).toHaveLength(expected);
  });

  it.each(['0', '-1'])('page=%s means page 1', async (page) => {
    expect(ids(await sim.call('GET', `company/companies?page=${page}&pageSize=5`))).toEqual([2, 250, 251, 252, 253]);
  });

  it('answers an empty page past the end', async () => {
    const reply = await sim.call('GET', 'company/companies?page=9');
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual([]);
    expect(Object.keys(links(reply))).toEqual(['first', 'prev']);
  });

  it.each(['page=abc', 'pageSize=ten', 'pageSize=2.5'])('answers %s with 400', async (query) => {
    const reply = await sim.call('GET', `company/companies?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.json.message).toMatch(/is not valid for/);
  });

  it('takes query parameter names in any case', async () => {
    const reply = await sim.call('GET', `company/companies?PAGESIZE=3&Page=2&Conditions=${q('id > 250')}&OrderBy=${q('id desc')}`);
    expect(ids(reply)).toHaveLength(3);
    expect(ids(reply)[0]).toBeLessThan(290);
  });
});

describe('forward-only paging', () => {
  const forwardOnly = { headers: { 'pagination-type': 'forward-only' } };

  it('pages by id with rel="next" links only, until no more remain', async () => {
    await seedBulk({ 'company/configurations': 3000 });
    const total = (await sim.call('GET', 'company/configurations/count')).json.count;
    let reply = await sim.call('GET', 'company/configurations?pageSize=1000', forwardOnly);
    const seen = [...ids(reply)];
    let pages = 1;
    while (reply.headers.get('link')) {
      expect(Object.keys(links(reply))).toEqual(['next']);
      const next = new URL(links(reply).next as string);
      expect(next.searchParams.get('pageId')).toBe(String(seen[seen.length - 1]));
      reply = await sim.call('GET', `${next.pathname}${next.search}`, forwardOnly);
      seen.push(...ids(reply));
      pages++;
    }
    expect(pages).toBe(Math.ceil(total / 1000));
    expect(seen).toHaveLength(total);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('treats pageId as id > pageId and ignores page and orderBy', async () => {
    const reply = await sim.call('GET', 'company/companies?pageId=255&pageSize=3&page=5&orderBy=name%20desc', forwardOnly);
    expect(ids(reply)).toEqual([256, 257, 258]);
  });

  it('applies conditions before paging', async () => {
    const reply = await sim.call('GET', `company/companies?pageSize=2&conditions=${q('state = "FL"')}`, forwardOnly);
    expect(ids(reply)).toEqual([2, 250]);
    expect(links(reply).next).toMatch(/pageId=250$/);
  });

  it('is not supported by ticket notes: the first page answers without a Link header', async () => {
    for (let n = 0; n < 4; n++) await sim.call('POST', 'service/tickets/123456/notes', { body: { text: `note ${n}`, internalAnalysisFlag: true } });
    const reply = await sim.call('GET', 'service/tickets/123456/notes?pageSize=2&pageId=1', forwardOnly);
    expect(reply.json).toHaveLength(2);
    expect(reply.headers.get('link')).toBeNull();
    const navigable = await sim.call('GET', 'service/tickets/123456/notes?pageSize=2');
    expect(links(navigable).next).toBeDefined();
  });
});

describe('/count', () => {
  it.each<[string, number]>([
    ['', 10],
    ['closedFlag = false', 7],
    ['closedFlag = true', 3],
    ['board/name = "Backup Alerts"', 6],
    ['board/id = 3 and closedFlag = false', 3],
    ['company/id in (251, 252)', 4],
  ])('counts tickets where %s', async (conditions, expected) => {
    const reply = await sim.call('GET', `service/tickets/count?conditions=${q(conditions)}&page=2&pageSize=1`);
    expect(reply.json).toEqual({ count: expected });
  });

  it('answers a bad condition with 400', async () => {
    expect((await sim.call('GET', `service/tickets/count?conditions=${q('closedFlag = 1')}`)).status).toBe(400);
  });
});

describe('conditions over HTTP', () => {
  it.each<[string, string, number[]]>([
    ['company/companies', 'identifier = "bluelight"', [250]],
    ['company/companies', 'name like "Contoso%"', [251, 283]],
    ['company/companies', 'name contains "zürich"', [259]],
    ['company/companies', `name = "O'Brien & Sons Plumbing"`, [258]],
    ['company/companies', `name = 'O\\'Brien & Sons Plumbing'`, [258]],
    ['company/companies', 'country/name = "Switzerland"', [259]],
    ['company/companies', 'id in (250, 999, 251)', [250, 251]],
    ['company/companies', 'not (state = "IL") and id > 255', [256, 257, 258, 259, 260]],
    ['service/tickets', 'status/name = "New" and board/id = 3', [123456, 123457, 123458]],
    ['service/tickets', 'closedDate > [2025-12-01T00:00:00Z]', [123402, 123403]],
    ['service/tickets', 'summary like "Dropsuite backup error: %" and closedFlag = true', [123401, 123402, 123403]],
    ['service/tickets', '_info/dateEntered > [2026-01-14T00:00:00Z]', [123460]],
    ['service/tickets', '_info/enteredBy = "jsmith"', [123459, 123460, 123461, 123462]],
    ['finance/agreements', 'company/identifier = "TreyResearch"', [19115]],
    ['finance/agreements', 'agreementStatus = "Active" and type/name = "Block Time - Recurring" and company/id < 253', [19064, 19075]],
    ['procurement/catalog', 'identifier like "uswest.%"', [301, 302, 303]],
    ['system/members', 'licenseClass = "A"', [150, 151]],
  ])('%s where %s', async (path, conditions, expected) => {
    const reply = await sim.call('GET', `${path}?pageSize=1000&conditions=${q(conditions)}`);
    expect(reply.status).toBe(200);
    expect(ids(reply)).toEqual(expected);
  });

  it('finds the tenant link configurations by type name and name pattern', async () => {
    const conditions = 'type/name = "dropsuite_mailbox_actions" and name like "uswest.tenant.%"';
    const reply = await sim.call('GET', `company/configurations?conditions=${q(conditions)}&fields=name`);
    expect(reply.json.map((c: { name: string }) => c.name)).toEqual([5979, 20114, 20230, 20388, 20501, 20555, 20602, 20610, 20777].map((id) => `uswest.tenant.${id}`));
  });

  it('breaks on an unencoded ampersand in a value, as the real API does', async () => {
    const reply = await sim.call('GET', `company/companies?conditions=name="O'Brien & Sons Plumbing"`);
    expect(reply.status).toBe(400);
    expect(reply.json.message).toMatch(/Unterminated string/);
  });

  it.each<[string, RegExp]>([
    ['nosuch = 1', /Unknown field 'nosuch' on Company/],
    ['company = 5', /Unknown field/],
    ['status = 1', /is an object; compare one of its fields/],
    ['types/name = "Client"', /is a list; filter on it with childConditions/],
    ['_info = "x"', /must name one key of _info/],
    ['id = "250"', /Expected a numeric value, not a string/],
  ])('answers %s with 400', async (conditions, message) => {
    const reply = await sim.call('GET', `company/companies?conditions=${q(conditions)}`);
    expect(reply.status).toBe(400);
    expect(reply.json.code).toBe('InvalidObject');
    expect(reply.json.message).toMatch(message);
    expect(reply.json.errors).toBeNull();
  });
});

describe('childConditions', () => {
  it('finds a contact by e-mail address', async () => {
    const reply = await sim.call('GET', `company/contacts?childConditions=${q('communicationItems/value="jane.doe@fabrikamlegal.com" AND communicationItems/communicationType="Email"')}`);
    expect(ids(reply)).toEqual([2003]);
  });

  it('needs one item to satisfy the whole expression', async () => {
    const mixed = 'communicationItems/value="jane.doe@fabrikamlegal.com" AND communicationItems/communicationType="Phone"';
    expect((await sim.call('GET', `company/contacts?childConditions=${q(mixed)}`)).json).toEqual([]);
  });

  it('combines with conditions', async () => {
    const reply = await sim.call('GET', `company/contacts?conditions=${q('company/id = 252')}&childConditions=${q('communicationItems/value like "%@fabrikamlegal.com"')}`);
    expect(ids(reply)).toEqual([2003]);
    const none = await sim.call('GET', `company/contacts?conditions=${q('company/id = 250')}&childConditions=${q('communicationItems/value like "%@fabrikamlegal.com"')}`);
    expect(none.json).toEqual([]);
  });

  it('filters companies by type name', async () => {
    const reply = await sim.call('GET', `company/companies?childConditions=${q('types/name = "Owner"')}`);
    expect(ids(reply)).toEqual([2]);
  });

  it('answers 400 for an unknown child field', async () => {
    const reply = await sim.call('GET', `company/contacts?childConditions=${q('communicationItems/address = "x"')}`);
    expect(reply.status).toBe(400);
  });
});

describe('customFieldConditions', () => {
  it('matches one custom field entry by caption and value', async () => {
    const customFields = [
      { id: 4, caption: 'Backup Plan', type: 'Text', entryMethod: 'EntryField', numberOfDecimals: 0, value: 'Business Backup' },
      { id: 5, caption: 'Seats', type: 'Number', entryMethod: 'EntryField', numberOfDecimals: 0, value: 12 },
    ];
    await sim.call('PATCH', 'company/companies/250', { body: [{ op: 'replace', path: 'customFields', value: customFields }] });
    const match = await sim.call('GET', `company/companies?customFieldConditions=${q('caption="Backup Plan" and value="Business Backup"')}`);
    expect(ids(match)).toEqual([250]);
    const numeric = await sim.call('GET', `company/companies?customFieldConditions=${q('caption="Seats" and value > 10')}`);
    expect(ids(numeric)).toEqual([250]);
    const crossed = await sim.call('GET', `company/companies?customFieldConditions=${q('caption="Seats" and value="Business Backup"')}`);
    expect(crossed.json).toEqual([]);
  });
});

describe('orderBy', () => {
  it.each<[string, number[]]>([
    ['name asc', [254, 285, 261, 262]], // Adatum, Adventure Works, Alpine Ski House, Bellows College
    ['name', [254, 285, 261, 262]],
    ['NAME DESC', [279, 290, 255, 278]], // World Wide Importers, Woodgrove Bank, Woodgrove Bakery, Wingtip Toys
    ['state asc, name desc', [257, 260, 254, 251]], // AZ, CA, CO, then FL: Contoso before Blue Light
    ['id desc', [290, 289, 288, 287]],
  ])('orders companies by %s', async (orderBy, firstIds) => {
    const reply = await sim.call('GET', `company/companies?conditions=${q('id >= 250')}&orderBy=${q(orderBy)}&pageSize=4`);
    expect(ids(reply)).toEqual(firstIds);
  });

  it('orders by a nested field and puts empty values first', async () => {
    const reply = await sim.call('GET', `service/tickets?orderBy=${q('owner/name asc, id desc')}&pageSize=3`);
    expect(ids(reply)).toEqual([123462, 123461, 123460]);
    const byCompany = await sim.call('GET', `service/tickets?orderBy=${q('company/name asc')}&fields=company/name`);
    const names = byCompany.json.map((t: { company: { name: string } }) => t.company.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
  });

  it.each(['name sideways', 'nosuch asc', 'name asc desc', 'communicationItems asc'])('answers %j with 400', async (orderBy) => {
    expect((await sim.call('GET', `company/companies?orderBy=${q(orderBy)}`)).status).toBe(400);
  });
});

describe('fields', () => {
  it('keeps only the named fields, nested ones included', async () => {
    const reply = await sim.call('GET', `service/tickets?fields=${q('id, summary, company/name, status/id, _info/dateEntered')}&pageSize=1`);
    expect(reply.json[0]).toEqual({
      id: 123401, summary: 'Dropsuite backup error: jane.doe@fabrikamlegal.com (Authentication Error)',
      company: { name: 'Fabrikam Legal LLP' }, status: { id: 34 }, _info: { dateEntered: '2025-11-16T12:00:00Z' },
    });
  });

  it('matches names case-insensitively, ignores unknown names, applies to a single record', async () => {
    const reply = await sim.call('GET', 'company/companies/250?fields=NAME,nosuch,identifier/x');
    expect(reply.json).toEqual({ name: 'Blue Light, Co.' });
  });

  it('keeps a whole array when a path goes into it', async () => {
    const reply = await sim.call('GET', 'company/contacts/2003?fields=communicationItems/value');
    expect(reply.json.communicationItems).toHaveLength(2);
  });
});
