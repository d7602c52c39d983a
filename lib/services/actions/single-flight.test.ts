import { describe, expect, it, vi } from 'vitest';
import { createSingleFlight } from './single-flight';
import type { ActionContext } from './types';

function context(): ActionContext & { lines: string[]; keys: string[] } {
  const lines: string[] = [];
  const keys: string[] = [];
  return {
    lines, keys,
    clients: {} as ActionContext['clients'],
    settings: {} as ActionContext['settings'],
    now: () => 0,
    progress: (line) => void lines.push(line),
    invalidate: (...k) => void keys.push(...k),
    actor: 'jsmith',
    openTab: async () => undefined,
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('single flight', () => {
  it('joins a second request for the same key: one run, the same progress and result', async () => {
    const run = createSingleFlight<string>();
    const gate = deferred<string>();
    const work = vi.fn(async (shared: ActionContext) => {
      shared.progress('Backup queued');
      const result = await gate.promise;
      shared.progress('Backup completed');
      shared.invalidate('ticket:1');
      return result;
    });
    const first = context();
    const second = context();
    const a = run('fix:1', first, work);
    const b = run('fix:1', second, work);
    gate.resolve('done');

    expect(await a).toBe('done');
    expect(await b).toBe('done');
    expect(work).toHaveBeenCalledTimes(1);
    expect(first.lines).toEqual(['Backup queued', 'Backup completed']);
    // The late joiner first hears the latest line, then everything after it.
    expect(second.lines).toEqual(['Backup queued', 'Backup completed']);
    expect(second.keys).toEqual(['ticket:1']);
  });

  it('shares a failure, and runs afresh once the run has settled', async () => {
    const run = createSingleFlight<string>();
    const gate = deferred<string>();
    const failing = run('k', context(), () => gate.promise);
    const joined = run('k', context(), async () => 'never');
    gate.reject(new Error('vendor down'));
    await expect(failing).rejects.toThrow('vendor down');
    await expect(joined).rejects.toThrow('vendor down');
    await expect(run('k', context(), async () => 'again')).resolves.toBe('again');
  });

  it('keeps different keys apart', async () => {
    const run = createSingleFlight<string>();
    const results = await Promise.all([run('a', context(), async () => 'a'), run('b', context(), async () => 'b')]);
    expect(results).toEqual(['a', 'b']);
  });
});
