import { describe, expect, it } from 'vitest';
import { simForThisFile } from './harness';

// These tests are about resources, not roles (see permissions.test.ts).
const sim = simForThisFile((started) => started.grantAdmin());

const ALL = { collection: ['GET', 'POST'], item: ['GET', 'PUT', 'PATCH', 'DELETE'] };
const NO_UPDATE = { collection: ['GET', 'POST'], item: ['GET', 'DELETE'] };
const NO_DELETE = { collection: ['GET', 'POST'], item: ['GET', 'PUT', 'PATCH'] };
const READ_ONLY = { collection: ['GET'], item: ['GET'] };

const COLLECTIONS: Array<[string, string, { collection: string[]; item: string[] }]> = [
  ['company/companies', 'Company', ALL],
  ['company/contacts', 'Contact', ALL],
  ['company/configurations', 'Configuration', ALL],
  ['company/configurations/types', 'ConfigurationType', ALL],
  ['finance/agreements', 'Agreement', ALL],
  ['finance/agreements/19064/additions', 'Addition', ALL],
  ['procurement/catalog', 'CatalogItem', ALL],
  ['procurement/categories', 'Category', ALL],
  ['procurement/categories/1/subcategories', 'SubCategory', ALL],
  ['procurement/subcategories', 'SubCategory', ALL],
  ['procurement/types', 'ProductType', ALL],
  ['service/boards', 'Board', ALL],
  ['service/boards/3/statuses', 'BoardStatus', ALL],
  ['service/priorities', 'Priority', ALL],
  ['service/tickets', 'Ticket', ALL],
  ['service/tickets/123456/notes', 'ServiceNote', ALL],
  ['service/tickets/123456/configurations', 'Configuration', NO_UPDATE],
  ['system/members', 'Member', NO_DELETE],
  ['system/apiMembers', 'ApiMember', NO_DELETE],
  ['system/securityroles', 'SecurityRole', NO_UPDATE],
  ['system/securityRoles/7/settings', 'SecurityRoleSetting', READ_ONLY],
  ['system/menuentries', 'MenuEntry', ALL],
  ['system/menuEntries/1/locations', 'MenuEntryLocation', NO_UPDATE],
];

describe.each(COLLECTIONS)('%s', (path, entity, methods) => {
  it('lists records in id order, and /count agrees', async () => {
    const list = await sim.call('GET', `${path}?pageSize=1000`);
    expect(list.status).toBe(200);
    expect(list.headers.get('content-type')).toBe('application/vnd.connectwise.com+json; version=2025.1');
    expect(Array.isArray(list.json)).toBe(true);
    expect(list.json.length).toBeGreaterThan(0);
    const ids = list.json.map((record: { id: number }) => record.id);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => a - b));
    const count = await sim.call('GET', `${path}/count`);
    expect(count.status).toBe(200);
    expect(count.json).toEqual({ count: list.json.length });
  });

  it('gets one record by id, equal to its list entry', async () => {
    const list = await sim.call('GET', path);
    const first = list.json[0];
    const one = await sim.call('GET', `${path}/${first.id}`);
    expect(one.status).toBe(200);
    expect(one.json).toEqual(first);
  });

  it(`answers a missing id with 404 "${entity} 999999 not found"`, async () => {
    const reply = await sim.call('GET', `${path}/999999`);
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ code: 'NotFound', message: `${entity} 999999 not found`, errors: null });
  });

  it('takes the path in any case and with a trailing slash', async () => {
    expect((await sim.call('GET', `${path.toUpperCase()}/`)).status).toBe(200);
  });

  const refusedOnCollection = ['PUT', 'PATCH', 'DELETE', 'POST'].filter((m) => !methods.collection.includes(m));
  const refusedOnItem = ['POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !methods.item.includes(m));
  it.each(refusedOnCollection)('refuses %s on the collection with 405 and an Allow header', async (method) => {
    const reply = await sim.call(method, path, { body: [] });
    expect(reply.status).toBe(405);
    expect(reply.json.code).toBe('MethodNotAllowed');
    expect(reply.headers.get('allow')).toBe(methods.collection.join(', '));
  });
  it.each(refusedOnItem)('refuses %s on a record with 405 and an Allow header', async (method) => {
    const list = await sim.call('GET', path);
    const reply = await sim.call(method, `${path}/${list.json[0].id}`, { body: [] });
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe(methods.item.join(', '));
  });
  it('refuses POST on /count', async () => {
    expect((await sim.call('POST', `${path}/count`, { body: {} })).status).toBe(405);
  });
});

describe('sub-collections', () => {
  it.each<[string, string]>([
    ['finance/agreements/1/additions', 'Agreement 1 not found'],
    ['service/tickets/1/notes', 'Ticket 1 not found'],
    ['service/tickets/1/configurations', 'Ticket 1 not found'],
    ['service/boards/99/statuses', 'Board 99 not found'],
    ['procurement/categories/99/subcategories/', 'Category 99 not found'],
    ['system/menuEntries/99/locations', 'MenuEntry 99 not found'],
    ['system/securityRoles/99/settings', 'SecurityRole 99 not found'],
  ])('%s answers 404 for the missing parent', async (path, message) => {
    const reply = await sim.call('GET', path);
    expect(reply.status).toBe(404);
    expect(reply.json.message).toBe(message);
  });

  it('has no cross-agreement additions endpoint', async () => {
    expect((await sim.call('GET', 'finance/agreements/additions')).status).toBe(404);
    expect((await sim.call('GET', 'finance/additions')).status).toBe(404);
  });

  it('shows a category\'s subcategories, the same records as the flat collection', async () => {
    const nested = await sim.call('GET', 'procurement/categories/1/subcategories/');
    expect(nested.json.map((s: { id: number }) => s.id)).toEqual([11, 12]);
    const created = await sim.call('POST', 'procurement/categories/2/subcategories/', { body: { name: 'Laptops' } });
    expect(created.status).toBe(201);
    expect(created.json.category).toMatchObject({ id: 2, name: 'Hardware' });
    const flat = await sim.call('GET', `procurement/subcategories/${created.json.id}`);
    expect(flat.json).toEqual(created.json);
    expect((await sim.call('GET', `procurement/categories/1/subcategories/${created.json.id}`)).status).toBe(404);
  });
});

