/**
 * The one seeded world both simulators are built from, so that ConnectWise and the vendor agree
 * about who is who. Everything is deterministic; times are offsets from the simulated clock's
 * "now" (see clock.ts), so a staleness rule ("last success older than 48 h") holds on any day.
 *
 * Conventions the Backup Bridge integration writes into ConnectWise (documented in README):
 * - a catalog item per vendor plan, identifier `{region}.{planId}` (Dropsuite guide);
 * - an agreement addition per linked tenant, product = that item, quantity = seats billed,
 *   serialNumber = `{region}.{organizationId}` (which tenant this addition bills);
 * - a configuration type `{vendor}_mailbox_actions`; one configuration per mailbox action named
 *   `{region}.{action}.{actionId}` (Dropsuite guide), plus one `{region}.tenant.{organizationId}`
 *   per linked tenant: the link record every technician's browser sees. Its serialNumber is
 *   `{region}.{organizationId}` and its tagNumber the id of the agreement that bills the tenant
 *   (a configuration has no agreement field), so one read finds both the tenant and its agreement;
 * - backup tickets carry the action configuration and externalXRef = `{region}.{action}.{actionId}`
 *   (the de-duplication key).
 */

export const REGION = 'uswest';
export const VENDOR_SLUG = 'dropsuite';
export const MAILBOX_ACTIONS_TYPE = `${VENDOR_SLUG}_mailbox_actions`;

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** ConnectWise login companies served by the simulator (companyinfo answers for these only). */
export const LOGIN_COMPANIES = [
  {
    companyId: 'northwind',
    companyName: 'Northwind IT Services',
    codebase: 'v2025_1/',
    versionCode: 'v2025.1',
    versionNumber: 'v4.6.99912',
    isCloud: true,
  },
  {
    // An on-prem install: v4_6_release codebase, no api- host.
    companyId: 'lakeside',
    companyName: 'Lakeside Networks',
    codebase: 'v4_6_release/',
    versionCode: 'v2024.1',
    versionNumber: 'v4.6.92001',
    isCloud: false,
  },
] as const;

export const CLIENT_ID = '3f1e1c9e-0a57-4d6b-9a87-0b7f4f6e2c11';

/**
 * API keys. Each belongs to an API member whose security role decides what it may do.
 * Module/level names follow the Dropsuite guide's role table.
 */
export const API_KEYS = [
  { publicKey: 'BBdemoPublic0001', privateKey: 'BBdemoPrivate0001', member: 'bbridgeapi', state: 'active' },
  { publicKey: 'BBlimitPublic001', privateKey: 'BBlimitPrivate001', member: 'limitedapi', state: 'active' },
  { publicKey: 'BBrevokPublic001', privateKey: 'BBrevokPrivate001', member: 'bbridgeapi', state: 'revoked' },
] as const;

export type PermissionLevel = 'All' | 'Mine' | 'None';
export interface ModulePermission {
  module: string; // e.g. "Service Desk > Close Service Tickets"
  add: PermissionLevel;
  edit: PermissionLevel;
  delete: PermissionLevel;
  inquire: PermissionLevel;
}

const all = (module: string, del: PermissionLevel = 'None'): ModulePermission => ({
  module, add: 'All', edit: 'All', delete: del, inquire: 'All',
});

/** What the integration needs (Dropsuite guide, "Create Custom Security Role"). */
export const REQUIRED_MODULES: ModulePermission[] = [
  { module: 'Companies > Company Maintenance', add: 'All', edit: 'None', delete: 'None', inquire: 'All' },
  all('Companies > Configurations'),
  all('Finance > Agreements', 'All'),
  all('Procurement > Product Catalog'),
  all('Service Desk > Service Tickets'),
  all('Service Desk > Close Service Tickets'),
  all('System > Table Setup'),
  all('System > Custom Menu Entry', 'All'),
  { module: 'System > Member Maintenance', add: 'None', edit: 'None', delete: 'None', inquire: 'All' },
];

