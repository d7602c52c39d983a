// zod/mini: the content script receives these; it has a 40 KB budget.
import * as z from 'zod/mini';
import { AppErrorData } from '../errors';
import { ScreenKind, ScreenRef } from './panel';

/**
 * What the panels show, as the background computes it, and the port protocol that carries it.
 *
 * A panel opens a port named PANEL_PORT and subscribes to its screen. The background answers at
 * once from its cache (with the cache's age), refreshes from both APIs in parallel when the data
 * is stale, and pushes the fresh model. Actions go over the same port; their progress comes back
 * on it until they finish.
 */
export { PANEL_PORT, WAKE_PORT } from './ports';

const Id = z.number().check(z.int(), z.positive());
const Iso = z.string(); // ISO 8601 UTC, as the APIs send it
const Count = z.number().check(z.int(), z.nonnegative());
const Ref = z.object({ id: Id, name: z.string() });

export const MailboxHealth = z.enum(['healthy', 'failing', 'transient', 'inactive']);

export const MailboxView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  /** The normalised status (lib/vendor MailboxStatus) and the vendor's own words. */
  status: z.string(),
  statusRaw: z.nullable(z.string()),
  health: MailboxHealth,
  lastSuccessAt: z.nullable(Iso),
  lastBackupAt: z.nullable(Iso),
  /** The vendor's error, joined for display; null when there is none. */
  error: z.nullable(z.string()),
  attempts: z.nullable(Count),
  maxAttempts: Count,
});
export type MailboxView = z.infer<typeof MailboxView>;

export const SeatsView = z.object({
  /** Purchased at the vendor, in use at the vendor, and billed on the agreement addition. */
  bought: z.nullable(Count),
  used: z.nullable(Count),
  billed: z.nullable(z.number()),
  status: z.enum(['in-sync', 'under-billed', 'over-billed', 'no-addition', 'addition-cancelled', 'unknown']),
  drift: z.nullable(z.number()),
  proposal: z.nullable(
    z.object({
      action: z.enum(['update', 'create', 'cancel', 'none']),
      quantity: z.nullable(z.number()),
      effectiveDate: z.nullable(Iso),
      needsConfirmation: z.boolean(),
      warnings: z.array(z.string()),
    }),
  ),
  agreement: z.nullable(Ref),
  additionId: z.nullable(Id),
});
export type SeatsView = z.infer<typeof SeatsView>;

export const HistoryDayView = z.object({
  date: z.string(),
  total: Count,
  succeeded: Count,
  failed: Count,
});

export const TenantView = z.object({
  orgId: z.string(),
  name: z.string(),
  plan: z.nullable(z.object({ id: z.string(), name: z.string() })),
  state: z.enum(['active', 'suspended', 'unsubscribed', 'deleted', 'unknown']),
  stateRaw: z.string(),
  stateChangedAt: z.nullable(Iso),
  /** Unsubscribed tenants are purged then; they can be reactivated until then (45 days). */
  purgeAfter: z.nullable(Iso),
  autoLicense: z.boolean(),
  seats: SeatsView,
  health: z.object({
    /** `unknown`: the vendor's mailboxes were not read (it failed, or the tenant is stopped); mailboxes and history are then empty. */
    status: z.enum(['normal', 'warned', 'troubled', 'unknown']),
    reason: z.nullable(z.string()),
    counts: z.object({ protected: Count, failing: Count, transient: Count, inactive: Count }),
  }),
  /** Failing and transient first; at most MAILBOX_LIST_LIMIT healthy ones (mailboxTotal says how many exist). */
  mailboxes: z.array(MailboxView),
  mailboxTotal: Count,
  /** 14 UTC days, oldest first. */
  history: z.array(HistoryDayView),
  /** Where the link was found in ConnectWise. */
  linkedVia: z.array(z.enum(['configuration', 'addition'])),
  canImpersonate: z.boolean(),
});
export type TenantView = z.infer<typeof TenantView>;

export const TicketLinkView = z.object({
  id: Id,
  summary: z.string(),
  status: z.string(),
});

/** Parts of a view that could not be loaded; the rest still shows. */
export const PartialErrors = z.object({
  manage: z.optional(AppErrorData),
  vendor: z.optional(AppErrorData),
});

const ViewBase = {
  /** When the data was fetched (the panel shows "as of …"). */
  asOf: Iso,
  errors: PartialErrors,
};

export const CompanyView = z.object({
  kind: z.literal('company'),
  company: z.object({ id: Id, name: z.string(), identifier: z.string() }),
  tenants: z.array(TenantView),
  openTickets: z.array(TicketLinkView),
  portalUrl: z.nullable(z.string()),
  ...ViewBase,
});
export type CompanyView = z.infer<typeof CompanyView>;

export const AgreementRowView = z.object({
  addition: z.nullable(
    z.object({
      id: Id,
      product: z.string(),
      description: z.string(),
      quantity: z.number(),
      lessIncluded: z.number(),
      effectiveDate: z.nullable(Iso),
      cancelledDate: z.nullable(Iso),
    }),
  ),
  tenant: z.nullable(z.object({ orgId: z.string(), name: z.string(), state: z.string() })),
  seats: SeatsView,
  /** A sentence when something needs explaining (no addition for a linked tenant…). */
  note: z.nullable(z.string()),
});
export type AgreementRowView = z.infer<typeof AgreementRowView>;

