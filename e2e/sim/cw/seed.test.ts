import { describe, expect, it } from 'vitest';
import { SimClock } from '../clock';
import {
  CATALOG, COMPANIES, FILLER_COMPANIES, MAILBOX_ACTIONS_TYPE, MEMBERS, ORGS, PLAIN_TICKETS, PLANS, REGION,
} from '../world';
import { EPOCH } from './harness';
import { seedStore } from './seed';
import { CwStore, DEFAULT_HREF_BASE } from './store';
import type { CwRecord } from './types';

const store = new CwStore();
seedStore(store, new SimClock(EPOCH));
const ref = (value: unknown) => value as { id: number; name?: string; identifier?: string };
const mailboxes = ORGS.flatMap((org) => org.mailboxes.map((mailbox) => ({ org, mailbox })));
const configurationNamed = (name: string) => store.list('company/configurations').find((c) => c.name === name);
const backupAgreementOf = (companyId: number) =>
  [...COMPANIES, ...FILLER_COMPANIES].find((c) => c.id === companyId)?.agreements.find((a) => a.backup)?.id;

describe('seeded companies and contacts (world.ts)', () => {
  it.each([...COMPANIES, ...FILLER_COMPANIES].map((c) => [c.id, c] as const))('company %i', (id, company) => {
    const record = store.get('company/companies', id) as CwRecord;
    expect(record).toMatchObject({
      identifier: company.identifier, name: company.name, city: company.city, state: company.state, website: `www.${company.domain}`,
      status: { name: 'Active' }, types: [expect.objectContaining({ name: 'Client' })], defaultContact: { id: company.contact.id },
    });
    expect(record.addressLine1).toEqual(expect.any(String));
    expect(record.phoneNumber).toEqual(expect.any(String));
    const contact = store.get('company/contacts', company.contact.id) as CwRecord;
    expect(contact).toMatchObject({ firstName: company.contact.firstName, lastName: company.contact.lastName, company: { id: id } });
    expect(contact.communicationItems).toContainEqual(expect.objectContaining({ communicationType: 'Email', value: company.contact.email, defaultFlag: true }));
    for (const agreement of company.agreements) {
      expect(store.get('finance/agreements', agreement.id)).toMatchObject({
        name: agreement.name, type: { name: agreement.type }, company: { id }, contact: { id: company.contact.id }, agreementStatus: 'Active',
        billingCycle: { name: 'Monthly' }, startDate: expect.stringMatching(/T00:00:00Z$/),
      });
    }
  });

  it('includes the MSP\'s own company (the login company) as the owner', () => {
    expect(store.get('company/companies', 2)).toMatchObject({ identifier: 'northwind', name: 'Northwind IT Services', types: [{ id: 5, name: 'Owner' }] });
  });
});

