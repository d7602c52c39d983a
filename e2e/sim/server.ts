import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimClock } from './clock';
import { createManageApi, type ManageApi } from './cw';
import { ADMIN_PREFIX, readBody, send } from './http';
import { createManageScreens } from './screens';
import { createVendorApi, type VendorApi } from './vendor';

const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0063b1"/></svg>';

export interface SimulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  managePort?: number;
  vendorPort?: number;
}

export interface RunningSimulators {
  /** The Manage site (web screens and REST API on one origin, like an on-prem install). */
  manageUrl: string;
  /** The vendor host; its API base is `${vendorUrl}/api`. */
  vendorUrl: string;
  vendorApiUrl: string;
  clock: SimClock;
  manage: ManageApi;
  vendor: VendorApi;
  /** Re-seed both worlds and restart the clock. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * Both simulators and the Manage screens, composed. Routes shared by both sit under
 * `/__sim/` on either port: `POST /__sim/reset`, `GET|POST /__sim/clock` ({advanceMs} | {rate}).
 */
export async function startSimulators(options: SimulatorOptions = {}): Promise<RunningSimulators> {
  const host = options.host ?? '127.0.0.1';
  const clock = new SimClock();
  const manage = createManageApi({ clock });
  const screens = createManageScreens({ store: manage.store, now: () => clock.now() });
  const vendor = createVendorApi({ clock });
  const reset = () => {
    clock.reset();
    manage.reset();
    vendor.reset();
  };

  const sharedRoutes = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> => {
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    if (path === '/favicon.ico') {
      // Browsers ask every site for one; a 404 would show up as a console error in every e2e test.
      send(res, 200, FAVICON_SVG, { 'content-type': 'image/svg+xml' });
      return true;
    }
    if (path === `${ADMIN_PREFIX}/reset` && req.method === 'POST') {
      reset();
      send(res, 200, { reset: true, clock: clock.state() });
      return true;
    }
    if (path === `${ADMIN_PREFIX}/clock`) {
      if (req.method === 'POST') {
        const body = JSON.parse((await readBody(req)) || '{}') as { advanceMs?: unknown; rate?: unknown };
        if (body.advanceMs !== undefined) clock.advance(Number(body.advanceMs));
        if (body.rate !== undefined) clock.setRate(Number(body.rate));
      }
      send(res, 200, clock.state());
      return true;
    }
    return false;
  };

  const serve = (handlers: Array<(req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>>) =>
    http.createServer((req, res) => {
      void (async () => {
        for (const handle of handlers) if (await handle(req, res)) return;
        send(res, 404, 'Not found');
      })().catch((error: unknown) => {
        send(res, 500, { code: 'SimulatorError', message: error instanceof Error ? error.message : String(error) });
      });
    });

  const manageServer = serve([sharedRoutes, manage.handle, screens.handle]);
  const vendorServer = serve([sharedRoutes, vendor.handle]);
  const listen = (server: http.Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
    });
  const managePort = await listen(manageServer, options.managePort ?? 0);
  const vendorPort = await listen(vendorServer, options.vendorPort ?? 0);
  const close = (server: http.Server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });

  const vendorUrl = `http://${host}:${vendorPort}`;
  return {
    manageUrl: `http://${host}:${managePort}`,
    vendorUrl,
    vendorApiUrl: `${vendorUrl}/api`,
    clock,
    manage,
    vendor,
    reset,
    close: async () => {
      await Promise.all([close(manageServer), close(vendorServer)]);
    },
  };
}
