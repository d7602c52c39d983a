/**
 * A faithful simulator of a Dropsuite-style ("NinjaOne SaaS Backup") reseller API, built from
 * the shared world (../world.ts) and driven by the shared simulated clock. See README.md for
 * every route, its evidence level and the semantics chosen where the real ones are unknown.
 *
 * It owns three path families and answers `false` for everything else:
 * - `/api/…`            the reseller API (clients configure `http://host:port/api`);
 * - `/portal/…`         the page an impersonation link opens;
 * - `/__sim/vendor/…`   the admin API.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimClock } from '../clock';
import type { Faults } from '../faults';
import { handleAdminRequest, VENDOR_ADMIN_PREFIX } from './admin';
import { API_PREFIX, handleApiRequest } from './pipeline';
import { handlePortalRequest, PORTAL_PATH } from './portal';
import type { RequestLog } from './request-log';
import { createRuntime, resetRuntime, type VendorConfig } from './runtime';
import type { VendorStore } from './store/store';

export interface VendorApiOptions {
  clock: SimClock;
  /** Real time for the rate limiter (tests pass a fake); defaults to Date.now. */
  wallNow?: () => number;
}

export interface VendorApi {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  readonly store: VendorStore;
  readonly faults: Faults;
  readonly requests: RequestLog;
  /** Settings, capabilities, envelopes and vendor faults (also set through the admin API). */
  readonly config: VendorConfig;
  /** Reseeds the world at the clock's current time and restores every default. */
  reset(): void;
}

const owns = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

export function createVendorApi(options: VendorApiOptions): VendorApi {
  const rt = createRuntime(options.clock, options.wallNow ?? Date.now);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const path = url.pathname;
    if (owns(path, VENDOR_ADMIN_PREFIX)) {
      await handleAdminRequest(rt, req, res, url);
      return true;
    }
    if (owns(path, API_PREFIX)) {
      await handleApiRequest(rt, req, res, url);
      return true;
    }
    if (path === PORTAL_PATH && req.method === 'GET') {
      handlePortalRequest(rt, req, res, url);
      return true;
    }
    return false;
  }

  return {
    handle,
    get store() { return rt.store; },
    get faults() { return rt.faults; },
    get requests() { return rt.requests; },
    get config() { return rt.config; },
    reset: () => resetRuntime(rt),
  };
}
