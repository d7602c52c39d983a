import { z } from 'zod';
import { AppError } from '../../errors';
import type { VendorSettings } from '../../settings';
import { formatActionName } from '../action-name';
import type {
  Capability, ListMailboxesOptions, MailboxAction, MailboxActionKind, MailboxView, Organization, VendorClient, VendorTask,
} from '../domain';
import { isVendorError } from '../errors';
import { BUSY_MAILBOX_STATUSES, normaliseTaskStatus, RETRYABLE_MAILBOX_STATUSES } from '../status';
import { CapabilityTracker } from './capabilities';
import { collect, EnvelopeError, ItemError, paginate } from './envelope';
import { badResponse, cursorExpired, type RequestContext } from './errors';
import {
  backupActionOfMailbox, mapAction, mapEvent, mapHistoryDay, mapMailbox, mapOrganization, mapPlan, mapTask, mapTenant,
  type SeatsAvailableMeaning,
} from './map';
import { canonicalOrgId, OrgDirectory, type DirectoryVault, type OrgRef } from './org-directory';
import { createTransport, DEFAULT_RETRY, type Call, type RetryPolicy } from './transport';
import {
  AccountRow, ActionBody, EventsBody, HistoryBody, ImpersonationBody, OrgRow, PlanRow, StatusBody, TaskAccepted, TaskBody,
  TenantRow,
} from './wire';
import { writeOnce, type Confirmation } from './writes';

export interface DropsuiteClientOptions {
  settings: VendorSettings;
  secrets: { resellerToken: string; accessToken: string };
  /** Tests pass a fake or a recording fetch. */
  fetch?: typeof fetch;
  /** Per request attempt; default 20 s. */
  timeoutMs?: number;
  /** The clock the retry budget is measured on; default Date.now. */
  now?: () => number;
  retry?: Partial<RetryPolicy>;
  /** Items per page (max 500, the default). Tests lower it to exercise paging. */
  pageSize?: number;
  /** Give up on a list that has not ended after this many pages; default 1,000. */
  maxPages?: number;
  /**
   * What `seats_available` means: the seats left ("remaining", the simulator's reading) or the
   * purchased total. UNVERIFIED for real Dropsuite; see Seats in domain.ts.
   */
  seatsAvailableMeaning?: SeatsAvailableMeaning;
  /** Keeps the organisation list (with its tokens) between worker restarts; without one, memory only. */
  directoryVault?: DirectoryVault;
}

const MAX_PAGE_SIZE = 500;
/** The vendor keeps 30 days of history (Datto's daysUntil limit, which the simulator follows). */
const MAX_HISTORY_DAYS = 30;
const EVENTS_PER_PAGE = 500;
const MAILBOX_ROUTES: Record<MailboxView, string> = {
  protected: 'accounts',
  deactivated: 'accounts/deactivated_accounts',
  connectionFailures: 'accounts/connection_failures',
};
const LIFECYCLE_TARGET = { suspend: 'suspended', unsubscribe: 'unsubscribed', reactivate: 'active' } as const;
const ORG_ACCESS_PROBLEMS = ['vendor-not-found', 'vendor-org-unavailable', 'vendor-org-token'] as const;

/** A call without its token: the reseller's or an organisation's is added on the way out. */
type ApiRequest<T> = Omit<Call<T>, 'accessToken'>;
type Context = Call<unknown>['context'];
type OrgSend = <T>(request: ApiRequest<T>) => Promise<T>;

const segment = (id: string) => encodeURIComponent(id);
const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, Math.trunc(n)));

