import { z } from 'zod';
import type { ManageClient } from '../client';
import { where, type Condition } from '../conditions';
import { collection, createOnce, findFirst, Flag, Id, IdentRef, Info, listAllOf, patchById, Ref, Text } from './common';

/** Company configurations and configuration types (e.g. `dropsuite_mailbox_actions`). */

export const Configuration = z.looseObject({
  id: Id,
  name: z.string(),
  type: Ref,
  status: Ref,
  company: IdentRef,
  contact: Ref,
  deviceIdentifier: Text,
  serialNumber: Text,
  /** The integration's tenant links keep the billing agreement's id here (e2e/sim/world.ts header). */
  tagNumber: Text,
  notes: Text,
  lastLoginName: Text,
  activeFlag: Flag,
  _info: Info,
});
export type Configuration = z.infer<typeof Configuration>;

export const ConfigurationType = z.looseObject({ id: Id, name: z.string(), inactiveFlag: Flag, systemFlag: Flag });
export type ConfigurationType = z.infer<typeof ConfigurationType>;

export const CONFIGURATIONS = collection('company/configurations', Configuration);
export const CONFIGURATION_TYPES = collection('company/configurations/types', ConfigurationType);

export const findConfigurationType = (client: ManageClient, name: string) =>
  findFirst(client, CONFIGURATION_TYPES, { conditions: where.eq('name', name) });

export const createConfigurationType = (client: ManageClient, name: string) =>
  createOnce(client, CONFIGURATION_TYPES, { name }, (scoped) => findConfigurationType(scoped, name));

/** `{region}.{action}.{id}` names are unique per type by the integration's convention. */
export const findConfiguration = (client: ManageClient, name: string, typeId: number) =>
  findFirst(client, CONFIGURATIONS, { conditions: where.and(where.eq('name', name), where.eq('type/id', typeId)) });

export interface ConfigurationFilter {
  companyId?: number;
  typeId?: number;
  /** Names starting with this (e.g. `uswest.tenant.`); over-matches wildcard characters, see escapeLike. */
  namePrefix?: string;
}

export function listConfigurations(client: ManageClient, filter: ConfigurationFilter): Promise<Configuration[]> {
  const parts: Condition[] = [];
  if (filter.companyId !== undefined) parts.push(where.eq('company/id', filter.companyId));
  if (filter.typeId !== undefined) parts.push(where.eq('type/id', filter.typeId));
  if (filter.namePrefix !== undefined) parts.push(where.startsWith('name', filter.namePrefix));
  return listAllOf(client, CONFIGURATIONS, parts.length ? { conditions: where.and(...parts) } : {});
}

export interface NewConfiguration {
  name: string;
  typeId: number;
  companyId: number;
  contactId?: number;
  notes?: string;
  deviceIdentifier?: string;
  lastLoginName?: string;
}

export const createConfiguration = (client: ManageClient, input: NewConfiguration) =>
  createOnce(client, CONFIGURATIONS, {
    name: input.name,
    type: { id: input.typeId },
    company: { id: input.companyId },
    ...(input.contactId === undefined ? {} : { contact: { id: input.contactId } }),
    ...(input.notes === undefined ? {} : { notes: input.notes }),
    ...(input.deviceIdentifier === undefined ? {} : { deviceIdentifier: input.deviceIdentifier }),
    ...(input.lastLoginName === undefined ? {} : { lastLoginName: input.lastLoginName }),
  }, (scoped) => findConfiguration(scoped, input.name, input.typeId));

export interface ConfigurationChanges {
  notes?: string;
  activeFlag?: boolean;
  lastLoginName?: string;
  companyId?: number;
}

export const updateConfiguration = (client: ManageClient, id: number, changes: ConfigurationChanges) =>
  patchById(client, CONFIGURATIONS, id, {
    notes: changes.notes,
    activeFlag: changes.activeFlag,
    lastLoginName: changes.lastLoginName,
    'company/id': changes.companyId,
  });
