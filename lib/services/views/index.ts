import { z } from 'zod';
import { AGREEMENTS, findCompaniesByName, findCompanyByIdentifier, where } from '../../connectwise';
import { listAllOf } from '../../connectwise/resources/common';
import { AppError } from '../../errors';
import type { ScreenRef } from '../../messages/panel';
import { PanelView } from '../../messages/panels';
import { Organization, type VendorClient } from '../../vendor';
import type { ViewKey } from '../actions/types';
import type { ClientProvider } from '../clients';
import { createSessionCache, type SessionCache } from '../session-cache';
import type { SettingsService } from '../settings-service';
import { createViewCache } from '../view-cache';
import { buildAgreementView } from './agreement';
import { buildCompanyView } from './company';
import { LegacyScan, type ViewSources } from './shared';
import { buildTicketView } from './ticket';

export interface ViewServiceOptions {
  /** A view (and the shared organisation list) this young is served without asking either API. */
  freshMs: number;
  /** Views kept in storage.session; the least recently used go first. */
  maxViews: number;
  /** How long a company's legacy link scan is trusted (see readCompanyLinks). */
  legacyScanMs: number;
  /** How long a label → record id look-up is trusted. */
  recordLookupMs: number;
}

export const DEFAULT_VIEW_OPTIONS: ViewServiceOptions = {
  freshMs: 60_000,
  maxViews: 100,
  legacyScanMs: 30 * 60_000,
  recordLookupMs: 60 * 60_000,
};

export interface ViewServiceDeps {
  clients: ClientProvider;
  settings: SettingsService;
  /** Epoch ms; injectable for tests. */
  now?: () => number;
  options?: Partial<ViewServiceOptions>;
}

/**
 * The panels' data: views built from both APIs (views/*.ts), cached with their sub-results in
 * storage.session (view-cache.ts), and the look-up of a screen's record.
 */
export function createViewService(deps: ViewServiceDeps) {
  const now = deps.now ?? Date.now;
  const options = { ...DEFAULT_VIEW_OPTIONS, ...deps.options };
  const caches = {
    views: createSessionCache('views', PanelView, { maxEntries: options.maxViews, now }),
    organizations: createSessionCache('organizations', z.array(Organization), { maxEntries: 1, now }),
    legacyScans: createSessionCache('legacy-scans', LegacyScan, { maxEntries: 200, now }),
    records: createSessionCache('records', z.number(), { maxEntries: 200, now }),
  };
  const builder = createViewBuilder({ ...deps, now, caches, options });
  const cache = createViewCache({ store: caches.views, build: builder.build, now, freshMs: options.freshMs });
  return {
    ...cache,
    /** Also forgets a company's link scan: the action may have changed its links. */
    async invalidate(...keys: ViewKey[]): Promise<void> {
      await Promise.all([
        cache.invalidate(...keys),
        ...keys.filter((key) => key.startsWith('company:')).map((key) => caches.legacyScans.delete(key.slice('company:'.length))),
      ]);
    },
    keyOf: builder.keyOf,
    /** Forget everything (the settings changed: another site or reseller). */
    async clear(): Promise<void> {
      cache.reset();
      await Promise.all(Object.values(caches).map((c) => c.clear()));
    },
  };
}
export type ViewService = ReturnType<typeof createViewService>;

interface ViewBuilderDeps {
  clients: ClientProvider;
  settings: SettingsService;
  now(): number;
  caches: {
    /** The vendor's organisation list, shared by every view (key `all`). */
    organizations: SessionCache<Organization[]>;
    legacyScans: SessionCache<LegacyScan>;
    /** Screen labels already looked up: label → record id. */
    records: SessionCache<number>;
  };
  options: ViewServiceOptions;
}

/**
 * Builds the view of a key from both APIs, and turns what a screen shows into a key. Vendor
 * partial failures are inside the view; anything thrown is a Manage or set-up problem.
 */
