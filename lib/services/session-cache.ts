import type { z } from 'zod';
import { cacheEntryItem, cacheIndexItem } from '../storage';

/**
 * A small keyed cache in storage.session, validated on the way out (lib/storage.ts), bounded by
 * a count of entries with the least recently used evicted first: storage.session has a quota
 * (about 10 MB in Chrome) shared by everything the background keeps there. Each value carries
 * the time it was fetched; what "fresh" means is the caller's business.
 */
export interface CachedValue<T> {
  value: T;
  /** Epoch ms. */
  fetchedAt: number;
}

export interface SessionCache<T> {
  get(key: string): Promise<CachedValue<T> | null>;
  set(key: string, value: T, fetchedAt: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Forget every entry (the settings changed: another site or reseller). */
  clear(): Promise<void>;
}

export interface SessionCacheOptions {
  /** At most this many entries; the least recently used go first. */
  maxEntries: number;
  now(): number;
}

export function createSessionCache<S extends z.core.$ZodType>(
  namespace: string,
  schema: S,
  options: SessionCacheOptions,
): SessionCache<z.output<S>> {
  type T = z.output<S>;
  const index = cacheIndexItem(namespace);
  const entry = (key: string) => cacheEntryItem(namespace, key, schema);
  // Index updates read, change and write one item: one at a time, or a concurrent one is lost.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <R>(task: () => Promise<R>): Promise<R> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  const touch = (key: string) =>
    serially(async () => {
      const used = await index.get();
      await index.set({ ...used, [key]: options.now() });
    });

  return {
    async get(key) {
      const found = await entry(key).get();
      // Not waited for: a cache hit is on the panel's critical path; the queue keeps the order.
      if (found) touch(key).catch(() => undefined);
      return found as CachedValue<T> | null;
    },

    async set(key, value, fetchedAt) {
      await entry(key).set({ value, fetchedAt });
      await serially(async () => {
        const used = { ...(await index.get()), [key]: options.now() };
        const evicted = Object.keys(used)
          .filter((other) => other !== key)
          .sort((a, b) => (used[a] ?? 0) - (used[b] ?? 0))
          .slice(0, Math.max(0, Object.keys(used).length - options.maxEntries));
        for (const old of evicted) delete used[old];
        await Promise.all(evicted.map((old) => entry(old).remove()));
        await index.set(used);
      });
    },

    async delete(key) {
      await entry(key).remove();
      await serially(async () => {
        const used = await index.get();
        delete used[key];
        await index.set(used);
      });
    },

    clear: () =>
      serially(async () => {
        await Promise.all(Object.keys(await index.get()).map((key) => entry(key).remove()));
        await index.remove();
      }),
  };
}
