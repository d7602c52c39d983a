import { z } from 'zod';

/**
 * The vendor-neutral model of a cloud email-backup vendor: what the rest of Backup Bridge sees.
 * Adapters (dropsuite/) map their wire format onto it. Every value here is plain, serialisable
 * data (ids are strings, times are ISO 8601 UTC strings) and holds no credentials.
 */

const Id = z.string().min(1);
const IsoTime = z.iso.datetime();
const Count = z.number().int().nonnegative();

/** A failing mailbox is retried up to this many times by the vendor (Sherweb's Dropsuite status catalogue). */
export const MAX_BACKUP_ATTEMPTS = 25;

// ── Plans ─────────────────────────────────────────────────────────────────────────────────────

export const PRODUCT_TYPES = ['backup', 'archiver', 'personal', 'unknown'] as const;
export const ProductType = z.enum(PRODUCT_TYPES);
export type ProductType = z.infer<typeof ProductType>;

export const Plan = z.object({
  id: Id,
  name: z.string(),
  productType: ProductType,
  /** End-user price per seat; null when the vendor did not say. */
  price: z.object({ amount: z.number(), currency: z.string(), periodicity: z.string() }).nullable(),
  /** Storage included; null = unlimited or not said. */
  storageGb: z.number().nullable(),
});
export type Plan = z.infer<typeof Plan>;

// ── Organisations ─────────────────────────────────────────────────────────────────────────────

export const ORGANIZATION_STATES = ['active', 'suspended', 'unsubscribed', 'deleted', 'unknown'] as const;
export const OrganizationState = z.enum(ORGANIZATION_STATES);
export type OrganizationState = z.infer<typeof OrganizationState>;

/**
 * Seat counts as the vendor reports them. Dropsuite does not document what `seats_available`
 * means (purchased total, or seats left), so `purchased` is derived and `purchasedFrom` says how:
 * - `subscription`: the vendor stated the purchased seats directly;
 * - `seats_available`: `seats_available` read as the purchased total;
 * - `used_plus_available`: `seats_available` read as the seats left, so purchased = used + available.
 * Which reading applies is a client option (`seatsAvailableMeaning`), because it is unverified.
 * `used` counts licensed, protected mailboxes (inactive and deactivated ones use no licence).
 */
export const Seats = z.object({
  purchased: Count.nullable(),
  used: Count.nullable(),
  active: Count.nullable(),
  deactivated: Count.nullable(),
  /** Seats still to buy to cover what is in use. */
  required: Count.nullable(),
  sharedPaid: Count.nullable(),
  sharedFree: Count.nullable(),
  /** `seats_available` exactly as sent (may be negative when over-used). */
  availableRaw: z.number().int().nullable(),
  purchasedFrom: z.enum(['subscription', 'seats_available', 'used_plus_available']).nullable(),
});
export type Seats = z.infer<typeof Seats>;

export const Organization = z.object({
  /** The stable id used in links and ConnectWise records: Dropsuite's numeric organization_id, as text. */
  id: Id,
  /** Other ids the vendor uses for the same organisation (Dropsuite's "1788161-14" style id). */
  altIds: z.array(Id),
  name: z.string(),
  adminEmail: z.string(),
  /** The partner's own reference for the organisation, when set at the vendor. */
  externalId: z.string().nullable(),
  planId: Id.nullable(),
  state: OrganizationState,
  /** What the vendor said, for display and diagnosis. */
  stateRaw: z.string(),
  stateChangedAt: IsoTime.nullable(),
  /** Unsubscribed organisations are purged after this instant (vendor value, or unsubscribed + 45 days). */
  purgeAfter: IsoTime.nullable(),
  loginDisabled: z.boolean(),
  /** New mailboxes are licensed automatically, so seat counts drift on their own. */
  autoLicense: z.boolean(),
  seats: Seats,
  storage: z.object({ usedBytes: z.number().nonnegative().nullable(), availableBytes: z.number().nullable() }),
  /** Mail domains: from the organisation's tenants when read, otherwise from its admin e-mail. */
  domains: z.array(z.string()),
});
export type Organization = z.infer<typeof Organization>;

// ── Tenants ───────────────────────────────────────────────────────────────────────────────────

export const TENANT_TYPES = ['m365', 'gws', 'unknown'] as const;
export const TENANT_STATUSES = ['queued', 'processing', 'completed', 'reauth_required', 'unknown'] as const;
export const TenantStatus = z.enum(TENANT_STATUSES);
export type TenantStatus = z.infer<typeof TenantStatus>;

export const Tenant = z.object({
  id: Id,
  organizationId: Id,
  domain: z.string(),
  type: z.enum(TENANT_TYPES),
  status: TenantStatus,
  /** The vendor's numeric status code, kept because its table is unverified. */
  statusCode: z.number().int().nullable(),
  /** Microsoft tenant GUID or Google customer id. */
  directoryId: z.string().nullable(),
  managedDomain: z.string().nullable(),
  totalUsers: Count.nullable(),
});
export type Tenant = z.infer<typeof Tenant>;

