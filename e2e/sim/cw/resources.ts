/**
 * Every collection the simulator serves, as data: real path (spec 2025.1 path list), model, allowed
 * verbs, security module, which reference fields point where, and the few behaviours that are
 * specific to one entity (defaults, derived fields, side effects). The generic engine (writes.ts,
 * present.ts, api.ts) does the rest.
 */
import type { FieldError } from './errors';
import {
  AGREEMENT_TYPES, BILLING_CYCLES, BILLING_TERMS, COMMUNICATION_TYPES, COMPANY_STATUSES, COMPANY_TYPES,
  CONFIGURATION_STATUSES, COUNTRIES, CURRENCIES, DEPARTMENTS, LOCATIONS, MENU_LOCATIONS, TIME_ZONES,
  UNITS_OF_MEASURE, type Lookup,
} from './lookups';
import type { CwRecord } from './types';

export type Verb = 'list' | 'count' | 'create' | 'get' | 'replace' | 'patch' | 'delete';
const ALL_VERBS: readonly Verb[] = ['list', 'count', 'create', 'get', 'replace', 'patch', 'delete'];

/** Where a reference field points: a collection (template or computed), or a fixed lookup. */
export type RefTarget = string | ((record: CwRecord) => string | undefined) | Lookup;

/** What hooks may use: raw store rows, the clock, the caller. */
export interface WriteContext {
  now: string;
  actor: { id: number; identifier: string };
  clientId: string;
  parentIds: readonly number[];
  /** The stored record before this write (PUT/PATCH), undefined on POST. */
  previous: CwRecord | undefined;
  row(collection: string, id: number): CwRecord | undefined;
  rows(collection: string): CwRecord[];
  /** Create a record in another collection through the normal write path (validation, ids, _info). */
  create(collection: string, body: Record<string, unknown>): CwRecord;
  nextId(collection: string): number;
}

export interface Resource {
  /** Spec path template, relative to /apis/3.0, without trailing slash. */
  path: string;
  model: string;
  /** Name in "not found" messages: "Ticket 5 not found". */
  entity: string;
  /** Name in validation errors: "ticket object is invalid". */
  resource: string;
  module: string;
  verbs: readonly Verb[];
  refs?: Readonly<Record<string, RefTarget>>;
  /** How a reference to one of these records looks (besides id and _info). */
  reference?: { hrefKey: string; fields(record: CwRecord): Record<string, unknown> };
  /** Links in a record's own _info, relative to the record's URL. */
  childLinks?: Readonly<Record<string, string>>;
  /** Computed by the server; ignored in request bodies. */
  derived?: readonly string[];
  /** Accepted in request bodies, never stored or returned (action flags). */
  writeOnly?: readonly string[];
  /** Only honoured on POST (spec: "can be passed in only during new ... creation"). */
  createOnly?: readonly string[];
  unique?: readonly string[];
  /**
   * Records of this path live in another collection and are the ones whose `field` points at the
   * parent (e.g. a category's subcategories are the subcategories with category/id = parentId).
   */
  scope?: { collection: string; field: string };
  /** The records are links to records of another collection (ticket configurations). */
  linkTo?: string;
  /** UNVERIFIED which endpoints lack forward-only paging; false = ignore the pagination-type header. */
  forwardOnly?: boolean;
  prepare?(record: CwRecord, ctx: WriteContext): void;
  defaults?(record: CwRecord, ctx: WriteContext): void;
  validate?(record: CwRecord, ctx: WriteContext): FieldError[];
  derive?(record: CwRecord, ctx: WriteContext): void;
  afterCreate?(record: CwRecord, extras: Record<string, unknown>, ctx: WriteContext): void;
  /** An extra permission a write needs (closing a ticket). */
  extraPermission?(record: CwRecord, ctx: WriteContext): { module: string; verb: 'add' | 'edit' } | undefined;
  /** A deterministic filler record for bulk seeding (admin `seed`); `rows` reads stored rows. */
  filler?(n: number, rows: (collection: string) => CwRecord[]): Record<string, unknown>;
}

export const MODULES = {
  companies: 'Companies > Company Maintenance',
  contacts: 'Companies > Contacts',
  configurations: 'Companies > Configurations',
  agreements: 'Finance > Agreements',
  catalog: 'Procurement > Product Catalog',
  tickets: 'Service Desk > Service Tickets',
  closeTickets: 'Service Desk > Close Service Tickets',
  tableSetup: 'System > Table Setup',
  menuEntries: 'System > Custom Menu Entry',
  members: 'System > Member Maintenance',
  securityRoles: 'System > Security Roles',
} as const;

// ---------------------------------------------------------------------------------------------
// helpers shared by the descriptors

