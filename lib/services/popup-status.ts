import { AGREEMENTS, COMPANIES, getSystemInfo, listAdditions, where, type ManageClient, type ManageSite } from '../connectwise';
import { listAllOf } from '../connectwise/resources/common';
import { classifyMailbox, parseAdditionSerialNumber } from '../domain';
import { AppError, type AppErrorData } from '../errors';
import { manageRecordUrl, type RecordScreen } from '../manage/url';
import type { ConnectionState, PopupStatus } from '../messages/popup';
import { popupStatusItem } from '../storage';
import { formatActionName, type Organization, type VendorClient } from '../vendor';
import type { ClientProvider } from './clients';
import type { SettingsService } from './settings-service';
import {
  additionsOfOrg, compareTenantSeats, findOrg, isVendorAddition, locate, orgName, readRegionConfigurations,
  readOpenBackupTickets, tenantLinkRecords, type BillingAddition, type TenantLinkRecord,
} from './views/shared';

/**
 * The popup's "integration at a glance" (issue 4), computed here and kept in storage.session.
 * It is recomputed when the popup asks with `refresh`, when the popup opens on a status older
 * than `maxAgeMs` (the cached one is shown meanwhile, marked refreshing), and by the
 * POPUP_STATUS_ALARM every POPUP_STATUS_PERIOD_MINUTES.
 *
 * Cost of one computation, with L linked tenants on A agreements:
 * - CW: the tenant link configurations (1, paged by 1,000), the open backup tickets (1), the
 *   additions of each linking agreement (A); and for organisations no configuration links (the
 *   legacy addition-only links), the companies named like them (1), their active agreements (1)
 *   and those agreements' additions (1 each);
 * - vendor: the organisation list (1) and each linked tenant's connection failures (L): the
 *   failing mailboxes without reading every mailbox (a failure the vendor does not list there,
 *   "Space Full" or a stale "Completed", shows on the company panel only).
 * At most `concurrency` requests run at once against each API. With the seeded world: 14 CW and
 * 11 vendor requests. The Manage connection is proven by these reads (discovery is cached by the
 * client provider); without a vendor region to read by, by one `system/info` call.
 */

export const POPUP_STATUS_ALARM = 'backup-bridge/popup-status';
export const POPUP_STATUS_PERIOD_MINUTES = 10;

export interface PopupStatusDeps {
  clients: ClientProvider;
  settings: SettingsService;
  now?: () => number;
  /** A status older than this is recomputed when the popup opens; default 10 minutes. */
  maxAgeMs?: number;
  /** Requests in flight at once, per API; default 4. */
  concurrency?: number;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

const settle = <T>(promise: Promise<T>): Promise<Outcome<T>> =>
  promise.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error: AppError.from(error).data }));

const NOT_CONFIGURED = new Set(['manage-not-configured', 'vendor-not-configured']);

function connection(outcome: Outcome<unknown>, checkedAt: string): ConnectionState {
  if (outcome.ok) return { state: 'ok', checkedAt };
  return { state: NOT_CONFIGURED.has(outcome.error.code) ? 'not-configured' : 'error', error: outcome.error, checkedAt };
}

