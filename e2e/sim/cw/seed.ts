/**
 * The seeded Manage data, built from world.ts only and written through the normal write path (so
 * seeded rows pass the same validation, defaults and derived fields as API writes). Deterministic:
 * the same clock reading gives the same rows; ages are offsets from the clock's "now".
 *
 * Besides what world.ts lists, for realism: the MSP's own company (id 2, from LOGIN_COMPANIES),
 * a few workstations/servers per scenario company, ordinary additions (M365-BP, MSP-WKS, MSP-SRV)
 * and three closed historic backup tickets (one of them for jane.doe, whose open ticket shares its
 * externalXRef: de-duplication must look at open tickets only).
 */
import type { SimClock } from '../clock';
import {
  BOARDS, CATALOG, CLIENT_ID, COMPANIES, DAY, FILLER_COMPANIES, HOUR, LOGIN_COMPANIES, MAILBOX_ACTIONS_TYPE, MEMBERS, ORGS, PLAIN_TICKETS,
  PLANS, PRIORITIES, PRODUCT_CATEGORIES, PRODUCT_TYPES, REGION, SECURITY_ROLES, type CompanySeed, type MailboxSeed, type OrgSeed,
  type PermissionLevel,
} from '../world';
import { toApiDate } from './dates';
import { MODULES, resolvePath } from './resources';
import type { CwStore } from './store';
import type { CwRecord } from './types';
import { planCreate, planPatch, type WriteOptions } from './writes';

export const SEED_ACTORS = {
  admin: { id: 101, identifier: 'jsmith' },
  integration: { id: 150, identifier: 'bbridgeapi' },
} as const;

/** Dropsuite registered its own clientId when it created its menu entry (not ours). */
const DROPSUITE_CLIENT_ID = '8d2c6f1e-5b3a-4e7d-a1c9-0f4b2e6d8a57';
export const MAILBOX_ACTIONS_TYPE_ID = 5;
export const OWNER_COMPANY_ID = 2;

type Actor = WriteOptions['actor'];

