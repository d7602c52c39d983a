import { z } from 'zod';
import {
  CONFIGURATIONS, listAdditions, listAgreementsForCompany, TICKETS, where,
  type Addition, type Condition, type Configuration, type ManageClient, type Ticket,
} from '../../connectwise';
import { listAllOf } from '../../connectwise/resources/common';
import {
  classifyMailbox, compareSeats, connectWiseDate, discoverLinks, isBackupTicket, linksOfCompany,
  parseAdditionSerialNumber, parsePlanItemIdentifier, parseTenantLinkName, planItemIdentifier, reactivationWindow,
  rollupHealth, sortMailboxesForDisplay, successSeries, toInstant,
  type BackupState, type DiscoveredLink, type LocatedAddition, type SeatComparison,
} from '../../domain';
import { AppError, type AppErrorData } from '../../errors';
import { MAILBOX_LIST_LIMIT, type CompanyView, type MailboxView, type SeatsView, type TenantView } from '../../messages/panels';
import type { BackupHistoryDay, Mailbox, Organization, VendorClient, VendorErrorCode } from '../../vendor';
import type { ManageConnection } from '../clients';
import { MAILBOX_ACTIONS_TYPE } from '../actions/tenant-links';
import type { SessionCache } from '../session-cache';

/**
 * What the three view builders share: where they read from, the ConnectWise reads of the
 * integration's records, the vendor reads that may fail on their own (the rest of the view
 * still shows), and the mapping of domain results onto the panel contract.
 */

export interface ViewSources {
  manage: ManageConnection;
  vendor: VendorClient;
  region: string;
  now: Date;
  /** The vendor's organisations, possibly from the cache; read once per view. */
  organizations(): Promise<Organization[]>;
  /** Which of a company's agreements hold vendor additions (the legacy link scan), per company id. */
  legacyScans: SessionCache<LegacyScan>;
  /** How long a legacy scan is trusted (ms). */
  legacyScanMs: number;
}

// ── Vendor reads that may fail on their own ───────────────────────────────────────────────────

/** Collects the first vendor failure of a view; reads that fail answer null and the view goes on. */
export function vendorReads() {
  let first: AppErrorData | undefined;
  return {
    async read<T>(promise: Promise<T>): Promise<T | null> {
      try {
        return await promise;
      } catch (error) {
        first ??= AppError.from(error).data;
        return null;
      }
    },
    note(error: AppErrorData): void {
      first ??= error;
    },
    get error(): AppErrorData | undefined {
      return first;
    },
  };
}
export type VendorReads = ReturnType<typeof vendorReads>;

/** An organisation by any of its ids; one ConnectWise links but the vendor lacks is noted on `reads`. */
export function findOrg(orgs: readonly Organization[], orgId: string, reads?: VendorReads): Organization | undefined {
  const org = orgs.find((candidate) => candidate.id === orgId || candidate.altIds.includes(orgId));
  if (!org) {
    reads?.note({
      code: 'vendor-not-found',
      message: `ConnectWise links organisation ${orgId}, which the vendor does not know.`,
      hint: 'It may have been deleted at the vendor: unlink it, or link the right tenant.',
    });
  }
  return org;
}

// ── ConnectWise reads ─────────────────────────────────────────────────────────────────────────

/**
 * The integration's configurations within `scope`: tenant links (`{region}.tenant.{orgId}`) and
 * mailbox actions (`{region}.{action}.{id}`), read by name whatever their type, as link
 * discovery counts them (lib/domain/links.ts: the name alone makes a link).
 */
export const readRegionConfigurations = (client: ManageClient, namePrefix: string, scope?: Condition): Promise<Configuration[]> =>
  listAllOf(client, CONFIGURATIONS, { conditions: where.and(where.startsWith('name', namePrefix), ...(scope ? [scope] : [])) });

