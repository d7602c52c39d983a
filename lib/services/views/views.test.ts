import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as z from 'zod/mini';
import { addTicketNote, createTicket } from '../../connectwise';
import { formatFixMarker } from '../../domain';
import type { ScreenRef } from '../../messages/panel';
import { AgreementView, CompanyView, MAILBOX_LIST_LIMIT, PanelView, TicketView } from '../../messages/panels';
import { generatedMailboxId, ORGS } from '../../../e2e/sim/world';
import {
  backgroundOn, clearRequestLogs, fakePanelPort, isFreshView, isView, requestCounts, roundTrips, simulators, timingFetch,
  type BackgroundOptions,
} from '../test-support';
import { createPanelPortServer } from '../panel-port-server';

const world = simulators();
beforeEach(() => fakeBrowser.reset());

type Background = Awaited<ReturnType<typeof backgroundOn>>;
const SCHEMAS = { company: CompanyView, agreement: AgreementView, ticket: TicketView } as const;
type Kind = keyof typeof SCHEMAS;

/** A background whose site is discovered already (once per browser session) and logs cleared: cold clients and caches. */
async function coldBackground(options: BackgroundOptions = {}): Promise<Background> {
  const bg = await backgroundOn(world.sims, options);
  await bg.clients.manage();
  clearRequestLogs(world.sims);
  return bg;
}

/** The view as the panel would get it, validated against the contract. */
async function view<K extends Kind>(bg: Background, kind: K, id: number, label: ScreenRef['label'] = {}): Promise<z.infer<(typeof SCHEMAS)[K]>> {
  const outcome = await bg.views.refresh(`${kind}:${id}`, { kind, recordId: id, label });
  if (outcome.kind !== 'view') throw new Error(`unavailable: ${JSON.stringify(outcome.error)}`);
  z.parse(PanelView, outcome.view);
  return z.parse(SCHEMAS[kind], outcome.view) as z.infer<(typeof SCHEMAS)[K]>;
}

const counts = () => {
  const { manage, vendor } = requestCounts(world.sims);
  return { manage, vendor };
};
const MINUTE = 60_000;
const orgSeed = (name: string) => ORGS.find((org) => org.name === name)!;