export const SECURITY_ROLES = [
  { id: 1, name: 'Admin', permissions: 'everything' as const },
  { id: 7, name: 'Backup Bridge Integration', permissions: REQUIRED_MODULES },
  {
    // Misses agreement edits and ticket closing: the "missing permission" scenario.
    id: 8,
    name: 'Limited Integration',
    permissions: REQUIRED_MODULES.map((p) =>
      p.module === 'Finance > Agreements'
        ? { ...p, edit: 'None' as const, delete: 'None' as const }
        : p.module === 'Service Desk > Close Service Tickets'
          ? { ...p, add: 'None' as const, edit: 'None' as const, inquire: 'None' as const }
          : p,
    ),
  },
];

export const MEMBERS = [
  { id: 101, identifier: 'jsmith', firstName: 'John', lastName: 'Smith', email: 'jsmith@northwind-it.com', roleId: 1, api: false },
  { id: 102, identifier: 'akumar', firstName: 'Asha', lastName: 'Kumar', email: 'akumar@northwind-it.com', roleId: 1, api: false },
  { id: 103, identifier: 'mlopez', firstName: 'Maria', lastName: 'Lopez', email: 'mlopez@northwind-it.com', roleId: 1, api: false },
  { id: 150, identifier: 'bbridgeapi', firstName: 'Backup', lastName: 'Bridge API', email: 'noc@northwind-it.com', roleId: 7, api: true },
  { id: 151, identifier: 'limitedapi', firstName: 'Limited', lastName: 'API', email: 'noc@northwind-it.com', roleId: 8, api: true },
];

export const BOARDS = [
  { id: 1, name: 'Help Desk', statuses: [
    { id: 11, name: 'New', closed: false, default: true },
    { id: 12, name: 'In Progress', closed: false },
    { id: 13, name: 'Waiting on Customer', closed: false },
    { id: 14, name: 'Closed', closed: true },
    { id: 15, name: 'Cancelled', closed: true },
  ] },
  { id: 2, name: 'Professional Services', statuses: [
    { id: 21, name: 'New', closed: false, default: true },
    { id: 22, name: 'Scheduled', closed: false },
    { id: 24, name: 'Completed', closed: true },
  ] },
  { id: 3, name: 'Backup Alerts', statuses: [
    { id: 31, name: 'New', closed: false, default: true },
    { id: 32, name: 'In Progress', closed: false },
    { id: 34, name: 'Closed', closed: true },
    { id: 35, name: 'Cancelled', closed: true },
  ] },
];

/** The stock ConnectWise priorities. */
export const PRIORITIES = [
  { id: 1, name: 'Priority 1 - Emergency Response', color: 'Red', sort: 1, level: 'Level 1' },
  { id: 2, name: 'Priority 2 - Quick Response', color: 'Orange', sort: 2, level: 'Level 2' },
  { id: 3, name: 'Priority 3 - Normal Response', color: 'Yellow', sort: 3, level: 'Level 3', default: true },
  { id: 4, name: 'Priority 4 - Schedule Maintenance', color: 'Green', sort: 4, level: 'Level 4' },
  { id: 7, name: 'Do Not Respond', color: 'Gray', sort: 7, level: 'NotApplicable' },
];

export const PRODUCT_CATEGORIES = [
  { id: 1, name: 'Software', subcategories: [{ id: 11, name: 'Software' }, { id: 12, name: 'Cloud Backup' }] },
  { id: 2, name: 'Hardware', subcategories: [{ id: 21, name: 'Workstations' }] },
  { id: 3, name: 'Services', subcategories: [{ id: 31, name: 'Managed Services' }] },
];
export const PRODUCT_TYPES = [
  { id: 1, name: 'Software' },
  { id: 2, name: 'Service' },
  { id: 3, name: 'Hardware' },
];

