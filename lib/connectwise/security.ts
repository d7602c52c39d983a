/**
 * Which Manage security module guards which REST resource, in one table. The 403 messages
 * (errors.ts) and the permission check (permissions.ts) both read it, so a technician sees the same
 * words as in System › Security Roles, and as in the Dropsuite guide's role table.
 *
 * UNVERIFIED: ConnectWise publishes no resource → module map. This one follows the Manage UI
 * (the screen each record lives on) and agrees with the simulator's README.
 */

export type Level = 'add' | 'edit' | 'delete' | 'inquire';

export interface SecurityModule {
  /** The section in System › Security Roles, e.g. "Finance". */
  area: string;
  /** The row in that section, e.g. "Agreements". */
  name: string;
}

export const MODULES = {
  companyMaintenance: { area: 'Companies', name: 'Company Maintenance' },
  contacts: { area: 'Companies', name: 'Contacts' },
  configurations: { area: 'Companies', name: 'Configurations' },
  agreements: { area: 'Finance', name: 'Agreements' },
  productCatalog: { area: 'Procurement', name: 'Product Catalog' },
  serviceTickets: { area: 'Service Desk', name: 'Service Tickets' },
  closeServiceTickets: { area: 'Service Desk', name: 'Close Service Tickets' },
  tableSetup: { area: 'System', name: 'Table Setup' },
  customMenuEntry: { area: 'System', name: 'Custom Menu Entry' },
  memberMaintenance: { area: 'System', name: 'Member Maintenance' },
  securityRoles: { area: 'System', name: 'Security Roles' },
} as const satisfies Record<string, SecurityModule>;

export const LEVEL_LABEL: Record<Level, string> = { add: 'Add', edit: 'Edit', delete: 'Delete', inquire: 'Inquire' };
const LEVEL_ORDER: readonly Level[] = ['add', 'edit', 'delete', 'inquire'];

/** "Finance › Agreements", as the Security Roles screen groups it. */
export const moduleLabel = (module: SecurityModule) => `${module.area} › ${module.name}`;

/** "Finance › Agreements: Edit/Delete" (levels in the screen's column order). */
export function permissionLabel(module: SecurityModule, levels: readonly Level[]): string {
  const ordered = LEVEL_ORDER.filter((level) => levels.includes(level));
  return `${moduleLabel(module)}: ${ordered.map((level) => LEVEL_LABEL[level]).join('/')}`;
}

/** The level a request needs: GET inquire, POST add, PUT/PATCH edit, DELETE delete. */
export function levelFor(method: string): Level {
  switch (method.toUpperCase()) {
    case 'POST':
      return 'add';
    case 'PUT':
    case 'PATCH':
      return 'edit';
    case 'DELETE':
      return 'delete';
    default:
      return 'inquire';
  }
}

interface ResourceEntry {
  /** Path template below /apis/3.0, `{id}` for a parent id. */
  template: string;
  /** What one record is called in messages: "ticket 123 was not found". */
  label: string;
  /** null: any authenticated member may call it. */
  module: SecurityModule | null;
}

