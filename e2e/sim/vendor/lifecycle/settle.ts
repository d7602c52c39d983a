/**
 * Brings the whole vendor world up to `now`: replays retries and task steps of every mailbox
 * that has any, then purges organisations whose reactivation window ended. Called once per
 * request, before anything is read or changed.
 */
import type { VendorStore } from '../store/store';
import { settleMailbox } from './backup-engine';
import { purgeExpired } from './organisations';

export function settleWorld(store: VendorStore, now: number): void {
  store.batch(() => {
    for (const m of store.allMailboxes()) {
      const tasks = store.tasksOf(m.id);
      const busy = tasks.some((t) => t.status === 'queued' || t.status === 'running');
      if (busy || m.nextAttemptAt !== null) settleMailbox(m, tasks, now, store.emit);
    }
    purgeExpired(store, now);
  });
}
