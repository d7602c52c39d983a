/**
 * The vendor client: a vendor-neutral domain (domain.ts) and the Dropsuite adapter behind it.
 * Only the background service worker creates a client; it holds the keys.
 */
export * from './domain';
export { VENDOR_ERROR_CODES, isVendorError, type VendorErrorCode } from './errors';
export * from './status';
export { parseActionName, formatActionName, type ActionName } from './action-name';
export { createDropsuiteClient, type DropsuiteClientOptions } from './dropsuite/client';
export type { DirectoryVault } from './dropsuite/org-directory';
export type { RetryPolicy } from './dropsuite/transport';
export type { SeatsAvailableMeaning } from './dropsuite/map';