const idOf = (value: unknown): number | undefined => {
  const id = (value as { id?: unknown } | undefined)?.id;
  return typeof id === 'number' ? id : undefined;
};
const round2 = (n: number) => Math.round(n * 100) / 100;
const setIfAbsent = (record: CwRecord, field: string, value: unknown) => {
  if (record[field] === undefined) record[field] = value;
};
const fieldError = (resource: string, field: string, code: string, message: string): FieldError => ({ code, message, resource, field });
const named = (record: CwRecord) => ({ name: record.name });
const personName = (record: CwRecord) => [record.firstName, record.lastName].filter(Boolean).join(' ');
const companyFor = (n: number, rows: (collection: string) => CwRecord[]) => {
  const companies = rows('company/companies');
  return companies[n % companies.length];
};

// ---------------------------------------------------------------------------------------------
// Tickets: closing, first notes

const ticketStatus = (record: CwRecord, ctx: WriteContext) => {
  const board = idOf(record.board);
  const status = idOf(record.status);
  return board === undefined || status === undefined ? undefined : ctx.row(`service/boards/${board}/statuses`, status);
};
const isClosing = (record: CwRecord, ctx: WriteContext) =>
  ticketStatus(record, ctx)?.closedStatus === true && ctx.previous?.closedFlag !== true;

const tickets: Resource = {
  path: 'service/tickets',
  model: 'Ticket',
  entity: 'Ticket',
  resource: 'ticket',
  module: MODULES.tickets,
  verbs: ALL_VERBS,
  refs: {
    board: 'service/boards',
    status: (record) => (idOf(record.board) === undefined ? undefined : `service/boards/${idOf(record.board)}/statuses`),
    company: 'company/companies',
    contact: 'company/contacts',
    priority: 'service/priorities',
    owner: 'system/members',
    agreement: 'finance/agreements',
    location: LOCATIONS,
    department: DEPARTMENTS,
    country: COUNTRIES,
    currency: CURRENCIES,
  },
  reference: { hrefKey: 'ticket_href', fields: (record) => ({ summary: record.summary }) },
  childLinks: { notes_href: 'notes', configurations_href: 'configurations' },
  derived: ['closedFlag', 'closedDate', 'closedBy'],
  writeOnly: ['processNotifications', 'skipCallback', 'initialDescriptionFrom', 'contactEmailLookup'],
  prepare(record, ctx) {
    // A new board without a new status: the old status belongs to the old board, so the new
    // board's default status takes its place. UNVERIFIED, mirrors the Manage UI.
    const previous = ctx.previous;
    if (previous && idOf(record.board) !== idOf(previous.board) && idOf(record.status) === idOf(previous.status)) {
      const defaultStatus = ctx.rows(`service/boards/${idOf(record.board)}/statuses`).find((status) => status.defaultFlag === true);
      if (defaultStatus) record.status = { id: defaultStatus.id };
      else delete record.status;
    }
  },
  defaults(record, ctx) {
    setIfAbsent(record, 'recordType', 'ServiceTicket');
    // UNVERIFIED: with no board the system default board (Help Desk) is used.
    setIfAbsent(record, 'board', { id: 1 });
    const board = idOf(record.board) as number;
    const defaultStatus = ctx.rows(`service/boards/${board}/statuses`).find((status) => status.defaultFlag === true);
    if (defaultStatus) setIfAbsent(record, 'status', { id: defaultStatus.id });
    const defaultPriority = ctx.rows('service/priorities').find((priority) => priority.defaultFlag === true);
    if (defaultPriority) setIfAbsent(record, 'priority', { id: defaultPriority.id });
    setIfAbsent(record, 'severity', 'Medium');
    setIfAbsent(record, 'impact', 'Medium');
    // UNVERIFIED: the company's default contact fills an empty contact, as in the UI.
    const company = idOf(record.company) === undefined ? undefined : ctx.row('company/companies', idOf(record.company) as number);
    if (company?.defaultContact) setIfAbsent(record, 'contact', { id: idOf(company.defaultContact) });
    const contact = idOf(record.contact) === undefined ? undefined : ctx.row('company/contacts', idOf(record.contact) as number);
    if (contact) {
      setIfAbsent(record, 'contactName', personName(contact));
      const items = (contact.communicationItems ?? []) as Array<Record<string, unknown>>;
      const email = items.find((item) => item.communicationType === 'Email' && item.defaultFlag) ?? items.find((item) => item.communicationType === 'Email');
      const phone = items.find((item) => item.communicationType === 'Phone');
      if (email) setIfAbsent(record, 'contactEmailAddress', email.value);
      if (phone) setIfAbsent(record, 'contactPhoneNumber', phone.value);
    }
    setIfAbsent(record, 'customerUpdatedFlag', false);
    setIfAbsent(record, 'automaticEmailContactFlag', false);
    setIfAbsent(record, 'automaticEmailResourceFlag', false);
    setIfAbsent(record, 'automaticEmailCcFlag', false);
    setIfAbsent(record, 'allowAllClientsPortalView', false);
    setIfAbsent(record, 'approved', true);
  },
  derive(record, ctx) {
    const closed = ticketStatus(record, ctx)?.closedStatus === true;
    record.closedFlag = closed;
    if (!closed) {
      delete record.closedDate;
      delete record.closedBy;
    } else if (ctx.previous?.closedFlag === true) {
      record.closedDate = ctx.previous.closedDate;
      record.closedBy = ctx.previous.closedBy;
    } else {
      record.closedDate = ctx.now;
      record.closedBy = ctx.actor.identifier;
    }
  },
  afterCreate(record, extras, ctx) {
    // initialDescription & co. are POST-only, never returned: they become the first notes.
    const notes: Array<[string, string]> = [
      ['initialDescription', 'detailDescriptionFlag'],
      ['initialInternalAnalysis', 'internalAnalysisFlag'],
      ['initialResolution', 'resolutionFlag'],
    ];
    for (const [field, flag] of notes) {
      const text = extras[field];
      if (typeof text === 'string' && text.trim() !== '') {
        ctx.create(`service/tickets/${record.id}/notes`, { text, [flag]: true });
      }
    }
  },
  extraPermission(record, ctx) {
    return isClosing(record, ctx) ? { module: MODULES.closeTickets, verb: ctx.previous ? 'edit' : 'add' } : undefined;
  },
  filler: (n, rows) => ({
    summary: `Bulk ticket ${n}`,
    company: { id: companyFor(n, rows)?.id },
    board: { id: 1 },
  }),
};

