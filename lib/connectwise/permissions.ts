import { AppError } from '../errors';
import { createManageClient, type ManageClient, type ManageClientOptions } from './client';
import { discoverSite, type DiscoveryOptions, type ManageSite } from './discovery';
import { findApiMemberByIdentifier, findMemberByIdentifier, getSecurityRoleSettings, getSystemInfo, type SecurityRoleSetting } from './resources/system';
import { MODULES, permissionLabel, REQUIRED_PERMISSIONS, moduleLabel, type Level, type RequiredPermission, type SecurityModule } from './security';

/**
 * Does the API member's security role allow what the integration does? Two sources:
 * 1. The role's own settings (/system/securityRoles/{id}/settings), when the caller knows which
 *    API member the keys belong to and the role may read System › Security Roles. Exact.
 * 2. Otherwise probes that change nothing:
 *    - inquire: `GET {collection}?pageSize=1` → 200 allowed, 403 not;
 *    - add: `POST {collection}` with `{}` → 400 (the empty record is refused after the role
 *      check) allowed, 403 not. Every probed collection has required fields, so `{}` can never
 *      create a record;
 *    - edit: `PATCH {collection}/0` with `[]` → 404 (no record 0: Manage ids start at 1) allowed,
 *      403 not. An empty patch changes nothing even where a record exists;
 *    - delete: `DELETE {collection}/0` → 404 allowed, 403 not. Record 0 never exists.
 *    UNVERIFIED against real ConnectWise: that the security role is checked before the body and
 *    the record (the simulator does it in that order, as its README says). If real Manage
 *    validated first, a probe would answer 400/404 and read as "allowed"; it can never change data.
 *    Service Desk › Close Service Tickets has no such probe: it is checked only when a real ticket
 *    is really closed, so without the role settings it stays "unknown".
 *
 * Who owns the keys: the REST API has no "who am I". /system/myAccount/{id} needs the id;
 * /system/members and /system/apiMembers list everyone; `_info.updatedBy` names the member only
 * after a write, which a test must not make. So the member is known only when the caller names
 * it (e.g. from the options page) and it exists; otherwise `member` is null.
 */

export type PermissionState = 'granted' | 'missing' | 'unknown';

export interface ModulePermissionCheck {
  /** "Finance › Agreements". */
  module: string;
  required: Level[];
  levels: Partial<Record<Level, PermissionState>>;
  /** missing when any level is missing; unknown when none is missing but some is unknown. */
  status: PermissionState;
  missing: Level[];
  /** What to show: "Finance › Agreements: Edit/Delete" (the missing, else unknown, else required levels). */
  label: string;
  /** Why a level is unknown, when it is. */
  note?: string;
}

export interface PermissionReport {
  source: 'role' | 'probes';
  /** The role read, when source is `role`. */
  role: string | null;
  checks: ModulePermissionCheck[];
}

/** The collection each module is probed on (null: no probe changes nothing). */
const PROBE_PATH = new Map<SecurityModule, string | null>([
  [MODULES.companyMaintenance, 'company/companies'],
  [MODULES.configurations, 'company/configurations'],
  [MODULES.agreements, 'finance/agreements'],
  [MODULES.productCatalog, 'procurement/catalog'],
  [MODULES.serviceTickets, 'service/tickets'],
  [MODULES.closeServiceTickets, null],
  [MODULES.tableSetup, 'company/configurations/types'],
  [MODULES.customMenuEntry, 'system/menuentries'],
  [MODULES.memberMaintenance, 'system/members'],
]);

/** Failures that are about the connection, not one module: the whole check stops with them. */
const FATAL = new Set(['bad-keys', 'missing-client-id', 'unknown-client-id', 'cannot-route', 'not-manage-site', 'unreachable', 'offline']);

export async function checkPermissions(client: ManageClient, options: { apiMemberIdentifier?: string } = {}): Promise<PermissionReport> {
  const fromRole = options.apiMemberIdentifier ? await readRole(client, options.apiMemberIdentifier) : null;
  if (fromRole) {
    return { source: 'role', role: fromRole.role, checks: REQUIRED_PERMISSIONS.map((required) => checkFromSettings(required, fromRole.settings)) };
  }
  const checks = await mapLimited(REQUIRED_PERMISSIONS, 3, (required) => checkByProbes(client, required));
  return { source: 'probes', role: null, checks };
}

/** The role's settings, or null when the member, its role or the settings cannot be read. */
async function readRole(client: ManageClient, identifier: string): Promise<{ role: string; settings: SecurityRoleSetting[] } | null> {
  try {
    const member = (await findApiMemberByIdentifier(client, identifier)) ?? (await findMemberByIdentifier(client, identifier));
    const role = member?.securityRole;
    if (!role) return null;
    return { role: role.name ?? String(role.id), settings: await getSecurityRoleSettings(client, role.id) };
  } catch (error) {
    if (error instanceof AppError && FATAL.has(error.data.code)) throw error;
    return null;
  }
}