/** [path, minimal valid body, the fields an empty body is missing] */
const CREATES: Array<[string, Record<string, unknown>, string[]]> = [
  ['company/companies', { identifier: 'NewCo', name: 'New Co', city: 'Tampa' }, ['identifier', 'name']],
  ['company/configurations', { name: 'NEW-WKS-01', type: { id: 1 }, company: { id: 250 } }, ['name', 'type', 'company']],
  ['company/configurations/types', { name: 'Backup Appliance' }, ['name']],
  ['finance/agreements', { name: 'New', type: { id: 1 }, company: { id: 250 }, contact: { id: 2001 } }, ['name', 'type', 'company', 'contact']],
  ['finance/agreements/19064/additions', { product: { id: 310 }, billCustomer: 'Billable' }, ['product', 'billCustomer']],
  ['procurement/catalog', {
    identifier: 'NEW-1', description: 'New', customerDescription: 'New', subcategory: { id: 11 }, type: { id: 1 },
  }, ['identifier', 'description', 'subcategory', 'type', 'customerDescription']],
  ['procurement/categories', { name: 'Licences' }, ['name']],
  ['procurement/subcategories', { name: 'Licences', category: { id: 1 } }, ['name', 'category']],
  ['procurement/types', { name: 'Bundle' }, ['name']],
  ['service/boards', { name: 'Projects', location: { id: 1 }, department: { id: 1 } }, ['name', 'location', 'department']],
  ['service/boards/3/statuses', { name: 'Escalated' }, ['name']],
  ['service/priorities', { name: 'Priority 5', color: 'Blue' }, ['name', 'color']],
  ['service/tickets', { summary: 'New ticket', company: { id: 250 } }, ['summary', 'company']],
  ['system/members', {
    identifier: 'newtech', firstName: 'New', lastName: 'Tech', licenseClass: 'F', hireDate: '2025-01-01T00:00:00Z',
    defaultEmail: 'Office', defaultPhone: 'Office', securityRole: { id: 1 },
  }, ['identifier', 'firstName', 'lastName', 'licenseClass', 'hireDate', 'defaultEmail', 'defaultPhone', 'securityRole']],
  ['system/apiMembers', { identifier: 'newapi' }, ['identifier']],
  ['system/securityroles', { name: 'Read Only' }, ['name']],
  ['system/menuentries', { menuLocation: { id: 3 }, caption: 'Backup Bridge', link: 'https://example.com', newWindowFlag: true }, ['menuLocation', 'caption', 'link', 'newWindowFlag']],
  ['system/menuEntries/1/locations', { location: { id: 2 } }, ['location']],
];

describe.each(CREATES)('POST %s', (path, body, required) => {
  it('creates the record: 201 with id and _info, readable afterwards', async () => {
    const created = await sim.call('POST', path, { body });
    expect(created.status).toBe(201);
    expect(created.json.id).toEqual(expect.any(Number));
    expect(created.json._info).toMatchObject({
      dateEntered: '2026-01-15T12:00:00Z', enteredBy: 'bbridgeapi', lastUpdated: '2026-01-15T12:00:00Z', updatedBy: 'bbridgeapi',
    });
    const read = await sim.call('GET', `${path}/${created.json.id}`);
    expect(read.json).toEqual(created.json);
  });

  it(`answers an empty body with 400 InvalidObject naming ${required.join(', ')}`, async () => {
    const reply = await sim.call('POST', path, { body: {} });
    expect(reply.status).toBe(400);
    expect(reply.json.code).toBe('InvalidObject');
    expect(reply.json.message).toMatch(/ object is invalid$/);
    const nullValues = reply.json.errors.filter((e: { code: string }) => e.code === 'NullValue').map((e: { field: string }) => e.field);
    expect(nullValues).toEqual(expect.arrayContaining(required));
  });

  it.each(required)('reports a missing %s as NullValue with the DataAnnotations wording', async (field) => {
    const partial = { ...body };
    delete partial[field];
    const reply = await sim.call('POST', path, { body: partial });
    expect(reply.status).toBe(400);
    expect(reply.json.errors).toContainEqual(expect.objectContaining({ code: 'NullValue', field, message: `The ${field} field is required.` }));
  });

  it('ignores id, _info and unknown fields in the body', async () => {
    const reply = await sim.call('POST', path, { body: { ...body, id: 5, _info: { enteredBy: 'me' }, noSuchField: 1 } });
    expect(reply.status).toBe(201);
    expect(reply.json.id).not.toBe(5);
    expect(reply.json._info.enteredBy).toBe('bbridgeapi');
    expect(reply.json.noSuchField).toBeUndefined();
  });
});