const ticketNotes: Resource = {
  path: 'service/tickets/{parentId}/notes',
  model: 'ServiceNote',
  entity: 'ServiceNote',
  resource: 'serviceNote',
  module: MODULES.tickets,
  verbs: ALL_VERBS,
  refs: { member: 'system/members', contact: 'company/contacts' },
  derived: ['ticketId', 'dateCreated', 'createdBy'],
  writeOnly: ['processNotifications'],
  // The family without forward-only paging: its pages never carry a Link header in that mode.
  forwardOnly: false,
  defaults(record, ctx) {
    for (const flag of ['detailDescriptionFlag', 'internalAnalysisFlag', 'resolutionFlag', 'issueFlag', 'customerUpdatedFlag', 'internalFlag', 'externalFlag']) {
      setIfAbsent(record, flag, false);
    }
    if (ctx.row('system/members', ctx.actor.id)) setIfAbsent(record, 'member', { id: ctx.actor.id });
  },
  validate(record) {
    // UNVERIFIED: a note needs text and one of the three note types (the UI enforces both).
    const errors: FieldError[] = [];
    if (typeof record.text !== 'string' || record.text.trim() === '') {
      errors.push(fieldError('serviceNote', 'text', 'NullValue', 'The text field is required.'));
    }
    if (!record.detailDescriptionFlag && !record.internalAnalysisFlag && !record.resolutionFlag) {
      errors.push(fieldError('serviceNote', 'detailDescriptionFlag', 'InvalidField',
        'At least one of detailDescriptionFlag, internalAnalysisFlag or resolutionFlag must be true.'));
    }
    return errors;
  },
  derive(record, ctx) {
    record.ticketId = ctx.parentIds[0];
    record.dateCreated = ctx.previous?.dateCreated ?? ctx.now;
    record.createdBy = ctx.previous?.createdBy ?? ctx.actor.identifier;
  },
};

const ticketConfigurations: Resource = {
  path: 'service/tickets/{parentId}/configurations',
  model: 'ConfigurationReference',
  entity: 'Configuration',
  resource: 'configurationReference',
  module: MODULES.tickets,
  verbs: ['list', 'count', 'create', 'get', 'delete'],
  linkTo: 'company/configurations',
};

// ---------------------------------------------------------------------------------------------
// Companies, contacts, configurations

