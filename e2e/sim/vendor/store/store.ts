/**
 * The vendor's data: organisations, mailboxes, tasks, the event log, action records and
 * impersonation grants, with the indexes the routes need. Behaviour lives in ../lifecycle.
 */
import type {
  ActionRecord, ImpersonationGrant, MailboxRecord, OrgRecord, RecordedAction, TaskRecord, VendorEvent,
} from './model';
import { seedWorld } from './seed';

export class VendorStore {
  /** The clock reading the world was seeded at ("now" of world.ts's relative ages). */
  seededAt = 0;
  readonly orgs = new Map<number, OrgRecord>();
  readonly events: VendorEvent[] = [];
  private readonly mailboxesById = new Map<number, MailboxRecord>();
  private readonly mailboxesByOrg = new Map<number, MailboxRecord[]>();
  private readonly tasksById = new Map<string, TaskRecord>();
  private readonly tasksByAccount = new Map<number, TaskRecord[]>();
  private readonly actions = new Map<string, ActionRecord>();
  readonly impersonations = new Map<string, ImpersonationGrant>();
  private batched: Array<Omit<VendorEvent, 'id'>> | null = null;
  private taskSeq = 0;

  constructor(now: number) {
    this.reset(now);
  }

  reset(now: number): void {
    this.seededAt = now;
    for (const map of [this.orgs, this.mailboxesById, this.mailboxesByOrg, this.tasksById, this.tasksByAccount,
      this.actions, this.impersonations]) map.clear();
    this.events.length = 0;
    this.taskSeq = 0;
    this.batch(() => seedWorld(this, now));
  }

  // ── Organisations ──────────────────────────────────────────────────────────────────────────

  addOrg(org: OrgRecord): void {
    this.orgs.set(org.seed.organizationId, org);
    this.mailboxesByOrg.set(org.seed.organizationId, []);
  }

  /** Dropsuite clients address an org by its string `id` or its numeric `organization_id` [U]. */
  findOrg(ref: string): OrgRecord | undefined {
    for (const org of this.orgs.values()) {
      if (org.seed.id === ref || String(org.seed.organizationId) === ref) return org;
    }
    return undefined;
  }

  orgByToken(token: string): OrgRecord | undefined {
    for (const org of this.orgs.values()) if (org.authenticationToken === token) return org;
    return undefined;
  }

  // ── Mailboxes ──────────────────────────────────────────────────────────────────────────────

  addMailbox(m: MailboxRecord): void {
    this.mailboxesById.set(m.id, m);
    this.mailboxesByOrg.get(m.organizationId)?.push(m);
  }

  mailbox(id: number): MailboxRecord | undefined {
    return this.mailboxesById.get(id);
  }

  mailboxesOf(organizationId: number): readonly MailboxRecord[] {
    return this.mailboxesByOrg.get(organizationId) ?? [];
  }

  allMailboxes(): IterableIterator<MailboxRecord> {
    return this.mailboxesById.values();
  }

  /** A purge: the organisation's backup data is gone. */
  removeMailboxesOf(organizationId: number): void {
    for (const m of this.mailboxesOf(organizationId)) this.mailboxesById.delete(m.id);
    this.mailboxesByOrg.set(organizationId, []);
  }

  // ── Tasks ──────────────────────────────────────────────────────────────────────────────────

  newTaskId(): string {
    this.taskSeq += 1;
    return `task_${this.taskSeq}`;
  }

  addTask(task: TaskRecord): void {
    this.tasksById.set(task.id, task);
    const list = this.tasksByAccount.get(task.accountId);
    if (list) list.push(task);
    else this.tasksByAccount.set(task.accountId, [task]);
  }

  task(id: string): TaskRecord | undefined {
    return this.tasksById.get(id);
  }

  tasksOf(accountId: number): readonly TaskRecord[] {
    return this.tasksByAccount.get(accountId) ?? [];
  }

  allTasks(): IterableIterator<TaskRecord> {
    return this.tasksById.values();
  }

  // ── Action records (archive / restore / migrate / download) ───────────────────────────────

  addAction(record: ActionRecord): void {
    this.actions.set(`${record.action}:${record.id}`, record);
  }

  action(action: RecordedAction, id: number): ActionRecord | undefined {
    return this.actions.get(`${action}:${id}`);
  }

  nextActionId(): number {
    let max = 0;
    for (const record of this.actions.values()) max = Math.max(max, record.id);
    return max + 1;
  }

  // ── Events ─────────────────────────────────────────────────────────────────────────────────

  /** Appends an event; inside `batch` events are held and appended in time order at the end. */
  emit = (event: Omit<VendorEvent, 'id'>): void => {
    if (this.batched) this.batched.push(event);
    else this.events.push({ ...event, id: this.events.length + 1 });
  };

  /**
   * Runs `fn`, then appends the events it emitted sorted by when they happened, so that
   * replaying several mailboxes one after the other still yields a time-ordered feed.
   */
  batch(fn: () => void): void {
    const outer = this.batched;
    this.batched = outer ?? [];
    try {
      fn();
    } finally {
      if (!outer) {
        const held = this.batched;
        this.batched = null;
        for (const event of held.sort((a, b) => a.occurredAt - b.occurredAt)) this.emit(event);
      }
    }
  }
}
