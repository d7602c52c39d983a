/**
 * Dropsuite's two-header, two-scope model (vendor-api.md §1.2, [C] three clients agree):
 * every call carries `X-Reseller-Token` (the reseller UUID) and `X-Access-Token`, which is the
 * reseller-level admin token on reseller routes and an organisation's own
 * `authentication_token` on org routes. Any other combination is a 401.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { VENDOR_CREDENTIALS } from '../world';
import type { VendorFaultConfig } from './config';
import type { OrgRecord } from './store/model';
import type { VendorStore } from './store/store';

export type Scope = 'reseller' | 'org';

export type Caller = { scope: 'reseller' } | { scope: 'org'; org: OrgRecord };

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Who is calling, if allowed on a route of `scope`; null means 401. */
export function authenticate(
  headers: IncomingHttpHeaders, scope: Scope, store: VendorStore, faults: VendorFaultConfig,
): Caller | null {
  if (header(headers, 'x-reseller-token') !== VENDOR_CREDENTIALS.resellerToken) return null;
  const access = header(headers, 'x-access-token');
  if (!access) return null;
  if (scope === 'reseller') return access === VENDOR_CREDENTIALS.adminToken ? { scope } : null;
  if (faults.orgTokenExpired) return null;
  const org = store.orgByToken(access);
  // A deleted organisation's token dies with it. UNVERIFIED.
  return org && org.state !== 'deleted' ? { scope, org } : null;
}
