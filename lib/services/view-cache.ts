import { AppError, type AppErrorData } from '../errors';
import type { ScreenRef } from '../messages/panel';
import type { PanelView } from '../messages/panels';
import type { ViewKey } from './actions/types';
import type { SessionCache } from './session-cache';

/**
 * The panels' views by key, stale-while-revalidate:
 * - a view younger than `freshMs` and without partial errors is fresh: served, no request made;
 * - an older one is served at once (marked refreshing) while a refresh runs;
 * - one refresh per key at a time: panels and tabs asking together share it;
 * - `invalidate` (after an action) makes a view stale; a refresh already running for it is
 *   superseded (its result, possibly read before the action's write, is neither stored nor pushed);
 * - a refresh that fails because of Manage (down, keys refused) answers with the cached view and
 *   the error in `errors.manage`, or `unavailable` when nothing is cached; set-up problems and a
 *   record that no longer exists are always `unavailable`.
 * Every finished refresh is announced to `onUpdate` listeners (the port server pushes it).
 */

export type ViewOutcome =
  | { kind: 'view'; view: PanelView }
  | { kind: 'unavailable'; error: AppErrorData };

export interface ViewCacheOptions {
  store: SessionCache<PanelView>;
  build(key: ViewKey, screen: ScreenRef): Promise<PanelView>;
  now(): number;
  freshMs: number;
}

/** No cached view stands in for these: the technician has to act (set up, allow, reopen). */
const NOTHING_TO_SHOW = new Set([
  'manage-not-configured', 'vendor-not-configured', 'permission-needed', 'not-found', 'record-not-found',
]);

const hasErrors = (view: PanelView) => view.errors.manage !== undefined || view.errors.vendor !== undefined;

export function createViewCache(options: ViewCacheOptions) {
  const { store, now } = options;
  const running = new Map<ViewKey, Promise<ViewOutcome>>();
  /** Bumped by invalidate: a refresh started under an older generation is superseded. */
  const generations = new Map<ViewKey, number>();
  const listeners = new Set<(key: ViewKey, outcome: ViewOutcome) => void>();
  const generationOf = (key: ViewKey) => generations.get(key) ?? 0;

  async function load(key: ViewKey, screen: ScreenRef, generation: number): Promise<ViewOutcome> {
    const fetchedAt = now();
    try {
      const view = await options.build(key, screen);
      if (generation === generationOf(key)) await store.set(key, view, fetchedAt);
      return { kind: 'view', view };
    } catch (thrown) {
      const error = AppError.from(thrown);
      if (error.data.code === 'internal') console.error(`Backup Bridge: building ${key} failed`, thrown);
      const cached = NOTHING_TO_SHOW.has(error.data.code) ? null : await store.get(key);
      if (!cached) return { kind: 'unavailable', error: error.data };
      return { kind: 'view', view: { ...cached.value, errors: { ...cached.value.errors, manage: error.data } } };
    }
  }

  return {
    /** The cached view, and whether it is fresh; never asks an API. */
    async peek(key: ViewKey): Promise<{ view: PanelView; fresh: boolean } | null> {
      const cached = await store.get(key);
      if (!cached) return null;
      return { view: cached.value, fresh: now() - cached.fetchedAt < options.freshMs && !hasErrors(cached.value) };
    },

    /** A refresh of `key`, or the one already running. */
    refresh(key: ViewKey, screen: ScreenRef): Promise<ViewOutcome> {
      const current = running.get(key);
      if (current) return current;
      const generation = generationOf(key);
      const refreshing = load(key, screen, generation)
        .then((outcome) => {
          if (generation === generationOf(key)) for (const listener of listeners) listener(key, outcome);
          return outcome;
        })
        .finally(() => {
          if (running.get(key) === refreshing) running.delete(key);
        });
      running.set(key, refreshing);
      return refreshing;
    },

    /** Make these views stale; a refresh running for one of them no longer counts. */
    async invalidate(...keys: ViewKey[]): Promise<void> {
      await Promise.all(keys.map(async (key) => {
        generations.set(key, generationOf(key) + 1);
        running.delete(key);
        const cached = await store.get(key);
        // Kept, not dropped: if the refresh fails, the panel still has something to show.
        if (cached) await store.set(key, cached.value, 0);
      }));
    },

    onUpdate(listener: (key: ViewKey, outcome: ViewOutcome) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Forget running refreshes (their results are dropped); the caller clears the store. */
    reset(): void {
      for (const key of running.keys()) generations.set(key, generationOf(key) + 1);
      running.clear();
    },
  };
}
export type ViewCache = ReturnType<typeof createViewCache>;