describe('the integration\'s records (conventions of world.ts)', () => {
  it('has a catalog item {region}.{planId} per plan', () => {
    for (const plan of PLANS) {
      const item = store.list('procurement/catalog').find((c) => c.identifier === `${REGION}.${plan.id}`);
      expect(item).toMatchObject({ description: plan.name, price: plan.amount, subcategory: { name: 'Cloud Backup' }, category: { name: 'Software' } });
    }
    expect(store.list('procurement/catalog').map((c) => c.identifier)).toEqual(CATALOG.map((c) => c.identifier));
  });

  it('has the dropsuite_mailbox_actions configuration type', () => {
    expect(store.list('company/configurations/types').map((t) => t.name)).toContain(MAILBOX_ACTIONS_TYPE);
  });

  it.each(ORGS.map((org) => [org.name, org] as const))('%s: tenant configuration and addition as linked', (_, org) => {
    const tenant = configurationNamed(`${REGION}.tenant.${org.organizationId}`);
    const linkedByConfiguration = org.cwCompanyId !== null && org.linkedVia.includes('configuration');
    expect(tenant !== undefined).toBe(linkedByConfiguration);
    if (tenant) expect(tenant).toMatchObject({ type: { name: MAILBOX_ACTIONS_TYPE }, company: { id: org.cwCompanyId } });

    const agreementId = org.cwCompanyId === null ? undefined : backupAgreementOf(org.cwCompanyId);
    const additions = agreementId === undefined ? [] : store.list(`finance/agreements/${agreementId}/additions`)
      .filter((a) => a.serialNumber === `${REGION}.${org.organizationId}`);
    if (!org.linkedVia.includes('addition') || org.additionQuantity === null) {
      expect(additions).toEqual([]);
      return;
    }
    const plan = PLANS.find((p) => p.id === org.planId);
    expect(additions).toHaveLength(1);
    expect(additions[0]).toMatchObject({
      product: { identifier: `${REGION}.${org.planId}` }, quantity: org.additionQuantity, unitPrice: plan?.amount, billCustomer: 'Billable',
      agreementId, effectiveDate: expect.stringMatching(/-01T00:00:00Z$/), _info: { enteredBy: 'bbridgeapi' },
    });
    expect(additions[0]?.cancelledDate !== undefined).toBe(org.state === 'unsubscribed');
  });

  it('adds ordinary products for realism', () => {
    const blueLight = store.list('finance/agreements/19065/additions').map((a) => ref(a.product).identifier);
    expect(blueLight).toEqual(['M365-BP', 'MSP-WKS', 'MSP-SRV']);
  });

  it.each(mailboxes.filter(({ mailbox }) => mailbox.ticketId !== undefined).map(({ org, mailbox }) => [mailbox.email, org, mailbox] as const))(
    'open backup ticket for %s', (_, org, mailbox) => {
      const ticket = store.get('service/tickets', mailbox.ticketId as number) as CwRecord;
      expect(ticket).toMatchObject({
        summary: `Dropsuite backup error: ${mailbox.email} (${mailbox.status})`, board: { id: 3, name: 'Backup Alerts' },
        status: { id: 31, name: 'New' }, company: { id: org.cwCompanyId }, priority: { id: 3 }, closedFlag: false,
        externalXRef: `${REGION}.backup.${mailbox.id}`, recordType: 'ServiceTicket',
      });
      expect(String(ticket.summary).length).toBeLessThanOrEqual(100);
      expect(ticket.contact).toBeDefined();
      const [note] = store.list(`service/tickets/${ticket.id}/notes`);
      expect(note).toMatchObject({ detailDescriptionFlag: true });
      for (const error of Object.values(mailbox.errors ?? {})) expect(note?.text).toContain(error);
      const configuration = configurationNamed(`${REGION}.backup.${mailbox.id}`);
      expect(configuration).toMatchObject({ type: { name: MAILBOX_ACTIONS_TYPE }, company: { id: org.cwCompanyId } });
      expect(store.list(`service/tickets/${ticket.id}/configurations`)).toEqual([
        { id: configuration?.id, deviceIdentifier: configuration?.name, _info: { configuration_href: `${DEFAULT_HREF_BASE}/company/configurations/${configuration?.id}` } },
      ]);
      expect(Date.parse((ticket._info as Record<string, string>).dateEntered as string)).toBeLessThan(EPOCH);
    },
  );

  it('has closed historic backup tickets with a resolution note', () => {
    const closed = store.list('service/tickets').filter((t) => t.closedFlag === true);
    expect(closed.map((t) => t.id)).toEqual([123401, 123402, 123403]);
    for (const ticket of closed) {
      expect(ticket.closedDate).toEqual(expect.any(String));
      expect(store.list(`service/tickets/${ticket.id}/notes`).some((n) => n.resolutionFlag === true)).toBe(true);
    }
  });

  it.each(PLAIN_TICKETS.map((t) => [t.id, t] as const))('plain ticket %i', (id, plain) => {
    expect(store.get('service/tickets', id)).toMatchObject({
      summary: plain.summary, company: { id: plain.companyId }, board: { id: plain.boardId }, status: { id: plain.statusId }, priority: { id: plain.priorityId },
      _info: { dateEntered: new Date(EPOCH - plain.ageMs).toISOString().replace('.000', '') },
    });
  });

  it('has the "Dropsuite Email Backup" menu entry under Service Desk', () => {
    expect(store.list('system/menuentries')).toEqual([
      expect.objectContaining({ caption: 'Dropsuite Email Backup', menuLocation: { id: 3, name: 'Service Desk' }, newWindowFlag: true }),
    ]);
  });

  it('has every member, the API members, and the roles', () => {
    expect(store.list('system/members').map((m) => m.identifier)).toEqual(MEMBERS.map((m) => m.identifier));
    expect(store.list('system/apiMembers').map((m) => [m.identifier, ref(m.securityRole).name])).toEqual([
      ['bbridgeapi', 'Backup Bridge Integration'], ['limitedapi', 'Limited Integration'],
    ]);
  });
});

describe('CwReadStore', () => {
  it('is deterministic for a given clock reading', () => {
    const other = new CwStore();
    seedStore(other, new SimClock(EPOCH));
    for (const path of ['company/companies', 'service/tickets', 'finance/agreements/19064/additions', 'company/configurations']) {
      expect(other.list(path)).toEqual(store.list(path));
    }
  });

  it('answers paths in any case, with or without slashes', () => {
    expect(store.get('/Service/Tickets/', 123456)?.id).toBe(123456);
    expect(store.list('procurement/subcategories/')).toHaveLength(4);
    expect(store.list('system/menuEntries/1/locations')).toHaveLength(1);
  });

  it('answers unknown paths and ids with undefined / []', () => {
    expect(store.get('service/tickets', 1)).toBeUndefined();
    expect(store.get('no/such', 1)).toBeUndefined();
    expect(store.list('no/such')).toEqual([]);
    expect(store.list('service/tickets/123456')).toEqual([]);
  });

  it('uses hrefBase for _info links', () => {
    const local = new CwStore();
    seedStore(local, new SimClock(EPOCH));
    local.hrefBase = 'http://127.0.0.1:9999/v4_6_release/apis/3.0';
    expect(local.get('service/tickets', 123456)?._info).toMatchObject({ notes_href: 'http://127.0.0.1:9999/v4_6_release/apis/3.0/service/tickets/123456/notes' });
  });

  it('returns copies: changing a returned record does not change the store', () => {
    const ticket = store.get('service/tickets', 123456) as CwRecord;
    ticket.summary = 'changed';
    (ticket.company as { name: string }).name = 'changed';
    expect(store.get('service/tickets', 123456)).toMatchObject({ summary: expect.stringMatching(/^Dropsuite/), company: { name: 'Fabrikam Legal LLP' } });
  });
});
