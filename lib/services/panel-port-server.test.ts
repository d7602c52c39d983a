import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AppError } from '../errors';
import type { ScreenRef } from '../messages/panel';
import { PanelView, WAKE_PORT } from '../messages/panels';
import { panelCollapsedItem, settingsItem } from '../storage';
import type { ActionContext, ActionRunner, ViewKey } from './actions/types';
import type { ClientProvider } from './clients';
import { createPanelPortServer } from './panel-port-server';
import { createSessionCache } from './session-cache';
import type { SettingsService } from './settings-service';
import { fakePanelPort, isFreshView, isResult, isUnavailable, isView } from './test-support';
import { createViewCache } from './view-cache';

beforeEach(() => fakeBrowser.reset());

const companyScreen = { kind: 'company', recordId: 250, label: {} } as const;
const subscribe = (screen: ScreenRef = companyScreen) => ({ type: 'subscribe', screen });

function companyView(name: string): PanelView {
  return {
    kind: 'company',
    company: { id: 250, name, identifier: 'BlueLight' },
    tenants: [],
    openTickets: [],
    portalUrl: null,
    asOf: new Date(0).toISOString(),
    errors: {},
  };
}

/** The port server over a real view cache whose builds count and answer `name #n`. */
function serverWith(runAction: ActionRunner = async () => ({ message: null })) {
  let clock = 1_000_000;
  const now = () => clock;
  let builds = 0;
  const build = vi.fn(async (key: ViewKey) => {
    builds += 1;
    if (key === 'company:404') throw new AppError({ code: 'not-found', message: 'ConnectWise has no company 404.' });
    return companyView(`Blue Light #${builds}`);
  });
  const cache = createViewCache({ store: createSessionCache('views', PanelView, { maxEntries: 10, now }), build, now, freshMs: 60_000 });
  const views = {
    ...cache,
    keyOf: async (screen: ScreenRef): Promise<ViewKey> => {
      if (screen.recordId === null) throw new AppError({ code: 'record-not-found', message: 'Not found.' });
      return `${screen.kind}:${screen.recordId}`;
    },
  };
  const settings = { load: async () => ({ settings: await settingsItem.get(), secrets: {}, locked: [] }) } as unknown as SettingsService;
  const server = createPanelPortServer({
    views, runAction, clients: {} as ClientProvider, settings, openTab: async () => undefined, now,
  });
  const connect = () => {
    const port = fakePanelPort();
    server.connect(port);
    return port;
  };
  return { server, build, views, connect, advance: (ms: number) => (clock += ms) };
}