describe('POST body handling', () => {
  it('binds property names case-insensitively, also inside references', async () => {
    const reply = await sim.call('POST', 'service/tickets', { body: { SUMMARY: 'Shouting', Company: { ID: 250 } } });
    expect(reply.status).toBe(201);
    expect(reply.json.summary).toBe('Shouting');
    expect(reply.json.company.id).toBe(250);
  });

  it('answers text/plain with 415', async () => {
    const reply = await sim.call('POST', 'service/tickets', { rawBody: '{"summary":"x"}', headers: { 'content-type': 'text/plain' } });
    expect(reply.status).toBe(415);
  });

  it('answers a missing content type with 415', async () => {
    const reply = await sim.call('POST', 'service/tickets', { rawBody: '{"summary":"x"}' });
    expect(reply.status).toBe(415);
  });

  it('accepts application/json; charset=utf-8', async () => {
    const reply = await sim.call('POST', 'service/tickets', {
      rawBody: JSON.stringify({ summary: 'x', company: { id: 250 } }), headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(reply.status).toBe(201);
  });

  it.each(['{not json', '[1,2]', '"text"', '42'])('answers the body %j with 400 InvalidObject', async (rawBody) => {
    const reply = await sim.call('POST', 'service/tickets', { rawBody, headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.json.code).toBe('InvalidObject');
    expect(reply.json.message).toBe('ticket object is invalid');
  });

  it('answers an empty body with 400', async () => {
    expect((await sim.call('POST', 'service/tickets', { rawBody: '', headers: { 'content-type': 'application/json' } })).status).toBe(400);
  });
});

describe('field validation', () => {
  it.each<[string, Record<string, unknown>, string, number]>([
    ['service/tickets', { summary: 'x'.repeat(101), company: { id: 250 } }, 'summary', 100],
    ['service/tickets', { summary: 'ok', company: { id: 250 }, externalXRef: 'x'.repeat(101) }, 'externalXRef', 100],
    ['service/tickets', { summary: 'ok', company: { id: 250 }, contactEmailAddress: `${'x'.repeat(245)}@x.com` }, 'contactEmailAddress', 250],
    ['company/companies', { identifier: 'x'.repeat(31), name: 'n', city: 'c' }, 'identifier', 30],
    ['company/companies', { identifier: 'ok', name: 'x'.repeat(51), city: 'c' }, 'name', 50],
    ['company/companies', { identifier: 'ok', name: 'n', zip: '1234567890123' }, 'zip', 12],
    ['finance/agreements/19064/additions', { product: { id: 310 }, billCustomer: 'Billable', serialNumber: 'x'.repeat(51) }, 'serialNumber', 50],
    ['finance/agreements', { name: 'x'.repeat(101), type: { id: 1 }, company: { id: 250 }, contact: { id: 2001 } }, 'name', 100],
    ['procurement/catalog', { identifier: 'x'.repeat(76), description: 'd', customerDescription: 'd', subcategory: { id: 11 }, type: { id: 1 } }, 'identifier', 75],
    ['procurement/catalog', { identifier: 'ok', description: 'x'.repeat(61), customerDescription: 'd', subcategory: { id: 11 }, type: { id: 1 } }, 'description', 60],
    ['company/configurations', { name: 'x'.repeat(101), type: { id: 1 }, company: { id: 250 } }, 'name', 100],
    ['service/boards/3/statuses', { name: 'x'.repeat(51) }, 'name', 50],
    ['system/menuentries', { menuLocation: { id: 3 }, caption: 'x'.repeat(51), link: 'https://e.com', newWindowFlag: false }, 'caption', 50],
  ])('%s rejects %s longer than its max length', async (path, body, field, max) => {
    const reply = await sim.call('POST', path, { body });
    expect(reply.status).toBe(400);
    expect(reply.json.errors).toContainEqual({
      code: 'MaxLength', field, resource: expect.any(String), message: `The field ${field} must be a string with a maximum length of ${max}.`,
    });
  });

  it('accepts a value of exactly the max length', async () => {
    expect((await sim.call('POST', 'service/tickets', { body: { summary: 'x'.repeat(100), company: { id: 250 } } })).status).toBe(201);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a reference given as a number', { summary: 's', company: 250 }, 'company'],
    ['a reference given as text', { summary: 's', company: 'BlueLight' }, 'company'],
    ['an object for a text field', { summary: { text: 's' }, company: { id: 250 } }, 'summary'],
    ['an array for a text field', { summary: ['s'], company: { id: 250 } }, 'summary'],
    ['text for a boolean', { summary: 's', company: { id: 250 }, approved: 'yes' }, 'approved'],
    ['a word for an enum', { summary: 's', company: { id: 250 }, severity: 'Critical' }, 'severity'],
    ['a non-numeric id in a reference', { summary: 's', company: { id: 'abc' } }, 'company'],
    ['a malformed date', { summary: 's', company: { id: 250 }, requiredDate: 'next tuesday' }, 'requiredDate'],
    ['a fractional integer', { summary: 's', company: { id: 250 }, budgetHours: 1, knowledgeBaseCategoryId: 1.5 }, 'knowledgeBaseCategoryId'],
  ])('rejects %s with InvalidField', async (_, body, field) => {
    const reply = await sim.call('POST', 'service/tickets', { body });
    expect(reply.status).toBe(400);
    expect(reply.json.errors).toContainEqual(expect.objectContaining({ code: 'InvalidField', field, resource: 'ticket' }));
  });

  it('converts values the way the JSON binder does', async () => {
    const reply = await sim.call('POST', 'service/tickets', {
      body: { summary: 12345, company: { id: '250' }, approved: 'false', severity: 'high', budgetHours: '2.5', requiredDate: '2026-02-01' },
    });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({
      summary: '12345', company: { id: 250 }, approved: false, severity: 'High', budgetHours: 2.5, requiredDate: '2026-02-01T00:00:00Z',
    });
  });

  it('converts dates with an offset to UTC', async () => {
    const reply = await sim.call('POST', 'finance/agreements/19064/additions', {
      body: { product: { id: 310 }, billCustomer: 'Billable', effectiveDate: '2026-02-01T02:00:00+02:00' },
    });
    expect(reply.json.effectiveDate).toBe('2026-02-01T00:00:00Z');
  });

  it('requires at least one address field on a company', async () => {
    const reply = await sim.call('POST', 'company/companies', { body: { identifier: 'NoAddr', name: 'No Address' } });
    expect(reply.status).toBe(400);
    expect(reply.json.errors[0].message).toMatch(/at least one address field is required/i);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['company/companies', { identifier: 'bluelight', name: 'Dup', city: 'x' }, 'identifier'],
    ['procurement/catalog', { identifier: 'USWEST.4', description: 'd', customerDescription: 'd', subcategory: { id: 11 }, type: { id: 1 } }, 'identifier'],
    ['company/configurations/types', { name: 'Dropsuite_Mailbox_Actions' }, 'name'],
    ['system/members', {
      identifier: 'JSMITH', firstName: 'a', lastName: 'b', licenseClass: 'F', hireDate: '2025-01-01', defaultEmail: 'Office', defaultPhone: 'Office', securityRole: { id: 1 },
    }, 'identifier'],
  ])('%s refuses a duplicate %s (case-insensitively)', async (path, body, field) => {
    const reply = await sim.call('POST', path, { body });
    expect(reply.status).toBe(400);
    expect(reply.json.errors).toContainEqual(expect.objectContaining({ code: 'DuplicateValue', field }));
  });
});

describe('references', () => {
  it.each<[string, Record<string, unknown>]>([
    ['id', { id: 250 }],
    ['identifier', { identifier: 'BlueLight' }],
    ['identifier in another case', { identifier: 'bluelight' }],
    ['name', { name: 'Blue Light, Co.' }],
  ])('resolves a company by %s and answers the full reference', async (_, company) => {
    const reply = await sim.call('POST', 'service/tickets', { body: { summary: 's', company } });
    expect(reply.status).toBe(201);
    expect(reply.json.company).toEqual({
      id: 250, identifier: 'BlueLight', name: 'Blue Light, Co.', _info: { company_href: `${sim.origin}/v2025_1/apis/3.0/company/companies/250` },
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown company id', { summary: 's', company: { id: 999 } }, 'company'],
    ['an unknown company identifier', { summary: 's', company: { identifier: 'Nobody' } }, 'company'],
    ['a reference without a key', { summary: 's', company: {} }, 'company'],
    ['a status of another board', { summary: 's', company: { id: 250 }, board: { id: 1 }, status: { id: 31 } }, 'status'],
    ['an unknown board name', { summary: 's', company: { id: 250 }, board: { name: 'Nope' } }, 'board'],
    ['an unknown location', { summary: 's', company: { id: 250 }, location: { id: 77 } }, 'location'],
  ])('rejects %s with InvalidField', async (_, body, field) => {
    const reply = await sim.call('POST', 'service/tickets', { body });
    expect(reply.status).toBe(400);
    expect(reply.json.errors).toContainEqual(expect.objectContaining({ code: 'InvalidField', field }));
  });

  it('resolves board and status by name', async () => {
    const reply = await sim.call('POST', 'service/tickets', {
      body: { summary: 's', company: { id: 250 }, board: { name: 'backup alerts' }, status: { name: 'In Progress' } },
    });
    expect(reply.json.board).toMatchObject({ id: 3, name: 'Backup Alerts' });
    expect(reply.json.status).toMatchObject({ id: 32, name: 'In Progress' });
  });

  it('shows a renamed company\'s new name in every record that refers to it', async () => {
    await sim.call('PATCH', 'company/companies/252', { body: [{ op: 'replace', path: 'name', value: 'Fabrikam Law' }] });
    const ticket = await sim.call('GET', 'service/tickets/123456');
    expect(ticket.json.company.name).toBe('Fabrikam Law');
    const agreement = await sim.call('GET', 'finance/agreements/19075');
    expect(agreement.json.company.name).toBe('Fabrikam Law');
  });

  it('resolves lookups (agreement types, locations) by id or name with their href', async () => {
    const reply = await sim.call('POST', 'finance/agreements', {
      body: { name: 'N', type: { name: 'managed services - recurring' }, company: { id: 250 }, contact: { id: 2001 }, location: { id: 1 } },
    });
    expect(reply.json.type).toEqual({ id: 2, name: 'Managed Services - Recurring', _info: { type_href: `${sim.origin}/v2025_1/apis/3.0/finance/agreements/types/2` } });
    expect(reply.json.location).toMatchObject({ id: 1, name: 'Tampa Office' });
  });
});

describe('tickets', () => {
  const create = (body: Record<string, unknown>) => sim.call('POST', 'service/tickets', { body: { summary: 'Backup failed', company: { id: 252 }, ...body } });

  it('fills the defaults: Help Desk board, its default status, default priority, the company contact, ServiceTicket', async () => {
    const reply = await create({});
    expect(reply.json).toMatchObject({
      recordType: 'ServiceTicket', board: { id: 1 }, status: { id: 11, name: 'New' }, priority: { id: 3 },
      contact: { id: 2003, name: 'Jane Doe' }, contactEmailAddress: 'jane.doe@fabrikamlegal.com', severity: 'Medium', impact: 'Medium', closedFlag: false,
    });
  });

  it('turns initialDescription into the first note and never returns it', async () => {
    const reply = await create({ initialDescription: 'Vendor error: token expired', initialInternalAnalysis: 'Check the app consent' });
    expect(reply.json.initialDescription).toBeUndefined();
    expect(reply.json.initialInternalAnalysis).toBeUndefined();
    const notes = await sim.call('GET', `service/tickets/${reply.json.id}/notes`);
    expect(notes.json).toHaveLength(2);
    expect(notes.json[0]).toMatchObject({ text: 'Vendor error: token expired', detailDescriptionFlag: true, internalAnalysisFlag: false, ticketId: reply.json.id });
    expect(notes.json[1]).toMatchObject({ text: 'Check the app consent', internalAnalysisFlag: true, detailDescriptionFlag: false });
    const again = await sim.call('GET', `service/tickets/${reply.json.id}`);
    expect(again.json.initialDescription).toBeUndefined();
  });

  it('ignores initialDescription on PATCH and PUT', async () => {
    const ticket = await create({});
    await sim.call('PATCH', `service/tickets/${ticket.json.id}`, { body: [{ op: 'replace', path: 'initialDescription', value: 'late' }] });
    expect((await sim.call('GET', `service/tickets/${ticket.json.id}/notes`)).json).toEqual([]);
  });

  it('accepts processNotifications and skipCallback without storing them', async () => {
    const reply = await create({ processNotifications: false, skipCallback: true });
    expect(reply.status).toBe(201);
    expect(reply.json.processNotifications).toBeUndefined();
    expect(reply.json.skipCallback).toBeUndefined();
  });

  it('closes with a closed status: closedFlag, closedDate (clock time) and closedBy', async () => {
    const ticket = await create({ board: { id: 3 } });
    sim.clock.advance(90 * 60_000);
    const closed = await sim.call('PATCH', `service/tickets/${ticket.json.id}`, { body: [{ op: 'replace', path: 'status', value: { id: 34 } }] });
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ closedFlag: true, closedDate: '2026-01-15T13:30:00Z', closedBy: 'bbridgeapi' });
    expect(closed.json._info.lastUpdated).toBe('2026-01-15T13:30:00Z');
    expect(closed.json._info.dateEntered).toBe('2026-01-15T12:00:00Z');
  });

  it('keeps the first closedDate when moving between closed statuses, and clears it on reopening', async () => {
    const ticket = await create({ board: { id: 3 } });
    await sim.call('PATCH', `service/tickets/${ticket.json.id}`, { body: [{ op: 'replace', path: 'status/id', value: 34 }] });
    sim.clock.advance(60_000);
    const cancelled = await sim.call('PATCH', `service/tickets/${ticket.json.id}`, { body: [{ op: 'replace', path: 'status/id', value: 35 }] });
    expect(cancelled.json.closedDate).toBe('2026-01-15T12:00:00Z');
    const reopened = await sim.call('PATCH', `service/tickets/${ticket.json.id}`, { body: [{ op: 'replace', path: 'status/id', value: 32 }] });
    expect(reopened.json.closedFlag).toBe(false);
    expect(reopened.json.closedDate).toBeUndefined();
    expect(reopened.json.closedBy).toBeUndefined();
  });

  it('cannot be closed by patching closedFlag (a derived field is ignored)', async () => {
    const ticket = await create({});
    const reply = await sim.call('PATCH', `service/tickets/${ticket.json.id}`, { body: [{ op: 'replace', path: 'closedFlag', value: true }] });
    expect(reply.status).toBe(200);
    expect(reply.json.closedFlag).toBe(false);
  });

  it('moves to the new board\'s default status when only the board changes', async () => {
    const ticket = await create({});
    const moved = await sim.call('PATCH', `service/tickets/${ticket.json.id}`, { body: [{ op: 'replace', path: 'board/id', value: 3 }] });
    expect(moved.json.board.id).toBe(3);
    expect(moved.json.status).toMatchObject({ id: 31, name: 'New' });
  });

  it('finds the open backup ticket by externalXRef (and the closed historic one too)', async () => {
    const conditions = encodeURIComponent('externalXRef="uswest.backup.9201"');
    const all = await sim.call('GET', `service/tickets?conditions=${conditions}`);
    expect(all.json.map((t: { id: number }) => t.id)).toEqual([123401, 123456]);
    const open = await sim.call('GET', `service/tickets?conditions=${encodeURIComponent('externalXRef="uswest.backup.9201" and closedFlag=false')}`);
    expect(open.json.map((t: { id: number }) => t.id)).toEqual([123456]);
  });
});

describe('ticket notes', () => {
  it('require text and a note type', async () => {
    const reply = await sim.call('POST', 'service/tickets/123456/notes', { body: { text: '' } });
    expect(reply.status).toBe(400);
    expect(reply.json.errors.map((e: { field: string }) => e.field)).toEqual(['text', 'detailDescriptionFlag']);
  });

  it('record the ticket, author and time', async () => {
    const reply = await sim.call('POST', 'service/tickets/123456/notes', { body: { text: 'Re-authorised', internalAnalysisFlag: true } });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({
      ticketId: 123456, createdBy: 'bbridgeapi', dateCreated: '2026-01-15T12:00:00Z', member: { id: 150, identifier: 'bbridgeapi' },
    });
  });
});

describe('ticket configurations', () => {
  it('list the attached configuration as a reference', async () => {
    const reply = await sim.call('GET', 'service/tickets/123456/configurations');
    expect(reply.json).toHaveLength(1);
    expect(reply.json[0]).toEqual({
      id: expect.any(Number), deviceIdentifier: 'uswest.backup.9201',
      _info: { configuration_href: `${sim.origin}/v2025_1/apis/3.0/company/configurations/${reply.json[0].id}` },
    });
  });

  it('attach by id, refuse duplicates and unknown configurations, detach with DELETE', async () => {
    const config = await sim.call('POST', 'company/configurations', { body: { name: 'uswest.backup.77', type: { id: 5 }, company: { id: 252 } } });
    const attached = await sim.call('POST', 'service/tickets/123456/configurations', { body: { id: config.json.id } });
    expect(attached.status).toBe(201);
    expect(attached.json).toMatchObject({ id: config.json.id, deviceIdentifier: 'uswest.backup.77' });
    expect((await sim.call('GET', 'service/tickets/123456/configurations/count')).json).toEqual({ count: 2 });
    const duplicate = await sim.call('POST', 'service/tickets/123456/configurations', { body: { id: config.json.id } });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json.errors[0].code).toBe('DuplicateValue');
    const unknown = await sim.call('POST', 'service/tickets/123456/configurations', { body: { id: 999999 } });
    expect(unknown.status).toBe(400);
    expect((await sim.call('POST', 'service/tickets/123456/configurations', { body: {} })).status).toBe(400);
    expect((await sim.call('DELETE', `service/tickets/123456/configurations/${config.json.id}`)).status).toBe(204);
    expect((await sim.call('GET', `company/configurations/${config.json.id}`)).status).toBe(200);
    expect((await sim.call('GET', `service/tickets/123456/configurations/${config.json.id}`)).status).toBe(404);
  });

  it('drop the link when the configuration is deleted', async () => {
    const link = (await sim.call('GET', 'service/tickets/123456/configurations')).json[0];
    expect((await sim.call('DELETE', `company/configurations/${link.id}`)).status).toBe(204);
    expect((await sim.call('GET', 'service/tickets/123456/configurations')).json).toEqual([]);
  });
});

describe('agreement additions', () => {
  it('are seeded for the integration with the conventions of world.ts', async () => {
    const reply = await sim.call('GET', 'finance/agreements/19075/additions');
    expect(reply.json).toHaveLength(1);
    expect(reply.json[0]).toMatchObject({
      product: { id: 302, identifier: 'uswest.5' }, quantity: 8, unitPrice: 4, billCustomer: 'Billable', serialNumber: 'uswest.20114',
      agreementId: 19075, extPrice: 32, agreementStatus: 'Active',
    });
    expect(reply.json[0].cancelledDate).toBeUndefined();
  });

  it('has the unsubscribed tenant\'s addition cancelled', async () => {
    const reply = await sim.call('GET', `finance/agreements/19095/additions?conditions=${encodeURIComponent('cancelledDate != null')}`);
    expect(reply.json).toHaveLength(1);
    expect(reply.json[0].cancelledDate).toBe('2026-01-05T00:00:00Z');
  });

  it('takes the product by identifier, defaults price and cost from the catalog, computes the rest', async () => {
    const reply = await sim.call('POST', 'finance/agreements/19090/additions', {
      body: { product: { identifier: 'uswest.4' }, quantity: 4, lessIncluded: 1, billCustomer: 'billable', agreementId: 1, extPrice: 1 },
    });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({
      product: { id: 301, identifier: 'uswest.4' }, agreementId: 19090, quantity: 4, lessIncluded: 1, billedQuantity: 3,
      unitPrice: 2.5, unitCost: 1.5, extPrice: 7.5, extCost: 4.5, margin: 3, billCustomer: 'Billable', description: 'Business Backup',
      sequenceNumber: 2,
    });
  });

  it('reject an unknown product and a wrong billCustomer', async () => {
    const reply = await sim.call('POST', 'finance/agreements/19090/additions', { body: { product: { identifier: 'uswest.99' }, billCustomer: 'Sometimes' } });
    expect(reply.status).toBe(400);
    expect(reply.json.message).toBe('addition object is invalid');
    expect(reply.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['billCustomer', 'product']);
  });

  it('recompute extPrice when the quantity is patched', async () => {
    const [addition] = (await sim.call('GET', 'finance/agreements/19070/additions?conditions=serialNumber="uswest.19771"')).json;
    const reply = await sim.call('PATCH', `finance/agreements/19070/additions/${addition.id}`, { body: [{ op: 'replace', path: 'quantity', value: 25 }] });
    expect(reply.json).toMatchObject({ quantity: 25, extPrice: 62.5 });
  });

  it('are cancelled by patching cancelledDate', async () => {
    const [addition] = (await sim.call('GET', 'finance/agreements/19064/additions')).json;
    const reply = await sim.call('PATCH', `finance/agreements/19064/additions/${addition.id}`, {
      body: [{ op: 'add', path: '/cancelledDate', value: '2026-01-31T00:00:00Z' }],
    });
    expect(reply.json.cancelledDate).toBe('2026-01-31T00:00:00Z');
    const active = await sim.call('GET', `finance/agreements/19064/additions?conditions=${encodeURIComponent('cancelledDate = null')}`);
    expect(active.json).toEqual([]);
  });
});

describe('PUT replaces the whole record', () => {
  it('resets omitted fields (to defaults where the server has them)', async () => {
    const before = await sim.call('GET', 'service/tickets/123456');
    expect(before.json.externalXRef).toBe('uswest.backup.9201');
    const reply = await sim.call('PUT', 'service/tickets/123456', {
      body: { summary: 'Replaced', company: { id: 252 }, board: { id: 3 }, severity: 'Low', impact: 'Low' },
    });
    expect(reply.status).toBe(200);
    expect(reply.json.externalXRef).toBeUndefined();
    expect(reply.json).toMatchObject({ id: 123456, summary: 'Replaced', status: { id: 31 }, priority: { id: 3 }, severity: 'Low' });
    expect(reply.json._info.dateEntered).toBe(before.json._info.dateEntered);
  });

  it('needs the "Required On Updates" fields (ticket severity and impact)', async () => {
    const reply = await sim.call('PUT', 'service/tickets/123456', { body: { summary: 'Replaced', company: { id: 252 } } });
    expect(reply.status).toBe(400);
    expect(reply.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['impact', 'severity']);
  });

  it('round-trips a record that was read (GET, change, PUT)', async () => {
    const agreement = (await sim.call('GET', 'finance/agreements/19064')).json;
    const reply = await sim.call('PUT', 'finance/agreements/19064', { body: { ...agreement, name: 'Dropsuite Email Backup (renewed)' } });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ ...agreement, name: 'Dropsuite Email Backup (renewed)', _info: { ...agreement._info, lastUpdated: '2026-01-15T12:00:00Z', updatedBy: 'bbridgeapi' } });
  });

  it('ignores company types on update (POST-only field)', async () => {
    const reply = await sim.call('PUT', 'company/companies/250', { body: { identifier: 'BlueLight', name: 'Blue Light, Co.', city: 'Tampa', types: [{ id: 2 }] } });
    expect(reply.json.types).toEqual([expect.objectContaining({ id: 1, name: 'Client' })]);
  });

  it('answers 404 for a missing record', async () => {
    expect((await sim.call('PUT', 'service/tickets/1', { body: { summary: 's', company: { id: 250 } } })).status).toBe(404);
  });
});