describe('company view', () => {
  it('healthy Blue Light: 3 CW and 3 vendor requests cold, in sync, every mailbox listed', async () => {
    const bg = await coldBackground();
    const company = await view(bg, 'company', 250);
    expect(counts()).toEqual({ manage: 3, vendor: 3 });
    expect(company.company).toEqual({ id: 250, name: 'Blue Light, Co.', identifier: 'BlueLight' });
    expect(company.tenants).toHaveLength(1);
    const [tenant] = company.tenants;
    expect(tenant).toMatchObject({
      orgId: '5979', name: 'Blue Light, Co.', state: 'active', plan: { id: '4', name: 'Business Backup' },
      linkedVia: ['configuration', 'addition'], canImpersonate: true, mailboxTotal: 12,
      health: { status: 'normal', counts: { protected: 12, failing: 0 } },
      seats: { bought: 12, used: 12, billed: 12, status: 'in-sync', drift: 0, agreement: { id: 19064 }, proposal: { action: 'none' } },
    });
    expect(tenant?.mailboxes).toHaveLength(12);
    expect(tenant?.history).toHaveLength(14);
    expect(tenant?.history.map((d) => d.date)).toEqual([...(tenant?.history.map((d) => d.date) ?? [])].sort());
    expect(company.openTickets).toEqual([]);
    expect(company.portalUrl).toMatch(/^http/);
    expect(company.errors).toEqual({});
  });

  it('drifted Contoso, linked by an addition only: found by the link scan (4 CW cold), then 3 CW while the scan is trusted', async () => {
    const bg = await coldBackground();
    const company = await view(bg, 'company', 251);
    expect(counts()).toEqual({ manage: 4, vendor: 3 });
    expect(company.tenants[0]).toMatchObject({
      orgId: '19771', linkedVia: ['addition'], autoLicense: true,
      seats: {
        bought: 25, used: 23, billed: 18, status: 'under-billed', drift: 7, agreement: { id: 19070, name: 'Email Backup' },
        proposal: { action: 'update', quantity: 25, needsConfirmation: true },
      },
      health: { status: 'warned', counts: { transient: 1, protected: 22 } },
    });
    expect(company.tenants[0]?.mailboxes[0]).toMatchObject({ email: 'frontdesk@contosodental.com', health: 'transient' });

    world.sims.clock.advance(2 * MINUTE); // stale, the scan still trusted
    clearRequestLogs(world.sims);
    await view(bg, 'company', 251);
    // The organisation known now: its mailboxes (carrying it) and history, no list.
    expect(counts()).toEqual({ manage: 3, vendor: 2 });
  });

  it.each([
    ['Fabrikam Legal LLP', 252, 123456, 'jane.doe@fabrikamlegal.com', 'AUTH_REQUIRED'],
    ['Tailspin Toys', 253, 123457, 'ops@tailspintoys.com', 'BACKUP_FAILED'],
    ['Adatum Accounting', 254, 123458, 'archive@adatum.com', 'BACKUP_FAILED'],
  ])('%s: troubled, its failing mailbox first, its open backup ticket linked', async (_name, id, ticketId, email, reason) => {
    const bg = await coldBackground();
    const company = await view(bg, 'company', id);
    expect(counts()).toEqual({ manage: 3, vendor: 3 });
    expect(company.openTickets).toEqual([expect.objectContaining({ id: ticketId, status: 'New' })]);
    expect(company.tenants[0]?.health).toMatchObject({ status: 'troubled', reason, counts: { failing: 1 } });
    expect(company.tenants[0]?.mailboxes[0]).toMatchObject({ email, health: 'failing' });
    expect(company.tenants[0]?.mailboxes[0]?.error).toBeTruthy();
  });

  it('an invalidation (after an action) forgets the link scan with the view', async () => {
    const bg = await coldBackground();
    await view(bg, 'company', 251);
    await bg.views.invalidate('company:251');
    clearRequestLogs(world.sims);
    await view(bg, 'company', 251);
    // The scan again; the organisation list is still fresh (and its tokens held): mailboxes and history only.
    expect(counts()).toEqual({ manage: 4, vendor: 2 });
  });

  it("O'Brien & Sons: a quote and an ampersand in the name survive the conditions", async () => {
    const bg = await coldBackground();
    expect(await bg.views.keyOf({ kind: 'company', recordId: null, label: { name: "O'Brien & Sons Plumbing" } })).toBe('company:258');
    const ticket = await view(bg, 'ticket', 123462, { companyName: "O'Brien & Sons Plumbing" });
    expect(ticket).toMatchObject({ ticket: { company: { id: 258 } }, backup: null });
    const [tenant] = (await view(bg, 'company', 258)).tenants;
    expect(tenant).toMatchObject({ name: "O'Brien & Sons Plumbing", seats: { status: 'in-sync' } });
  });

  it('unlinked Woodgrove: no tenant (suggestions are an action); the scan result spares later refreshes', async () => {
    const bg = await coldBackground();
    const company = await view(bg, 'company', 255);
    expect(company).toMatchObject({ company: { name: 'Woodgrove Bakery', identifier: 'WoodgroveBakery' }, tenants: [], openTickets: [] });
    expect(counts()).toEqual({ manage: 4, vendor: 1 });
    world.sims.clock.advance(2 * MINUTE);
    clearRequestLogs(world.sims);
    await view(bg, 'company', 255);
    expect(counts()).toEqual({ manage: 2, vendor: 0 });
  });

  it('unsubscribed Litware: the 45-day window from its own record, the cancelled addition, no impersonation', async () => {
    const bg = await coldBackground();
    const [tenant] = (await view(bg, 'company', 256)).tenants;
    // /users, then /users/{id} and its tenants (the vendor client reads both): no mailbox reads, backups are stopped.
    expect(counts()).toEqual({ manage: 3, vendor: 3 });
    expect(tenant).toMatchObject({
      state: 'unsubscribed', canImpersonate: false, mailboxes: [], history: [], health: { status: 'unknown' },
      seats: { status: 'addition-cancelled', billed: null },
    });
    const daysLeft = (Date.parse(tenant?.purgeAfter ?? '') - world.sims.clock.now()) / (24 * 60 * MINUTE);
    expect(daysLeft).toBeCloseTo(35, 0);
  });

  it('suspended Proseware: still billed and in sync, impersonation allowed', async () => {
    const bg = await coldBackground();
    const [tenant] = (await view(bg, 'company', 257)).tenants;
    expect(tenant).toMatchObject({ state: 'suspended', canImpersonate: true, seats: { status: 'in-sync', billed: 7 } });
  });

  it('Café Zürich, linked without an addition: an addition to create on the linked agreement', async () => {
    const bg = await coldBackground();
    const [tenant] = (await view(bg, 'company', 259)).tenants;
    expect(tenant).toMatchObject({
      name: 'Café Zürich GmbH', linkedVia: ['configuration'],
      seats: { status: 'no-addition', billed: null, additionId: null, agreement: { id: 19110 }, proposal: { action: 'create', quantity: 4 } },
    });
    expect(counts()).toEqual({ manage: 3, vendor: 3 });
  });

  it('Trey Research, 1,000 mailboxes: failing ones first, then MAILBOX_LIST_LIMIT healthy; the second page costs a request', async () => {
    const trey = orgSeed('Trey Research');
    for (const n of [10, 500, 999]) {
      const answer = await fetch(`${world.sims.vendorUrl}/__sim/vendor/accounts/${generatedMailboxId(trey, n)}`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'Authentication Error', errors: { auth: 'token expired' } }),
      });
      expect(answer.status).toBe(200);
    }
    const bg = await coldBackground();
    const [tenant] = (await view(bg, 'company', 260)).tenants;
    expect(counts()).toEqual({ manage: 3, vendor: 4 }); // /users, /accounts ×2 pages of 500, history
    expect(tenant?.mailboxTotal).toBe(1000);
    expect(tenant?.mailboxes).toHaveLength(3 + MAILBOX_LIST_LIMIT);
    expect(tenant?.mailboxes.slice(0, 3).every((m) => m.health === 'failing')).toBe(true);
    expect(tenant?.health).toMatchObject({ status: 'troubled', counts: { failing: 3, protected: 997 } });
  });

  it('finds the company by what its screen shows when the address names no record (one request, then remembered)', async () => {
    const bg = await coldBackground();
    const screen: ScreenRef = { kind: 'company', recordId: null, label: { identifier: 'ContosoDental', name: 'Contoso Dental Group' } };
    expect(await bg.views.keyOf(screen)).toBe('company:251');
    expect(counts()).toEqual({ manage: 1, vendor: 0 });
    clearRequestLogs(world.sims);
    expect(await bg.views.keyOf(screen)).toBe('company:251');
    // The same identifier caught mid-render (no name yet) is the same look-up.
    expect(await bg.views.keyOf({ ...screen, label: { identifier: 'ContosoDental' } })).toBe('company:251');
    expect(counts()).toEqual({ manage: 0, vendor: 0 });
    await expect(bg.views.keyOf({ kind: 'company', recordId: null, label: { identifier: 'NoSuchCo' } }))
      .rejects.toMatchObject({ data: { code: 'record-not-found' } });
    expect(await bg.views.keyOf({ kind: 'agreement', recordId: null, label: { name: 'Email Backup', companyName: 'Contoso Dental Group' } }))
      .toBe('agreement:19070');
    expect(await bg.views.keyOf({ kind: 'ticket', recordId: null, label: { ticketNumber: 123456 } })).toBe('ticket:123456');
  });
});