export interface PlanSeed {
  id: number;
  name: string; // Dropsuite limits plan names to 16 characters
  productType: 'backup' | 'archiver' | 'personal';
  amount: number;
  currency: 'USD';
  periodicity: 'monthly' | 'yearly';
  storageGb: number | null;
}
export const PLANS: PlanSeed[] = [
  { id: 4, name: 'Business Backup', productType: 'backup', amount: 2.5, currency: 'USD', periodicity: 'monthly', storageGb: null },
  { id: 5, name: 'Business Archive', productType: 'archiver', amount: 4, currency: 'USD', periodicity: 'monthly', storageGb: null },
  { id: 6, name: 'Basic Backup 10G', productType: 'personal', amount: 1, currency: 'USD', periodicity: 'monthly', storageGb: 10 },
];

/** Catalog items for the plans (what the integration created), plus ordinary MSP products. */
export const CATALOG = [
  ...PLANS.map((p, i) => ({ id: 301 + i, identifier: `${REGION}.${p.id}`, description: p.name, price: p.amount, cost: p.amount * 0.6, categoryId: 1, subcategoryId: 12, typeId: 1 })),
  { id: 310, identifier: 'M365-BP', description: 'Microsoft 365 Business Premium', price: 22, cost: 19.8, categoryId: 1, subcategoryId: 11, typeId: 1 },
  { id: 311, identifier: 'MSP-WKS', description: 'Managed Workstation', price: 45, cost: 12, categoryId: 3, subcategoryId: 31, typeId: 2 },
  { id: 312, identifier: 'MSP-SRV', description: 'Managed Server', price: 150, cost: 40, categoryId: 3, subcategoryId: 31, typeId: 2 },
];

export type RawBackupStatus =
  | 'Completed' | 'Running' | 'Preparing Backup' | 'Retrying' | 'Connection Error'
  | 'Authentication Error' | 'Space Full' | 'Failed' | 'Inactive';

/**
 * How a failing mailbox responds to the vendor's write actions. The vendor simulator uses it to
 * decide what a retry or re-authorisation does.
 * - `reauthorize`: a re-authorisation clears the error, the next backup completes.
 * - `retry`: a retry completes.
 * - `never`: every retry fails again (attempts go up).
 */
export type FixBehaviour = 'reauthorize' | 'retry' | 'never';

export interface MailboxSeed {
  id: number; // the vendor's backup account id == the backup action id in `{region}.backup.{id}`
  email: string;
  displayName: string;
  status: RawBackupStatus;
  errors?: Record<string, string>;
  lastSuccessAgoMs: number | null;
  attempts?: number; // retry attempts so far (25 is the vendor maximum)
  fix?: FixBehaviour;
  storageBytes: number;
  itemCount: number;
  ticketId?: number; // the open ConnectWise ticket the integration raised for it
}

export interface OrgSeed {
  organizationId: number;
  id: string; // Dropsuite's string id ("1788161-14" style)
  name: string;
  adminEmail: string;
  domain: string;
  tenantType: 'm365' | 'gws';
  planId: number;
  state: 'active' | 'suspended' | 'unsubscribed' | 'deleted';
  stateChangedAgoMs?: number; // when it was suspended / unsubscribed
  seatsPurchased: number;
  autoLicense: boolean;
  /** The linked ConnectWise company (null = not linked anywhere). */
  cwCompanyId: number | null;
  /** How the link shows in ConnectWise: a tenant configuration, an addition, or both. */
  linkedVia: Array<'configuration' | 'addition'>;
  /** Quantity on the ConnectWise agreement addition (null = no addition on the agreement). */
  additionQuantity: number | null;
  /** Mailboxes listed explicitly; `generatedHealthy` more are generated (healthy, Completed). */
  mailboxes: MailboxSeed[];
  generatedHealthy: number;
}

const mb = (
  id: number, email: string, displayName: string, extra: Partial<MailboxSeed> = {},
): MailboxSeed => ({
  id, email, displayName, status: 'Completed', lastSuccessAgoMs: 3 * HOUR,
  storageBytes: 2_400_000_000 + id * 7919, itemCount: 18_000 + id * 13, ...extra,
});

