import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupStatus } from '../messages/popup';
import { createPopupStatusService } from './popup-status';
import { backgroundOn, clearRequestLogs, requestCounts, simulators, type BackgroundOptions } from './test-support';

const world = simulators();
beforeEach(() => fakeBrowser.reset());

async function popupOn(options: BackgroundOptions = {}) {
  const bg = await backgroundOn(world.sims, options);
  await bg.clients.manage().catch(() => undefined);
  clearRequestLogs(world.sims);
  return createPopupStatusService({ clients: bg.clients, settings: bg.settings, now: bg.now });
}

const routeTo = (screen: string, id: number) => `${world.sims.manageUrl}/v2025_1/ConnectWise.aspx?locale=en_US&routeTo=${screen}&recid=${id}`;

describe('popup status', () => {
  it('counts the seeded world, each row linking to where to act', async () => {
    const popup = await popupOn();
    const status = PopupStatus.parse(await popup.get({ refresh: false }));
    expect(status.manage).toMatchObject({ state: 'ok' });
    expect(status.vendor).toMatchObject({ state: 'ok' });
    expect(status.counts).toEqual({ linkedTenants: 10, agreementsWithDrift: 2, failingMailboxes: 3, openBackupTickets: 3 });

    // Nine tenants linked by configuration, and Contoso by its addition only.
    expect(status.tenants.map((t) => t.orgName)).toContain('Contoso Dental Group');
    expect(status.tenants.map((t) => t.orgName)).not.toContain('Woodgrove Bakery Ltd');
    expect(status.tenants.find((t) => t.orgName === 'Blue Light, Co.')).toEqual({
      url: routeTo('CompanyFV', 250), companyName: 'Blue Light, Co.', orgName: 'Blue Light, Co.', state: 'active',
    });
    expect(status.drift).toEqual(expect.arrayContaining([
      { url: routeTo('AgreementFV', 19070), companyName: 'Contoso Dental Group', orgName: 'Contoso Dental Group', agreementId: 19070, billed: 18, target: 25 },
      expect.objectContaining({ agreementId: 19110, billed: null, target: 4 }),
    ]));
    expect(status.failing).toEqual(expect.arrayContaining([
      expect.objectContaining({ email: 'jane.doe@fabrikamlegal.com', status: 'Authentication Error', url: routeTo('ServiceFV', 123456) }),
      expect.objectContaining({ email: 'ops@tailspintoys.com' }),
      expect.objectContaining({ email: 'archive@adatum.com' }),
    ]));
    expect(status.tickets.map((t) => t.ticketId).sort()).toEqual([123456, 123457, 123458]);
    expect(status.tickets[0]?.url).toMatch(/routeTo=ServiceFV/);

    const { manage, vendor } = requestCounts(world.sims);
    // CW: links, tickets, 9 linking agreements' additions, companies named like unlinked orgs, their agreements, 1 addition list.
    // Vendor: the organisation list and each of 10 linked tenants' connection failures.
    expect({ manage, vendor }).toEqual({ manage: 14, vendor: 11 });
  });

  it('cached: no request while young; `refresh` recomputes; too old: shown at once while it recomputes', async () => {
    const popup = await popupOn();
    const first = await popup.get({ refresh: false });
    clearRequestLogs(world.sims);
    expect(await popup.get({ refresh: false })).toEqual(first);
    expect(requestCounts(world.sims)).toMatchObject({ manage: 0, vendor: 0 });

    world.sims.clock.advance(60_000);
    const refreshed = await popup.get({ refresh: true });
    expect(Date.parse(refreshed.refreshedAt ?? '')).toBeGreaterThan(Date.parse(first.refreshedAt ?? ''));
    expect(requestCounts(world.sims).manage).toBeGreaterThan(0);

    world.sims.clock.advance(11 * 60_000);
    const stale = await popup.get({ refresh: false });
    expect(stale).toMatchObject({ refreshing: true, refreshedAt: refreshed.refreshedAt });
    const recomputed = await popup.refresh();
    expect(Date.parse(recomputed.refreshedAt ?? '')).toBeGreaterThan(Date.parse(refreshed.refreshedAt ?? ''));
  });

  it('the vendor down: its error, the ConnectWise side still counted', async () => {
    world.sims.vendor.faults.set({ down: true });
    const status = await (await popupOn()).get({ refresh: false });
    expect(status.manage.state).toBe('ok');
    expect(status.vendor).toMatchObject({ state: 'error', error: { code: 'vendor-unavailable' } });
    // Drift and failures need the vendor: unknown, not zero.
    expect(status.counts).toEqual({ linkedTenants: 9, agreementsWithDrift: null, failingMailboxes: null, openBackupTickets: 3 });
    expect(status.tenants.every((t) => t.state === 'unknown')).toBe(true);
  });

  it('Manage refusing the keys: its error, every count unknown', async () => {
    const status = await (await popupOn({ manageKey: 'revoked' })).get({ refresh: false });
    expect(status.manage).toMatchObject({ state: 'error', error: { code: 'bad-keys' } });
    expect(status.counts).toEqual({ linkedTenants: null, agreementsWithDrift: null, failingMailboxes: null, openBackupTickets: null });
  });

  it.each(['manage', 'vendor'] as const)('%s not set up: not-configured', async (without) => {
    const status = await (await popupOn({ without })).get({ refresh: false });
    expect(status[without]).toMatchObject({ state: 'not-configured', error: { code: `${without}-not-configured` } });
  });
});
