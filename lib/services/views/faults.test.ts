import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as z from 'zod/mini';
import { CompanyView, PanelView, TicketView } from '../../messages/panels';
import type { ScreenRef } from '../../messages/panel';
import { backgroundOn, clearRequestLogs, requestCounts, simulators, type BackgroundOptions } from '../test-support';

const world = simulators();
beforeEach(() => fakeBrowser.reset());

const company250: ScreenRef = { kind: 'company', recordId: 250, label: {} };
const ticket123456: ScreenRef = { kind: 'ticket', recordId: 123456, label: { companyName: 'Fabrikam Legal LLP' } };

async function outcomeOf(options: BackgroundOptions, screen: ScreenRef, bg?: Awaited<ReturnType<typeof backgroundOn>>) {
  const background = bg ?? (await backgroundOn(world.sims, options));
  const outcome = await background.views.refresh(`${screen.kind}:${screen.recordId ?? 0}`, screen);
  if (outcome.kind === 'view') z.parse(PanelView, outcome.view);
  return outcome;
}

describe('the vendor down', () => {
  beforeEach(() => world.sims.vendor.faults.set({ down: true }));

  it('company: the ConnectWise side still shows, every linked tenant listed, the vendor error beside it', async () => {
    const outcome = await outcomeOf({}, company250);
    const view = z.parse(CompanyView, outcome.kind === 'view' ? outcome.view : null);
    expect(view.errors.vendor).toMatchObject({ code: 'vendor-unavailable', message: expect.any(String) });
    expect(view.errors.manage).toBeUndefined();
    expect(view.tenants).toEqual([expect.objectContaining({
      orgId: '5979', state: 'unknown', linkedVia: ['configuration', 'addition'], mailboxes: [], history: [], health: expect.objectContaining({ status: 'unknown' }),
      seats: expect.objectContaining({ billed: 12, bought: null, agreement: { id: 19064, name: 'Agreement #19064' } }),
    })]);
  });

  it('backup ticket: the ticket and its action from ConnectWise, the fix blocked with the vendor error', async () => {
    const outcome = await outcomeOf({}, ticket123456);
    const view = z.parse(TicketView, outcome.kind === 'view' ? outcome.view : null);
    expect(view.errors.vendor?.code).toBe('vendor-unavailable');
    expect(view.backup).toMatchObject({ action: 'backup', actionId: '9201', mailbox: null, plan: { kind: 'cannot-fix', steps: [], message: expect.any(String) } });
  });

  it('plain ticket: nothing about the vendor', async () => {
    const outcome = await outcomeOf({}, { kind: 'ticket', recordId: 123459, label: {} });
    expect(outcome).toMatchObject({ kind: 'view', view: { backup: null, errors: {} } });
  });

  it('a view with a partial error is never fresh: the next panel asks again', async () => {
    const bg = await backgroundOn(world.sims);
    await outcomeOf({}, company250, bg);
    expect(await bg.views.peek('company:250')).toMatchObject({ fresh: false });
  });
});

describe('organisation tokens refused', () => {
  it('tenants still listed, the vendor error says so', async () => {
    world.sims.vendor.config.vendorFaults.orgTokenExpired = true;
    const outcome = await outcomeOf({}, company250);
    expect(outcome).toMatchObject({ kind: 'view', view: { tenants: [expect.objectContaining({ orgId: '5979', state: 'active' })] } });
    expect(outcome.kind === 'view' && outcome.view.errors.vendor?.code).toMatch(/^vendor-/);
  });
});

describe('Manage down', () => {
  it('nothing cached: unavailable, with the client’s words', async () => {
    world.sims.manage.faults.set({ down: true });
    const outcome = await outcomeOf({}, company250);
    expect(outcome).toMatchObject({ kind: 'unavailable', error: { code: expect.any(String), message: expect.any(String) } });
  });

  it('a failed view stops its other ConnectWise reads: none goes on retrying for nobody', async () => {
    world.sims.manage.faults.set({ down: true });
    const manageSignals: AbortSignal[] = [];
    const watching: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      if (request.url.includes('/apis/3.0/')) manageSignals.push(request.signal);
      return fetch(request);
    };
    const outcome = await outcomeOf({ fetch: watching }, company250);
    expect(outcome).toMatchObject({ kind: 'unavailable' });
    expect(manageSignals.length).toBeGreaterThanOrEqual(2);
    expect(manageSignals.every((signal) => signal.aborted)).toBe(true);
  });

  it('cached: the cached view, marked with the Manage error; the cache keeps the clean one', async () => {
    const bg = await backgroundOn(world.sims);
    const first = await outcomeOf({}, company250, bg);
    world.sims.manage.faults.set({ down: true });
    world.sims.clock.advance(61_000);
    const second = await outcomeOf({}, company250, bg);
    expect(second).toMatchObject({ kind: 'view', view: { kind: 'company', errors: { manage: { message: expect.any(String) } } } });
    expect(second.kind === 'view' && second.view.asOf).toBe(first.kind === 'view' && first.view.asOf);
    expect((await bg.views.peek('company:250'))?.view.errors).toEqual({});
  });
});

describe('expired keys and set-up', () => {
  it('a revoked Manage key: unavailable with the client’s message', async () => {
    const outcome = await outcomeOf({ manageKey: 'revoked' }, company250);
    expect(outcome).toMatchObject({ kind: 'unavailable', error: { code: 'bad-keys' } });
  });

  it.each([
    ['manage', 'manage-not-configured'],
    ['vendor', 'vendor-not-configured'],
  ] as const)('%s not set up: unavailable with %s, so the panel can offer set-up', async (without, code) => {
    const outcome = await outcomeOf({ without }, company250);
    expect(outcome).toMatchObject({ kind: 'unavailable', error: { code } });
  });
});

describe('429 storms', () => {
  it('both APIs refuse a few requests: the view still comes, the refused requests retried', async () => {
    const bg = await backgroundOn(world.sims);
    await bg.clients.manage();
    clearRequestLogs(world.sims);
    world.sims.manage.faults.set({ rateLimitStorm: 2, retryAfterSeconds: 0 });
    world.sims.vendor.faults.set({ rateLimitStorm: 2, retryAfterSeconds: 0 });
    const outcome = await outcomeOf({}, company250, bg);
    expect(outcome).toMatchObject({ kind: 'view', view: { errors: {}, tenants: [expect.objectContaining({ state: 'active' })] } });
    const { manage, vendor } = requestCounts(world.sims);
    expect({ manage, vendor }).toEqual({ manage: 3 + 2, vendor: 3 + 2 });
  });
});
