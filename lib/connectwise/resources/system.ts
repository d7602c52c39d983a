import { z } from 'zod';
import type { ManageClient } from '../client';
import { where } from '../conditions';
import { listAll } from '../paging';
import { collection, findFirst, Flag, getById, Id, Info, listAllOf, Ref, Text } from './common';

/** System: the server, members, API members, security roles and their module settings. */

export const SystemInfo = z.looseObject({
  version: Text,
  isCloud: Flag,
  serverTimeZone: Text,
  cloudRegion: Text,
});
export type SystemInfo = z.infer<typeof SystemInfo>;

export const Member = z.looseObject({
  id: Id,
  identifier: z.string(),
  firstName: Text,
  lastName: Text,
  title: Text,
  inactiveFlag: Flag,
  primaryEmail: Text,
  officeEmail: Text,
  licenseClass: Text,
  securityRole: Ref,
  _info: Info,
});
export type Member = z.infer<typeof Member>;

export const ApiMember = z.looseObject({
  id: Id,
  identifier: z.string(),
  name: Text,
  emailAddress: Text,
  inactiveFlag: Flag,
  securityRole: Ref,
});
export type ApiMember = z.infer<typeof ApiMember>;

export const SecurityRole = z.looseObject({ id: Id, name: z.string(), adminFlag: Flag, inactiveFlag: Flag });
export type SecurityRole = z.infer<typeof SecurityRole>;

/** One module row of a role: levels None / My / All (My counts as access). */
export const SecurityRoleSetting = z.looseObject({
  id: Id,
  addLevel: Text,
  editLevel: Text,
  deleteLevel: Text,
  inquireLevel: Text,
  moduleName: Text,
  moduleFunctionName: Text,
  moduleFunctionDescription: Text,
});
export type SecurityRoleSetting = z.infer<typeof SecurityRoleSetting>;

export const MEMBERS = collection('system/members', Member);
export const API_MEMBERS = collection('system/apiMembers', ApiMember);
export const SECURITY_ROLES = collection('system/securityroles', SecurityRole);

export const getSystemInfo = (client: ManageClient) => client.request('GET', 'system/info', SystemInfo);

export const listMembers = (client: ManageClient, activeOnly = true) =>
  listAllOf(client, MEMBERS, activeOnly ? { conditions: where.eq('inactiveFlag', false) } : {});
export const findMemberByIdentifier = (client: ManageClient, identifier: string) =>
  findFirst(client, MEMBERS, { conditions: where.eq('identifier', identifier) });
export const getMember = (client: ManageClient, id: number) => getById(client, MEMBERS, id);

export const listApiMembers = (client: ManageClient) => listAllOf(client, API_MEMBERS);
export const findApiMemberByIdentifier = (client: ManageClient, identifier: string) =>
  findFirst(client, API_MEMBERS, { conditions: where.eq('identifier', identifier) });

export const listSecurityRoles = (client: ManageClient) => listAllOf(client, SECURITY_ROLES);
export const getSecurityRoleSettings = (client: ManageClient, roleId: number) =>
  listAll(client, `system/securityRoles/${roleId}/settings`, SecurityRoleSetting);