describe('agreement view', () => {
  it('Blue Light 19064: one round of 3 CW requests and the organisation list (shared from the cache when fresh)', async () => {
    const bg = await coldBackground();
    const agreement = await view(bg, 'agreement', 19064);
    expect(counts()).toEqual({ manage: 3, vendor: 1 });
    expect(agreement.agreement).toEqual({ id: 19064, name: 'Dropsuite Email Backup', company: { id: 250, name: 'Blue Light, Co.' }, status: 'Active' });
    expect(agreement.rows).toEqual([expect.objectContaining({
      addition: expect.objectContaining({ product: 'uswest.4', quantity: 12, cancelledDate: null }),
      tenant: { orgId: '5979', name: 'Blue Light, Co.', state: 'active' },
      seats: expect.objectContaining({ status: 'in-sync', agreement: { id: 19064, name: 'Dropsuite Email Backup' } }),
      note: null,
    })]);

    clearRequestLogs(world.sims);
    await view(bg, 'agreement', 19065);
    expect(counts()).toEqual({ manage: 3, vendor: 0 });
  });

  it('Contoso 19070 (legacy): under-billed by 7 with the update proposed', async () => {
    const bg = await coldBackground();
    const [row] = (await view(bg, 'agreement', 19070)).rows;
    expect(row).toMatchObject({ tenant: { orgId: '19771' }, addition: { quantity: 18 }, seats: { status: 'under-billed', drift: 7 } });
  });

  it('Café Zürich 19110: the linked tenant without an addition is explained', async () => {
    const bg = await coldBackground();
    const agreement = await view(bg, 'agreement', 19110);
    expect(agreement.rows).toEqual([expect.objectContaining({ addition: null, tenant: expect.objectContaining({ orgId: '20610' }) })]);
    expect(agreement.rows[0]?.note).toMatch(/No addition on this agreement bills Café Zürich GmbH/);
  });

  it('Litware 19095: the cancelled addition shown as such; other products never listed', async () => {
    const bg = await coldBackground();
    const [row] = (await view(bg, 'agreement', 19095)).rows;
    expect(row).toMatchObject({ addition: { cancelledDate: expect.any(String) }, seats: { status: 'addition-cancelled' } });
    expect((await view(bg, 'agreement', 19065)).rows).toEqual([]); // M365, workstations, servers: not the vendor's
  });
});