/** `items` through `task`, at most `limit` at a time, results in order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const unique = <T>(values: readonly T[]) => [...new Set(values)];
const CONDITION_BATCH = 50; // values per `in (...)`, to keep each URL short

export function createPopupStatusService(deps: PopupStatusDeps) {
  const now = deps.now ?? Date.now;
  const maxAgeMs = deps.maxAgeMs ?? POPUP_STATUS_PERIOD_MINUTES * 60_000;
  const limit = deps.concurrency ?? 4;
  let running: Promise<PopupStatus> | null = null;

  /** Tenants no configuration links, found through an addition on an agreement of a company named like them. */
  async function legacyLinks(client: ManageClient, region: string, orgs: readonly Organization[], linked: ReadonlySet<string>) {
    const unlinked = orgs.filter((org) => !linked.has(org.id) && org.state !== 'deleted');
    const names = unique(unlinked.map((org) => org.name));
    const companies = (await mapLimit(chunks(names), limit, (batch) => listAllOf(client, COMPANIES, { conditions: where.in('name', batch) }))).flat();
    if (companies.length === 0) return { links: [], additions: [] };
    const agreements = (await mapLimit(chunks(companies.map((c) => c.id)), limit, (batch) =>
      listAllOf(client, AGREEMENTS, { conditions: where.and(where.in('company/id', batch), where.eq('cancelledFlag', false)) }))).flat();
    const additions = (await mapLimit(agreements, limit, async (agreement) =>
      locate((await listAdditions(client, agreement.id)).filter((a) => isVendorAddition(region, a)), agreement.id, agreement.company?.id ?? 0))).flat();
    const links: TenantLinkRecord[] = additions.flatMap((addition) => {
      const orgId = parseAdditionSerialNumber(region, addition.serialNumber);
      const company = companies.find((c) => c.id === addition.companyId);
      if (orgId === null || linked.has(orgId) || !unlinked.some((org) => org.id === orgId) || !company) return [];
      return [{ orgId, companyId: company.id, companyName: company.name, agreementId: addition.agreementId }];
    });
    return { links, additions };
  }

  async function readManage(client: ManageClient, region: string, orgs: Promise<Outcome<Organization[]>>) {
    const [configurations, tickets] = await Promise.all([
      readRegionConfigurations(client, `${region}.tenant.`),
      readOpenBackupTickets(client, region),
    ]);
    const configured = tenantLinkRecords(region, configurations);
    const vendorOrgs = await orgs;
    const [legacy, tagged] = await Promise.all([
      vendorOrgs.ok ? legacyLinks(client, region, vendorOrgs.value, new Set(configured.map((r) => r.orgId))) : { links: [], additions: [] },
      mapLimit(unique(configured.flatMap((r) => (r.agreementId === null ? [] : [r.agreementId]))), limit, async (id) =>
        locate(await listAdditions(client, id), id, configured.find((r) => r.agreementId === id)?.companyId ?? 0)),
    ]);
    const additions: BillingAddition[] = [...legacy.additions, ...tagged.flat().filter((a) => isVendorAddition(region, a))];
    return { links: [...configured, ...legacy.links], additions, tickets };
  }

  async function compute(): Promise<PopupStatus> {
    const at = new Date(now());
    const checkedAt = at.toISOString();
    const { settings } = await deps.settings.load();
    const region = settings.vendor?.regionCode ?? null;
    const [manage, vendor] = await Promise.all([settle(deps.clients.manage()), settle(deps.clients.vendor())]);
    const orgs = vendor.ok ? settle(vendor.value.listOrganizations()) : Promise.resolve(vendor);
    const world = !manage.ok ? manage
      : region === null ? await settle(getSystemInfo(manage.value.client).then(() => null))
        : await settle(readManage(manage.value.client, region, orgs));
    const vendorOrgs = await orgs;
    const status: PopupStatus = {
      manage: connection(world, checkedAt),
      vendor: connection(vendorOrgs, checkedAt),
      refreshedAt: checkedAt,
      refreshing: false,
      counts: { linkedTenants: null, agreementsWithDrift: null, failingMailboxes: null, openBackupTickets: null },
      tenants: [],
      drift: [],
      failing: [],
      tickets: [],
    };
    if (!manage.ok || !world.ok || world.value === null || region === null) return status;

    const { links, additions, tickets } = world.value;
    const url = (screen: RecordScreen, id: number) => recordUrl(manage.value.site, screen, id);
    const known = vendorOrgs.ok ? vendorOrgs.value : null;
    status.tickets = tickets.map((ticket) => ({
      url: url('ticket', ticket.id), companyName: ticket.company?.name ?? '', ticketId: ticket.id, summary: ticket.summary,
    }));
    for (const link of links) {
      const org = known ? findOrg(known, link.orgId) : undefined;
      const name = orgName(link.orgId, org);
      status.tenants.push({ url: url('company', link.companyId), companyName: link.companyName, orgName: name, state: org?.state ?? 'unknown' });
      if (!org) continue;
      const own = additionsOfOrg(region, additions, link.orgId);
      const seats = compareTenantSeats(org, own, at);
      const agreementId = link.agreementId ?? own[0]?.agreementId;
      if (seats.proposal.action !== 'none' && agreementId !== undefined) {
        status.drift.push({
          url: url('agreement', agreementId), companyName: link.companyName, orgName: name, agreementId, billed: seats.billed, target: seats.target,
        });
      }
    }
    let failingRead = false;
    if (known && vendor.ok) {
      const failing = await failingMailboxes(vendor.value, region, known, links, tickets, at);
      status.failing = failing.rows.map(({ companyId, ticketId, ...row }) => ({
        ...row, url: ticketId === null ? url('company', companyId) : url('ticket', ticketId),
      }));
      if (failing.error) status.vendor = { state: 'error', error: failing.error, checkedAt };
      failingRead = !failing.error;
    }
    // Drift and failures need the vendor; without it they are unknown, not zero.
    status.counts = {
      linkedTenants: status.tenants.length,
      agreementsWithDrift: known ? unique(status.drift.map((row) => row.agreementId)).length : null,
      failingMailboxes: failingRead ? status.failing.length : null,
      openBackupTickets: status.tickets.length,
    };
    return status;
  }

  /** Each linked tenant's connection failures that classify as failing (not still retrying). */
  async function failingMailboxes(
    vendor: VendorClient, region: string, orgs: readonly Organization[], links: readonly TenantLinkRecord[],
    tickets: ReadonlyArray<{ id: number; externalXRef?: string | undefined }>, at: Date,
  ) {
    let error: AppErrorData | undefined;
    const perTenant = await mapLimit(links, limit, async (link) => {
      const org = findOrg(orgs, link.orgId);
      if (!org || org.state === 'deleted') return [];
      const read = await settle(vendor.listMailboxes(org.id, 'connectionFailures'));
      if (!read.ok) {
        error ??= read.error;
        return [];
      }
      return read.value.filter((mailbox) => classifyMailbox(mailbox, at).health === 'failing').map((mailbox) => {
        const key = formatActionName({ region, action: 'backup', id: mailbox.id });
        return {
          companyId: link.companyId,
          companyName: link.companyName,
          orgName: org.name,
          email: mailbox.email,
          status: mailbox.statusRaw ?? mailbox.status,
          ticketId: tickets.find((ticket) => ticket.externalXRef?.trim().toLowerCase() === key)?.id ?? null,
        };
      });
    });
    return { rows: perTenant.flat(), error };
  }

  function recompute(): Promise<PopupStatus> {
    running ??= compute()
      .then(async (status) => {
        await popupStatusItem.set(status);
        return status;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    /** What the popup shows: the cached status, or a new one when asked, missing or too old. */
    async get({ refresh }: { refresh: boolean }): Promise<PopupStatus> {
      const cached = await popupStatusItem.get();
      if (!cached || refresh) return recompute();
      const age = now() - Date.parse(cached.refreshedAt ?? '');
      if (!(age < maxAgeMs)) recompute().catch((error: unknown) => console.error('Backup Bridge: popup status failed', error));
      return { ...cached, refreshing: running !== null };
    },
    /** Recompute now (the alarm). */
    refresh: recompute,
    clear: () => popupStatusItem.remove(),
  };
}
export type PopupStatusService = ReturnType<typeof createPopupStatusService>;

/** The Manage screen of a record, in the web client the site serves. */
const recordUrl = (site: ManageSite, screen: RecordScreen, id: number) =>
  manageRecordUrl(`${site.webOrigin}/${site.codebase}/ConnectWise.aspx`, screen, id);

function chunks<T>(values: readonly T[]): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < values.length; start += CONDITION_BATCH) batches.push(values.slice(start, start + CONDITION_BATCH));
  return batches;
}