describe('PATCH with JSON Patch operations', () => {
  const patch = (body: unknown, path = 'service/tickets/123459') => sim.call('PATCH', path, { body });

  it.each<[string, unknown[], Record<string, unknown>]>([
    ['a path without a leading slash', [{ op: 'replace', path: 'summary', value: 'A' }], { summary: 'A' }],
    ['a path with a leading slash', [{ op: 'replace', path: '/summary', value: 'B' }], { summary: 'B' }],
    ['a path in another case', [{ op: 'replace', path: 'SUMMARY', value: 'C' }], { summary: 'C' }],
    ['an op in another case', [{ op: 'Replace', path: 'summary', value: 'D' }], { summary: 'D' }],
    ['add on a field', [{ op: 'add', path: 'externalXRef', value: 'x-1' }], { externalXRef: 'x-1' }],
    ['a nested reference key', [{ op: 'replace', path: 'status/id', value: 13 }], { status: expect.objectContaining({ id: 13, name: 'Waiting on Customer' }) }],
    ['a nested reference key as text', [{ op: 'replace', path: 'priority/id', value: '1' }], { priority: expect.objectContaining({ id: 1 }) }],
    ['a nested reference by name', [{ op: 'replace', path: 'status/name', value: 'waiting on customer' }], { status: expect.objectContaining({ id: 13 }) }],
    ['a whole reference object', [{ op: 'replace', path: 'status', value: { id: 12 } }], { status: expect.objectContaining({ id: 12 }) }],
    ['a reference by identifier', [{ op: 'replace', path: 'owner/identifier', value: 'mlopez' }], { owner: expect.objectContaining({ id: 103 }) }],
    ['several operations in order', [
      { op: 'replace', path: 'summary', value: 'first' }, { op: 'replace', path: 'summary', value: 'second' },
    ], { summary: 'second' }],
  ])('applies %s', async (_, operations, expected) => {
    const reply = await patch(operations);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject(expected);
  });

  it('removes an optional field', async () => {
    const reply = await patch([{ op: 'remove', path: 'owner' }]);
    expect(reply.status).toBe(200);
    expect(reply.json.owner).toBeUndefined();
  });

  it('replaces a value with null as a removal', async () => {
    const reply = await patch([{ op: 'replace', path: 'owner', value: null }]);
    expect(reply.json.owner).toBeUndefined();
  });

  it('patches inside arrays: an item field, an appended item', async () => {
    const contact = 'company/contacts/2003';
    const edited = await sim.call('PATCH', contact, { body: [{ op: 'replace', path: 'communicationItems/0/value', value: 'jane@fabrikamlegal.com' }] });
    expect(edited.json.communicationItems[0]).toMatchObject({ value: 'jane@fabrikamlegal.com', domain: '@fabrikamlegal.com' });
    const added = await sim.call('PATCH', contact, { body: [{ op: 'add', path: 'communicationItems/-', value: { type: { name: 'Cell' }, value: '5550001' } }] });
    expect(added.json.communicationItems).toHaveLength(3);
    expect(added.json.communicationItems[2]).toMatchObject({ type: { id: 3, name: 'Cell' }, communicationType: 'Phone', id: expect.any(Number) });
  });

  it('replaces custom fields as a whole array', async () => {
    const value = [{ id: 4, caption: 'Backup Plan', type: 'Text', entryMethod: 'EntryField', numberOfDecimals: 0, value: 'Business Backup' }];
    const reply = await sim.call('PATCH', 'company/companies/250', { body: [{ op: 'replace', path: '/customFields', value }] });
    expect(reply.json.customFields).toEqual(value);
  });

  it.each<[string, unknown, RegExp]>([
    ['a body that is not an array', { op: 'replace', path: 'summary', value: 'x' }, /non-empty JSON array/],
    ['an empty array', [], /non-empty JSON array/],
    ['an operation without a path', [{ op: 'replace', value: 'x' }], /string "op" and a string "path"/],
    ['an unsupported op', [{ op: 'move', from: 'summary', path: 'externalXRef' }], /'move' is not supported/],
    ['test op', [{ op: 'test', path: 'summary', value: 'x' }], /'test' is not supported/],
    ['replace without a value', [{ op: 'replace', path: 'summary' }], /needs a value/],
    ['an unknown field', [{ op: 'replace', path: 'nosuch', value: 1 }], /path segment 'nosuch' was not found/],
    ['an unknown reference key', [{ op: 'replace', path: 'status/colour', value: 1 }], /path segment 'colour' was not found/],
    ['a path into a text field', [{ op: 'replace', path: 'summary/first', value: 1 }], /path segment 'first' was not found/],
    ['an array index out of range', [{ op: 'replace', path: 'integratorTags/5', value: 'x' }], /path segment '5' was not found/],
  ])('answers %s with 400', async (_, body, message) => {
    const reply = await patch(body);
    expect(reply.status).toBe(400);
    expect(reply.json.code).toBe('InvalidObject');
    expect(reply.json.errors[0].message).toMatch(message);
  });

  it.each<[string, unknown[], string, string]>([
    ['a wrong value type', [{ op: 'replace', path: 'board', value: 3 }], 'InvalidField', 'board'],
    ['a text value for a number', [{ op: 'replace', path: 'budgetHours', value: 'lots' }], 'InvalidField', 'budgetHours'],
    ['a too long value', [{ op: 'replace', path: 'summary', value: 'x'.repeat(101) }], 'MaxLength', 'summary'],
    ['removing a required field', [{ op: 'remove', path: 'summary' }], 'NullValue', 'summary'],
    ['removing the required company', [{ op: 'remove', path: '/company' }], 'NullValue', 'company'],
    ['an unknown status id', [{ op: 'replace', path: 'status/id', value: 31 }], 'InvalidField', 'status'],
  ])('validates the patched record: %s', async (_, body, code, field) => {
    const reply = await patch(body);
    expect(reply.status).toBe(400);
    expect(reply.json.errors).toContainEqual(expect.objectContaining({ code, field }));
    expect((await sim.call('GET', 'service/tickets/123459')).json.summary).toBe('Printer offline');
  });

  it('answers 404 for a missing record', async () => {
    expect((await patch([{ op: 'replace', path: 'summary', value: 'x' }], 'service/tickets/1')).status).toBe(404);
  });

  it('accepts the application/json-patch+json media type', async () => {
    const reply = await sim.call('PATCH', 'service/tickets/123459', {
      rawBody: JSON.stringify([{ op: 'replace', path: 'summary', value: 'via json-patch' }]), headers: { 'content-type': 'application/json-patch+json' },
    });
    expect(reply.status).toBe(200);
  });
});