export const ORGS: OrgSeed[] = [
  {
    // Healthy tenant; seats bought = used = billed.
    organizationId: 5979, id: '1788161-14', name: 'Blue Light, Co.', adminEmail: 'gordon.packard@bluelight.com',
    domain: 'bluelight.com', tenantType: 'm365', planId: 4, state: 'active', seatsPurchased: 12, autoLicense: false,
    cwCompanyId: 250, linkedVia: ['configuration', 'addition'], additionQuantity: 12,
    mailboxes: [mb(9001, 'gordon.packard@bluelight.com', 'Gordon Packard'), mb(9002, 'info@bluelight.com', 'Info')],
    generatedHealthy: 10,
  },
  {
    // Drifted seats: auto-licensing added mailboxes; the agreement still bills 18.
    organizationId: 19771, id: '1790022-3', name: 'Contoso Dental Group', adminEmail: 'it@contosodental.com',
    domain: 'contosodental.com', tenantType: 'm365', planId: 4, state: 'active', seatsPurchased: 25, autoLicense: true,
    cwCompanyId: 251, linkedVia: ['addition'], additionQuantity: 18,
    mailboxes: [
      mb(9101, 'frontdesk@contosodental.com', 'Front Desk', {
        status: 'Connection Error', errors: { graph: 'Microsoft Graph throttled the request (429)' },
        lastSuccessAgoMs: 5 * HOUR, attempts: 2, fix: 'retry',
      }),
    ],
    generatedHealthy: 22,
  },
  {
    // Authentication error, fixed by re-authorising.
    organizationId: 20114, id: '1790311-1', name: 'Fabrikam Legal LLP', adminEmail: 'admin@fabrikamlegal.com',
    domain: 'fabrikamlegal.com', tenantType: 'm365', planId: 5, state: 'active', seatsPurchased: 8, autoLicense: false,
    cwCompanyId: 252, linkedVia: ['configuration', 'addition'], additionQuantity: 8,
    mailboxes: [
      mb(9201, 'jane.doe@fabrikamlegal.com', 'Jane Doe', {
        status: 'Authentication Error',
        errors: { auth: 'AADSTS700082: The refresh token has expired due to inactivity.' },
        lastSuccessAgoMs: 2 * DAY + 4 * HOUR, attempts: 3, fix: 'reauthorize', ticketId: 123456,
      }),
    ],
    generatedHealthy: 7,
  },
  {
    // A retry that fails: the error is not something the vendor can repair.
    organizationId: 20230, id: '1790480-7', name: 'Tailspin Toys', adminEmail: 'ops@tailspintoys.com',
    domain: 'tailspintoys.com', tenantType: 'm365', planId: 4, state: 'active', seatsPurchased: 6, autoLicense: false,
    cwCompanyId: 253, linkedVia: ['configuration', 'addition'], additionQuantity: 6,
    mailboxes: [
      mb(9301, 'ops@tailspintoys.com', 'Operations', {
        status: 'Retrying', errors: { host: 'timeout' }, lastSuccessAgoMs: 3 * DAY + 2 * HOUR,
        attempts: 7, fix: 'never', ticketId: 123457,
      }),
    ],
    generatedHealthy: 5,
  },
  {
    // Retries exhausted (25 of 25): the ticket should be cancelled.
    organizationId: 20388, id: '1790555-2', name: 'Adatum Accounting', adminEmail: 'office@adatum.com',
    domain: 'adatum.com', tenantType: 'm365', planId: 4, state: 'active', seatsPurchased: 10, autoLicense: false,
    cwCompanyId: 254, linkedVia: ['configuration', 'addition'], additionQuantity: 10,
    mailboxes: [
      mb(9401, 'archive@adatum.com', 'Archive', {
        status: 'Failed', errors: { mailbox: 'Mailbox not found at source' }, lastSuccessAgoMs: 13 * DAY,
        attempts: 25, fix: 'never', ticketId: 123458,
      }),
    ],
    generatedHealthy: 9,
  },
  {
    // Exists at the vendor but is linked to nothing: the suggestion for company 255.
    organizationId: 20412, id: '1790601-9', name: 'Woodgrove Bakery Ltd', adminEmail: 'owner@woodgrovebakery.com',
    domain: 'woodgrovebakery.com', tenantType: 'm365', planId: 4, state: 'active', seatsPurchased: 4, autoLicense: false,
    cwCompanyId: null, linkedVia: [], additionQuantity: null,
    mailboxes: [], generatedHealthy: 4,
  },
  {
    // Unsubscribed 10 days ago: 35 days left to reactivate; the addition is cancelled.
    organizationId: 20501, id: '1790700-4', name: 'Litware Architects', adminEmail: 'it@litwarearch.com',
    domain: 'litwarearch.com', tenantType: 'm365', planId: 4, state: 'unsubscribed', stateChangedAgoMs: 10 * DAY,
    seatsPurchased: 5, autoLicense: false, cwCompanyId: 256, linkedVia: ['configuration', 'addition'], additionQuantity: 5,
    mailboxes: [], generatedHealthy: 5,
  },
  {
    // Suspended: login disabled, backups and billing continue.
    organizationId: 20555, id: '1790733-6', name: 'Proseware Clinic', adminEmail: 'admin@prosewareclinic.com',
    domain: 'prosewareclinic.com', tenantType: 'm365', planId: 4, state: 'suspended', stateChangedAgoMs: 3 * DAY,
    seatsPurchased: 7, autoLicense: false, cwCompanyId: 257, linkedVia: ['configuration', 'addition'], additionQuantity: 7,
    mailboxes: [], generatedHealthy: 7,
  },
  {
    // A name that breaks naive `conditions` strings (quote, ampersand).
    organizationId: 20602, id: '1790790-1', name: "O'Brien & Sons Plumbing", adminEmail: 'pat@obrienplumbing.com',
    domain: 'obrienplumbing.com', tenantType: 'm365', planId: 4, state: 'active', seatsPurchased: 3, autoLicense: false,
    cwCompanyId: 258, linkedVia: ['configuration', 'addition'], additionQuantity: 3,
    mailboxes: [], generatedHealthy: 3,
  },
  {
    // Unicode name, Google Workspace, linked but its agreement has no vendor addition yet.
    organizationId: 20610, id: '1790801-5', name: 'Café Zürich GmbH', adminEmail: 'it@cafe-zuerich.ch',
    domain: 'cafe-zuerich.ch', tenantType: 'gws', planId: 4, state: 'active', seatsPurchased: 4, autoLicense: false,
    cwCompanyId: 259, linkedVia: ['configuration'], additionQuantity: null,
    mailboxes: [], generatedHealthy: 4,
  },
  {
    // Large tenant for benchmarks: 1,000 mailboxes.
    organizationId: 20777, id: '1790900-2', name: 'Trey Research', adminEmail: 'it@treyresearch.net',
    domain: 'treyresearch.net', tenantType: 'm365', planId: 4, state: 'active', seatsPurchased: 1000, autoLicense: true,
    cwCompanyId: 260, linkedVia: ['configuration', 'addition'], additionQuantity: 1000,
    mailboxes: [], generatedHealthy: 1000,
  },
];

