import type { ActionContext } from './types';

/**
 * One run per key at a time, within this worker: a second request for the same work while the
 * first runs (a double click, the panel reloaded mid-task) joins it instead of starting again.
 * Everyone who joined hears the same progress (a late joiner first hears the latest line) and
 * gets the same result or error.
 * DECISION: view invalidations go to every joined caller too: the caller that started the run
 * may be a panel that has gone away since.
 */
export function createSingleFlight<T>() {
  const running = new Map<string, { promise: Promise<T>; join(context: ActionContext): void }>();

  return function run(key: string, context: ActionContext, work: (shared: ActionContext) => Promise<T>): Promise<T> {
    const current = running.get(key);
    if (current) {
      current.join(context);
      return current.promise;
    }
    const audience = new Set([context]);
    let latest: string | null = null;
    const shared: ActionContext = {
      ...context,
      progress(message) {
        latest = message;
        for (const listener of audience) listener.progress(message);
      },
      invalidate(...keys) {
        for (const listener of audience) listener.invalidate(...keys);
      },
    };
    const promise = (async () => {
      try {
        return await work(shared);
      } finally {
        running.delete(key);
      }
    })();
    running.set(key, {
      promise,
      join(joiner) {
        audience.add(joiner);
        if (latest !== null) joiner.progress(latest);
      },
    });
    return promise;
  };
}