const companies: Resource = {
  path: 'company/companies',
  model: 'Company',
  entity: 'Company',
  resource: 'company',
  module: MODULES.companies,
  verbs: ALL_VERBS,
  refs: {
    status: COMPANY_STATUSES,
    types: COMPANY_TYPES,
    country: COUNTRIES,
    territory: LOCATIONS,
    defaultContact: 'company/contacts',
    billingContact: 'company/contacts',
    parentCompany: 'company/companies',
    billToCompany: 'company/companies',
    territoryManager: 'system/members',
    timeZoneSetup: TIME_ZONES,
    currency: CURRENCIES,
    billingTerms: BILLING_TERMS,
  },
  reference: { hrefKey: 'company_href', fields: (record) => ({ identifier: record.identifier, name: record.name }) },
  createOnly: ['types'],
  unique: ['identifier'],
  defaults(record) {
    setIfAbsent(record, 'status', { id: 1 });
    setIfAbsent(record, 'types', [{ id: 1 }]);
    for (const flag of ['leadFlag', 'unsubscribeFlag', 'isVendorFlag', 'deletedFlag']) setIfAbsent(record, flag, false);
  },
  validate(record) {
    // Spec note on every address field: "at least one address field is required".
    const address = ['addressLine1', 'addressLine2', 'city', 'state', 'zip', 'country'];
    return address.some((field) => record[field] !== undefined)
      ? []
      : [fieldError('company', 'addressLine1', 'NullValue', 'At least one address field is required -- addressLine1, addressLine2, city, state, zip and/or country.')];
  },
  filler: (n) => ({
    identifier: `BulkCo${n}`,
    name: `Bulk Company ${n}`,
    city: 'Springfield',
    state: 'IL',
  }),
};

/** Email items get their domain and communicationType the way Manage fills them. */
function normalizeCommunicationItems(record: CwRecord, ctx: WriteContext): FieldError[] {
  const items = record.communicationItems as Array<Record<string, unknown>> | undefined;
  if (!items) return [];
  const errors: FieldError[] = [];
  const previousIds = new Set(((ctx.previous?.communicationItems ?? []) as Array<{ id?: number }>).map((item) => item.id));
  items.forEach((item, index) => {
    const type = item.type as { id?: unknown; name?: unknown } | undefined;
    const known = COMMUNICATION_TYPES.items.find((candidate) =>
      candidate.id === type?.id || (typeof type?.name === 'string' && candidate.name.toLowerCase() === type.name.toLowerCase()));
    if (!known) {
      errors.push(fieldError('contact', `communicationItems[${index}].type`, 'InvalidField', 'A valid communication type is required.'));
      return;
    }
    item.type = { id: known.id, name: known.name };
    item.communicationType = known.name === 'Email' ? 'Email' : known.name === 'Fax' ? 'Fax' : 'Phone';
    if (typeof item.id !== 'number' || !previousIds.has(item.id)) item.id = ctx.nextId('company/contacts/communications');
    setIfAbsent(item as CwRecord, 'defaultFlag', false);
    if (item.communicationType === 'Email' && typeof item.value === 'string' && item.value.includes('@')) {
      item.domain = `@${item.value.split('@')[1]}`;
    }
  });
  // Keep each item's keys in model order, as the API prints them.
  const order = ['id', 'type', 'value', 'extension', 'defaultFlag', 'domain', 'communicationType'];
  record.communicationItems = items.map((item) => Object.fromEntries(
    Object.entries(item).sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99)),
  ));
  return errors;
}

const contacts: Resource = {
  path: 'company/contacts',
  model: 'Contact',
  entity: 'Contact',
  resource: 'contact',
  module: MODULES.contacts,
  verbs: ALL_VERBS,
  refs: { company: 'company/companies', country: COUNTRIES, managerContact: 'company/contacts', assistantContact: 'company/contacts' },
  reference: { hrefKey: 'contact_href', fields: (record) => ({ name: personName(record) }) },
  createOnly: ['typeIds'],
  defaults(record) {
    setIfAbsent(record, 'inactiveFlag', false);
    setIfAbsent(record, 'communicationItems', []);
  },
  validate: normalizeCommunicationItems,
  filler: (n, rows) => ({
    firstName: 'Bulk',
    lastName: `Contact${n}`,
    company: { id: companyFor(n, rows)?.id },
    communicationItems: [{ type: { id: 1 }, value: `bulk.contact${n}@example.com`, defaultFlag: true }],
  }),
};

const configurations: Resource = {
  path: 'company/configurations',
  model: 'CompanyConfiguration',
  entity: 'Configuration',
  resource: 'configuration',
  module: MODULES.configurations,
  verbs: ALL_VERBS,
  refs: {
    type: 'company/configurations/types',
    status: CONFIGURATION_STATUSES,
    company: 'company/companies',
    contact: 'company/contacts',
    location: LOCATIONS,
    department: DEPARTMENTS,
    installedBy: 'system/members',
    vendor: 'company/companies',
  },
  // UNVERIFIED: a ConfigurationReference's deviceIdentifier carries the configuration name.
  reference: { hrefKey: 'configuration_href', fields: (record) => ({ deviceIdentifier: record.name }) },
  defaults(record) {
    setIfAbsent(record, 'status', { id: 1 });
    setIfAbsent(record, 'activeFlag', true);
    setIfAbsent(record, 'billFlag', false);
    setIfAbsent(record, 'questions', []);
  },
  filler: (n, rows) => ({
    name: `BULK-WKS-${String(n).padStart(5, '0')}`,
    type: { id: 1 },
    company: { id: companyFor(n, rows)?.id },
    serialNumber: `SN${100000 + n}`,
  }),
};

