import { z } from 'zod';
import { AppError } from '../../errors';
import { isVendorError } from '../errors';
import { orgTokenRefused, orgWithoutToken } from './errors';
import { OrgRow } from './wire';

/**
 * Dropsuite's per-organisation tokens (vendor-api.md §1.2): every `/users` row carries the
 * organisation's own `authentication_token`, which org-scoped routes require. They live here:
 * never returned, never put in an error, and kept between worker restarts and browser sessions
 * only by a `DirectoryVault`, which keeps them with the keys (lib/services/secret-store.ts).
 * Rows are matched by `organization_id` or the string `id` (clients use both).
 */

interface OrgEntry {
  id: string;
  name: string;
  /** Null: the vendor gives this organisation no token (deleted). */
  token: string | null;
  /** The row as last read: what was known of the organisation then. */
  row: OrgRow;
}

/**
 * Where the directory's rows are kept between worker restarts. What `load` answers is validated
 * here, and anything else (nothing kept, another reseller's, unreadable) is `null`.
 */
export interface DirectoryVault {
  load(): Promise<unknown[] | null>;
  save(rows: readonly OrgRow[]): Promise<void>;
}

const KeptRows = z.array(OrgRow);

/** What a caller learns about the organisation it is acting for: never the token. */
export interface OrgRef {
  id: string;
  name: string;
}

export const canonicalOrgId = (row: OrgRow): string => row.organization_id ?? row.id ?? '';

export class OrgDirectory {
  private readonly entries = new Map<string, OrgEntry>();
  /** Any id the vendor uses → the canonical id. */
  private readonly aliases = new Map<string, string>();
  /** Whether `entries` holds a whole list (read now, or kept from an earlier read). */
  private loaded = false;
  private refreshing: Promise<OrgRow[]> | null = null;
  private restoring: Promise<void> | null = null;

  /** `loadRows` reads the full organisation list from the vendor; `vault` keeps it between restarts. */
  constructor(private readonly loadRows: () => Promise<OrgRow[]>, private readonly vault?: DirectoryVault) {}

  /**
   * Takes a row read on its own (an organisation's detail, the answer to a change, the one a
   * mailbox row embeds). A row without the token field keeps the token already known: only an
   * explicit null says the vendor gives none (UNVERIFIED which rows carry it).
   */
  remember(row: OrgRow): void {
    const id = canonicalOrgId(row);
    const token = row.authentication_token === undefined ? (this.entries.get(id)?.token ?? null) : row.authentication_token;
    this.entries.set(id, { id, name: row.organization_name ?? `organisation ${id}`, token, row });
    for (const alias of [id, row.id, row.organization_id]) if (alias) this.aliases.set(alias, id);
  }

  /** The list kept by the vault, once per directory, unless one was read first. */
  private restore(): Promise<void> {
    this.restoring ??= (async () => {
      const kept = KeptRows.safeParse(await this.vault?.load().catch(() => null));
      if (this.loaded || !kept.success || kept.data.length === 0) return;
      for (const row of kept.data) this.remember(row);
      this.loaded = true;
    })();
    return this.restoring;
  }

  /**
   * Every organisation as last read, in this worker or (through the vault) an earlier one, without
   * a request; null when none was ever read. Good for hints (which state, how many mailboxes),
   * not for showing: the vendor may have changed since.
   */
  async lastKnown(): Promise<OrgRow[] | null> {
    await this.restore();
    return this.loaded ? [...this.entries.values()].map((e) => e.row) : null;
  }

  /** The canonical id, if known (callers may pass an alternative id). */
  resolve(ref: string): string {
    return this.aliases.get(ref) ?? ref;
  }

  /** Every token held, so that text leaving the client can be scrubbed of them. */
  secrets(): string[] {
    return [...this.entries.values()].flatMap((e) => (e.token ? [e.token] : []));
  }

  /** Re-reads the organisation list and returns it; concurrent callers share one read. */
  refresh(): Promise<OrgRow[]> {
    this.refreshing ??= this.loadRows().then((rows) => {
      this.entries.clear();
      this.aliases.clear();
      for (const row of rows) this.remember(row);
      this.loaded = true;
      this.vault?.save(rows).catch((error: unknown) => console.warn('Backup Bridge: could not keep the organisation list', error));
      return rows;
    }).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** The organisations whose data can be read (those with a token). */
  async reachable(): Promise<OrgRef[]> {
    await this.restore();
    if (!this.loaded) await this.refresh();
    return [...this.entries.values()].filter((e) => e.token !== null).map(({ id, name }) => ({ id, name }));
  }

  /** Reads the list on first use, and again for an id it does not know (a new organisation). */
  private async entry(ref: string): Promise<OrgEntry | null> {
    await this.restore();
    if (!this.loaded || !this.entries.has(this.resolve(ref))) await this.refresh();
    return this.entries.get(this.resolve(ref)) ?? null;
  }

  /**
   * Runs `use` with the organisation's token. A 401 may mean the token rotated: the list is
   * re-read once and `use` retried once; a second refusal is final.
   */
  async withToken<T>(ref: string, notFound: () => AppError, use: (token: string, org: OrgRef) => Promise<T>): Promise<T> {
    const first = await this.usable(ref, notFound);
    try {
      return await use(first.token, { id: first.id, name: first.name });
    } catch (error) {
      if (!isVendorError(error, 'vendor-auth')) throw error;
    }
    await this.refresh();
    const second = await this.usable(ref, notFound);
    try {
      return await use(second.token, { id: second.id, name: second.name });
    } catch (error) {
      throw isVendorError(error, 'vendor-auth') ? orgTokenRefused(second.name) : error;
    }
  }

  private async usable(ref: string, notFound: () => AppError): Promise<OrgEntry & { token: string }> {
    const entry = await this.entry(ref);
    if (!entry) throw notFound();
    if (entry.token === null) throw orgWithoutToken(entry.name);
    return { ...entry, token: entry.token };
  }
}