// ── Mailboxes ─────────────────────────────────────────────────────────────────────────────────

/** vendor-api.md §5.3, plus `unknown` for anything the vendor invents later. */
export const MAILBOX_STATUSES = [
  'preparing', 'running', 'completed', 'retrying', 'connection_error', 'auth_error', 'storage_full',
  'failed', 'inactive', 'deactivated', 'unknown',
] as const;
export const MailboxStatus = z.enum(MAILBOX_STATUSES);
export type MailboxStatus = z.infer<typeof MailboxStatus>;

export const MailboxError = z.object({ key: z.string(), message: z.string() });
export type MailboxError = z.infer<typeof MailboxError>;

export const Mailbox = z.object({
  id: Id,
  organizationId: Id,
  email: z.string(),
  displayName: z.string(),
  status: MailboxStatus,
  /** The vendor's own words, always kept next to the normalised status. */
  statusRaw: z.string().nullable(),
  lastBackupAt: IsoTime.nullable(),
  lastSuccessAt: IsoTime.nullable(),
  errors: z.array(MailboxError),
  /** Automatic retry attempts so far; null when the vendor does not say. */
  attempts: Count.nullable(),
  maxAttempts: Count,
  nextAttemptAt: IsoTime.nullable(),
  storageBytes: z.number().nonnegative().nullable(),
  itemCount: Count.nullable(),
  addedOn: IsoTime.nullable(),
  deactivatedSince: IsoTime.nullable(),
});
export type Mailbox = z.infer<typeof Mailbox>;

export const BackupHistoryDay = z.object({
  /** A UTC day, YYYY-MM-DD. */
  date: z.iso.date(),
  total: Count,
  succeeded: Count,
  failed: Count,
});
export type BackupHistoryDay = z.infer<typeof BackupHistoryDay>;

// ── Tasks and actions ─────────────────────────────────────────────────────────────────────────

export const TASK_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'unknown'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const VendorTask = z.object({
  id: Id,
  kind: z.enum(['retry', 'reauthorize', 'unknown']),
  status: TaskStatus,
  statusRaw: z.string().nullable(),
  error: z.object({ code: z.string().nullable(), message: z.string() }).nullable(),
  mailboxId: Id.nullable(),
  organizationId: Id.nullable(),
  /** Null when the vendor only acknowledged the request (202) without times. */
  createdAt: IsoTime.nullable(),
  startedAt: IsoTime.nullable(),
  finishedAt: IsoTime.nullable(),
});
export type VendorTask = z.infer<typeof VendorTask>;

/** Actions a ConnectWise configuration can name: `{region}.{action}.{id}` (Dropsuite guide). */
export const MAILBOX_ACTIONS = ['backup', 'archive', 'restore', 'migrate', 'download'] as const;
export const MailboxActionKind = z.enum(MAILBOX_ACTIONS);
export type MailboxActionKind = z.infer<typeof MailboxActionKind>;

export const ACTION_STATUSES = ['queued', 'running', 'completed', 'failed', 'unknown'] as const;

const ActionBase = z.object({
  id: Id,
  /** The ConnectWise configuration name, `{region}.{action}.{id}`. */
  name: z.string(),
  organizationId: Id.nullable(),
  mailboxId: Id.nullable(),
  email: z.string().nullable(),
  statusRaw: z.string().nullable(),
});

/** The backup action of a mailbox: its id is the mailbox id, its state the mailbox's backup state. */
export const BackupAction = ActionBase.extend({
  action: z.literal('backup'),
  status: MailboxStatus,
  errors: z.array(MailboxError),
  attempts: Count.nullable(),
  maxAttempts: Count,
  nextAttemptAt: IsoTime.nullable(),
  lastBackupAt: IsoTime.nullable(),
});

/** A one-off archive, restore, migrate or download. */
export const RecordedAction = ActionBase.extend({
  action: z.enum(['archive', 'restore', 'migrate', 'download']),
  status: z.enum(ACTION_STATUSES),
  error: z.string().nullable(),
  createdAt: IsoTime.nullable(),
  finishedAt: IsoTime.nullable(),
});

export const MailboxAction = z.discriminatedUnion('action', [BackupAction, RecordedAction]);
export type MailboxAction = z.infer<typeof MailboxAction>;

// ── Events ────────────────────────────────────────────────────────────────────────────────────

export const EVENT_TYPES = [
  'backup.failed', 'backup.recovered', 'auth.required', 'seats.changed', 'org.state_changed', 'unknown',
] as const;

export const VendorEvent = z.object({
  id: Id,
  type: z.enum(EVENT_TYPES),
  typeRaw: z.string(),
  organizationId: Id,
  mailboxId: Id.nullable(),
  occurredAt: IsoTime,
  data: z.record(z.string(), z.unknown()),
});
export type VendorEvent = z.infer<typeof VendorEvent>;

