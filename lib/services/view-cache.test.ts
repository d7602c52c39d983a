import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { z } from 'zod';
import { AppError } from '../errors';
import type { ScreenRef } from '../messages/panel';
import { PanelView } from '../messages/panels';
import type { ViewKey } from './actions/types';
import { createSessionCache } from './session-cache';
import { createViewCache, type ViewOutcome } from './view-cache';

beforeEach(() => fakeBrowser.reset());

const screen: ScreenRef = { kind: 'ticket', recordId: 1, label: {} };

function ticketView(summary: string, asOf = '2026-03-10T09:00:00.000Z'): PanelView {
  return {
    kind: 'ticket',
    ticket: { id: 1, summary, status: 'New', closed: false, company: { id: 250, name: 'Blue Light, Co.' } },
    backup: null,
    asOf,
    errors: {},
  };
}

/** A view cache whose builds the test controls: each call takes the next answer (a view or an error). */
function cacheWith(answers: Array<PanelView | Error | Promise<PanelView>>) {
  let clock = 1_000_000;
  const store = createSessionCache('views', PanelView, { maxEntries: 10, now: () => clock });
  const build = vi.fn(async (_key: ViewKey, _screen: ScreenRef): Promise<PanelView> => {
    const answer = answers.shift();
    if (answer === undefined) throw new Error('no more answers');
    if (answer instanceof Error) throw answer;
    return answer;
  });
  const cache = createViewCache({ store, build, now: () => clock, freshMs: 60_000 });
  const updates: Array<[ViewKey, ViewOutcome]> = [];
  cache.onUpdate((key, outcome) => updates.push([key, outcome]));
  return { cache, build, store, updates, advance: (ms: number) => (clock += ms) };
}

const manageDown = () => new AppError({ code: 'server-error', message: 'ConnectWise answered 503.' });

describe('view cache', () => {
  it('fresh for freshMs, then stale', async () => {
    const { cache, advance } = cacheWith([ticketView('a')]);
    expect(await cache.peek('ticket:1')).toBeNull();
    await cache.refresh('ticket:1', screen);
    expect(await cache.peek('ticket:1')).toMatchObject({ fresh: true, view: { ticket: { summary: 'a' } } });
    advance(59_999);
    expect((await cache.peek('ticket:1'))?.fresh).toBe(true);
    advance(1);
    expect((await cache.peek('ticket:1'))?.fresh).toBe(false);
  });

  it('one refresh per key at a time: callers together share it', async () => {
    let release!: (view: PanelView) => void;
    const { cache, build, updates } = cacheWith([new Promise<PanelView>((resolve) => (release = resolve))]);
    const first = cache.refresh('ticket:1', screen);
    const second = cache.refresh('ticket:1', screen);
    release(ticketView('shared'));
    expect(await first).toEqual(await second);
    expect(build).toHaveBeenCalledTimes(1);
    expect(updates).toHaveLength(1);
  });

  it('invalidate: the view goes stale (kept to show), and a refresh already running is superseded', async () => {
    let release!: (view: PanelView) => void;
    const { cache, updates } = cacheWith([ticketView('before'), new Promise<PanelView>((resolve) => (release = resolve)), ticketView('after')]);
    await cache.refresh('ticket:1', screen);
    const running = cache.refresh('ticket:1', screen);
    await cache.invalidate('ticket:1');
    expect(await cache.peek('ticket:1')).toMatchObject({ fresh: false, view: { ticket: { summary: 'before' } } });
    const next = cache.refresh('ticket:1', screen); // not joined to the superseded one
    release(ticketView('read before the write'));
    await running;
    expect(await next).toMatchObject({ view: { ticket: { summary: 'after' } } });
    expect((await cache.peek('ticket:1'))?.view).toMatchObject({ ticket: { summary: 'after' } });
    expect(updates.map(([, o]) => (o.kind === 'view' && o.view.kind === 'ticket' ? o.view.ticket.summary : null))).toEqual(['before', 'after']);
  });

  it('Manage failing: the cached view with errors.manage; nothing cached: unavailable', async () => {
    const { cache, advance } = cacheWith([manageDown(), ticketView('cached', '2026-03-10T08:00:00.000Z'), manageDown()]);
    expect(await cache.refresh('ticket:1', screen)).toMatchObject({ kind: 'unavailable', error: { code: 'server-error' } });
    await cache.refresh('ticket:1', screen);
    advance(120_000);
    const outcome = await cache.refresh('ticket:1', screen);
    expect(outcome).toMatchObject({ kind: 'view', view: { asOf: '2026-03-10T08:00:00.000Z', errors: { manage: { code: 'server-error' } } } });
    expect((await cache.peek('ticket:1'))?.view.errors).toEqual({}); // the clean view stays cached
  });

  it.each(['manage-not-configured', 'vendor-not-configured', 'permission-needed', 'not-found'])(
    '%s: unavailable even with a view cached',
    async (code) => {
      const { cache } = cacheWith([ticketView('cached'), new AppError({ code, message: 'set up' })]);
      await cache.refresh('ticket:1', screen);
      expect(await cache.refresh('ticket:1', screen)).toMatchObject({ kind: 'unavailable', error: { code } });
    },
  );

  it('a bug is reported as internal, not thrown at the port', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { cache } = cacheWith([new TypeError('x is undefined')]);
    expect(await cache.refresh('ticket:1', screen)).toMatchObject({ kind: 'unavailable', error: { code: 'internal' } });
    expect(error).toHaveBeenCalled();
  });
});

describe('session cache', () => {
  it('keeps at most maxEntries, evicting the least recently used', async () => {
    let clock = 0;
    const cache = createSessionCache('test', z.string(), { maxEntries: 2, now: () => ++clock });
    await cache.set('a', 'A', 0);
    await cache.set('b', 'B', 0);
    await cache.get('a'); // a is now more recent than b
    await cache.set('c', 'C', 0);
    expect(await cache.get('a')).toMatchObject({ value: 'A' });
    expect(await cache.get('b')).toBeNull();
    expect(await cache.get('c')).toMatchObject({ value: 'C' });
    expect(Object.keys(await fakeBrowser.storage.session.get(null)).sort()).toEqual(['cache:test', 'cache:test:a', 'cache:test:c']);
  });

  it('reads a stored value that no longer fits its schema as missing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const cache = createSessionCache('test', z.string(), { maxEntries: 2, now: () => 0 });
    await fakeBrowser.storage.session.set({ 'cache:test:a': { value: 42, fetchedAt: 0 } });
    expect(await cache.get('a')).toBeNull();
    expect(warn).toHaveBeenCalled();
  });

  it('delete and clear remove the entries and the index', async () => {
    const cache = createSessionCache('test', z.string(), { maxEntries: 5, now: () => 0 });
    await cache.set('a', 'A', 0);
    await cache.set('b', 'B', 0);
    await cache.delete('a');
    expect(await cache.get('a')).toBeNull();
    await cache.clear();
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});