export const AgreementView = z.object({
  kind: z.literal('agreement'),
  agreement: z.object({ id: Id, name: z.string(), company: Ref, status: z.string() }),
  rows: z.array(AgreementRowView),
  ...ViewBase,
});
export type AgreementView = z.infer<typeof AgreementView>;

export const FixStateView = z.object({
  /** Who started it and when (from the marker note in ConnectWise, so every technician sees it). */
  startedBy: z.string(),
  startedAt: Iso,
  steps: z.array(z.object({ kind: z.string(), status: z.string(), message: z.nullable(z.string()) })),
  result: z.nullable(z.enum(['fixed', 'failed', 'exhausted', 'cannot-fix', 'already-healthy'])),
});
export type FixStateView = z.infer<typeof FixStateView>;

export const TicketView = z.object({
  kind: z.literal('ticket'),
  ticket: z.object({ id: Id, summary: z.string(), status: z.string(), closed: z.boolean(), company: Ref }),
  /** Null when this is not a backup ticket. */
  backup: z.nullable(
    z.object({
      action: z.string(),
      actionId: z.string(),
      configurationName: z.string(),
      tenant: z.nullable(z.object({ orgId: z.string(), name: z.string() })),
      mailbox: z.nullable(MailboxView),
      retryWindow: z.nullable(z.object({ attempts: z.nullable(Count), maxAttempts: Count, nextAttemptAt: z.nullable(Iso), endsAt: z.nullable(Iso) })),
      /**
       * What "Fix and resume backup" would do: run `steps` (fix), only follow a backup already
       * running (in-progress), only close the ticket (already-healthy), or nothing (cannot-fix;
       * `message` says why).
       */
      plan: z.object({
        kind: z.enum(['fix', 'in-progress', 'already-healthy', 'cannot-fix']),
        steps: z.array(z.enum(['reauthorize', 'retry'])),
        message: z.nullable(z.string()),
      }),
      fix: z.nullable(FixStateView),
    }),
  ),
  ...ViewBase,
});
export type TicketView = z.infer<typeof TicketView>;

export const PanelView = z.discriminatedUnion('kind', [CompanyView, AgreementView, TicketView]);
export type PanelView = z.infer<typeof PanelView>;

export const LinkSuggestion = z.object({
  orgId: z.string(),
  name: z.string(),
  domains: z.array(z.string()),
  score: z.number(),
  reasons: z.array(z.string()),
  /** Linked to another company already (shown, not offered). */
  linkedTo: z.nullable(Ref),
});
export type LinkSuggestion = z.infer<typeof LinkSuggestion>;

export const PanelAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('refresh') }),
  z.object({ kind: z.literal('suggest-links'), companyId: Id }),
  z.object({ kind: z.literal('link-tenant'), companyId: Id, orgId: z.string(), agreementId: z.nullable(Id) }),
  z.object({ kind: z.literal('unlink-tenant'), companyId: Id, orgId: z.string() }),
  z.object({
    kind: z.literal('update-agreement'),
    orgId: z.string(),
    agreementId: Id,
    /** What the panel showed; the background refuses if ConnectWise changed since (no lost updates). */
    expected: z.object({ additionId: z.nullable(Id), quantity: z.nullable(z.number()) }),
    /** The seats to bill, as confirmed; null: end the tenant's additions (it stopped at the vendor). */
    quantity: z.nullable(z.number().check(z.int(), z.positive())),
  }),
  z.object({ kind: z.literal('fix-backup'), ticketId: Id }),
  z.object({ kind: z.literal('impersonate'), orgId: z.string() }),
  z.object({ kind: z.literal('open-portal') }),
  z.object({ kind: z.literal('set-collapsed'), screen: ScreenKind, collapsed: z.boolean() }),
]);
export type PanelAction = z.infer<typeof PanelAction>;

/** Content script → background. */
export const PanelRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('subscribe'), screen: ScreenRef }),
  z.object({ type: z.literal('action'), requestId: z.string().check(z.minLength(1), z.maxLength(64)), action: PanelAction }),
]);
export type PanelRequest = z.infer<typeof PanelRequest>;

/** Background → content script. */
export const PanelPush = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('view'),
    view: PanelView,
    /** True while a refresh is under way (the view is the cached one). */
    refreshing: z.boolean(),
    collapsed: z.boolean(),
  }),
  /** The screen cannot be shown at all (not configured, record not found, Manage down with no cache). */
  z.object({ type: z.literal('unavailable'), screen: ScreenKind, error: AppErrorData, collapsed: z.boolean() }),
  z.object({
    type: z.literal('progress'),
    requestId: z.string(),
    message: z.string(),
  }),
  z.object({
    type: z.literal('result'),
    requestId: z.string(),
    ok: z.boolean(),
    /** What happened, in words for the technician. */
    message: z.nullable(z.string()),
    error: z.optional(AppErrorData),
    suggestions: z.optional(z.array(LinkSuggestion)),
  }),
]);
export type PanelPush = z.infer<typeof PanelPush>;

/** Healthy mailboxes listed per tenant; failing and transient ones are always all listed. */
export const MAILBOX_LIST_LIMIT = 25;
