/** The Manage REST client: background-only (it holds keys). See each module for the details. */
export { discoverSite, discoveryOrigins, requiredOrigins, acceptHeader, ManageSite } from './discovery';
export { createManageClient, basicAuthorization, type ManageClient, type ManageClientOptions, type Method, type Reply, type SendOptions } from './client';
export { where, escapeLike, type Condition } from './conditions';
export { iterate, listAll, listPage, count, type ListQuery, type PagingOptions } from './paging';
export type { ManageErrorCode } from './errors';
export { checkPermissions, testManageConnection, type ConnectionReport, type ModulePermissionCheck, type PermissionReport, type PermissionState } from './permissions';
export { MODULES, REQUIRED_PERMISSIONS, moduleLabel, permissionLabel, type Level, type SecurityModule } from './security';
export * from './resources/system';
export * from './resources/companies';
export * from './resources/finance';
export * from './resources/procurement';
export * from './resources/service';
export * from './resources/configurations';
export * from './resources/menu';