describe('panel port server', () => {
  it('subscribe: nothing cached → the fresh view; cached and fresh → at once, no build; stale → at once, then fresh', async () => {
    const { connect, build, advance } = serverWith();
    const first = connect();
    first.send(subscribe());
    expect(await first.next(isView)).toMatchObject({ refreshing: false, collapsed: false, view: { company: { name: 'Blue Light #1' } } });

    const second = connect();
    second.send(subscribe());
    expect(await second.next(isView)).toMatchObject({ refreshing: false, view: { company: { name: 'Blue Light #1' } } });
    expect(build).toHaveBeenCalledTimes(1);

    advance(60_000);
    const third = connect();
    third.send(subscribe());
    expect(await third.next(isView)).toMatchObject({ refreshing: true, view: { company: { name: 'Blue Light #1' } } });
    expect(await third.next(isFreshView, 1)).toMatchObject({ view: { company: { name: 'Blue Light #2' } } });
    // The others showing it got the new view too.
    expect(await first.next(isFreshView, 1)).toMatchObject({ view: { company: { name: 'Blue Light #2' } } });
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('ignores invalid requests (with a warning) and ports that are not panels', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { server, connect, build } = serverWith();
    const port = connect();
    port.send({ type: 'subscribe', screen: { kind: 'contact', recordId: 1 } });
    port.send({ type: 'action', requestId: '', action: { kind: 'refresh' } });
    port.send('hello');
    const stranger = fakePanelPort('someone-else');
    server.connect(stranger);
    stranger.send(subscribe());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(warn).toHaveBeenCalledTimes(3);
    expect(port.pushes).toEqual([]);
    expect(stranger.pushes).toEqual([]);
    expect(build).not.toHaveBeenCalled();
  });

  it('closes a wake-up port at once: it only had to start the worker', () => {
    const { server } = serverWith();
    const wake = { ...fakePanelPort(WAKE_PORT), disconnect: vi.fn() };
    server.connect(wake);
    expect(wake.disconnect).toHaveBeenCalledOnce();
  });

  it('a screen that cannot be shown: unavailable with the reason', async () => {
    const { connect } = serverWith();
    const lost = connect();
    lost.send(subscribe({ kind: 'company', recordId: null, label: { identifier: 'Nope' } }));
    expect(await lost.next(isUnavailable)).toMatchObject({ screen: 'company', error: { code: 'record-not-found' } });
    const gone = connect();
    gone.send(subscribe({ kind: 'company', recordId: 404, label: {} }));
    expect(await gone.next(isUnavailable)).toMatchObject({ error: { code: 'not-found' } });
  });

  it('runs other actions through the runner: progress and result carry the request id', async () => {
    await settingsItem.set({ mappings: {}, keysStorage: 'local', technician: 'Asha Kumar' });
    let seen: ActionContext | undefined;
    const { connect } = serverWith(async (action, context) => {
      seen = context;
      context.progress('Re-authorising jane.doe@fabrikamlegal.com');
      context.progress('Retrying the backup');
      if (action.kind === 'open-portal') throw new AppError({ code: 'vendor-unsupported', message: 'The vendor has no portal link.' });
      return { message: 'Fixed: the backup completed.' };
    });
    const port = connect();
    port.send({ type: 'action', requestId: 'r1', action: { kind: 'fix-backup', ticketId: 123456 } });
    expect(await port.next(isResult('r1'))).toEqual({ type: 'result', requestId: 'r1', ok: true, message: 'Fixed: the backup completed.' });
    expect(port.pushes.filter((p) => p.type === 'progress')).toEqual([
      { type: 'progress', requestId: 'r1', message: 'Re-authorising jane.doe@fabrikamlegal.com' },
      { type: 'progress', requestId: 'r1', message: 'Retrying the backup' },
    ]);
    expect(seen?.actor).toBe('Asha Kumar');

    port.send({ type: 'action', requestId: 'r2', action: { kind: 'open-portal' } });
    expect(await port.next(isResult('r2'))).toMatchObject({ ok: false, message: null, error: { code: 'vendor-unsupported' } });
  });

  it('suggestions come back with the result', async () => {
    const suggestion = { orgId: '20412', name: 'Woodgrove Bakery Ltd', domains: ['woodgrovebakery.com'], score: 0.97, reasons: ['domain'], linkedTo: null };
    const { connect } = serverWith(async () => ({ message: null, suggestions: [suggestion] }));
    const port = connect();
    port.send({ type: 'action', requestId: 's', action: { kind: 'suggest-links', companyId: 255 } });
    expect(await port.next(isResult('s'))).toMatchObject({ ok: true, suggestions: [suggestion] });
  });

  it('an action that invalidates a view: every panel showing it, in any tab, gets the fresh one', async () => {
    const { connect, build } = serverWith(async (_action, context) => {
      context.invalidate('company:250');
      return { message: 'Linked.' };
    });
    const here = connect();
    const elsewhere = connect();
    here.send(subscribe());
    elsewhere.send(subscribe());
    await here.next(isFreshView);
    await elsewhere.next(isFreshView);
    const before = elsewhere.pushes.length;
    here.send({ type: 'action', requestId: 'l', action: { kind: 'link-tenant', companyId: 250, orgId: '5979', agreementId: 19064 } });
    await here.next(isResult('l'));
    expect(await elsewhere.next(isFreshView, before)).toMatchObject({ view: { company: { name: 'Blue Light #2' } } });
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('refresh: rebuilt even while fresh, answered when done', async () => {
    const { connect, build } = serverWith();
    const port = connect();
    port.send({ type: 'action', requestId: 'early', action: { kind: 'refresh' } });
    expect(await port.next(isResult('early'))).toMatchObject({ ok: false, error: { code: 'not-subscribed' } });
    port.send(subscribe());
    await port.next(isFreshView);
    port.send({ type: 'action', requestId: 'r', action: { kind: 'refresh' } });
    expect(await port.next(isResult('r'))).toMatchObject({ ok: true });
    expect(await port.next(isFreshView, 2)).toMatchObject({ view: { company: { name: 'Blue Light #2' } } });
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('set-collapsed: remembered per screen kind and echoed in later pushes', async () => {
    const { connect } = serverWith();
    const port = connect();
    port.send({ type: 'action', requestId: 'c', action: { kind: 'set-collapsed', screen: 'company', collapsed: true } });
    expect(await port.next(isResult('c'))).toMatchObject({ ok: true });
    expect(await panelCollapsedItem.get()).toEqual({ company: true });
    port.send(subscribe());
    expect(await port.next(isView)).toMatchObject({ collapsed: true });
    const ticket = connect();
    ticket.send(subscribe({ kind: 'ticket', recordId: 1, label: {} }));
    expect(await ticket.next(isView)).toMatchObject({ collapsed: false });
  });

  it('a disconnected port gets nothing more', async () => {
    const { connect, server } = serverWith();
    const gone = connect();
    gone.send(subscribe());
    await gone.next(isFreshView);
    gone.disconnect();
    const pushes = gone.pushes.length;
    await server.invalidate('company:250');
    const stays = connect();
    stays.send(subscribe());
    await stays.next(isFreshView);
    expect(gone.pushes).toHaveLength(pushes);
  });
});