const configurationTypes: Resource = {
  path: 'company/configurations/types',
  model: 'ConfigurationType',
  entity: 'ConfigurationType',
  resource: 'configurationType',
  module: MODULES.tableSetup,
  verbs: ALL_VERBS,
  reference: { hrefKey: 'type_href', fields: named },
  unique: ['name'],
  defaults(record) {
    setIfAbsent(record, 'inactiveFlag', false);
    setIfAbsent(record, 'systemFlag', false);
  },
};

// ---------------------------------------------------------------------------------------------
// Finance

const agreements: Resource = {
  path: 'finance/agreements',
  model: 'Agreement',
  entity: 'Agreement',
  resource: 'agreement',
  module: MODULES.agreements,
  verbs: ALL_VERBS,
  refs: {
    type: AGREEMENT_TYPES,
    company: 'company/companies',
    contact: 'company/contacts',
    location: LOCATIONS,
    department: DEPARTMENTS,
    companyLocation: LOCATIONS,
    billingCycle: BILLING_CYCLES,
    billingTerms: BILLING_TERMS,
    currency: CURRENCIES,
    parentAgreement: 'finance/agreements',
    billToCompany: 'company/companies',
    billToContact: 'company/contacts',
  },
  reference: {
    hrefKey: 'agreement_href',
    fields: (record) => ({ name: record.name, type: (record.type as { name?: string } | undefined)?.name, chargeFirmFlag: false }),
  },
  childLinks: { additions_href: 'additions' },
  derived: ['agreementStatus'],
  defaults(record, ctx) {
    setIfAbsent(record, 'startDate', `${ctx.now.slice(0, 10)}T00:00:00Z`);
    setIfAbsent(record, 'noEndingDateFlag', record.endDate === undefined);
    setIfAbsent(record, 'cancelledFlag', false);
    setIfAbsent(record, 'applicationUnits', 'Amount');
    setIfAbsent(record, 'applicationUnlimitedFlag', false);
    setIfAbsent(record, 'oneTimeFlag', false);
    // The "Required On Updates" fields get the UI defaults, so a GET-then-PUT round trip works.
    setIfAbsent(record, 'employeeCompRate', 'Actual');
    setIfAbsent(record, 'invoicingCycle', 'ContractYear');
    setIfAbsent(record, 'billTime', 'Billable');
    setIfAbsent(record, 'billExpenses', 'Billable');
    setIfAbsent(record, 'billProducts', 'Billable');
    setIfAbsent(record, 'billingCycle', { id: 1, name: 'Monthly' });
    setIfAbsent(record, 'billAmount', 0);
    setIfAbsent(record, 'taxable', false);
    setIfAbsent(record, 'prorateFlag', false);
  },
  derive(record, ctx) {
    // UNVERIFIED: the status follows the cancelled flag and the end date.
    const ended = typeof record.endDate === 'string' && record.endDate < ctx.now;
    record.agreementStatus = record.cancelledFlag === true ? 'Cancelled' : ended ? 'Expired' : 'Active';
  },
  filler: (n, rows) => {
    const company = companyFor(n, rows);
    return { name: `Bulk Agreement ${n}`, type: { id: 2 }, company: { id: company?.id }, contact: company?.defaultContact };
  },
};