export interface CompanySeed {
  id: number;
  identifier: string; // max 25
  name: string;
  domain: string;
  city: string;
  state: string;
  contact: { id: number; firstName: string; lastName: string; email: string };
  /** The company's agreements; the first "Email Backup" one is where vendor additions live. */
  agreements: Array<{ id: number; name: string; type: string; backup: boolean }>;
}

/** Customer companies. 250–260 are the scenarios above; 261+ are ordinary clients. */
export const COMPANIES: CompanySeed[] = [
  { id: 250, identifier: 'BlueLight', name: 'Blue Light, Co.', domain: 'bluelight.com', city: 'Tampa', state: 'FL',
    contact: { id: 2001, firstName: 'Gordon', lastName: 'Packard', email: 'gordon.packard@bluelight.com' },
    agreements: [{ id: 19064, name: 'Dropsuite Email Backup', type: 'Block Time - Recurring', backup: true },
      { id: 19065, name: 'Managed Services', type: 'Managed Services - Recurring', backup: false }] },
  { id: 251, identifier: 'ContosoDental', name: 'Contoso Dental Group', domain: 'contosodental.com', city: 'Orlando', state: 'FL',
    contact: { id: 2002, firstName: 'Priya', lastName: 'Shah', email: 'it@contosodental.com' },
    agreements: [{ id: 19070, name: 'Email Backup', type: 'Managed Services - Recurring', backup: true }] },
  { id: 252, identifier: 'FabrikamLegal', name: 'Fabrikam Legal LLP', domain: 'fabrikamlegal.com', city: 'Atlanta', state: 'GA',
    contact: { id: 2003, firstName: 'Jane', lastName: 'Doe', email: 'jane.doe@fabrikamlegal.com' },
    agreements: [{ id: 19075, name: 'Dropsuite Email Backup', type: 'Block Time - Recurring', backup: true }] },
  { id: 253, identifier: 'TailspinToys', name: 'Tailspin Toys', domain: 'tailspintoys.com', city: 'Austin', state: 'TX',
    contact: { id: 2004, firstName: 'Omar', lastName: 'Haddad', email: 'ops@tailspintoys.com' },
    agreements: [{ id: 19080, name: 'Dropsuite Email Backup', type: 'Block Time - Recurring', backup: true }] },
  { id: 254, identifier: 'Adatum', name: 'Adatum Accounting', domain: 'adatum.com', city: 'Denver', state: 'CO',
    contact: { id: 2005, firstName: 'Lena', lastName: 'Fischer', email: 'office@adatum.com' },
    agreements: [{ id: 19085, name: 'Dropsuite Email Backup', type: 'Block Time - Recurring', backup: true }] },
  { id: 255, identifier: 'WoodgroveBakery', name: 'Woodgrove Bakery', domain: 'woodgrovebakery.com', city: 'Portland', state: 'OR',
    contact: { id: 2006, firstName: 'Sam', lastName: 'Baker', email: 'owner@woodgrovebakery.com' },
    agreements: [{ id: 19090, name: 'Managed Services', type: 'Managed Services - Recurring', backup: false }] },
  { id: 256, identifier: 'LitwareArch', name: 'Litware Architects', domain: 'litwarearch.com', city: 'Seattle', state: 'WA',
    contact: { id: 2007, firstName: 'Ken', lastName: 'Mori', email: 'it@litwarearch.com' },
    agreements: [{ id: 19095, name: 'Dropsuite Email Backup', type: 'Block Time - Recurring', backup: true }] },
  { id: 257, identifier: 'ProsewareClinic', name: 'Proseware Clinic', domain: 'prosewareclinic.com', city: 'Phoenix', state: 'AZ',
    contact: { id: 2008, firstName: 'Rosa', lastName: 'Diaz', email: 'admin@prosewareclinic.com' },
    agreements: [{ id: 19100, name: 'Dropsuite Email Backup', type: 'Block Time - Recurring', backup: true }] },
  { id: 258, identifier: 'OBrienPlumbing', name: "O'Brien & Sons Plumbing", domain: 'obrienplumbing.com', city: 'Boston', state: 'MA',
    contact: { id: 2009, firstName: 'Pat', lastName: "O'Brien", email: 'pat@obrienplumbing.com' },
    agreements: [{ id: 19105, name: 'Dropsuite Email Backup', type: 'Block Time - Recurring', backup: true }] },
  { id: 259, identifier: 'CafeZurich', name: 'Café Zürich GmbH', domain: 'cafe-zuerich.ch', city: 'Zürich', state: 'ZH',
    contact: { id: 2010, firstName: 'Jürg', lastName: 'Müller', email: 'it@cafe-zuerich.ch' },
    agreements: [{ id: 19110, name: 'Managed Services', type: 'Managed Services - Recurring', backup: true }] },
  { id: 260, identifier: 'TreyResearch', name: 'Trey Research', domain: 'treyresearch.net', city: 'San Diego', state: 'CA',
    contact: { id: 2011, firstName: 'Ada', lastName: 'Quinn', email: 'it@treyresearch.net' },
    agreements: [{ id: 19115, name: 'Dropsuite Email Backup', type: 'Block Time - Recurring', backup: true }] },
];