describe('ticket view', () => {
  const fabrikam = { companyName: 'Fabrikam Legal LLP' };

  it('auth error 123456: 3 CW and 2 vendor requests; re-authorise then retry', async () => {
    const bg = await coldBackground();
    const ticket = await view(bg, 'ticket', 123456, fabrikam);
    expect(counts()).toEqual({ manage: 3, vendor: 2 });
    expect(ticket.ticket).toMatchObject({ id: 123456, closed: false, company: { id: 252, name: 'Fabrikam Legal LLP' } });
    expect(ticket.backup).toMatchObject({
      action: 'backup', actionId: '9201', configurationName: 'uswest.backup.9201', tenant: { orgId: '20114' },
      mailbox: { email: 'jane.doe@fabrikamlegal.com', status: 'auth_error', health: 'failing', attempts: 3 },
      retryWindow: { attempts: 3, maxAttempts: 25 },
      plan: { kind: 'fix', steps: ['reauthorize', 'retry'], message: null },
      fix: null,
    });
  });

  it('retrying 123457 and exhausted 123458: the attempts and what the fix would do', async () => {
    const bg = await coldBackground();
    const retrying = await view(bg, 'ticket', 123457, { companyName: 'Tailspin Toys' });
    expect(retrying.backup).toMatchObject({ retryWindow: { attempts: 7 }, plan: { steps: ['retry'] }, mailbox: { status: 'retrying' } });
    const exhausted = await view(bg, 'ticket', 123458, { companyName: 'Adatum Accounting' });
    expect(exhausted.backup).toMatchObject({
      retryWindow: { attempts: 25, nextAttemptAt: null }, plan: { steps: ['retry'] }, mailbox: { status: 'failed', health: 'failing' },
    });
  });

  it('a plain ticket: no backup part and no vendor call beyond the organisation list', async () => {
    const bg = await coldBackground();
    const ticket = await view(bg, 'ticket', 123459, { companyName: 'Blue Light, Co.' });
    expect(ticket.backup).toBeNull();
    const { manage, vendor } = counts();
    expect(manage).toBe(3);
    expect(vendor).toBeLessThanOrEqual(1);
  });

  it('without the company on screen, its configurations are read by id: still 3 CW requests', async () => {
    const bg = await coldBackground();
    const ticket = await view(bg, 'ticket', 123456);
    expect(ticket.backup?.tenant?.orgId).toBe('20114');
    expect(counts()).toEqual({ manage: 3, vendor: 2 });
  });

  it('the screen naming another company than the ticket’s: one more CW request and round', async () => {
    const bg = await coldBackground();
    const ticket = await view(bg, 'ticket', 123456, { companyName: 'Blue Light, Co.' });
    expect(ticket.backup?.tenant?.orgId).toBe('20114');
    expect(counts()).toEqual({ manage: 4, vendor: 2 });
  });

  it('a tenant linked only by an addition: found by the company’s link scan', async () => {
    const bg = await coldBackground();
    const { client } = await bg.clients.manage();
    const created = await createTicket(client, { summary: 'Dropsuite backup error: frontdesk@contosodental.com', companyId: 251, externalXRef: 'uswest.backup.9101' });
    clearRequestLogs(world.sims);
    const ticket = await view(bg, 'ticket', created.id, { companyName: 'Contoso Dental Group' });
    expect(ticket.backup).toMatchObject({ tenant: { orgId: '19771' }, mailbox: { email: 'frontdesk@contosodental.com', health: 'transient' } });
    expect(counts()).toEqual({ manage: 5, vendor: 2 }); // ticket, notes, configurations; then agreements and their additions
  });

  it('shows a fix under way, then its outcome, from the marker notes every technician sees', async () => {
    const bg = await coldBackground();
    const { client } = await bg.clients.manage();
    const at = new Date(world.sims.clock.now()).toISOString();
    await addTicketNote(client, 123456, formatFixMarker({ phase: 'started', claim: 'k1', taskIds: ['task_1'], by: 'akumar', at }));
    expect((await view(bg, 'ticket', 123456, fabrikam)).backup?.fix).toMatchObject({
      startedBy: 'akumar', result: null, steps: [{ kind: 'vendor-task', status: 'running' }],
    });
    await addTicketNote(client, 123456, formatFixMarker({ phase: 'finished', result: 'fixed', claim: 'k1', taskIds: ['task_1'], by: 'akumar', at }));
    expect((await view(bg, 'ticket', 123456, fabrikam)).backup?.fix).toMatchObject({ startedBy: 'akumar', result: 'fixed' });
  });
});