export function seedStore(store: CwStore, clock: SimClock): void {
  store.clear();
  const now = clock.now();
  const at = (agoMs: number) => clock.iso(now - agoMs);
  const day = (agoMs: number) => `${at(agoMs).slice(0, 10)}T00:00:00Z`;
  const options = (agoMs: number, actor: Actor = SEED_ACTORS.admin): WriteOptions => ({ now: at(agoMs), actor, clientId: CLIENT_ID });
  const put = (path: string, body: Record<string, unknown>, agoMs: number, actor?: Actor, id?: number): CwRecord =>
    planCreate(store, resolved(path), body, options(agoMs, actor), id).commit();
  const patch = (path: string, id: number, operations: unknown[], agoMs: number, actor?: Actor): CwRecord =>
    planPatch(store, resolved(path), id, operations, options(agoMs, actor)).commit();
  const longAgo = 3 * 365 * DAY;

  // --- security roles and their module settings
  const allModules = Object.values(MODULES);
  for (const role of SECURITY_ROLES) {
    put('system/securityroles', { name: role.name, adminFlag: role.permissions === 'everything' }, longAgo, undefined, role.id);
    allModules.forEach((module, index) => {
      const granted = role.permissions === 'everything'
        ? { add: 'All', edit: 'All', delete: 'All', inquire: 'All' } as const
        : role.permissions.find((permission) => permission.module === module);
      const level = (value: PermissionLevel | undefined) => (value === 'Mine' ? 'My' : value ?? 'None');
      const [moduleName, functionName] = module.split(' > ') as [string, string];
      put(`system/securityRoles/${role.id}/settings`, {
        addLevel: level(granted?.add), editLevel: level(granted?.edit), deleteLevel: level(granted?.delete), inquireLevel: level(granted?.inquire),
        moduleName, moduleIdentifier: moduleName.replace(/\W/g, ''), moduleDescription: moduleName,
        moduleFunctionName: functionName, moduleFunctionIdentifier: functionName.replace(/\W/g, ''), moduleFunctionDescription: module,
        myAllFlag: true, reportFlag: false, restrictFlag: false, customFlag: false, sortOrder: index + 1,
      }, longAgo, undefined, role.id * 100 + index + 1);
    });
  }

  // --- members (API members also get their /system/apiMembers row)
  for (const member of MEMBERS) {
    put('system/members', {
      identifier: member.identifier, firstName: member.firstName, lastName: member.lastName,
      licenseClass: member.api ? 'A' : 'F', hireDate: day(longAgo), title: member.api ? 'API Member' : 'Technician',
      primaryEmail: member.email, officeEmail: member.email, defaultEmail: 'Office', defaultPhone: 'Office',
      securityRole: { id: member.roleId }, timeZone: { id: 1 }, defaultLocation: { id: 1 }, defaultDepartment: { id: 2 },
      adminFlag: member.roleId === 1, dailyCapacity: member.api ? 0 : 8,
    }, longAgo, undefined, member.id);
    if (member.api) {
      put('system/apiMembers', {
        identifier: member.identifier, name: `${member.firstName} ${member.lastName}`, emailAddress: member.email,
        securityRole: { id: member.roleId }, timeZone: { id: 1 }, defaultLocation: { id: 1 }, defaultDepartment: { id: 2 },
      }, 400 * DAY, undefined, member.id);
    }
  }

  // --- service setup
  for (const board of BOARDS) {
    put('service/boards', { name: board.name, location: { id: 1 }, department: { id: board.id === 2 ? 1 : 2 } }, longAgo, undefined, board.id);
    board.statuses.forEach((status, index) => {
      put(`service/boards/${board.id}/statuses`, {
        name: status.name, sortOrder: index, closedStatus: status.closed, defaultFlag: 'default' in status && status.default === true,
        timeEntryNotAllowed: status.closed,
        escalationStatus: status.closed ? (status.name === 'Cancelled' ? 'NoEscalation' : 'Resolved') : index === 0 ? 'NotResponded' : 'Responded',
      }, longAgo, undefined, status.id);
    });
  }
  for (const priority of PRIORITIES) {
    put('service/priorities', {
      name: priority.name, color: priority.color, sortOrder: priority.sort, level: priority.level, defaultFlag: 'default' in priority && priority.default === true,
    }, longAgo, undefined, priority.id);
  }

  // --- procurement
  for (const category of PRODUCT_CATEGORIES) {
    put('procurement/categories', { name: category.name }, longAgo, undefined, category.id);
    for (const subcategory of category.subcategories) {
      put(`procurement/categories/${category.id}/subcategories`, { name: subcategory.name }, longAgo, undefined, subcategory.id);
    }
  }
  for (const type of PRODUCT_TYPES) put('procurement/types', { name: type.name }, longAgo, undefined, type.id);
  for (const item of CATALOG) {
    const plan = PLANS.find((candidate) => item.identifier === `${REGION}.${candidate.id}`);
    put('procurement/catalog', {
      identifier: item.identifier, description: item.description, customerDescription: plan ? `${plan.name} (${plan.productType}, per seat)` : item.description,
      subcategory: { id: item.subcategoryId }, type: { id: item.typeId }, price: item.price, cost: item.cost,
      productClass: item.typeId === 2 ? 'Service' : 'NonInventory', recurringFlag: true, recurringRevenue: item.price, recurringCost: item.cost,
      recurringBillCycle: { id: 1 }, unitOfMeasure: { id: plan ? 1 : 2 },
    }, plan ? 500 * DAY : longAgo, plan ? SEED_ACTORS.integration : undefined, item.id);
  }

  // --- configuration types
  const configurationTypes: Array<[number, string]> = [[1, 'Managed Workstation'], [2, 'Managed Server'], [3, 'Firewall'], [4, 'Microsoft 365 Tenant']];
  for (const [id, name] of configurationTypes) put('company/configurations/types', { name }, longAgo, undefined, id);
  put('company/configurations/types', { name: MAILBOX_ACTIONS_TYPE }, 500 * DAY, SEED_ACTORS.integration, MAILBOX_ACTIONS_TYPE_ID);

  // --- companies, contacts, agreements
  const owner = LOGIN_COMPANIES[0];
  put('company/companies', {
    identifier: owner.companyId, name: owner.companyName, types: [{ id: 5 }], addressLine1: '501 Harbour Island Blvd', city: 'Tampa',
    state: 'FL', zip: '33602', country: { id: 1 }, phoneNumber: '(813) 555-0100', website: 'www.northwind-it.com', territory: { id: 1 },
  }, longAgo, undefined, OWNER_COMPANY_ID);
  const allCompanies = [...COMPANIES, ...FILLER_COMPANIES];
  allCompanies.forEach((company, index) => seedCompany(company, index));

  function seedCompany(company: CompanySeed, index: number): void {
    const swiss = company.state === 'ZH';
    const enteredAgo = (900 - index * 11) * DAY;
    put('company/companies', {
      identifier: company.identifier, name: company.name, status: { id: 1 }, types: [{ id: 1 }],
      addressLine1: `${120 + index * 17} ${swiss ? 'Bahnhofstrasse' : 'Main Street'}`, city: company.city, state: company.state,
      zip: swiss ? '8001' : String(10000 + ((company.id * 7919) % 89999)).padStart(5, '0'), country: { id: swiss ? 14 : 1 },
      phoneNumber: swiss ? '+41 44 555 01 23' : `(555) 555-${String(1000 + index).slice(-4)}`, website: `www.${company.domain}`,
      territory: { id: 1 }, site: { id: company.id * 10, name: 'Main' }, timeZoneSetup: { id: 1 }, dateAcquired: day(enteredAgo),
    }, enteredAgo, undefined, company.id);
    const contact = company.contact;
    put('company/contacts', {
      firstName: contact.firstName, lastName: contact.lastName, company: { id: company.id }, site: { id: company.id * 10, name: 'Main' },
      title: 'IT Contact', defaultPhoneType: 'Direct', defaultPhoneNbr: `555555${String(1000 + index).slice(-4)}`,
      communicationItems: [
        { type: { id: 1 }, value: contact.email, defaultFlag: true },
        { type: { id: 2 }, value: `555555${String(1000 + index).slice(-4)}`, defaultFlag: true },
      ],
    }, enteredAgo, undefined, contact.id);
    (store.row('company/companies', company.id) as CwRecord).defaultContact = { id: contact.id };
    company.agreements.forEach((agreement, n) => {
      put('finance/agreements', {
        name: agreement.name, type: { name: agreement.type }, company: { id: company.id }, contact: { id: contact.id },
        site: { id: company.id * 10, name: 'Main' }, location: { id: 1 }, department: { id: 1 }, startDate: day(enteredAgo - (30 + n) * DAY),
        billingCycle: { id: 1 }, billAmount: agreement.backup && agreement.type.startsWith('Block') ? 0 : 1250 + index * 50,
        customerPO: agreement.backup ? `PO-${company.id}-EB` : undefined,
      }, enteredAgo - (30 + n) * DAY, undefined, agreement.id);
    });
  }

  // --- agreement additions: the integration's per-tenant additions, plus ordinary products
  const backupAgreement = (companyId: number) => allCompanies.find((c) => c.id === companyId)?.agreements.find((a) => a.backup)?.id;
  ORGS.forEach((org, index) => {
    const agreementId = org.cwCompanyId === null ? undefined : backupAgreement(org.cwCompanyId);
    if (!org.linkedVia.includes('addition') || org.additionQuantity === null || agreementId === undefined) return;
    const plan = PLANS.find((candidate) => candidate.id === org.planId);
    const createdAgo = (150 - index * 5) * DAY;
    const firstOfNextMonth = new Date(now - createdAgo);
    const effective = Date.UTC(firstOfNextMonth.getUTCFullYear(), firstOfNextMonth.getUTCMonth() + 1, 1);
    const addition = put(`finance/agreements/${agreementId}/additions`, {
      product: { identifier: `${REGION}.${org.planId}` }, quantity: org.additionQuantity, unitPrice: plan?.amount, billCustomer: 'Billable',
      effectiveDate: toApiDate(effective), serialNumber: `${REGION}.${org.organizationId}`,
      invoiceDescription: `${plan?.name} - ${org.name} (${org.seatsPurchased} seats)`,
    }, createdAgo, SEED_ACTORS.integration);
    if (org.state === 'unsubscribed' && org.stateChangedAgoMs !== undefined) {
      patch(`finance/agreements/${agreementId}/additions`, addition.id,
        [{ op: 'replace', path: 'cancelledDate', value: day(org.stateChangedAgoMs) }], org.stateChangedAgoMs, SEED_ACTORS.integration);
    }
  });
  const ordinary: Array<[number, number, number]> = [
    [19065, 310, 12], [19065, 311, 10], [19065, 312, 1], [19070, 310, 25], [19090, 311, 4], [19110, 310, 4],
    ...FILLER_COMPANIES.map((company, i): [number, number, number] => [company.agreements[0]?.id as number, 311, 5 + (i % 10)]),
  ];
  ordinary.forEach(([agreementId, productId, quantity], i) => {
    put(`finance/agreements/${agreementId}/additions`, {
      product: { id: productId }, quantity, billCustomer: 'Billable', effectiveDate: day((300 - i) * DAY),
    }, (300 - i) * DAY);
  });

  // --- ordinary configurations
  COMPANIES.forEach((company, index) => {
    const prefix = company.identifier.toUpperCase().slice(0, 8);
    const devices: Array<[string, number, string, string]> = [];
    for (let n = 1; n <= 1 + (company.id % 3); n++) devices.push([`${prefix}-WKS-0${n}`, 1, 'OptiPlex 7010', 'Windows 11 Pro']);
    if (company.id % 2 === 0) devices.push([`${prefix}-SRV-01`, 2, 'PowerEdge R450', 'Windows Server 2022']);
    devices.forEach(([name, type, modelNumber, osType], n) => {
      put('company/configurations', {
        name, type: { id: type }, company: { id: company.id }, contact: { id: company.contact.id }, serialNumber: `SN${company.id}${n}7`,
        modelNumber, osType, ipAddress: `10.${company.id - 200}.0.${10 + n}`, macAddress: `00:1A:2B:${company.id - 200}:0${n}:FF`,
        installationDate: day((600 - index * 9) * DAY), lastLoginName: company.contact.email.split('@')[0], activeFlag: true,
      }, (600 - index * 9) * DAY);
    });
  });

  // --- the integration's tenant configurations
  ORGS.forEach((org, index) => {
    if (!org.linkedVia.includes('configuration') || org.cwCompanyId === null) return;
    const company = allCompanies.find((c) => c.id === org.cwCompanyId) as CompanySeed;
    const agreementId = backupAgreement(company.id);
    put('company/configurations', {
      name: `${REGION}.tenant.${org.organizationId}`, type: { id: MAILBOX_ACTIONS_TYPE_ID }, company: { id: company.id },
      contact: { id: company.contact.id }, serialNumber: `${REGION}.${org.organizationId}`,
      tagNumber: agreementId === undefined ? undefined : String(agreementId),
      notes: `Dropsuite organisation "${org.name}" (${org.id}), ${org.tenantType === 'gws' ? 'Google Workspace' : 'Microsoft 365'}, ${org.domain}`,
    }, (150 - index * 5) * DAY, SEED_ACTORS.integration);
  });

  // --- backup tickets: open ones from MailboxSeed.ticketId, and a few closed historic ones
  const orgOf = (mailbox: MailboxSeed) => ORGS.find((org) => org.mailboxes.includes(mailbox)) as OrgSeed;
  const mailboxes = ORGS.flatMap((org) => org.mailboxes);
  const mailbox = (id: number) => mailboxes.find((candidate) => candidate.id === id) as MailboxSeed;
  const backupConfigurations = new Map<number, number>();
  const backupConfiguration = (box: MailboxSeed, agoMs: number) => {
    const org = orgOf(box);
    const existing = backupConfigurations.get(box.id);
    if (existing !== undefined) return existing;
    const company = allCompanies.find((c) => c.id === org.cwCompanyId) as CompanySeed;
    const created = put('company/configurations', {
      name: `${REGION}.backup.${box.id}`, type: { id: MAILBOX_ACTIONS_TYPE_ID }, company: { id: company.id }, contact: { id: company.contact.id },
      notes: `Dropsuite backup of ${box.email} (${box.displayName})`, lastLoginName: box.email,
    }, agoMs, SEED_ACTORS.integration);
    backupConfigurations.set(box.id, created.id);
    return created.id;
  };
  const backupTicket = (box: MailboxSeed, status: string, error: string, agoMs: number, id?: number) => {
    const org = orgOf(box);
    const configurationId = backupConfiguration(box, agoMs);
    const ticket = put('service/tickets', {
      summary: `Dropsuite backup error: ${box.email} (${status})`, board: { id: 3 }, status: { id: 31 }, priority: { id: 3 },
      company: { id: org.cwCompanyId }, externalXRef: `${REGION}.backup.${box.id}`,
      initialDescription: `Dropsuite could not back up ${box.email}.\nStatus: ${status}\nError: ${error}\n` +
        `Retry attempts: ${box.attempts ?? 0} of 25\nOrganisation: ${org.name} (${org.id})`,
    }, agoMs, SEED_ACTORS.integration, id);
    put(`service/tickets/${ticket.id}/configurations`, { id: configurationId }, agoMs, SEED_ACTORS.integration);
    return ticket;
  };
  const historic: Array<[number, number, string, string, number, number, number]> = [
    // [ticket id, mailbox id, status text, error, opened ago, closed ago, closing status]
    [123401, 9201, 'Authentication Error', 'AADSTS50173: The provided grant has expired due to it being revoked.', 60 * DAY, 58 * DAY, 34],
    [123402, 9002, 'Connection Error', 'Microsoft Graph throttled the request (429)', 45 * DAY, 44 * DAY, 34],
    [123403, 9301, 'Failed', 'Mailbox not found at source', 30 * DAY, 20 * DAY, 35],
  ];
  for (const [id, boxId, status, error, openedAgo, closedAgo, closingStatus] of historic) {
    const ticket = backupTicket(mailbox(boxId), status, error, openedAgo, id);
    const resolution = closingStatus === 34 ? 'Backup completed successfully; closed automatically.' : 'Retry attempts exhausted; cancelled automatically.';
    put(`service/tickets/${ticket.id}/notes`, { text: resolution, resolutionFlag: true }, closedAgo, SEED_ACTORS.integration);
    patch('service/tickets', ticket.id, [{ op: 'replace', path: 'status/id', value: closingStatus }], closedAgo, SEED_ACTORS.integration);
  }
  for (const box of mailboxes) {
    if (box.ticketId === undefined) continue;
    const raisedAgo = (box.lastSuccessAgoMs ?? 2 * DAY) - HOUR;
    backupTicket(box, box.status, Object.values(box.errors ?? {}).join('; '), raisedAgo, box.ticketId);
  }

  for (const ticket of PLAIN_TICKETS) {
    const company = allCompanies.find((c) => c.id === ticket.companyId) as CompanySeed;
    put('service/tickets', {
      summary: ticket.summary, board: { id: ticket.boardId }, status: { id: ticket.statusId }, priority: { id: ticket.priorityId },
      company: { id: ticket.companyId }, owner: ticket.statusId === 12 ? { id: 102 } : undefined,
      initialDescription: `${ticket.summary}. Reported by ${company.contact.firstName} ${company.contact.lastName}.`,
    }, ticket.ageMs, undefined, ticket.id);
  }

  // --- the custom menu entry Dropsuite created under Service Desk
  const entry = put('system/menuentries', {
    menuLocation: { id: 3 }, caption: 'Dropsuite Email Backup', link: 'https://dropsuite.com/reseller/login', newWindowFlag: true,
    origin: 'https://dropsuite.com', clientId: DROPSUITE_CLIENT_ID,
  }, 500 * DAY, SEED_ACTORS.integration, 1);
  put(`system/menuEntries/${entry.id}/locations`, { location: { id: 1 } }, 500 * DAY, SEED_ACTORS.integration);
}

function resolved(path: string) {
  const match = resolvePath(path);
  if (!match || match.tail.kind !== 'collection') throw new Error(`seed: no collection ${path}`);
  return match;
}
