import { beforeAll, describe, expect, it } from 'vitest';
import { MAILBOX_ACTIONS_TYPE } from '../../e2e/sim/world';
import type { ManageClient } from './client';
import type { ManageSite } from './discovery';
import {
  findCompaniesByName, findCompanyByIdentifier, findContactsByEmail, getCompany, searchCompanies,
} from './resources/companies';
import {
  createConfiguration, createConfigurationType, findConfiguration, findConfigurationType, listConfigurations, updateConfiguration,
} from './resources/configurations';
import {
  createAddition, findAdditionBySerialNumber, getAgreement, listAdditions, listAgreementsForCompany, updateAddition,
} from './resources/finance';
import { createMenuEntry, findMenuEntry, listMenuEntries } from './resources/menu';
import { createCatalogItem, findCatalogItem, listCategories, listProductTypes, listSubcategories } from './resources/procurement';
import {
  addTicketNote, attachConfiguration, createTicket, findOpenTicketByXRef, findTicketsForConfigurations, getTicket, listBoards,
  listBoardStatuses, listPriorities, listTicketConfigurations, listTicketNotes, updateTicket,
} from './resources/service';
import {
  findApiMemberByIdentifier, findMemberByIdentifier, getMember, getSecurityRoleSettings, getSystemInfo, listApiMembers, listMembers,
  listSecurityRoles,
} from './resources/system';
import { logged, simClient, simForThisFile, simSite } from './test-support';

const sim = simForThisFile();
let site: ManageSite;
let client: ManageClient;
beforeAll(async () => {
  site = await simSite(sim);
  client = simClient(site);
});

describe('system', () => {
  it('system/info', async () => {
    expect(await getSystemInfo(client)).toMatchObject({ version: 'v2025.1.99912', isCloud: true, cloudRegion: 'NA' });
  });

  it('members and API members', async () => {
    expect((await listMembers(client)).map((member) => member.identifier)).toEqual(['jsmith', 'akumar', 'mlopez', 'bbridgeapi', 'limitedapi']);
    expect(await findMemberByIdentifier(client, 'AKUMAR')).toMatchObject({ id: 102, firstName: 'Asha', securityRole: { id: 1 } });
    expect((await getMember(client, 103)).identifier).toBe('mlopez');
    expect((await listApiMembers(client)).map((member) => member.identifier)).toEqual(['bbridgeapi', 'limitedapi']);
    expect(await findApiMemberByIdentifier(client, 'limitedapi')).toMatchObject({ id: 151, securityRole: { id: 8, name: 'Limited Integration' } });
    expect(await findApiMemberByIdentifier(client, 'nobody')).toBeNull();
  });

  it('security roles need System › Security Roles, which the integration role lacks', async () => {
    await expect(listSecurityRoles(client)).rejects.toMatchObject({ data: { code: 'forbidden' } });
    sim.grantAdmin();
    expect((await listSecurityRoles(client)).map((role) => role.name)).toContain('Limited Integration');
    const settings = await getSecurityRoleSettings(client, 8);
    expect(settings.find((row) => row.moduleFunctionName === 'Agreements')).toMatchObject({ inquireLevel: 'All', editLevel: 'None', deleteLevel: 'None' });
  });
});

describe('companies and contacts', () => {
  it('get, by identifier, by name, by fragment', async () => {
    expect(await getCompany(client, 250)).toMatchObject({ identifier: 'BlueLight', name: 'Blue Light, Co.' });
    expect((await findCompanyByIdentifier(client, 'obrienplumbing'))?.id).toBe(258);
    expect(await findCompanyByIdentifier(client, 'NoSuchCo')).toBeNull();
    expect((await findCompaniesByName(client, 'Café Zürich GmbH')).map((company) => company.id)).toEqual([259]);
    expect((await searchCompanies(client, 'trey')).map((company) => company.name)).toEqual(['Trey Research', 'Trey Research Labs']);
  });

  it('contacts by e-mail: null when the role may not read contacts, the contacts when it may', async () => {
    expect(await findContactsByEmail(client, 'gordon.packard@bluelight.com')).toBeNull();
    sim.grantAdmin();
    const contacts = await findContactsByEmail(client, 'gordon.packard@bluelight.com');
    expect(contacts?.map((contact) => [contact.id, contact.company?.id])).toEqual([[2001, 250]]);
    expect(await findContactsByEmail(client, 'nobody@example.com')).toEqual([]);
  });
});