describe('round trips, cold (100 ms simulated latency would make each one 100 ms)', () => {
  it.each([
    ['company', 250, {}, 2],
    ['agreement', 19064, {}, 1],
    ['ticket', 123456, { companyName: 'Fabrikam Legal LLP' }, 2],
    ['ticket', 123456, {}, 3],
    ['company', 251, {}, 4],
    // 1,000 mailboxes are two pages of 500, asked for together.
    ['company', 260, {}, 2],
  ] as const)('%s %s %j: %s', async (kind, id, label, expected) => {
    const timing = timingFetch(world.sims);
    const bg = await coldBackground({ fetch: timing.fetch });
    world.sims.manage.faults.set({ latencyMs: 40 });
    world.sims.vendor.faults.set({ latencyMs: 40 });
    timing.spans.length = 0;
    await view(bg, kind, id, label);
    expect(roundTrips(timing.spans)).toBe(expected);
  });
});

describe('a restarted worker, every cache cleared: the organisation list kept with the keys', () => {
  /** A background that read the organisation list (as the set-up does), restarted, its caches cleared. */
  async function restartedCold(options: BackgroundOptions = {}): Promise<Background> {
    const first = await coldBackground();
    await (await first.clients.vendor()).listOrganizations();
    await vi.waitFor(async () => expect(await fakeBrowser.storage.local.get('vendorDirectory')).not.toEqual({}));
    const restarted = await backgroundOn(world.sims, { ...options, restartOf: first });
    await restarted.views.clear();
    await restarted.clients.manage();
    clearRequestLogs(world.sims);
    return restarted;
  }

  it('Blue Light: its mailboxes (which carry the organisation) and history only', async () => {
    const bg = await restartedCold();
    const [tenant] = (await view(bg, 'company', 250)).tenants;
    expect(counts()).toEqual({ manage: 3, vendor: 2 });
    expect(tenant).toMatchObject({
      name: 'Blue Light, Co.', state: 'active', mailboxTotal: 12, seats: { bought: 12, used: 12, billed: 12, status: 'in-sync' },
    });
  });

  it('Trey Research, 1,000 mailboxes: two pages asked together with the history, 3 vendor requests in 2 round trips', async () => {
    const timing = timingFetch(world.sims);
    const bg = await restartedCold({ fetch: timing.fetch });
    world.sims.manage.faults.set({ latencyMs: 40 });
    world.sims.vendor.faults.set({ latencyMs: 40 });
    timing.spans.length = 0;
    const [tenant] = (await view(bg, 'company', 260)).tenants;
    expect(counts()).toEqual({ manage: 3, vendor: 3 });
    expect(roundTrips(timing.spans)).toBe(2);
    expect(tenant).toMatchObject({ mailboxTotal: 1000, seats: { used: 1000 } });
  });

  it('an organisation unsubscribed since it was last read: its mailbox rows say so, its own record gives the window', async () => {
    const bg = await restartedCold();
    await (await bg.clients.vendor()).unsubscribe(String(orgSeed('Blue Light, Co.').organizationId));
    clearRequestLogs(world.sims);
    const [tenant] = (await view(bg, 'company', 250)).tenants;
    expect(tenant).toMatchObject({ state: 'unsubscribed', purgeAfter: expect.any(String), health: { status: 'unknown' }, canImpersonate: false });
  });

  it('mailbox rows that do not carry their organisation: the list is read for it', async () => {
    const stripped: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init);
      if (!new URL(new Request(input, init).url).pathname.endsWith('/accounts')) return answer;
      const body = await answer.json() as { result_set: Array<Record<string, unknown>> };
      body.result_set = body.result_set.map(({ user: _user, ...row }) => row);
      return new Response(JSON.stringify(body), { status: answer.status, headers: answer.headers });
    };
    const bg = await restartedCold({ fetch: stripped });
    const [tenant] = (await view(bg, 'company', 250)).tenants;
    expect(counts()).toEqual({ manage: 3, vendor: 3 });
    expect(tenant).toMatchObject({ name: 'Blue Light, Co.', state: 'active', seats: { used: 12 } });
  });

  it('the organisation’s kept token refused: the list says what the organisation is, the error says why', async () => {
    const bg = await restartedCold();
    world.sims.vendor.config.vendorFaults.orgTokenExpired = true;
    const company = await view(bg, 'company', 250);
    expect(company.tenants[0]).toMatchObject({ name: 'Blue Light, Co.', state: 'active', health: { status: 'unknown' } });
    expect(company.errors.vendor?.code).toBe('vendor-org-token');
  });

  it('the vendor down: the tenant unknown, one error, no read of the list on top', async () => {
    const bg = await restartedCold();
    world.sims.vendor.faults.set({ down: true });
    const company = await view(bg, 'company', 250);
    expect(company.tenants[0]).toMatchObject({ state: 'unknown', health: { status: 'unknown' } });
    expect(company.errors.vendor?.code).toBe('vendor-unavailable');
    expect(requestCounts(world.sims).vendorPaths.filter((path) => path.endsWith('/users'))).toEqual([]);
  });
});