/** Open tickets whose externalXRef is one of this region's action names, within `scope`. */
export async function readOpenBackupTickets(client: ManageClient, region: string, scope?: Condition): Promise<Ticket[]> {
  const tickets = await listAllOf(client, TICKETS, {
    conditions: where.and(where.startsWith('externalXRef', `${region}.`), where.eq('closedFlag', false), ...(scope ? [scope] : [])),
  });
  // `like` over-matches (escapeLike); the naming rule decides.
  return tickets.filter((ticket) => isBackupTicket(ticket, [], region, MAILBOX_ACTIONS_TYPE) !== null);
}

export const ticketLink = (ticket: Ticket): CompanyView['openTickets'][number] => ({ id: ticket.id, summary: ticket.summary, status: ticket.status?.name ?? '' });

/** A tenant link configuration's organisation and billing agreement (its tagNumber). */
export interface TenantLinkRecord {
  orgId: string;
  companyId: number;
  companyName: string;
  agreementId: number | null;
}

export function tenantLinkRecords(region: string, configurations: readonly Configuration[]): TenantLinkRecord[] {
  return configurations.flatMap((configuration) => {
    const orgId = parseTenantLinkName(region, configuration.name);
    if (orgId === null || configuration.activeFlag === false || !configuration.company) return [];
    const tag = configuration.tagNumber?.trim() ?? '';
    const { id, name, identifier } = configuration.company;
    return [{ orgId, companyId: id, companyName: name ?? identifier ?? `Company #${id}`, agreementId: /^\d+$/.test(tag) ? Number(tag) : null }];
  });
}

/** Additions naming one of our tenants or selling one of our plans. */
export const isVendorAddition = (region: string, addition: Addition) =>
  parseAdditionSerialNumber(region, addition.serialNumber) !== null || parsePlanItemIdentifier(region, addition.product?.identifier) !== null;

/** An addition with the agreement and company it sits on (what link discovery needs). */
export type BillingAddition = Addition & Pick<LocatedAddition, 'agreementId' | 'companyId'>;

export const locate = (additions: readonly Addition[], agreementId: number, companyId: number): BillingAddition[] =>
  additions.map((addition) => ({ ...addition, agreementId, companyId }));

/** Not cancelled by now (a cancellation dated ahead still bills). */
export const isLiveAddition = (addition: Pick<LocatedAddition, 'cancelledDate'>, now: Date) => {
  const cancelled = toInstant(addition.cancelledDate);
  return cancelled === null || cancelled > now.getTime();
};

/** One request per agreement, all at once. */
export const readAdditions = (client: ManageClient, agreementIds: readonly number[]) =>
  Promise.all(agreementIds.map(async (id) => ({ agreementId: id, additions: await listAdditions(client, id) })));

export const agreementRef = (id: number, names: ReadonlyMap<number, string>) => ({ id, name: names.get(id) ?? `Agreement #${id}` });

/** The company as ConnectWise names it, when a read on the way told us. */
export interface CompanyIdentity {
  id: number;
  name: string;
  identifier: string;
}

export const identityOf = (ref: { id: number; name?: string | undefined; identifier?: string | undefined } | undefined): CompanyIdentity | null =>
  ref?.name !== undefined && ref.identifier !== undefined ? { id: ref.id, name: ref.name, identifier: ref.identifier } : null;