function createViewBuilder(deps: ViewBuilderDeps) {
  const { caches, options } = deps;
  /**
   * The vendor's organisations, from the shared cache while fresh. A cached list serves org-scoped
   * calls too: the vendor client finds the per-organisation tokens where it keeps them, and reads
   * the list itself only when it has none.
   */
  async function organizations(vendor: VendorClient): Promise<Organization[]> {
    const cached = await caches.organizations.get('all');
    if (cached && deps.now() - cached.fetchedAt < options.freshMs) return cached.value;
    const fetchedAt = deps.now();
    const orgs = await vendor.listOrganizations();
    // Not waited for: the tenants' reads start on this answer.
    caches.organizations.set('all', orgs, fetchedAt).catch((error: unknown) => console.warn('Backup Bridge: could not cache the organisations', error));
    return orgs;
  }

  async function sources(kind: ScreenRef['kind'], stop: AbortSignal): Promise<ViewSources> {
    const vendorClient = deps.clients.vendor();
    let list: Promise<Organization[]> | undefined;
    const listOnce = (client: VendorClient) => {
      if (!list) {
        list = organizations(client);
        list.catch(() => undefined); // a failure is reported where the list is used
      }
      return list;
    };
    // Read at once, not after Manage's site discovery (a first view in a new session would
    // otherwise wait a round trip for it). The company view reads it only when a tenant needs it.
    if (kind !== 'company') vendorClient.then(listOnce).catch(() => undefined);
    // Both set-up checks run; Manage's problem is reported first, as the set-up asks for it first.
    const [manage, vendor, loaded] = await Promise.allSettled([deps.clients.manage(), vendorClient, deps.settings.load()]);
    if (manage.status === 'rejected') throw manage.reason;
    if (vendor.status === 'rejected') throw vendor.reason;
    if (loaded.status === 'rejected') throw loaded.reason;
    return {
      manage: { ...manage.value, client: manage.value.client.withSignal(stop) },
      vendor: vendor.value,
      region: loaded.value.settings.vendor?.regionCode ?? '',
      now: new Date(deps.now()),
      organizations: () => listOnce(vendor.value),
      legacyScans: caches.legacyScans,
      legacyScanMs: options.legacyScanMs,
    };
  }

  async function build(key: ViewKey, screen: ScreenRef): Promise<PanelView> {
    // A view that failed stops its other ConnectWise reads: with Manage down they would otherwise
    // go on retrying, and reading on from what they get, for nobody.
    const stop = new AbortController();
    const src = await sources(screen.kind, stop.signal);
    const id = idOf(key);
    try {
      switch (screen.kind) {
        case 'company': return await buildCompanyView(src, id, screen.label);
        case 'agreement': return await buildAgreementView(src, id);
        case 'ticket': return await buildTicketView(src, id, screen.label);
      }
    } catch (error) {
      stop.abort();
      await deps.clients.noticeFailure(error);
      throw error;
    }
  }

  /**
   * The key of a screen. Without a record id the record is looked up by what the screen shows
   * (ticket number: none needed; company identifier or name, agreement name and company: one CW
   * request, remembered for `recordLookupMs`).
   */
  async function keyOf(screen: ScreenRef): Promise<ViewKey> {
    const id = screen.recordId ?? (screen.kind === 'ticket' ? screen.label.ticketNumber : undefined) ?? (await lookUp(screen));
    return `${screen.kind}:${id}`;
  }

  async function lookUp(screen: ScreenRef): Promise<number> {
    const { label } = screen;
    // Keyed by what the look-up uses, so a label caught mid-render with one more field still hits.
    const memoKey = JSON.stringify(
      screen.kind === 'company'
        ? ['company', label.identifier ? { identifier: label.identifier } : { name: label.name }]
        : [screen.kind, label.name, label.companyName],
    );
    const remembered = await caches.records.get(memoKey);
    if (remembered && deps.now() - remembered.fetchedAt < options.recordLookupMs) return remembered.value;
    const { client } = await deps.clients.manage();
    let ids: number[] = [];
    if (screen.kind === 'company' && label.identifier) {
      const company = await findCompanyByIdentifier(client, label.identifier);
      ids = company ? [company.id] : [];
    } else if (screen.kind === 'company' && label.name) {
      ids = (await findCompaniesByName(client, label.name)).map((c) => c.id);
    } else if (screen.kind === 'agreement' && label.name) {
      const conditions = [where.eq('name', label.name), ...(label.companyName ? [where.eq('company/name', label.companyName)] : [])];
      ids = (await listAllOf(client, AGREEMENTS, { conditions: where.and(...conditions) })).map((a) => a.id);
    }
    const [only] = ids;
    if (only === undefined || ids.length > 1) throw recordNotFound(screen, ids.length);
    await caches.records.set(memoKey, only, deps.now());
    return only;
  }

  return { build, keyOf };
}

const idOf = (key: ViewKey) => Number(key.slice(key.indexOf(':') + 1));

function recordNotFound(screen: ScreenRef, matches: number): AppError {
  const shown = screen.label.identifier ?? screen.label.name ?? screen.label.ticketNumber ?? 'this screen';
  return new AppError({
    code: 'record-not-found',
    message: matches > 1
      ? `More than one ConnectWise ${screen.kind} is called “${shown}”; Backup Bridge cannot tell which one this is.`
      : `Backup Bridge could not find the ${screen.kind} “${shown}” in ConnectWise.`,
    hint: 'Open the record from a list or search so its address names it, then reopen the panel.',
  });
}