const additions: Resource = {
  path: 'finance/agreements/{parentId}/additions',
  model: 'Addition',
  entity: 'Addition',
  resource: 'addition',
  module: MODULES.agreements,
  verbs: ALL_VERBS,
  refs: { product: 'procurement/catalog' },
  derived: ['agreementId', 'billedQuantity', 'extPrice', 'extCost', 'margin', 'agreementStatus', 'sequenceNumber'],
  defaults(record, ctx) {
    const product = ctx.row('procurement/catalog', idOf(record.product) as number);
    setIfAbsent(record, 'quantity', 1);
    setIfAbsent(record, 'lessIncluded', 0);
    setIfAbsent(record, 'unitPrice', product?.price ?? 0);
    setIfAbsent(record, 'unitCost', product?.cost ?? 0);
    setIfAbsent(record, 'description', product?.description);
    setIfAbsent(record, 'taxableFlag', product?.taxableFlag ?? false);
    setIfAbsent(record, 'uom', (product?.unitOfMeasure as { name?: string } | undefined)?.name);
    setIfAbsent(record, 'purchaseItemFlag', false);
    setIfAbsent(record, 'specialOrderFlag', false);
    setIfAbsent(record, 'prorateCurrentPeriodFlag', false);
  },
  derive(record, ctx) {
    const agreementId = ctx.parentIds[0] as number;
    record.agreementId = agreementId;
    // UNVERIFIED: billed quantity is quantity less the included quantity.
    const billed = Number(record.quantity ?? 0) - Number(record.lessIncluded ?? 0);
    record.billedQuantity = billed;
    record.extPrice = round2(billed * Number(record.unitPrice ?? 0));
    record.extCost = round2(billed * Number(record.unitCost ?? 0));
    record.margin = round2((record.extPrice as number) - (record.extCost as number));
    record.agreementStatus = ctx.row('finance/agreements', agreementId)?.agreementStatus ?? 'Active';
    record.sequenceNumber = ctx.previous?.sequenceNumber
      ?? ctx.rows(`finance/agreements/${agreementId}/additions`).reduce((max, addition) => Math.max(max, Number(addition.sequenceNumber ?? 0)), 0) + 1;
  },
  filler: (n) => ({ product: { id: 311 }, billCustomer: 'Billable', quantity: 1 + (n % 5), serialNumber: `BULK-${n}` }),
};

// ---------------------------------------------------------------------------------------------
// Procurement

const catalog: Resource = {
  path: 'procurement/catalog',
  model: 'CatalogItem',
  entity: 'CatalogItem',
  resource: 'catalogItem',
  module: MODULES.catalog,
  verbs: ALL_VERBS,
  refs: {
    subcategory: 'procurement/subcategories',
    category: 'procurement/categories',
    type: 'procurement/types',
    unitOfMeasure: UNITS_OF_MEASURE,
    vendor: 'company/companies',
    recurringBillCycle: BILLING_CYCLES,
  },
  reference: { hrefKey: 'product_href', fields: (record) => ({ identifier: record.identifier }) },
  unique: ['identifier'],
  defaults(record, ctx) {
    setIfAbsent(record, 'productClass', 'NonInventory');
    setIfAbsent(record, 'unitOfMeasure', { id: 1, name: 'Each' });
    setIfAbsent(record, 'price', 0);
    setIfAbsent(record, 'cost', 0);
    setIfAbsent(record, 'billableOption', 'Billable');
    setIfAbsent(record, 'priceAttribute', 'FixedFee');
    for (const flag of ['inactiveFlag', 'taxableFlag', 'serializedFlag', 'serializedCostFlag', 'phaseProductFlag', 'dropShipFlag', 'specialOrderFlag', 'recurringFlag', 'calculatedPriceFlag', 'calculatedCostFlag']) {
      setIfAbsent(record, flag, false);
    }
    // The category is the subcategory's.
    const subcategory = ctx.row('procurement/subcategories', idOf(record.subcategory) as number);
    if (subcategory?.category) record.category = { id: idOf(subcategory.category) };
  },
  filler: (n) => ({
    identifier: `BULK-ITEM-${n}`,
    description: `Bulk item ${n}`,
    customerDescription: `Bulk item ${n}`,
    subcategory: { id: 31 },
    type: { id: 2 },
    price: 10 + (n % 90),
  }),
};

const categories: Resource = {
  path: 'procurement/categories',
  model: 'Category',
  entity: 'Category',
  resource: 'category',
  module: MODULES.tableSetup,
  verbs: ALL_VERBS,
  reference: { hrefKey: 'category_href', fields: named },
  unique: ['name'],
  defaults: (record) => {
    setIfAbsent(record, 'inactiveFlag', false);
    setIfAbsent(record, 'defaultFlag', false);
  },
};

const subcategoryBase = {
  model: 'SubCategory',
  entity: 'SubCategory',
  resource: 'subCategory',
  module: MODULES.tableSetup,
  verbs: ALL_VERBS,
  refs: { category: 'procurement/categories' },
  reference: { hrefKey: 'subcategory_href', fields: named },
  defaults: (record: CwRecord) => {
    setIfAbsent(record, 'inactiveFlag', false);
    setIfAbsent(record, 'defaultFlag', false);
  },
} satisfies Omit<Resource, 'path'>;

/** Spec: `/procurement/subcategories/` with a trailing slash (we accept it with or without). */
const subcategories: Resource = { ...subcategoryBase, path: 'procurement/subcategories' };
/** Spec: `/procurement/categories/{parentId}/subcategories/`, the same records seen from a category. */
const categorySubcategories: Resource = {
  ...subcategoryBase,
  path: 'procurement/categories/{parentId}/subcategories',
  scope: { collection: 'procurement/subcategories', field: 'category' },
};