export const LegacyScan = z.object({
  company: z.object({ id: z.number(), name: z.string(), identifier: z.string() }).nullable(),
  /** The company's agreements that hold vendor additions (usually none or one). */
  agreements: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type LegacyScan = z.infer<typeof LegacyScan>;

export interface CompanyLinks {
  links: DiscoveredLink[];
  /** The vendor additions read on the way (the tenants' agreements), located. */
  additions: BillingAddition[];
  /** Organisation id → the agreement its tenant link configuration names (tagNumber). */
  tagged: ReadonlyMap<string, number>;
  agreementNames: ReadonlyMap<number, string>;
  /** Learnt from a legacy scan, when one ran or was remembered. */
  company: CompanyIdentity | null;
}

/**
 * Which tenants a company is linked to. The integration's tenant configurations name them with
 * their billing agreement (tagNumber), so one more round reads exactly those agreements'
 * additions. A company without any (older integrations linked by addition only, or no link at
 * all) needs a scan: its agreements, then each one's additions: two more rounds. The scan's
 * finding (which agreements hold vendor additions) is remembered for `legacyScanMs`, so a later
 * refresh reads those additions in its first round, or nothing when there are none.
 */
export async function readCompanyLinks(
  src: ViewSources, companyId: number, configurations: Promise<Configuration[]>,
): Promise<CompanyLinks> {
  const { client } = src.manage;
  const cached = await src.legacyScans.get(String(companyId));
  const scan = cached && src.now.getTime() - cached.fetchedAt < src.legacyScanMs ? cached.value : null;
  const scanned = scan ? readAdditions(client, scan.agreements.map((a) => a.id)) : null;
  scanned?.catch(() => undefined); // not awaited when the configurations fail first
  const configs = await configurations;
  const records = tenantLinkRecords(src.region, configs);
  const names = new Map<number, string>(scan?.agreements.map((a) => [a.id, a.name]));

  let reads: Array<{ agreementId: number; additions: Addition[] }>;
  let company: CompanyIdentity | null = scan?.company ?? null;
  if (records.length > 0) {
    const agreementIds = [...new Set(records.flatMap((r) => (r.agreementId === null ? [] : [r.agreementId])))];
    // A scan remembered from before the company was linked may have read some of them already.
    const early = new Set(scan?.agreements.map((a) => a.id));
    const [remembered, rest] = await Promise.all([
      scanned ?? Promise.resolve([]),
      readAdditions(client, agreementIds.filter((id) => !early.has(id))),
    ]);
    reads = [...remembered.filter((read) => agreementIds.includes(read.agreementId)), ...rest];
  } else if (scanned) {
    reads = await scanned;
  } else {
    const agreements = await listAgreementsForCompany(client, companyId);
    for (const agreement of agreements) names.set(agreement.id, agreement.name);
    reads = (await readAdditions(client, agreements.map((a) => a.id))).filter((read) => read.additions.some((a) => isVendorAddition(src.region, a)));
    company = identityOf(agreements[0]?.company);
    await src.legacyScans.set(String(companyId), {
      company,
      agreements: reads.map((read) => ({ id: read.agreementId, name: names.get(read.agreementId) ?? '' })),
    }, src.now.getTime());
  }

  const additions = reads.flatMap((read) =>
    locate(read.additions.filter((a) => isVendorAddition(src.region, a)), read.agreementId, companyId));
  const discovery = discoverLinks(src.region, { configurations: configs, additions });
  return {
    links: linksOfCompany(discovery, companyId),
    additions,
    tagged: new Map(records.flatMap((r) => (r.agreementId === null ? [] : [[r.orgId, r.agreementId] as const]))),
    agreementNames: names,
    company,
  };
}

// ── Vendor data of one tenant ─────────────────────────────────────────────────────────────────

export interface TenantData {
  /** Null when they could not be read, or are not read (see readTenantData). */
  mailboxes: Mailbox[] | null;
  /** Null likewise (and where the vendor offers no history). */
  history: BackupHistoryDay[] | null;
  /** The organisation's own record, when read: it dates its state (the list does not). */
  detail: Organization | null;
}

const HISTORY_DAYS = 14;

const ORG_TOKEN_REFUSALS = new Set<string>(['vendor-org-token', 'vendor-org-unavailable'] satisfies VendorErrorCode[]);

/** An organisation whose mailboxes are read: not stopped (see readTenantData). */
const isBackingUp = (org: Organization) => org.state !== 'deleted' && org.state !== 'unsubscribed';

/** The seats in use say how many pages to ask for at once (a 1,000-mailbox tenant: two, together). */
const expectedMailboxes = (org: Organization) => ({ expected: org.seats.used ?? org.seats.active ?? 0 });

const readHistory = (src: ViewSources, reads: VendorReads, orgId: string) =>
  src.vendor.capabilities().has('history') ? reads.read(src.vendor.backupHistory(orgId, HISTORY_DAYS)) : Promise.resolve(null);

/**
 * Mailboxes and 14 days of history, in parallel. An unsubscribed organisation's backups are
 * stopped, so its mailboxes would all read as stale failures: its own record is read instead,
 * for the date of the unsubscribe and the end of the 45-day window (the list does not carry
 * them). A deleted one has nothing to read.
 */
async function readTenantData(src: ViewSources, reads: VendorReads, org: Organization | undefined): Promise<TenantData> {
  if (!org || org.state === 'deleted') return { mailboxes: null, history: null, detail: null };
  if (org.state === 'unsubscribed') return { mailboxes: null, history: null, detail: await reads.read(src.vendor.getOrganization(org.id)) };
  const [mailboxes, history] = await Promise.all([
    reads.read(src.vendor.listMailboxes(org.id, 'protected', expectedMailboxes(org))),
    readHistory(src, reads, org.id),
  ]);
  return { mailboxes, history, detail: null };
}

export interface TenantRead {
  /** The organisation as the vendor has it now; undefined when it could not be read. */
  org: Organization | undefined;
  data: TenantData;
}

/**
 * A linked tenant's organisation and data. One the vendor client has read before (in this browser
 * session or an earlier one) and still backing up then has its mailboxes and history read at
 * once, and the mailbox rows bring the organisation as it is now, so the organisation list is not
 * read. Otherwise (never read, stopped, or rows that do not carry it) the list is read first, and
 * readTenantData decides. `listed` reads the list once for every tenant of the view.
 */
export async function readTenant(
  src: ViewSources, reads: VendorReads, orgId: string,
  lastKnown: readonly Organization[] | null, listed: () => Promise<Organization[] | null>,
): Promise<TenantRead> {
  const fromList = async () => {
    const orgs = await listed();
    return orgs ? findOrg(orgs, orgId, reads) : undefined;
  };
  const hint = lastKnown ? findOrg(lastKnown, orgId) : undefined;
  if (hint && isBackingUp(hint)) {
    const [owned, history] = await Promise.all([
      src.vendor.listMailboxesWithOwner(hint.id, 'protected', expectedMailboxes(hint)).catch((error: unknown) => AppError.from(error)),
      readHistory(src, reads, hint.id),
    ]);
    if (owned instanceof AppError) {
      reads.note(owned.data);
      // Only the organisation's own token refused: the list (reseller keys) still says what it is.
      // Anything else (the vendor down) would fail the list too, after its own retries.
      const tokenRefused = ORG_TOKEN_REFUSALS.has(owned.data.code);
      return { org: tokenRefused ? await fromList() : undefined, data: { mailboxes: null, history, detail: null } };
    }
    const org = owned.owner ?? (await fromList());
    if (!org || isBackingUp(org)) return { org, data: { mailboxes: owned.mailboxes, history, detail: null } };
  }
  const org = await fromList();
  return { org, data: await readTenantData(src, reads, org) };
}

// ── Onto the contract ─────────────────────────────────────────────────────────────────────────

export function mailboxView(
  mailbox: BackupState & { id: string; email: string; displayName: string; statusRaw: string | null; lastBackupAt: string | null },
  now: Date,
): MailboxView {
  const errors = mailbox.errors.map((e) => e.message).filter(Boolean);
  return {
    id: mailbox.id,
    email: mailbox.email,
    displayName: mailbox.displayName,
    status: mailbox.status,
    statusRaw: mailbox.statusRaw,
    health: classifyMailbox(mailbox, now).health,
    lastSuccessAt: mailbox.lastSuccessAt,
    lastBackupAt: mailbox.lastBackupAt,
    error: errors.length > 0 ? errors.join('; ') : null,
    attempts: mailbox.attempts,
    maxAttempts: mailbox.maxAttempts,
  };
}

/** Every failing and transient mailbox, then at most MAILBOX_LIST_LIMIT of the others. */
function listedMailboxes(mailboxes: readonly Mailbox[], now: Date): MailboxView[] {
  let others = 0;
  return sortMailboxesForDisplay(mailboxes, now)
    .map((mailbox) => mailboxView(mailbox, now))
    .filter((view) => view.health === 'failing' || view.health === 'transient' || others++ < MAILBOX_LIST_LIMIT);
}

/** The chart's 14 days; a day the vendor did not report shows as 0 of 0 (the contract has no gaps). */
const historyView = (history: readonly BackupHistoryDay[], now: Date) =>
  successSeries(history, now, HISTORY_DAYS).map((day) => ({
    date: day.date, total: day.total ?? 0, succeeded: day.succeeded ?? 0, failed: day.failed ?? 0,
  }));

export function seatsView(
  comparison: SeatComparison,
  additions: readonly LocatedAddition[],
  agreement: { id: number; name: string } | null,
  now: Date,
): SeatsView {
  const live = additions.filter((a) => isLiveAddition(a, now));
  const { proposal } = comparison;
  return {
    bought: comparison.bought,
    used: comparison.used,
    billed: comparison.billed,
    status: comparison.status,
    drift: comparison.drift,
    proposal: {
      action: proposal.action,
      quantity: proposal.quantity,
      effectiveDate: proposal.effectiveDate === null ? null : connectWiseDate(proposal.effectiveDate),
      needsConfirmation: proposal.needsConfirmation,
      warnings: proposal.warnings,
    },
    agreement,
    additionId: live.length === 1 ? (live[0]?.id ?? null) : (proposal.additionIds[0] ?? null),
  };
}

/** Seats of one tenant against its additions: compareSeats with what the vendor said (or nothing). */
export const compareTenantSeats = (org: Organization | undefined, additions: readonly LocatedAddition[], now: Date) =>
  compareSeats({
    vendorSeats: org?.seats ?? { purchased: null, used: null },
    orgState: org?.state ?? 'unknown',
    stateChangedAt: org?.stateChangedAt ?? null,
    additions,
    now,
  });

export const orgName = (orgId: string, org: Organization | undefined) => org?.name ?? `Organisation ${orgId}`;

export interface TenantInput {
  link: DiscoveredLink;
  org: Organization | undefined;
  /** This tenant's additions (cancelled ones too). */
  additions: readonly BillingAddition[];
  agreement: { id: number; name: string } | null;
  data: TenantData;
}

const UNKNOWN_HEALTH: TenantView['health'] = { status: 'unknown', reason: null, counts: { protected: 0, failing: 0, transient: 0, inactive: 0 } };

export function tenantView(src: ViewSources, input: TenantInput): TenantView {
  const { link, additions, agreement, data } = input;
  const org = data.detail ?? input.org;
  const { now, region } = src;
  const planId = org?.planId ?? null;
  const planAddition = planId === null ? undefined : additions.find((a) => a.product?.identifier === planItemIdentifier(region, planId));
  const planName = planAddition?.description ?? null;
  const mailboxes = data.mailboxes ?? [];
  // Mailboxes the vendor did not list (it failed, or a stopped tenant is not read) say nothing
  // about its backups: no "healthy" from an empty list.
  const health = data.mailboxes === null ? UNKNOWN_HEALTH : rollupHealth(mailboxes, now, org?.seats);
  return {
    orgId: link.organizationId,
    name: orgName(link.organizationId, org),
    plan: planId === null ? null : { id: planId, name: planName ?? `Plan ${planId}` },
    state: org?.state ?? 'unknown',
    stateRaw: org?.stateRaw ?? '',
    stateChangedAt: org?.stateChangedAt ?? null,
    purgeAfter: org ? (reactivationWindow(org, now)?.purgeAfter ?? null) : null,
    autoLicense: org?.autoLicense ?? false,
    seats: seatsView(compareTenantSeats(org, additions, now), additions, agreement, now),
    health: { status: health.status, reason: health.reason, counts: health.counts },
    mailboxes: listedMailboxes(mailboxes, now),
    mailboxTotal: mailboxes.length,
    history: data.history === null ? [] : historyView(data.history, now),
    linkedVia: [...new Set(link.evidence.map((e) => e.via))],
    canImpersonate: org !== undefined && (org.state === 'active' || org.state === 'suspended')
      && src.vendor.capabilities().has('impersonate'),
  };
}

/** The additions that bill one tenant. */
export const additionsOfOrg = <T extends LocatedAddition>(region: string, additions: readonly T[], orgId: string) =>
  additions.filter((a) => parseAdditionSerialNumber(region, a.serialNumber) === orgId);
