import { describe, expect, it } from 'vitest';
import type { VendorClient } from '../domain';
import { HOUR, MB, ORG, postAdmin, simulatedVendor } from './test-support';

const id = (n: number) => String(n);

/** Everything reachable from a value or an error, as text: data, message, hint, details, stack, own properties. */
function serialise(value: unknown): string {
  if (value instanceof Error) {
    const own = Object.fromEntries(Object.getOwnPropertyNames(value).map((key) => [key, (value as unknown as Record<string, unknown>)[key]]));
    return JSON.stringify({ ...own, string: String(value), cause: serialise(value.cause) });
  }
  if (value instanceof Set) return JSON.stringify([...value]);
  return JSON.stringify(value) ?? String(value);
}

describe('per-organisation tokens never leave the client', () => {
  const { sim, client, setFaults } = simulatedVendor();
  const orgTokens = () => [...sim.vendor.store.orgs.values()].map((org) => org.authenticationToken);

  /** Every client function, succeeding or failing; returns what each produced (value or error). */
  async function everything(vendor: VendorClient): Promise<unknown[]> {
    const calls: Array<() => Promise<unknown> | unknown> = [
      () => vendor.testConnection(),
      () => vendor.listPlans(),
      () => vendor.listOrganizations(),
      () => vendor.getOrganization(id(ORG.contoso)),
      () => vendor.getOrganization('1790311-1'),
      () => vendor.getOrganization(id(ORG.litware)),
      () => vendor.getOrganization('404404'),
      () => vendor.listTenants(id(ORG.contoso)),
      () => vendor.listMailboxes(id(ORG.fabrikam)),
      () => vendor.listMailboxes(id(ORG.contoso), 'connectionFailures'),
      () => vendor.listMailboxes(id(ORG.contoso), 'deactivated'),
      () => vendor.backupHistory(id(ORG.contoso), 7),
      () => vendor.getAction('backup', id(MB.fabrikamJane)),
      () => vendor.getAction('restore', '12345'),
      () => vendor.retryMailbox(id(ORG.contoso), id(MB.contosoFrontDesk)),
      () => vendor.retryMailbox(id(ORG.blueLight), id(MB.blueLightGordon)),
      () => vendor.reauthorizeMailbox(id(ORG.fabrikam), id(MB.fabrikamJane)),
      () => vendor.getTask(id(ORG.contoso), 'task_1'),
      () => vendor.getTask(id(ORG.contoso), 'task_404'),
      () => vendor.changeSeats(id(ORG.contoso), 30),
      () => vendor.changeSeats(id(ORG.contoso), 1),
      () => vendor.suspend(id(ORG.proseware)),
      () => vendor.unsubscribe(id(ORG.woodgrove)),
      () => vendor.reactivate(id(ORG.woodgrove)),
      () => vendor.impersonationLink(id(ORG.blueLight)),
      () => vendor.events(),
      () => vendor.events('424242'),
      () => vendor.capabilities(),
      () => vendor.portalUrl(),
    ];
    const outcomes: unknown[] = [];
    for (const call of calls) {
      outcomes.push(await Promise.resolve().then(call).catch((error: unknown) => error));
    }
    return outcomes;
  }

  function expectNoToken(outcomes: unknown[]): void {
    const text = outcomes.map(serialise).join('\n');
    for (const token of orgTokens()) expect(text).not.toContain(token);
    expect(text).not.toContain('org_'); // the simulator's token prefix: not even a fragment
  }

  it('in any value or error of any function', async () => {
    const vendor = client();
    const outcomes = await everything(vendor);
    expect(outcomes.filter((o) => o instanceof Error).length).toBeGreaterThan(5); // failures were covered too
    expectNoToken(outcomes);
    expect(Object.values(vendor).every((member) => typeof member === 'function')).toBe(true); // no state to read
  });

  it('nor when the vendor refuses tokens, lacks routes, or only lets the reseller read', async () => {
    await postAdmin(sim, 'capabilities', { actions: false, events: false, force_backup: false });
    const vendor = client();
    await vendor.listOrganizations();
    await setFaults({ orgTokenExpired: true });
    const refused = await everything(vendor);
    await setFaults({ orgTokenExpired: false });
    await postAdmin(sim, 'settings', { resellerTier: 'read_only' });
    sim.advance(40 * 24 * HOUR); // Litware is purged: its token goes
    const readOnly = await everything(client());
    expectNoToken([...refused, ...readOnly]);
  });

  it('and a token the vendor echoes back in an error is redacted', async () => {
    const contosoToken = sim.tokenOf(ORG.contoso);
    const vendor = client({
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.method !== 'POST') return fetch(request);
        const token = request.headers.get('x-access-token') ?? '';
        return Response.json({ error: { code: 'invalid_state', message: `Token ${token} may not do this` } }, { status: 409 });
      },
    });
    const error = await vendor.retryMailbox(id(ORG.contoso), id(MB.contosoFrontDesk)).catch((e: unknown) => e);
    expect(serialise(error)).not.toContain(contosoToken);
    expect((error as Error).message).toContain('Token [redacted] may not do this');
  });
});
