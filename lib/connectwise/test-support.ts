/**
 * Test helpers: the ConnectWise simulator in-process (port 0), clients for its keys, and a fetch
 * that serves any host name from the simulator (so cloud names like api-na.myconnectwise.net
 * can be discovered and called) with the Host header the name implies.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simForThisFile, startSim, type Sim } from '../../e2e/sim/cw/harness';
import { API_KEYS, CLIENT_ID } from '../../e2e/sim/world';
import { createManageClient, type ManageClient, type ManageClientOptions } from './client';
import { discoverSite, type ManageSite } from './discovery';

export { simForThisFile, startSim, type Sim };

export type KeyName = 'integration' | 'limited' | 'revoked';
export const KEYS: Record<KeyName, { publicKey: string; privateKey: string }> = {
  integration: API_KEYS[0],
  limited: API_KEYS[1],
  revoked: API_KEYS[2],
};

export const simSite = (sim: Sim, companyId = 'northwind') => discoverSite({ site: sim.origin, companyId });

export function simClient(site: ManageSite, overrides: Partial<ManageClientOptions> & { key?: KeyName } = {}): ManageClient {
  const { key = 'integration', ...rest } = overrides;
  return createManageClient({
    site,
    companyId: 'northwind',
    clientId: CLIENT_ID,
    publicKey: KEYS[key].publicKey,
    privateKey: KEYS[key].privateKey,
    ...rest,
  });
}

/** A loopback port nothing listens on (connections are refused). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A network failure as undici reports it (`TypeError: fetch failed`, cause with a code). */
export function networkError(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`getaddrinfo ${code}`), { code }) });
}

/**
 * fetch for host names that do not exist: hosts in `serve` are answered by the simulator (which
 * sees the original Host header, so companyinfo's SiteUrl names them), every other host fails
 * like a DNS miss. Node's fetch cannot set Host, hence node:http.
 */
export function hostFetch(sim: Sim, serve: (host: string) => boolean): typeof fetch {
  const target = new URL(sim.origin);
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!serve(url.host)) throw networkError('ENOTFOUND');
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const headers: Record<string, string> = { ...Object.fromEntries(request.headers), host: url.host };
    return new Promise<Response>((resolve, reject) => {
      const outgoing = http.request(
        { host: target.hostname, port: target.port, method: request.method, path: `${url.pathname}${url.search}`, headers },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => {
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(incoming.headers)) {
              if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
            }
            const status = incoming.statusCode ?? 500;
            resolve(new Response(status === 204 ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
          });
        },
      );
      outgoing.on('error', () => reject(networkError('ECONNRESET')));
      request.signal.addEventListener('abort', () => {
        outgoing.destroy();
        reject(request.signal.reason);
      });
      outgoing.end(body);
    });
  };
}

/** A fetch that answers every request itself (malformed bodies, odd statuses). */
export const fakeFetch = (answer: (request: Request) => Response | Promise<Response>): typeof fetch =>
  async (input, init) => answer(new Request(input, init));

/** The requests the simulator logged (API calls only), optionally filtered by method and path. */
export const logged = (sim: Sim, method?: string, pathPart?: string) =>
  sim.api.requests.list().filter((entry) => (!method || entry.method === method) && (!pathPart || entry.path.includes(pathPart)));