const productTypes: Resource = {
  path: 'procurement/types',
  model: 'ProductType',
  entity: 'ProductType',
  resource: 'productType',
  module: MODULES.tableSetup,
  verbs: ALL_VERBS,
  reference: { hrefKey: 'type_href', fields: named },
  unique: ['name'],
  defaults: (record) => {
    setIfAbsent(record, 'inactiveFlag', false);
    setIfAbsent(record, 'defaultFlag', false);
  },
};

// ---------------------------------------------------------------------------------------------
// Service setup

const boards: Resource = {
  path: 'service/boards',
  model: 'Board',
  entity: 'Board',
  resource: 'board',
  module: MODULES.tableSetup,
  verbs: ALL_VERBS,
  refs: { location: LOCATIONS, department: DEPARTMENTS },
  reference: { hrefKey: 'board_href', fields: named },
  childLinks: { statuses_href: 'statuses' },
  unique: ['name'],
  defaults: (record) => {
    setIfAbsent(record, 'inactiveFlag', false);
    setIfAbsent(record, 'projectFlag', false);
  },
};

const boardStatuses: Resource = {
  path: 'service/boards/{parentId}/statuses',
  model: 'BoardStatus',
  entity: 'BoardStatus',
  resource: 'boardStatus',
  module: MODULES.tableSetup,
  verbs: ALL_VERBS,
  refs: { board: 'service/boards' },
  reference: { hrefKey: 'status_href', fields: (record) => ({ name: record.name, sort: record.sortOrder }) },
  derived: ['board'],
  defaults(record, ctx) {
    setIfAbsent(record, 'sortOrder', ctx.rows(`service/boards/${ctx.parentIds[0]}/statuses`).length);
    for (const [flag, value] of [['displayOnBoard', true], ['inactive', false], ['closedStatus', false], ['timeEntryNotAllowed', false], ['defaultFlag', false], ['customerPortalFlag', false]] as const) {
      setIfAbsent(record, flag, value);
    }
    setIfAbsent(record, 'escalationStatus', record.closedStatus ? 'Resolved' : 'NotResponded');
  },
  derive(record, ctx) {
    record.board = { id: ctx.parentIds[0] };
  },
};

const priorities: Resource = {
  path: 'service/priorities',
  model: 'Priority',
  entity: 'Priority',
  resource: 'priority',
  module: MODULES.tableSetup,
  verbs: ALL_VERBS,
  reference: { hrefKey: 'priority_href', fields: (record) => ({ name: record.name, sort: record.sortOrder, level: record.level }) },
  defaults: (record) => setIfAbsent(record, 'defaultFlag', false),
};

// ---------------------------------------------------------------------------------------------
// System

const memberRefs = {
  securityRole: 'system/securityroles',
  defaultLocation: LOCATIONS,
  defaultDepartment: DEPARTMENTS,
  timeZone: TIME_ZONES,
  serviceDefaultBoard: 'service/boards',
} as const;

const members: Resource = {
  path: 'system/members',
  model: 'Member',
  entity: 'Member',
  resource: 'member',
  module: MODULES.members,
  verbs: ['list', 'count', 'create', 'get', 'replace', 'patch'],
  refs: memberRefs,
  reference: {
    hrefKey: 'member_href',
    fields: (record) => ({ identifier: record.identifier, name: personName(record), dailyCapacity: record.dailyCapacity }),
  },
  writeOnly: ['password'],
  unique: ['identifier'],
  defaults: (record) => {
    setIfAbsent(record, 'inactiveFlag', false);
    setIfAbsent(record, 'dailyCapacity', 8);
  },
};

/** UNVERIFIED: API members are kept apart from /system/members here (both seeded from MEMBERS). */
const apiMembers: Resource = {
  path: 'system/apiMembers',
  model: 'ApiMember',
  entity: 'ApiMember',
  resource: 'apiMember',
  module: MODULES.members,
  verbs: ['list', 'count', 'create', 'get', 'replace', 'patch'],
  refs: memberRefs,
  unique: ['identifier'],
  defaults: (record) => setIfAbsent(record, 'inactiveFlag', false),
};

const securityRoles: Resource = {
  path: 'system/securityroles',
  model: 'SecurityRole',
  entity: 'SecurityRole',
  resource: 'securityRole',
  module: MODULES.securityRoles,
  verbs: ['list', 'count', 'create', 'get', 'delete'],
  reference: { hrefKey: 'securityRole_href', fields: named },
  unique: ['name'],
  defaults: (record) => {
    setIfAbsent(record, 'adminFlag', false);
    setIfAbsent(record, 'inactiveFlag', false);
  },
};