describe('DELETE', () => {
  it('answers 204, then 404', async () => {
    const created = await sim.call('POST', 'service/priorities', { body: { name: 'Temp', color: 'Pink' } });
    const deleted = await sim.call('DELETE', `service/priorities/${created.json.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await sim.call('GET', `service/priorities/${created.json.id}`)).status).toBe(404);
    expect((await sim.call('DELETE', `service/priorities/${created.json.id}`)).status).toBe(404);
  });

  it.each<[string, RegExp]>([
    ['company/companies/252', /Company 252 is in use by/],
    ['procurement/catalog/301', /CatalogItem 301 is in use by Addition/],
    ['service/boards/3', /Board 3 is in use by Ticket/],
    ['company/configurations/types/5', /ConfigurationType 5 is in use by Configuration/],
    ['service/priorities/3', /Priority 3 is in use by Ticket/],
  ])('refuses %s with 409 while other records refer to it', async (path, message) => {
    const reply = await sim.call('DELETE', path);
    expect(reply.status).toBe(409);
    expect(reply.json.message).toMatch(message);
    expect((await sim.call('GET', path)).status).toBe(200);
  });

  it('takes a ticket\'s notes and configuration links with it', async () => {
    expect((await sim.call('DELETE', 'service/tickets/123456')).status).toBe(204);
    expect((await sim.call('GET', 'service/tickets/123456/notes')).status).toBe(404);
    expect(sim.api.store.rows('service/tickets/123456/notes')).toEqual([]);
  });

  it('takes an agreement\'s additions with it', async () => {
    expect((await sim.call('DELETE', 'finance/agreements/19064')).status).toBe(204);
    expect(sim.api.store.rows('finance/agreements/19064/additions')).toEqual([]);
  });
});

describe('other resources', () => {
  it('configurations accept (and ignore) the managedInformation query parameter', async () => {
    const info = encodeURIComponent(JSON.stringify({ managementSolutionName: 'Dropsuite', managedIdentifier: 'uswest.tenant.1' }));
    const reply = await sim.call('POST', `company/configurations?managedInformation=${info}`, {
      body: { name: 'uswest.tenant.1', type: { id: 5 }, company: { id: 255 } },
    });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({ activeFlag: true, status: { id: 1, name: 'Active' }, type: { id: 5, name: 'dropsuite_mailbox_actions' } });
  });

  it('catalog items take their category from the subcategory', async () => {
    const reply = await sim.call('POST', 'procurement/catalog', {
      body: { identifier: 'uswest.7', description: 'Plan 7', customerDescription: 'Plan 7', subcategory: { id: 12 }, type: { id: 1 }, category: { id: 3 } },
    });
    expect(reply.json.category).toMatchObject({ id: 1, name: 'Software' });
    expect(reply.json.productClass).toBe('NonInventory');
  });

  it('menu entries take the caller\'s clientId when none is given', async () => {
    const reply = await sim.call('POST', 'system/menuentries', {
      body: { menuLocation: { name: 'Service Desk' }, caption: 'Backup Bridge', link: 'https://e.com', newWindowFlag: false },
    });
    expect(reply.json.clientId).toBe('3f1e1c9e-0a57-4d6b-9a87-0b7f4f6e2c11');
    expect(reply.json.menuLocation).toEqual({ id: 3, name: 'Service Desk' });
  });

  it('serves the Dropsuite menu entry under Service Desk, with its locations under the camelCase path', async () => {
    const entries = await sim.call('GET', `system/menuentries?conditions=${encodeURIComponent('caption="Dropsuite Email Backup"')}`);
    expect(entries.json).toHaveLength(1);
    expect(entries.json[0].menuLocation.name).toBe('Service Desk');
    const locations = await sim.call('GET', `system/menuEntries/${entries.json[0].id}/locations`);
    expect(locations.json[0]).toMatchObject({ location: { id: 1, name: 'Tampa Office' }, menuEntry: { id: entries.json[0].id, name: 'Dropsuite Email Backup' } });
  });

  it('board statuses carry closedStatus and sort', async () => {
    const reply = await sim.call('GET', 'service/boards/3/statuses');
    expect(reply.json.map((s: { name: string; closedStatus: boolean }) => [s.name, s.closedStatus])).toEqual([
      ['New', false], ['In Progress', false], ['Closed', true], ['Cancelled', true],
    ]);
  });

  it('security role settings list module levels (My, not Mine)', async () => {
    const reply = await sim.call('GET', `system/securityRoles/8/settings?conditions=${encodeURIComponent('moduleFunctionName="Agreements"')}`);
    expect(reply.json).toEqual([expect.objectContaining({
      moduleName: 'Finance', moduleFunctionName: 'Agreements', addLevel: 'All', editLevel: 'None', deleteLevel: 'None', inquireLevel: 'All',
    })]);
  });

  it('members and API members are both listed', async () => {
    const members = await sim.call('GET', 'system/members?fields=identifier,licenseClass');
    expect(members.json).toContainEqual({ identifier: 'bbridgeapi', licenseClass: 'A' });
    expect(members.json).toContainEqual({ identifier: 'jsmith', licenseClass: 'F' });
    const apiMembers = await sim.call('GET', 'system/apiMembers');
    expect(apiMembers.json.map((m: { identifier: string }) => m.identifier)).toEqual(['bbridgeapi', 'limitedapi']);
  });
});