/** Ordinary clients without backup (deterministic names), so lists look like a real MSP's. */
const FILLER_NAMES = [
  'Alpine Ski House', 'Bellows College', 'Coho Winery', 'Consolidated Messenger', 'Fourth Coffee',
  'Graphic Design Institute', 'Humongous Insurance', 'Lamna Healthcare', 'Lucerne Publishing',
  'Margie\'s Travel', 'Nod Publishers', 'Relecloud', 'School of Fine Art', 'Southridge Video',
  'Tailwind Traders', 'VanArsdel Ltd', 'Wide World Importers', 'Wingtip Toys', 'World Wide Importers',
  'Datum Corporation', 'Blue Yonder Airlines', 'City Power & Light', 'Contoso Pharmaceuticals',
  'First Up Consultants', 'Adventure Works Cycles', 'Northwind Traders', 'Proseware, Inc.',
  'Trey Research Labs', 'Litware, Inc.', 'Woodgrove Bank',
];
export const FILLER_COMPANIES: CompanySeed[] = FILLER_NAMES.map((name, i) => {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return {
    id: 261 + i,
    identifier: name.replace(/[^A-Za-z0-9]/g, '').slice(0, 25),
    name,
    domain: `${slug}.com`,
    city: 'Springfield',
    state: 'IL',
    contact: { id: 2100 + i, firstName: 'Alex', lastName: `Contact${i + 1}`, email: `it@${slug}.com` },
    agreements: [{ id: 19200 + i, name: 'Managed Services', type: 'Managed Services - Recurring', backup: false }],
  };
});