describe('agreements and additions', () => {
  it('agreements by company', async () => {
    expect((await listAgreementsForCompany(client, 250)).map((agreement) => agreement.name)).toEqual(['Dropsuite Email Backup', 'Managed Services']);
    expect(await getAgreement(client, 19064)).toMatchObject({ company: { id: 250, identifier: 'BlueLight' }, agreementStatus: 'Active' });
  });

  it('additions: all, active, by serial number (a cancelled one is not "live")', async () => {
    expect((await listAdditions(client, 19064)).length).toBeGreaterThanOrEqual(1);
    expect(await findAdditionBySerialNumber(client, 19064, 'uswest.5979')).toMatchObject({ quantity: 12, product: { identifier: 'uswest.4' } });
    // Litware's addition was cancelled when the tenant unsubscribed.
    expect(await findAdditionBySerialNumber(client, 19095, 'uswest.20501')).toBeNull();
    expect((await listAdditions(client, 19095)).map((addition) => addition.cancelledDate)).toEqual([expect.stringMatching(/Z$/)]);
    expect(await listAdditions(client, 19095, true)).toEqual([]);
  });

  it('create with the caller’s effective date, change the quantity, cancel', async () => {
    const created = await createAddition(client, 19110, {
      productId: 301, quantity: 4, effectiveDate: new Date(Date.UTC(2026, 1, 1)), serialNumber: 'uswest.20610', invoiceDescription: 'Business Backup - Café Zürich',
    });
    expect(created).toMatchObject({ quantity: 4, effectiveDate: '2026-02-01T00:00:00Z', serialNumber: 'uswest.20610', agreementId: 19110 });
    const more = await updateAddition(client, 19110, created.id, { quantity: 6 });
    expect(more).toMatchObject({ quantity: 6, effectiveDate: '2026-02-01T00:00:00Z' });
    const cancelled = await updateAddition(client, 19110, created.id, { cancelledDate: new Date(Date.UTC(2026, 2, 1)) });
    expect(cancelled.cancelledDate).toBe('2026-03-01T00:00:00Z');
    expect(await findAdditionBySerialNumber(client, 19110, 'uswest.20610')).toBeNull();
  });

  it('the limited role may add but not change additions', async () => {
    const limited = simClient(site, { key: 'limited' });
    const created = await createAddition(limited, 19064, { productId: 311, quantity: 1, effectiveDate: new Date(), serialNumber: 'x.1' });
    await expect(updateAddition(limited, 19064, created.id, { quantity: 2 })).rejects.toMatchObject({
      data: { code: 'forbidden', message: expect.stringContaining('Finance › Agreements: Edit') },
    });
  });
});

describe('procurement', () => {
  it('catalog: find by identifier, create once', async () => {
    expect(await findCatalogItem(client, 'uswest.4')).toMatchObject({ id: 301, description: 'Business Backup', subcategory: { id: 12 } });
    const item = await createCatalogItem(client, {
      identifier: 'uswest.9', description: 'Archive 50G', customerDescription: 'Archive 50G (per seat)', subcategoryId: 12, typeId: 1, price: 3, recurring: true,
    });
    expect(item).toMatchObject({ identifier: 'uswest.9', category: { id: 1 }, price: 3, recurringFlag: true });
    expect((await findCatalogItem(client, 'USWEST.9'))?.id).toBe(item.id);
  });

  it('categories, subcategories (trailing-slash paths), types', async () => {
    expect((await listCategories(client)).map((category) => category.name)).toEqual(['Software', 'Hardware', 'Services']);
    expect((await listSubcategories(client)).map((sub) => sub.name)).toEqual(['Software', 'Cloud Backup', 'Workstations', 'Managed Services']);
    expect((await listSubcategories(client, 1)).map((sub) => sub.id)).toEqual([11, 12]);
    expect(logged(sim, 'GET').some((entry) => entry.path.startsWith('/v2025_1/apis/3.0/procurement/categories/1/subcategories/?'))).toBe(true);
    expect((await listProductTypes(client)).map((type) => type.name)).toEqual(['Software', 'Service', 'Hardware']);
  });
});

