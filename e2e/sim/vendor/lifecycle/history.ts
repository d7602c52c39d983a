/**
 * SIMULATOR-ONLY per-day backup history for a success chart (Datto's backupHistory per time
 * window is the model). A mailbox counts once per UTC day, by its state at the end of the day
 * (or now, for today): `failed` when it was in a failing status, `succeeded` when healthy and
 * backing up; neither when its organisation had stopped backing up or it sat idle (Inactive,
 * stuck). `total` counts every mailbox that existed and was not deactivated then.
 */
import { DAY } from '../../world';
import { covers, type OrgRecord } from '../store/model';
import type { VendorStore } from '../store/store';

export interface HistoryDay {
  date: string;
  total: number;
  succeeded: number;
  failed: number;
}

export function backupHistory(store: VendorStore, org: OrgRecord, days: number, now: number): HistoryDay[] {
  const today = Math.floor(now / DAY) * DAY;
  const mailboxes = store.mailboxesOf(org.seed.organizationId);
  return Array.from({ length: days }, (_, i) => {
    const dayStart = today - (days - 1 - i) * DAY;
    const at = Math.min(dayStart + DAY - 1, now);
    const stopped = org.stoppedPeriods.some((p) => covers(p, at));
    const day: HistoryDay = { date: new Date(dayStart).toISOString().slice(0, 10), total: 0, succeeded: 0, failed: 0 };
    for (const m of mailboxes) {
      if (m.addedOn > at || (m.deactivatedAt !== null && m.deactivatedAt <= at)) continue;
      day.total += 1;
      if (stopped) continue;
      const problem = m.problems.find((p) => covers(p, at));
      if (!problem) day.succeeded += 1;
      else if (problem.category === 'failed') day.failed += 1;
    }
    return day;
  });
}
