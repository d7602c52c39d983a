import { z } from 'zod';
import { defineMessage } from '../messaging';
import { KeysStorage, ManageSettings, Mappings, VendorSettings } from '../settings';
import { PublicSettings } from './settings';

/** One row of the security-role check: a Manage module and level the API member needs. */
export const PermissionCheck = z.object({
  module: z.string(),
  level: z.enum(['Add', 'Edit', 'Delete', 'Inquire']),
  state: z.enum(['granted', 'missing', 'unknown']),
});
export type PermissionCheck = z.infer<typeof PermissionCheck>;

export const ManageCheck = z.object({
  companyName: z.string(),
  version: z.string(),
  codebase: z.string(),
  isCloud: z.boolean(),
  apiBaseUrl: z.string(),
  member: z.object({ identifier: z.string(), name: z.string() }).nullable(),
  permissions: z.array(PermissionCheck),
});
export type ManageCheck = z.infer<typeof ManageCheck>;

export const VendorCheck = z.object({
  resellerName: z.string().nullable(),
  planCount: z.number().int().nonnegative(),
  organizationCount: z.number().int().nonnegative(),
});
export type VendorCheck = z.infer<typeof VendorCheck>;

const Choice = z.object({ id: z.number().int().positive(), name: z.string() });
export const MappingChoices = z.object({
  boards: z.array(Choice.extend({ statuses: z.array(Choice.extend({ closed: z.boolean() })) })),
  priorities: z.array(Choice),
  categories: z.array(Choice.extend({ subcategories: z.array(Choice) })),
  productTypes: z.array(Choice),
});
export type MappingChoices = z.infer<typeof MappingChoices>;

const KeyPair = <A extends string, B extends string>(a: A, b: B) =>
  z.object({ [a]: z.string().trim().min(1), [b]: z.string().trim().min(1) } as Record<A | B, z.ZodString>);

export const setupSaveManage = defineMessage({
  type: 'setup/save-manage',
  from: 'pages',
  request: z.object({
    manage: ManageSettings,
    /** Null keeps the keys already saved. */
    keys: KeyPair('publicKey', 'privateKey').nullable(),
    keysStorage: KeysStorage,
  }),
  response: PublicSettings,
});
export const setupTestManage = defineMessage({ type: 'setup/test-manage', from: 'pages', request: z.object({}), response: ManageCheck });

export const setupSaveVendor = defineMessage({
  type: 'setup/save-vendor',
  from: 'pages',
  request: z.object({ vendor: VendorSettings, keys: KeyPair('resellerToken', 'accessToken').nullable() }),
  response: PublicSettings,
});
export const setupTestVendor = defineMessage({ type: 'setup/test-vendor', from: 'pages', request: z.object({}), response: VendorCheck });

export const setupChoices = defineMessage({ type: 'setup/choices', from: 'pages', request: z.object({}), response: MappingChoices });
/** This browser's technician, named in the ticket notes of the actions they run; empty clears it. */
export const setupSaveTechnician = defineMessage({
  type: 'setup/save-technician',
  from: 'pages',
  request: z.object({ technician: z.string().trim().max(60) }),
  response: PublicSettings,
});
export const setupSaveMappings = defineMessage({
  type: 'setup/save-mappings',
  from: 'pages',
  request: z.object({ mappings: Mappings }),
  response: PublicSettings,
});