describe('service', () => {
  it('boards, statuses, priorities', async () => {
    expect((await listBoards(client)).map((board) => board.name)).toEqual(['Help Desk', 'Professional Services', 'Backup Alerts']);
    expect((await listBoardStatuses(client, 3)).map((status) => [status.name, status.closedStatus])).toEqual([
      ['New', false], ['In Progress', false], ['Closed', true], ['Cancelled', true],
    ]);
    expect((await listPriorities(client)).find((priority) => priority.defaultFlag)?.name).toBe('Priority 3 - Normal Response');
  });

  it('tickets: the open one for an externalXRef, not the closed one sharing it', async () => {
    expect((await findOpenTicketByXRef(client, 'uswest.backup.9201'))?.id).toBe(123456);
    expect((await getTicket(client, 123401)).closedFlag).toBe(true);
    expect(await findOpenTicketByXRef(client, 'uswest.backup.424242')).toBeNull();
  });

  it('tickets of a company for its mailbox-action configurations', async () => {
    const type = await findConfigurationType(client, MAILBOX_ACTIONS_TYPE);
    const configurations = await listConfigurations(client, { companyId: 252, typeId: type?.id as number, namePrefix: 'uswest.backup.' });
    const names = configurations.map((configuration) => configuration.name);
    expect(names).toEqual(['uswest.backup.9201']);
    expect((await findTicketsForConfigurations(client, 252, names)).map((ticket) => ticket.id)).toEqual([123456]);
    expect((await findTicketsForConfigurations(client, 252, names, false)).map((ticket) => ticket.id)).toEqual([123401, 123456]);
  });

  it('create, note, attach, change status and summary', async () => {
    const ticket = await createTicket(client, {
      summary: 'Dropsuite backup error: it@cafe-zuerich.ch (Failed)', companyId: 259, boardId: 3, priorityId: 2,
      externalXRef: 'uswest.backup.123', initialDescription: 'Mailbox not found at source',
    });
    expect(ticket).toMatchObject({ board: { id: 3 }, status: { id: 31 }, company: { id: 259 }, closedFlag: false, externalXRef: 'uswest.backup.123' });
    expect((await listTicketNotes(client, ticket.id)).map((note) => [note.text, note.detailDescriptionFlag])).toEqual([['Mailbox not found at source', true]]);

    const internal = await addTicketNote(client, ticket.id, 'Retry 3 of 25 failed.', 'internal');
    expect(internal).toMatchObject({ internalAnalysisFlag: true, detailDescriptionFlag: false, internalFlag: true, createdBy: 'bbridgeapi' });
    const detail = await addTicketNote(client, ticket.id, 'Customer told.', 'detail');
    expect(detail).toMatchObject({ detailDescriptionFlag: true, internalAnalysisFlag: false });

    const configuration = await createConfiguration(client, { name: 'uswest.backup.123', typeId: 5, companyId: 259, notes: 'it@cafe-zuerich.ch' });
    expect(await attachConfiguration(client, ticket.id, configuration.id)).toMatchObject({ id: configuration.id });
    expect(await attachConfiguration(client, ticket.id, configuration.id)).toMatchObject({ id: configuration.id }); // no-op
    expect((await listTicketConfigurations(client, ticket.id)).map((item) => item.id)).toEqual([configuration.id]);

    expect(await updateTicket(client, ticket.id, { summary: 'Dropsuite backup error: it@cafe-zuerich.ch (Retrying)' })).toMatchObject({ closedFlag: false });
    const closed = await updateTicket(client, ticket.id, { statusId: 34 });
    expect(closed).toMatchObject({ status: { id: 34 }, closedFlag: true, closedBy: 'bbridgeapi' });
    expect(await findOpenTicketByXRef(client, 'uswest.backup.123')).toBeNull();
  });
});

describe('configurations', () => {
  it('types: find by name, create once', async () => {
    expect((await findConfigurationType(client, 'Dropsuite_Mailbox_Actions'))?.id).toBe(5);
    const created = await createConfigurationType(client, 'acme_mailbox_actions');
    expect((await findConfigurationType(client, 'acme_mailbox_actions'))?.id).toBe(created.id);
  });

  it('find by name and type, by company and type, create, update', async () => {
    expect((await findConfiguration(client, 'uswest.tenant.5979', 5))?.company?.id).toBe(250);
    expect(await findConfiguration(client, 'uswest.tenant.5979', 1)).toBeNull();
    const tenants = await listConfigurations(client, { typeId: 5, namePrefix: 'uswest.tenant.' });
    expect(tenants.map((configuration) => configuration.name)).toContain('uswest.tenant.20610');
    const created = await createConfiguration(client, { name: 'uswest.tenant.20412', typeId: 5, companyId: 255, contactId: 2006, notes: 'Woodgrove' });
    expect(created).toMatchObject({ type: { id: 5 }, company: { id: 255 }, contact: { id: 2006 } });
    expect(await updateConfiguration(client, created.id, { notes: 'Woodgrove Bakery Ltd', activeFlag: false })).toMatchObject({ notes: 'Woodgrove Bakery Ltd', activeFlag: false });
  });
});

describe('menu entries', () => {
  it('find the Dropsuite entry, create ours once', async () => {
    expect((await listMenuEntries(client)).map((entry) => entry.caption)).toEqual(['Dropsuite Email Backup']);
    expect(await findMenuEntry(client, 'Dropsuite Email Backup')).toMatchObject({ menuLocation: { id: 3 }, newWindowFlag: true });
    const entry = await createMenuEntry(client, { caption: 'Backup Bridge', link: 'https://example.com/bridge?company=[cw_companyid]', menuLocationId: 3 });
    expect(entry).toMatchObject({ caption: 'Backup Bridge', clientId: '3f1e1c9e-0a57-4d6b-9a87-0b7f4f6e2c11', newWindowFlag: true });
    expect((await findMenuEntry(client, 'backup bridge'))?.id).toBe(entry.id);
  });
});