export function createDropsuiteClient(options: DropsuiteClientOptions): VendorClient {
  const { settings, secrets } = options;
  // UNVERIFIED: without a configured portal, the partner portal is assumed to live on the API's host.
  const links = { apiUrl: settings.apiUrl, portalUrl: settings.portalUrl ?? new URL('/', settings.apiUrl).toString() };
  const transport = createTransport({
    links,
    resellerToken: secrets.resellerToken,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    timeoutMs: options.timeoutMs ?? 20_000,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    now: options.now ?? Date.now,
  });
  const capabilities = new CapabilityTracker();
  const seatsMeaning = options.seatsAvailableMeaning ?? 'remaining';
  const perPage = clamp(options.pageSize ?? MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  const maxPages = options.maxPages ?? 1_000;
  const directory = new OrgDirectory(
    () => listPages(OrgRow, asReseller, 'users', { action: 'read the organisation list', core: true }),
    options.directoryVault,
  );

  // ── Plumbing ──────────────────────────────────────────────────────────────────────────────

  /** Replaces every token this client knows in text that leaves it (the vendor might echo one). */
  function redact(text: string): string {
    const known = [secrets.resellerToken, secrets.accessToken, ...directory.secrets()].filter((s) => s.length >= 6);
    return known.reduce((out, secret) => out.replaceAll(secret, '[redacted]'), text);
  }

  const redactJson = (value: Record<string, unknown>) => JSON.parse(redact(JSON.stringify(value))) as Record<string, unknown>;

  function scrub(error: unknown): unknown {
    if (!(error instanceof AppError)) return error;
    const { data } = error;
    return new AppError({
      ...data,
      message: redact(data.message),
      ...(data.hint === undefined ? {} : { hint: redact(data.hint) }),
      ...(data.details === undefined ? {} : { details: data.details.map((d) => ({ ...d, message: redact(d.message) })) }),
    });
  }

  async function send<T>(call: Call<T>): Promise<T> {
    const known = capabilities.refusal(call.context.feature);
    if (known) throw known;
    try {
      return await transport(call);
    } catch (error) {
      capabilities.learn(error, call.context.feature);
      throw scrub(error);
    }
  }

  const asReseller = <T>(request: ApiRequest<T>) => send({ ...request, accessToken: secrets.accessToken });

  const orgNotFound = (ref: string) => () =>
    new AppError({ code: 'vendor-not-found', message: `The vendor has no organisation ${ref}.`, hint: 'It may have been removed at the vendor; check the link in ConnectWise.' });

  /** Runs `use` with the organisation's own token (see OrgDirectory.withToken). */
  function asOrg<T>(ref: string, use: (send: OrgSend, org: OrgRef) => Promise<T>): Promise<T> {
    return directory.withToken(ref, orgNotFound(ref), (token, org) =>
      use((request) => send({ ...request, accessToken: token }), org));
  }

  /** Every item of a paged list, validated; `request(page)` fetches one page. */
  async function list<T>(item: z.ZodType<T>, context: Context, request: (page: number) => Promise<unknown>, prefetchPages = 1): Promise<T[]> {
    try {
      return await collect(paginate({ fetchPage: request, item, perPage, maxPages, prefetchPages }));
    } catch (error) {
      const ctx: RequestContext = { ...context, write: false };
      if (error instanceof ItemError) throw scrub(badResponse(ctx, `${error.message} of the list is not understood`, error.issues));
      if (error instanceof EnvelopeError) throw scrub(badResponse(ctx, error.message));
      throw error;
    }
  }

  const paging = (page: number) => ({ page, per_page: perPage });

  function listPages<T>(item: z.ZodType<T>, sendAs: OrgSend, path: string, context: Context, expected = 0) {
    const fetchPage = (page: number) => sendAs({ method: 'GET', path, searchParams: paging(page), schema: z.unknown(), context });
    return list(item, context, fetchPage, Math.max(1, Math.ceil(expected / perPage)));
  }

  // ── Organisations ─────────────────────────────────────────────────────────────────────────

  /** `/users/{id}`; where that route does not know the id form, the list row (no subscription summary). */
  async function readOrgRow(ref: string): Promise<OrgRow> {
    const id = directory.resolve(ref);
    try {
      const row = await asReseller({
        method: 'GET', path: `users/${segment(id)}`, schema: OrgRow,
        context: { action: `read organisation ${ref}`, subject: `organisation ${ref}` },
      });
      directory.remember(row);
      return row;
    } catch (error) {
      if (!isVendorError(error, 'vendor-not-found')) throw error;
    }
    const match = (await directory.refresh()).find((row) => row.id === ref || row.organization_id === ref);
    if (!match) throw orgNotFound(ref)();
    return match;
  }

  /**
   * Tenant domains, when the organisation's own token can list them. Its domains are a detail:
   * without them the admin e-mail's domain stands in, and listing mailboxes reports the problem.
   */
  async function tenantDomains(row: OrgRow): Promise<string[]> {
    if (!row.authentication_token) return [];
    try {
      return (await listTenants(canonicalOrgId(row))).map((t) => t.domain);
    } catch (error) {
      if (ORG_ACCESS_PROBLEMS.some((code) => isVendorError(error, code))) return [];
      throw error;
    }
  }

  async function getOrganization(ref: string): Promise<Organization> {
    const row = await readOrgRow(ref);
    return mapOrganization(row, seatsMeaning, await tenantDomains(row));
  }

  async function listTenants(ref: string) {
    return asOrg(ref, async (sendAs, org) => {
      const rows = await listPages(TenantRow, sendAs, `users/${segment(org.id)}/tenants`, { action: `read the tenants of ${org.name}` });
      return rows.map((row) => mapTenant(row, org.id));
    });
  }

  async function listMailboxesWithOwner(ref: string, view: MailboxView = 'protected', options: ListMailboxesOptions = {}) {
    return asOrg(ref, async (sendAs, org) => {
      const context = { action: `read the mailboxes of ${org.name}` };
      const rows = await listPages(AccountRow, sendAs, MAILBOX_ROUTES[view], context, options.expected);
      return { mailboxes: rows.map((row) => mapMailbox(row, org.id)), owner: embeddedOwner(rows, org.id) };
    });
  }

  /**
   * The organisation the first account embeds, when it stands for the organisation: it is this
   * one's and says what the list would, its state and seats in use (UNVERIFIED which fields real
   * rows embed). Every account embeds the same row, so one is read.
   */
  function embeddedOwner(rows: readonly AccountRow[], orgId: string): Organization | null {
    const parsed = OrgRow.safeParse(rows.find((row) => row.user != null)?.user);
    if (!parsed.success) return null;
    const owner = mapOrganization(parsed.data, seatsMeaning);
    const isThisOne = [owner.id, ...owner.altIds].some((id) => directory.resolve(id) === orgId);
    if (!isThisOne || owner.state === 'unknown' || owner.seats.used === null) return null;
    directory.remember(parsed.data);
    return owner;
  }

  const listMailboxes = async (ref: string, view?: MailboxView, options?: ListMailboxesOptions) =>
    (await listMailboxesWithOwner(ref, view, options)).mailboxes;

  // ── Mailbox actions and tasks ─────────────────────────────────────────────────────────────

  async function actionIn(ref: string, action: MailboxActionKind, id: string, name: string): Promise<MailboxAction | null> {
    try {
      return await asOrg(ref, async (sendAs) => {
        const context = { action: `look up ${name}`, subject: name, feature: 'actions' } as const;
        const body = await sendAs({ method: 'GET', path: `actions/${action}/${segment(id)}`, schema: ActionBody, context });
        const mapped = mapAction(body, name);
        if (!mapped) throw badResponse({ ...context, write: false }, `the action is "${body.action}"`);
        return mapped;
      });
    } catch (error) {
      if (isVendorError(error, 'vendor-not-found')) return null;
      if (!(isVendorError(error, 'vendor-unsupported') && action === 'backup')) throw error;
    }
    // No actions route: a backup action is the mailbox's own backup state.
    const mailboxes = [...await listMailboxes(ref), ...await listMailboxes(ref, 'deactivated')];
    const mailbox = mailboxes.find((m) => m.id === id);
    return mailbox ? backupActionOfMailbox(mailbox, name) : null;
  }

  async function getAction(action: MailboxActionKind, id: string, ref?: string): Promise<MailboxAction> {
    const name = formatActionName({ region: settings.regionCode, action, id });
    // Without the organisation every reachable one is asked in turn: pass it whenever it is known.
    const candidates = ref === undefined ? (await directory.reachable()).map((org) => org.id) : [ref];
    for (const candidate of candidates) {
      const found = await actionIn(candidate, action, id, name);
      if (found) return found;
    }
    throw new AppError({
      code: 'vendor-not-found',
      message: `The vendor has no ${name}.`,
      hint: 'The mailbox or action may have been removed at the vendor; check the configuration record in ConnectWise.',
    });
  }

  const fetchTask = (sendAs: OrgSend, org: OrgRef, taskId: string) =>
    sendAs({
      method: 'GET', path: `tasks/${segment(taskId)}`, schema: TaskBody,
      context: { action: `read task ${taskId}`, subject: `task ${taskId} in ${org.name}`, feature: 'tasks' },
    });

  /** A 409 "already in progress" that names the task in flight: that task is the answer. */
  function taskInFlight(error: unknown): string | null {
    if (!isVendorError(error, 'vendor-invalid-state')) return null;
    return error.data.details?.find((d) => d.field === 'task_id')?.message ?? null;
  }

  function requestTask(kind: 'retry' | 'reauthorize', ref: string, mailboxId: string, confirm: () => Promise<Confirmation<VendorTask>>) {
    const route = kind === 'retry' ? 'force_backup' : 'reauthorize';
    const what = kind === 'retry' ? `start a Force Backup of mailbox ${mailboxId}` : `re-authorise mailbox ${mailboxId}`;
    const sendOnce = () => asOrg(ref, async (sendAs, org): Promise<VendorTask> => {
      const fallback = { kind, mailboxId, organizationId: org.id };
      try {
        const accepted = await sendAs({
          method: 'POST', path: `accounts/${segment(mailboxId)}/${route}`, schema: TaskAccepted,
          context: { action: what, subject: `mailbox ${mailboxId} in ${org.name}`, feature: kind },
        });
        const statusRaw = accepted.status ?? 'queued'; // 202 Accepted: queued unless it says otherwise
        return {
          ...fallback, id: accepted.task_id, status: normaliseTaskStatus(statusRaw), statusRaw,
          error: null, createdAt: null, startedAt: null, finishedAt: null,
        };
      } catch (error) {
        const inFlight = taskInFlight(error);
        if (inFlight === null) throw error;
        return mapTask(await fetchTask(sendAs, org, inFlight), fallback);
      }
    });
    return writeOnce(sendOnce, confirm);
  }

  async function retryMailbox(ref: string, mailboxId: string) {
    return requestTask('retry', ref, mailboxId, async () => {
      // Still failing: the request did not land. Busy: it did, and sending again adopts its task.
      const state = await getAction('backup', mailboxId, ref);
      if (state.action === 'backup' && (RETRYABLE_MAILBOX_STATUSES.has(state.status) || BUSY_MAILBOX_STATUSES.has(state.status))) {
        return 'resend';
      }
      return { unknown: `the mailbox now shows "${state.statusRaw ?? state.status}"` };
    });
  }

  // UNVERIFIED: re-authorising twice is harmless, and one in flight is answered with its task.
  const reauthorizeMailbox = (ref: string, mailboxId: string) =>
    requestTask('reauthorize', ref, mailboxId, async () => 'resend');

  const getTask = (ref: string, taskId: string) =>
    asOrg(ref, async (sendAs, org) => mapTask(await fetchTask(sendAs, org, taskId), { kind: 'unknown', mailboxId: null, organizationId: org.id }));

  // ── Organisation changes ──────────────────────────────────────────────────────────────────

  async function changeOrganization(
    ref: string, feature: Capability, action: string, request: Pick<ApiRequest<unknown>, 'method' | 'path' | 'json'>,
    confirm: () => Promise<Confirmation<Organization>>,
  ): Promise<Organization> {
    return writeOnce(async () => {
      const row = await asReseller({ ...request, schema: OrgRow, context: { action, subject: `organisation ${ref}`, feature } });
      directory.remember(row);
      return mapOrganization(row, seatsMeaning);
    }, confirm);
  }

  const readOrganization = async (ref: string) => mapOrganization(await readOrgRow(ref), seatsMeaning);

  // PUT sets an absolute number, so sending it again is harmless.
  const changeSeats = (ref: string, seats: number) =>
    changeOrganization(ref, 'changeSeats', `change the seats of organisation ${ref} to ${seats}`, {
      method: 'PUT', path: `users/${segment(directory.resolve(ref))}/subscription`, json: { seats },
    }, async () => 'resend');

  function lifecycle(change: keyof typeof LIFECYCLE_TARGET) {
    return (ref: string) => changeOrganization(ref, change, `${change} organisation ${ref}`, {
      method: 'POST', path: `users/${segment(directory.resolve(ref))}/${change}`,
    }, async () => {
      const org = await readOrganization(ref);
      return org.state === LIFECYCLE_TARGET[change] ? { done: org } : 'resend';
    });
  }

  // A second link is harmless: the first one expires unused.
  const impersonationLink = (ref: string) => writeOnce(async () => {
    const body = await asReseller({
      method: 'POST', path: `users/${segment(directory.resolve(ref))}/impersonate`, schema: ImpersonationBody,
      context: { action: `open "Login as Client" for organisation ${ref}`, subject: `organisation ${ref}`, feature: 'impersonate' },
    });
    return { url: body.url, expiresAt: body.expires_at };
  }, async () => 'resend');

  // ── Reads beyond the organisation ─────────────────────────────────────────────────────────

  const backupHistory = (ref: string, days: number) =>
    asOrg(ref, async (sendAs, org) => {
      const history = await sendAs({
        method: 'GET', path: `users/${segment(org.id)}/backup_history`, searchParams: { days: clamp(days, 1, MAX_HISTORY_DAYS) },
        schema: HistoryBody, context: { action: `read the backup history of ${org.name}`, feature: 'history' },
      });
      return history.map(mapHistoryDay);
    });

  async function events(since?: string) {
    try {
      const body = await asReseller({
        method: 'GET', path: 'events', searchParams: { limit: EVENTS_PER_PAGE, ...(since === undefined ? {} : { since }) },
        schema: EventsBody, context: { action: 'read the change feed', feature: 'events' },
      });
      return {
        events: body.events.map((row) => mapEvent({ ...row, data: redactJson(row.data) })),
        nextCursor: body.next_cursor,
        hasMore: body.has_more ?? false,
      };
    } catch (error) {
      if (since !== undefined && isVendorError(error, 'vendor-validation') && error.data.details?.some((d) => d.field === 'since')) {
        throw cursorExpired();
      }
      throw error;
    }
  }

  const listPlans = async () =>
    (await listPages(PlanRow, asReseller, 'plans', { action: 'read the plans', core: true })).map(mapPlan);

  async function testConnection() {
    const status = await asReseller({ method: 'GET', path: 'status', schema: StatusBody, context: { action: 'check the connection', core: true } });
    const [plans, orgs] = await Promise.all([listPlans(), directory.refresh()]);
    return { resellerName: resellerNameOf(status), planCount: plans.length, organizationCount: orgs.length };
  }

  return {
    testConnection,
    listPlans,
    listOrganizations: async () => (await directory.refresh()).map((row) => mapOrganization(row, seatsMeaning)),
    lastKnownOrganizations: async () => (await directory.lastKnown())?.map((row) => mapOrganization(row, seatsMeaning)) ?? null,
    getOrganization,
    listTenants,
    listMailboxes,
    listMailboxesWithOwner,
    backupHistory,
    getAction,
    retryMailbox,
    reauthorizeMailbox,
    getTask,
    changeSeats,
    suspend: lifecycle('suspend'),
    unsubscribe: lifecycle('unsubscribe'),
    reactivate: lifecycle('reactivate'),
    impersonationLink,
    events,
    capabilities: () => capabilities.supported(),
    portalUrl: () => links.portalUrl,
  };
}

/** UNVERIFIED: no known route names the reseller; `/status` answers "OK", but a vendor might say more. */
function resellerNameOf(status: z.infer<typeof StatusBody>): string | null {
  if (typeof status === 'string') return null;
  const name = status.reseller_name ?? status.name;
  return typeof name === 'string' && name.trim() !== '' ? name : null;
}
