/**
 * Who is calling, and may they? Faithful: `Authorization: Basic base64("{companyId}+{publicKey}:
 * {privateKey}")` with a literal `+` (a URL-encoded %2B does not work), keys belong to an API
 * member whose security role decides each module's add/edit/delete/inquire level, and the
 * `clientId` header is required (enforced since Aug 2019).
 * UNVERIFIED choices, documented in README.md:
 * - Missing or malformed credentials, wrong or revoked keys, an inactive API member: 401
 *   `{code:"Unauthorized"}` with a message; revoked and wrong keys get the same message.
 * - A company in the Basic user that is not a login company cannot be routed: the plain-text
 *   "Cannot route" body (cloud routes by company), as for a wrong codebase.
 * - Missing clientId, or one that is not registered (the world registers only CLIENT_ID): 401.
 * - Company ids compare case-insensitively. Every login company sees the same data set.
 * - A role's "My" level is treated like "All" (record ownership is not modelled).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { API_KEYS, CLIENT_ID, LOGIN_COMPANIES } from '../world';
import { cannotRoute, forbidden, unauthorized } from './errors';
import type { CwStore } from './store';

export type LoginCompany = (typeof LOGIN_COMPANIES)[number];
export type PermissionVerb = 'add' | 'edit' | 'delete' | 'inquire';

export interface Caller {
  company: LoginCompany;
  member: { id: number; identifier: string };
  roleId: number;
  clientId: string;
}

export const findLoginCompany = (companyId: string): LoginCompany | undefined =>
  LOGIN_COMPANIES.find((company) => company.companyId.toLowerCase() === companyId.toLowerCase());

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

function parseBasic(value: string | undefined): { companyId: string; publicKey: string; privateKey: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(value ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon < 0 ? decoded : decoded.slice(0, colon);
  const plus = user.indexOf('+');
  if (colon < 0 || plus <= 0) return undefined;
  return { companyId: user.slice(0, plus), publicKey: user.slice(plus + 1), privateKey: decoded.slice(colon + 1) };
}

const DENIED = 'Authorization has been denied for this request.';
const BAD_KEYS = 'Authentication failed: the public/private key pair is not valid for this company.';

export function authenticate(headers: IncomingHttpHeaders, store: CwStore): Caller {
  const credentials = parseBasic(headerValue(headers, 'authorization'));
  if (!credentials) throw unauthorized(DENIED);
  const company = findLoginCompany(credentials.companyId);
  if (!company) throw cannotRoute();
  const clientId = headerValue(headers, 'clientid')?.trim();
  if (!clientId) {
    throw unauthorized('A clientId header is required. Register an integration at https://developer.connectwise.com/ClientID.');
  }
  if (clientId.toLowerCase() !== CLIENT_ID.toLowerCase()) throw unauthorized(`The clientId '${clientId}' is not registered.`);
  const key = API_KEYS.find((candidate) => candidate.publicKey === credentials.publicKey && candidate.privateKey === credentials.privateKey);
  if (!key || key.state !== 'active') throw unauthorized(BAD_KEYS);
  const member = store.rows('system/apiMembers').find((row) => row.identifier === key.member);
  const roleId = (member?.securityRole as { id?: number } | undefined)?.id;
  if (!member || member.inactiveFlag === true || roleId === undefined) throw unauthorized(BAD_KEYS);
  return { company, member: { id: member.id, identifier: String(member.identifier) }, roleId, clientId };
}

/** The role's level for a module, from the stored role settings (what /system/securityRoles/{id}/settings shows). */
function permissionLevel(store: CwStore, roleId: number, module: string, verb: PermissionVerb): string {
  const setting = store.rows(`system/securityroles/${roleId}/settings`).find((row) => row.moduleFunctionDescription === module);
  return String(setting?.[`${verb}Level`] ?? 'None');
}

export function requirePermission(store: CwStore, caller: Caller, module: string, verb: PermissionVerb): void {
  if (permissionLevel(store, caller.roleId, module, verb) !== 'None') return;
  const role = store.row('system/securityroles', caller.roleId)?.name ?? caller.roleId;
  throw forbidden(`Security role '${String(role)}' does not allow ${verb} on ${module}.`);
}
