/**
 * SIMULATOR-ONLY mailbox actions, modelled on the portal's "Force Backup" and on re-authorising
 * an account. No API for either was found (vendor-api.md §1.6); Veeam EM's "retry only failed,
 * 202 + task to poll" is the pattern. The outcome is decided when the task finishes, by the
 * backup engine.
 */
import type { VendorSettings } from '../config';
import { invalidState, notRetryable } from '../errors';
import { RETRYABLE, type MailboxRecord, type OrgRecord, type TaskRecord, type TaskType } from '../store/model';
import type { VendorStore } from '../store/store';

export function requestTask(
  store: VendorStore, settings: VendorSettings, type: TaskType, m: MailboxRecord, org: OrgRecord, now: number,
): TaskRecord {
  if (org.state === 'unsubscribed' || org.state === 'deleted') {
    throw invalidState(`Backups are stopped for a ${org.state} organization`);
  }
  if (m.deactivatedAt !== null) throw invalidState('The account is deactivated');
  const inFlight = store.tasksOf(m.id).find((t) => t.type === type && (t.status === 'queued' || t.status === 'running'));
  // UNVERIFIED: a second press while one is in flight is refused rather than merged.
  if (inFlight) throw invalidState(`A ${type} task is already in progress`, { task_id: inFlight.id });
  if (type === 'force_backup' && !RETRYABLE.has(m.status)) {
    throw notRetryable(`Force Backup is only for failing accounts; this one is "${m.status}"`);
  }
  const task: TaskRecord = {
    id: store.newTaskId(),
    type,
    accountId: m.id,
    organizationId: org.seed.organizationId,
    status: 'queued',
    createdAt: now,
    runningAt: now + settings.taskQueuedMs,
    finishAt: now + settings.taskQueuedMs + settings.taskRunningMs,
    finishedAt: null,
    error: null,
  };
  store.addTask(task);
  return task;
}