export const EventPage = z.object({
  events: z.array(VendorEvent),
  /** Pass back as `since` to continue; opaque. */
  nextCursor: z.string(),
  hasMore: z.boolean(),
});
export type EventPage = z.infer<typeof EventPage>;

// ── The client ────────────────────────────────────────────────────────────────────────────────

/** What the vendor's API can do, learned as the client goes (the portal does the rest). */
export const CAPABILITIES = [
  'retry', 'reauthorize', 'changeSeats', 'suspend', 'unsubscribe', 'reactivate', 'impersonate',
  'events', 'history', 'actions',
] as const;
export const Capability = z.enum(CAPABILITIES);
export type Capability = z.infer<typeof Capability>;

/** Capabilities that change something at the vendor (a read-only API tier has none of them). */
export const WRITE_CAPABILITIES: ReadonlySet<Capability> = new Set([
  'retry', 'reauthorize', 'changeSeats', 'suspend', 'unsubscribe', 'reactivate', 'impersonate',
]);

export const ConnectionCheck = z.object({
  /** Null when the API does not name the reseller. */
  resellerName: z.string().nullable(),
  planCount: Count,
  organizationCount: Count,
});
export type ConnectionCheck = z.infer<typeof ConnectionCheck>;

export const ImpersonationLink = z.object({
  url: z.url(),
  expiresAt: IsoTime.nullable(),
});
export type ImpersonationLink = z.infer<typeof ImpersonationLink>;

export type MailboxView = 'protected' | 'deactivated' | 'connectionFailures';

export interface ListMailboxesOptions {
  /**
   * About how many mailboxes there are (the organisation's seats in use): the pages that many need
   * are requested together instead of one after another, saving round trips on big tenants.
   */
  expected?: number;
}

export interface MailboxesWithOwner {
  mailboxes: Mailbox[];
  owner: Organization | null;
}

/**
 * Everything the background asks of a backup vendor. Every failure is an AppError (lib/errors.ts)
 * worded for a technician; codes are listed in vendor/errors.ts.
 */
export interface VendorClient {
  /** For the options wizard: proves both tokens work and shows what they reach. */
  testConnection(): Promise<ConnectionCheck>;
  listPlans(): Promise<Plan[]>;
  listOrganizations(): Promise<Organization[]>;
  /** By the stable id or any alternative id; includes tenant domains when the vendor lists them. */
  getOrganization(id: string): Promise<Organization>;
  listTenants(orgId: string): Promise<Tenant[]>;
  /**
   * The organisations as last read, in this browser session or an earlier one, without a request;
   * null when none was read yet. Hints only (which state, how many mailboxes): the vendor may have
   * changed since, so nothing shown comes from here.
   */
  lastKnownOrganizations(): Promise<Organization[] | null>;
  /** Every page of the organisation's mailboxes (`protected`, the default, excludes deactivated ones). */
  listMailboxes(orgId: string, view?: MailboxView, options?: ListMailboxesOptions): Promise<Mailbox[]>;
  /**
   * listMailboxes, with the organisation as the mailbox rows carry it, as fresh as they are (so no
   * read of the organisation list is needed); `owner` is null when they carry none that can be
   * trusted (no mailboxes, or a row without its state or seats).
   */
  listMailboxesWithOwner(orgId: string, view?: MailboxView, options?: ListMailboxesOptions): Promise<MailboxesWithOwner>;
  /** Per UTC day, oldest first; `days` is clamped to 1–30. */
  backupHistory(orgId: string, days: number): Promise<BackupHistoryDay[]>;
  /**
   * Resolves the action behind a ConnectWise configuration `{region}.{action}.{id}` (see
   * action-name.ts). Pass the organisation when known; otherwise every organisation is searched.
   */
  getAction(action: MailboxActionKind, id: string, orgId?: string): Promise<MailboxAction>;
  /** "Force Backup" of a failing mailbox; a request already in flight is adopted, not repeated. */
  retryMailbox(orgId: string, mailboxId: string): Promise<VendorTask>;
  reauthorizeMailbox(orgId: string, mailboxId: string): Promise<VendorTask>;
  getTask(orgId: string, taskId: string): Promise<VendorTask>;
  changeSeats(orgId: string, seats: number): Promise<Organization>;
  suspend(orgId: string): Promise<Organization>;
  unsubscribe(orgId: string): Promise<Organization>;
  reactivate(orgId: string): Promise<Organization>;
  /** A short-lived "Login as Client" link. */
  impersonationLink(orgId: string): Promise<ImpersonationLink>;
  /** One page of the change feed after `since` (omit to start from the beginning). */
  events(since?: string): Promise<EventPage>;
  /** What is still believed to work; shrinks as the vendor refuses routes. */
  capabilities(): ReadonlySet<Capability>;
  /** Where to send a technician when the API cannot do something. */
  portalUrl(): string;
}
