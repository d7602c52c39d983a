import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { companyViews, unavailableErrors, viewPush } from '../../components/fixtures/views';
import type { ScreenRef } from '../messages/panel';
import { PANEL_PORT, type PanelRequest } from '../messages/panels';
import { connectPanel, type PortLike } from './panel-port';
import { FakePort } from './panel-port.test-support';

const screen: ScreenRef = { kind: 'company', recordId: 251, label: { name: 'Contoso Dental Group' } };
let ports: FakePort[];
let connect: ReturnType<typeof vi.fn<(name: string) => PortLike>>;
let controller: AbortController;
const port = () => ports.at(-1)!;

beforeEach(() => {
  ports = [];
  connect = vi.fn((_name: string) => {
    const next = new FakePort();
    ports.push(next);
    return next;
  });
  controller = new AbortController();
});
afterEach(() => controller.abort());

const open = () => connectPanel({ screen, signal: controller.signal, connect });
const resultFor = (requestId: string, message: string | null = 'Done.') => ({ type: 'result', requestId, ok: true, message });

describe('connectPanel', () => {
  test('subscribes to its screen on the panel port', () => {
    const panel = open();
    expect(connect).toHaveBeenCalledWith(PANEL_PORT);
    expect(port().sent).toEqual([{ type: 'subscribe', screen }]);
    expect(panel.view.value).toBeNull();
    expect(panel.unavailable.value).toBeNull();
  });

  test('keeps the pushed view, its refreshing flag and the remembered collapse', () => {
    const panel = open();
    port().push(viewPush(companyViews.drift, { refreshing: true, collapsed: true }));
    expect(panel.view.value).toEqual(companyViews.drift);
    expect(panel.refreshing.value).toBe(true);
    expect(panel.collapsed.value).toBe(true);
    port().push(viewPush(companyViews.drift));
    expect(panel.refreshing.value).toBe(false);
    expect(panel.collapsed.value).toBe(false);
  });

  test('ignores (and warns about) a push that breaks the protocol, or is for another screen', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const panel = open();
    port().push(viewPush(companyViews.drift));
    port().push({ type: 'view', view: { ...companyViews.healthy, asOf: 42 }, refreshing: false, collapsed: false });
    port().push({ type: 'hello' });
    expect(warn).toHaveBeenCalledTimes(2);
    port().push({ type: 'unavailable', screen: 'ticket', error: unavailableErrors.manageDown, collapsed: false });
    expect(panel.view.value).toEqual(companyViews.drift);
    expect(panel.unavailable.value).toBeNull();
  });

  test('unavailable: no view, the reason', () => {
    const panel = open();
    port().push(viewPush(companyViews.drift));
    port().push({ type: 'unavailable', screen: 'company', error: unavailableErrors.notConfigured, collapsed: false });
    expect(panel.view.value).toBeNull();
    expect(panel.unavailable.value).toEqual(unavailableErrors.notConfigured);
  });

  test('actions: each has its own request id; progress and result go to the one that asked', async () => {
    const panel = open();
    const firstProgress = vi.fn();
    const secondProgress = vi.fn();
    const first = panel.act({ kind: 'fix-backup', ticketId: 123456 }, firstProgress);
    const second = panel.act({ kind: 'suggest-links', companyId: 251 }, secondProgress);
    const [, a, b] = port().sent as Array<Extract<PanelRequest, { type: 'action' }>>;
    expect(a).toEqual({ type: 'action', requestId: expect.any(String), action: { kind: 'fix-backup', ticketId: 123456 } });
    expect(b!.requestId).not.toBe(a!.requestId);

    port().push({ type: 'progress', requestId: a!.requestId, message: 'Re-authorising…' });
    port().push({ type: 'progress', requestId: 'someone-else', message: 'Not yours' });
    expect(firstProgress).toHaveBeenCalledWith('Re-authorising…');
    expect(firstProgress).toHaveBeenCalledTimes(1);
    expect(secondProgress).not.toHaveBeenCalled();

    port().push({ ...resultFor(b!.requestId, null), suggestions: [] });
    port().push(resultFor(a!.requestId, 'Fixed.'));
    await expect(first).resolves.toMatchObject({ ok: true, message: 'Fixed.' });
    await expect(second).resolves.toMatchObject({ ok: true, suggestions: [] });
  });

  test('refreshing while a refresh it asked for runs', async () => {
    const panel = open();
    port().push(viewPush(companyViews.drift));
    const refresh = panel.act({ kind: 'refresh' });
    expect(panel.refreshing.value).toBe(true);
    const request = port().sent[1] as Extract<PanelRequest, { type: 'action' }>;
    port().push(resultFor(request.requestId));
    await refresh;
    expect(panel.refreshing.value).toBe(false);
  });

  test('a collapse toggle applies at once, and later pushes do not undo it', () => {
    const panel = open();
    port().push(viewPush(companyViews.drift, { collapsed: false }));
    void panel.act({ kind: 'set-collapsed', screen: 'company', collapsed: true });
    expect(panel.collapsed.value).toBe(true);
    expect(port().sent[1]).toMatchObject({ type: 'action', action: { kind: 'set-collapsed', screen: 'company', collapsed: true } });
    port().push(viewPush(companyViews.drift, { collapsed: false }));
    expect(panel.collapsed.value).toBe(true);
  });

  test('reconnects and resubscribes when the service worker restarts; an action in flight is reported lost', async () => {
    const panel = open();
    port().push(viewPush(companyViews.drift));
    const fix = panel.act({ kind: 'fix-backup', ticketId: 123456 });
    port().drop();
    await expect(fix).resolves.toMatchObject({ ok: false, error: { code: 'connection-lost' } });
    expect(ports).toHaveLength(2);
    expect(port().sent).toEqual([{ type: 'subscribe', screen }]);
    expect(panel.view.value).toEqual(companyViews.drift);

    // A push proves the new port works, so a later restart is survived too.
    port().push(viewPush(companyViews.drift));
    port().drop();
    expect(ports).toHaveLength(3);
    expect(panel.unavailable.value).toBeNull();
  });

  test('gives up after one failed reconnect, keeps the last view, and retries once on the next click', async () => {
    const panel = open();
    port().push(viewPush(companyViews.drift));
    port().drop();
    port().drop();
    expect(ports).toHaveLength(2);
    expect(panel.unavailable.value).toMatchObject({ code: 'extension-unavailable', message: 'Backup Bridge is not responding.' });
    expect(panel.view.value).toEqual(companyViews.drift);

    void panel.act({ kind: 'refresh' });
    expect(ports).toHaveLength(3);
    expect(port().sent.map((m) => m.type)).toEqual(['subscribe', 'action']);
  });

  test('the background cannot be reached at first: said, and tried again on the next click', () => {
    connect.mockImplementationOnce(() => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    const panel = open();
    expect(panel.unavailable.value).toMatchObject({ message: 'Backup Bridge is not responding.' });
    void panel.act({ kind: 'refresh' });
    expect(port().sent.map((m) => m.type)).toEqual(['subscribe', 'action']);
  });

  test('extension reloaded ("Extension context invalidated"): stops quietly', async () => {
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    const panel = open();
    port().push(viewPush(companyViews.drift));
    connect.mockImplementation(() => {
      throw new Error('Extension context invalidated.');
    });
    port().drop();
    expect(panel.unavailable.value).toMatchObject({ message: 'Backup Bridge was updated or reloaded.', hint: 'Reload this page to see current backup data.' });
    await expect(panel.act({ kind: 'refresh' })).resolves.toMatchObject({ ok: false });
    expect(connect).toHaveBeenCalledTimes(2);
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  test('a post that finds the context invalidated stops quietly too', async () => {
    const panel = open();
    port().postMessage = () => {
      throw new Error('Extension context invalidated.');
    };
    await expect(panel.act({ kind: 'refresh' })).resolves.toMatchObject({ ok: false });
    expect(panel.unavailable.value).toMatchObject({ message: 'Backup Bridge was updated or reloaded.' });
    expect(port().disconnected).toBe(true);
  });

  test('abort: disconnects, settles what is pending, never reconnects', async () => {
    const panel = open();
    const fix = panel.act({ kind: 'fix-backup', ticketId: 123456 });
    controller.abort();
    expect(port().disconnected).toBe(true);
    await expect(fix).resolves.toMatchObject({ ok: false, error: { code: 'panel-closed' } });
    port().drop();
    expect(ports).toHaveLength(1);
    const sent = port().sent.length;
    await expect(panel.act({ kind: 'refresh' })).resolves.toMatchObject({ ok: false });
    expect(port().sent).toHaveLength(sent);
  });

  test('an already aborted signal never connects', () => {
    controller.abort();
    open();
    expect(connect).not.toHaveBeenCalled();
  });
});