/** Ordinary, non-backup tickets on the help desk (the backup ones come from MailboxSeed.ticketId). */
export const PLAIN_TICKETS = [
  { id: 123459, companyId: 250, summary: 'Printer offline', boardId: 1, statusId: 12, priorityId: 3, ageMs: 2 * DAY },
  { id: 123460, companyId: 251, summary: 'New starter laptop for reception', boardId: 1, statusId: 11, priorityId: 3, ageMs: 5 * HOUR },
  { id: 123461, companyId: 252, summary: 'VPN drops every afternoon', boardId: 1, statusId: 13, priorityId: 2, ageMs: 4 * DAY },
  { id: 123462, companyId: 258, summary: 'Quote for new firewall', boardId: 2, statusId: 21, priorityId: 4, ageMs: 7 * DAY },
];

/** Generated healthy mailbox ids start here, per org: base + organizationId * 10_000 + n. */
export const GENERATED_MAILBOX_BASE = 1_000_000_000;
export const generatedMailboxId = (org: OrgSeed, n: number) => GENERATED_MAILBOX_BASE + org.organizationId * 10_000 + n;

/** Vendor credentials (Dropsuite two-header model). */
export const VENDOR_CREDENTIALS = {
  resellerToken: '6f2d7c1a-4b8e-4f0a-9c3d-2e1b5a7f9d10',
  adminToken: 'adm_4QpZ8sW1vN7xK2', // the reseller-level "Authentication token"
  orgTokenPrefix: 'org_', // per-organisation tokens are `org_<organizationId>_<hash>`
  resellerId: 84213,
  resellerName: 'Northwind IT Services',
};