/** Longer templates first where one is a prefix of another (configurations/types before configurations). */
const RESOURCES: readonly ResourceEntry[] = [
  { template: 'company/companies', label: 'company', module: MODULES.companyMaintenance },
  { template: 'company/contacts', label: 'contact', module: MODULES.contacts },
  { template: 'company/configurations/types', label: 'configuration type', module: MODULES.tableSetup },
  { template: 'company/configurations', label: 'configuration', module: MODULES.configurations },
  { template: 'finance/agreements/{id}/additions', label: 'agreement addition', module: MODULES.agreements },
  { template: 'finance/agreements', label: 'agreement', module: MODULES.agreements },
  { template: 'procurement/catalog', label: 'catalog item', module: MODULES.productCatalog },
  { template: 'procurement/categories/{id}/subcategories', label: 'product subcategory', module: MODULES.tableSetup },
  { template: 'procurement/categories', label: 'product category', module: MODULES.tableSetup },
  { template: 'procurement/subcategories', label: 'product subcategory', module: MODULES.tableSetup },
  { template: 'procurement/types', label: 'product type', module: MODULES.tableSetup },
  { template: 'service/boards/{id}/statuses', label: 'board status', module: MODULES.tableSetup },
  { template: 'service/boards', label: 'service board', module: MODULES.tableSetup },
  { template: 'service/priorities', label: 'priority', module: MODULES.tableSetup },
  { template: 'service/tickets/{id}/notes', label: 'ticket note', module: MODULES.serviceTickets },
  { template: 'service/tickets/{id}/configurations', label: 'ticket configuration', module: MODULES.serviceTickets },
  { template: 'service/tickets', label: 'ticket', module: MODULES.serviceTickets },
  { template: 'system/members', label: 'member', module: MODULES.memberMaintenance },
  { template: 'system/apiMembers', label: 'API member', module: MODULES.memberMaintenance },
  { template: 'system/securityRoles/{id}/settings', label: 'security role setting', module: MODULES.securityRoles },
  { template: 'system/securityroles', label: 'security role', module: MODULES.securityRoles },
  { template: 'system/menuEntries/{id}/locations', label: 'menu entry location', module: MODULES.customMenuEntry },
  { template: 'system/menuentries', label: 'custom menu entry', module: MODULES.customMenuEntry },
  { template: 'system/info', label: 'system information', module: null },
];

export interface ResolvedResource {
  label: string;
  module: SecurityModule | null;
  /** The record id when the path names one record (`service/tickets/5`), else null. */
  id: number | null;
}

const COMPILED = RESOURCES.map((entry) => ({
  entry,
  // Paths match case-insensitively (`system/menuEntries` vs `menuentries`), with an optional
  // `/count` or `/{id}` tail and an optional trailing slash (`procurement/subcategories/`).
  pattern: new RegExp(`^${entry.template.replace(/\{id\}/g, '\\d+')}(?:/(count|\\d+))?/?$`, 'i'),
}));

/** What a request path (below /apis/3.0, query string allowed) is about; null for paths not in the table. */
export function resolveResource(path: string): ResolvedResource | null {
  const bare = path.split('?')[0]?.replace(/^\/+/, '') ?? '';
  for (const { entry, pattern } of COMPILED) {
    const match = pattern.exec(bare);
    if (match) {
      const tail = match[1];
      return { label: entry.label, module: entry.module, id: tail && tail !== 'count' ? Number(tail) : null };
    }
  }
  return null;
}

/** One row of the role the integration needs (the Dropsuite guide's "Create Custom Security Role"). */
export interface RequiredPermission {
  module: SecurityModule;
  levels: readonly Level[];
}

/**
 * The levels the integration needs, as in world.REQUIRED_MODULES. Member Maintenance: Inquire is
 * ours (reading members and API members for the connection test), not the guide's.
 */
export const REQUIRED_PERMISSIONS: readonly RequiredPermission[] = [
  { module: MODULES.companyMaintenance, levels: ['add', 'inquire'] },
  { module: MODULES.configurations, levels: ['add', 'edit', 'inquire'] },
  { module: MODULES.agreements, levels: ['add', 'edit', 'delete', 'inquire'] },
  { module: MODULES.productCatalog, levels: ['add', 'edit', 'inquire'] },
  { module: MODULES.serviceTickets, levels: ['add', 'edit', 'inquire'] },
  { module: MODULES.closeServiceTickets, levels: ['add', 'edit', 'inquire'] },
  { module: MODULES.tableSetup, levels: ['add', 'edit', 'inquire'] },
  { module: MODULES.customMenuEntry, levels: ['add', 'edit', 'delete', 'inquire'] },
  { module: MODULES.memberMaintenance, levels: ['inquire'] },
];

/** A known module whose name appears in free text (a 403 message), the most specific first. */
export function moduleNamedIn(text: string): SecurityModule | null {
  const lower = text.toLowerCase();
  const candidates = Object.values(MODULES).filter((module) => lower.includes(module.name.toLowerCase()));
  return candidates.sort((a, b) => b.name.length - a.name.length)[0] ?? null;
}