const normalize = (text: string | undefined) => (text ?? '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** UNVERIFIED: rows are matched on moduleName + moduleFunctionName, or the "Area > Name" description. */
function settingFor(module: SecurityModule, settings: readonly SecurityRoleSetting[]): SecurityRoleSetting | undefined {
  const area = normalize(module.area);
  const name = normalize(module.name);
  return settings.find((row) =>
    (normalize(row.moduleName) === area && normalize(row.moduleFunctionName) === name)
    || normalize(row.moduleFunctionDescription) === `${area} ${name}`);
}

function checkFromSettings(required: RequiredPermission, settings: readonly SecurityRoleSetting[]): ModulePermissionCheck {
  const row = settingFor(required.module, settings);
  const levels: Partial<Record<Level, PermissionState>> = {};
  for (const level of required.levels) {
    const value = row?.[`${level}Level`];
    // "My" (own records only) counts as access.
    levels[level] = value === undefined ? 'unknown' : /^none$/i.test(value) ? 'missing' : 'granted';
  }
  return summarize(required, levels, row ? undefined : 'The role settings have no row for this module.');
}

async function checkByProbes(client: ManageClient, required: RequiredPermission): Promise<ModulePermissionCheck> {
  const path = PROBE_PATH.get(required.module) ?? null;
  const levels: Partial<Record<Level, PermissionState>> = {};
  if (path === null) {
    for (const level of required.levels) levels[level] = 'unknown';
    return summarize(required, levels,
      'Only closing a real ticket tests this. Backup Bridge can read it from the role if the API member may view System › Security Roles (Inquire).');
  }
  for (const level of required.levels) levels[level] = await probe(client, path, level);
  return summarize(required, levels, Object.values(levels).includes('unknown') ? 'ConnectWise did not give a clear answer; try again.' : undefined);
}

async function probe(client: ManageClient, path: string, level: Level): Promise<PermissionState> {
  const allowedWhen = level === 'add' ? 'invalid-request' : 'not-found';
  try {
    switch (level) {
      case 'inquire':
        await client.send('GET', path, { searchParams: { pageSize: 1, fields: 'id' } });
        return 'granted';
      case 'add':
        await client.send('POST', path, { json: {} });
        return 'granted';
      case 'edit':
        await client.send('PATCH', `${path}/0`, { json: [] });
        return 'granted';
      case 'delete':
        await client.send('DELETE', `${path}/0`);
        return 'granted';
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.data.code === 'forbidden') return 'missing';
    if (error.data.code === allowedWhen || (level === 'edit' && error.data.code === 'invalid-request')) return 'granted';
    if (FATAL.has(error.data.code)) throw error;
    return 'unknown';
  }
}

function summarize(required: RequiredPermission, levels: Partial<Record<Level, PermissionState>>, note: string | undefined): ModulePermissionCheck {
  const having = (state: PermissionState) => required.levels.filter((level) => levels[level] === state);
  const missing = having('missing');
  const unknown = having('unknown');
  const status: PermissionState = missing.length ? 'missing' : unknown.length ? 'unknown' : 'granted';
  const shown = missing.length ? missing : unknown.length ? unknown : required.levels;
  return {
    module: moduleLabel(required.module),
    required: [...required.levels],
    levels,
    status,
    missing,
    label: permissionLabel(required.module, shown),
    ...(status === 'unknown' && note ? { note } : {}),
  };
}

async function mapLimited<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface ConnectionInput extends Omit<ManageClientOptions, 'site'> {
  /** What the person pasted, or a site discovered earlier. */
  site: string | ManageSite;
  /** The API member the keys belong to, if the person named it (see the module comment). */
  apiMemberIdentifier?: string;
  discovery?: DiscoveryOptions;
}

export interface ConnectionReport {
  site: ManageSite;
  companyName: string;
  /** The release, e.g. `2025.1`. */
  version: string | null;
  /** /system/info's version, e.g. `v2025.1.99912`. */
  serverVersion: string | null;
  codebase: string;
  isCloud: boolean;
  apiBaseUrl: string;
  member: { identifier: string; name: string } | null;
  permissions: PermissionReport;
}

/** "Test connection": find the site, prove the keys and clientId (system/info), check the role. */
export async function testManageConnection(input: ConnectionInput): Promise<ConnectionReport> {
  const { site: siteInput, apiMemberIdentifier, discovery, ...clientOptions } = input;
  const site = typeof siteInput === 'string'
    ? await discoverSite({ site: siteInput, companyId: input.companyId }, { ...discovery, ...(input.fetch ? { fetch: input.fetch } : {}) })
    : siteInput;
  const client = createManageClient({ ...clientOptions, site });
  const info = await getSystemInfo(client);
  const member = apiMemberIdentifier ? await identify(client, apiMemberIdentifier) : null;
  const permissions = await checkPermissions(client, member ? { apiMemberIdentifier: member.identifier } : {});
  return {
    site,
    companyName: site.companyName,
    version: site.version,
    serverVersion: info.version ?? null,
    codebase: site.codebase,
    isCloud: info.isCloud ?? site.isCloud,
    apiBaseUrl: site.apiBaseUrl,
    member,
    permissions,
  };
}

/** The named API member (or member), when it exists and may be read; else null. */
async function identify(client: ManageClient, identifier: string): Promise<{ identifier: string; name: string } | null> {
  try {
    const apiMember = await findApiMemberByIdentifier(client, identifier);
    if (apiMember) return { identifier: apiMember.identifier, name: apiMember.name ?? apiMember.identifier };
    const member = await findMemberByIdentifier(client, identifier);
    if (!member) return null;
    return { identifier: member.identifier, name: [member.firstName, member.lastName].filter(Boolean).join(' ') || member.identifier };
  } catch (error) {
    if (error instanceof AppError && FATAL.has(error.data.code)) throw error;
    return null;
  }
}