describe('served from the cache', () => {
  it('0 requests while fresh; stale: shown at once (refreshing), then the fresh view pushed', async () => {
    const bg = await coldBackground();
    const server = createPanelPortServer({
      views: bg.views, runAction: async () => ({ message: null }), clients: bg.clients, settings: bg.settings, openTab: async () => undefined,
    });
    const subscribe = { type: 'subscribe', screen: { kind: 'company', recordId: 250 } };
    const first = fakePanelPort();
    server.connect(first);
    first.send(subscribe);
    await first.next(isFreshView);
    expect(first.pushes).toHaveLength(1); // nothing cached: the fresh view only

    clearRequestLogs(world.sims);
    const second = fakePanelPort();
    server.connect(second);
    second.send(subscribe);
    const warm = await second.next(isView);
    expect(warm.refreshing).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(counts()).toEqual({ manage: 0, vendor: 0 });

    world.sims.clock.advance(61_000);
    const third = fakePanelPort();
    server.connect(third);
    third.send(subscribe);
    expect(await third.next(isView)).toMatchObject({ refreshing: true });
    const fresh = await third.next(isFreshView, 1);
    expect(Date.parse(fresh.view.asOf)).toBeGreaterThan(Date.parse(warm.view.asOf));
    // Every panel showing the company got the fresh view: one refresh, pushed to all.
    expect(counts()).toEqual({ manage: 3, vendor: 2 });
    await first.next(isFreshView, 1);
  });

  it('a restarted worker (new clients, session storage kept) still answers at once from the cache', async () => {
    const bg = await coldBackground();
    await view(bg, 'company', 250);
    const restarted = await backgroundOn(world.sims, { restartOf: bg });
    clearRequestLogs(world.sims);
    expect(await restarted.views.peek('company:250')).toMatchObject({ fresh: true, view: { kind: 'company' } });
    expect(counts()).toEqual({ manage: 0, vendor: 0 });
  });

  it('keeps no secret in session storage: no key, no token, no per-organisation token', async () => {
    const bg = await coldBackground();
    await Promise.all([view(bg, 'company', 250), view(bg, 'agreement', 19064), view(bg, 'ticket', 123456, { companyName: 'Fabrikam Legal LLP' })]);
    const stored = JSON.stringify(await fakeBrowser.storage.session.get(null));
    expect(stored).toContain('Blue Light');
    expect(stored).not.toMatch(/org_\d+_[0-9a-f]{6}|adm_|BBdemoPrivate|BBdemoPublic|6f2d7c1a-4b8e/);
  });
});