const securityRoleSettings: Resource = {
  path: 'system/securityRoles/{parentId}/settings',
  model: 'SecurityRoleSetting',
  entity: 'SecurityRoleSetting',
  resource: 'securityRoleSetting',
  module: MODULES.securityRoles,
  verbs: ['list', 'count', 'get'],
};

const menuEntries: Resource = {
  path: 'system/menuentries',
  model: 'MenuEntry',
  entity: 'MenuEntry',
  resource: 'menuEntry',
  module: MODULES.menuEntries,
  verbs: ALL_VERBS,
  refs: { menuLocation: MENU_LOCATIONS },
  reference: { hrefKey: 'menuEntry_href', fields: (record) => ({ name: record.caption }) },
  writeOnly: ['addAllLocations', 'removeAllLocations'],
  defaults(record, ctx) {
    // Spec: clientId is "only required if not already set"; the caller's clientId header fills it.
    setIfAbsent(record, 'clientId', ctx.clientId);
    setIfAbsent(record, 'locationIds', []);
  },
};

const menuEntryLocations: Resource = {
  path: 'system/menuEntries/{parentId}/locations',
  model: 'MenuEntryLocation',
  entity: 'MenuEntryLocation',
  resource: 'menuEntryLocation',
  module: MODULES.menuEntries,
  verbs: ['list', 'count', 'create', 'get', 'delete'],
  refs: { location: LOCATIONS, menuEntry: 'system/menuentries' },
  derived: ['menuEntry'],
  derive(record, ctx) {
    record.menuEntry = { id: ctx.parentIds[0] };
  },
};

export const RESOURCES: readonly Resource[] = [
  companies, contacts, configurations, configurationTypes,
  agreements, additions,
  catalog, categories, subcategories, categorySubcategories, productTypes,
  boards, boardStatuses, priorities, tickets, ticketNotes, ticketConfigurations,
  members, apiMembers, securityRoles, securityRoleSettings, menuEntries, menuEntryLocations,
];

// ---------------------------------------------------------------------------------------------
// Path matching

export interface ResolvedPath {
  resource: Resource;
  parentIds: number[];
  /** Canonical collection key: lower case, ids filled in, e.g. `finance/agreements/19064/additions`. */
  collection: string;
  /** What follows the collection: nothing, `count`, or an id. */
  tail: { kind: 'collection' } | { kind: 'count' } | { kind: 'item'; id: number };
}

const INT = /^\d{1,10}$/;
const toId = (segment: string) => (INT.test(segment) && Number(segment) <= 2_147_483_647 ? Number(segment) : undefined);

export const collectionKey = (path: string) => path.replace(/^\/+|\/+$/g, '').toLowerCase();

/** The collection a record of `resource` under these parents lives in (scoped paths share one). */
export function storageCollection(resolved: Pick<ResolvedPath, 'resource' | 'collection'>): string {
  return resolved.resource.scope ? collectionKey(resolved.resource.scope.collection) : resolved.collection;
}

/** Match an API path (relative to /apis/3.0) case-insensitively, ignoring a trailing slash. */
export function resolvePath(path: string): ResolvedPath | undefined {
  const segments = collectionKey(path).split('/').filter(Boolean);
  for (const resource of RESOURCES) {
    const template = resource.path.toLowerCase().split('/');
    if (segments.length < template.length || segments.length > template.length + 1) continue;
    const parentIds: number[] = [];
    const matched = template.every((part, i) => {
      const segment = segments[i] as string;
      if (!part.startsWith('{')) return part === segment;
      const id = toId(segment);
      if (id !== undefined) parentIds.push(id);
      return id !== undefined;
    });
    if (!matched) continue;
    const collection = segments.slice(0, template.length).join('/');
    const rest = segments[template.length];
    if (rest === undefined) return { resource, parentIds, collection, tail: { kind: 'collection' } };
    if (rest === 'count') return { resource, parentIds, collection, tail: { kind: 'count' } };
    const id = toId(rest);
    if (id !== undefined) return { resource, parentIds, collection, tail: { kind: 'item', id } };
  }
  return undefined;
}

/** The parent record a sub-collection hangs off (`finance/agreements` 19064 for its additions). */
export function parentOf(resolved: ResolvedPath): { resolved: ResolvedPath; id: number } | undefined {
  const segments = resolved.collection.split('/');
  if (resolved.parentIds.length === 0) return undefined;
  const parentPath = segments.slice(0, -1).join('/');
  const parent = resolvePath(parentPath);
  return parent && parent.tail.kind === 'item' ? { resolved: parent, id: parent.tail.id } : undefined;
}
