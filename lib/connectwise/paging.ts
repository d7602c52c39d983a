import { z } from 'zod';
import type { ManageClient } from './client';
import type { Condition } from './conditions';
import { manageError } from './errors';

/**
 * Reading whole collections. ConnectWise pages at most 1,000 records (official "PSA Pagination"
 * page) and defaults to 25, so every list asks for 1,000 and follows the pages:
 * - forward-only (`pagination-type: forward-only`, the server pages by `pageId` = last id): the
 *   recommended mode for large reads, stable while records change;
 * - navigable (`Link: <…page=2>; rel="next"`), for endpoints or callers that need an orderBy;
 * - no Link header at all: the endpoint ignores forward-only (christaylorcodes notes some do),
 *   so continue with page numbers in navigable mode until a short page.
 * A hard cap on pages turns a runaway loop into a clear error instead of a hung worker.
 */

export interface ListQuery {
  conditions?: Condition;
  childConditions?: Condition;
  customFieldConditions?: Condition;
  /** e.g. `name asc`; forces navigable paging (forward-only is always by id). */
  orderBy?: string;
  fields?: readonly string[];
}

export interface PagingOptions {
  /** Default 1000, the server's maximum. */
  pageSize?: number;
  /** Default 100 pages (100,000 records at 1,000 a page). */
  maxPages?: number;
}

const MAX_PAGE_SIZE = 1000;
const DEFAULT_MAX_PAGES = 100;

export function querySearchParams(query: ListQuery = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (query.conditions) params.set('conditions', query.conditions.text);
  if (query.childConditions) params.set('childConditions', query.childConditions.text);
  if (query.customFieldConditions) params.set('customFieldConditions', query.customFieldConditions.text);
  if (query.orderBy) params.set('orderBy', query.orderBy);
  if (query.fields?.length) params.set('fields', query.fields.join(','));
  return params;
}

/** rel → URL from an RFC 8288 Link header. */
export function parseLinkHeader(header: string | null): Map<string, URL> {
  const links = new Map<string, URL>();
  for (const match of (header ?? '').matchAll(/<([^>]*)>\s*((?:;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2] ?? '')?.[1]?.trim().toLowerCase();
    if (!rel || !URL.canParse(match[1] ?? '')) continue;
    for (const name of rel.split(/\s+/)) links.set(name, new URL(match[1] as string));
  }
  return links;
}

/** A paging parameter from the next link, read case-insensitively. */
function linkParam(url: URL, name: string): number | null {
  for (const [key, value] of url.searchParams) {
    if (key.toLowerCase() === name.toLowerCase() && /^\d+$/.test(value)) return Number(value);
  }
  return null;
}

type Cursor = { mode: 'forward'; pageId: number } | { mode: 'navigable'; page: number };

/**
 * Every record of `path` matching `query`, page by page. Only the paging numbers are taken from a
 * Link header: the request itself is always rebuilt on our own API base, so credentials never
 * follow a link to another origin.
 */
export async function* iterate<T extends { id?: number | undefined }>(
  client: ManageClient, path: string, schema: z.ZodType<T>, query: ListQuery = {}, options: PagingOptions = {},
): AsyncGenerator<T> {
  const pageSize = Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const pageSchema = z.array(schema);
  const seen = new Set<number>();
  let cursor: Cursor = query.orderBy ? { mode: 'navigable', page: 1 } : { mode: 'forward', pageId: 0 };
  let forwardConfirmed = false;

  for (let pages = 1; ; pages++) {
    if (pages > maxPages) {
      throw manageError('too-many-records', {
        message: `ConnectWise has more than ${maxPages * pageSize} records of ${path.split('?')[0]} for this query; Backup Bridge stopped reading.`,
        hint: 'Narrow the query (conditions), or raise the page cap for this call.',
      });
    }
    const params = querySearchParams(query);
    params.set('pageSize', String(pageSize));
    if (cursor.mode === 'forward' && cursor.pageId > 0) params.set('pageId', String(cursor.pageId));
    if (cursor.mode === 'navigable') params.set('page', String(cursor.page));
    const reply = await client.send('GET', path, {
      searchParams: params,
      schema: pageSchema,
      ...(cursor.mode === 'forward' ? { headers: { 'pagination-type': 'forward-only' } } : {}),
    });
    const items = reply.body;
    for (const item of items) {
      // Navigable pages shift when records are added meanwhile; never hand out one record twice.
      if (item.id !== undefined) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
      }
      yield item;
    }

    const next = parseLinkHeader(reply.headers.get('link')).get('next');
    if (next) {
      const pageId = linkParam(next, 'pageId');
      const page = linkParam(next, 'page');
      if (cursor.mode === 'forward' && pageId !== null && pageId > cursor.pageId) {
        cursor = { mode: 'forward', pageId };
        forwardConfirmed = true;
      } else if (page !== null && page > (cursor.mode === 'navigable' ? cursor.page : 1)) {
        cursor = { mode: 'navigable', page };
      } else {
        throw manageError('invalid-response', {
          message: `ConnectWise’s next-page link for ${path.split('?')[0]} does not move forward; Backup Bridge stopped reading.`,
          retryable: true,
        });
      }
      continue;
    }
    if (reply.headers.has('link') || items.length < pageSize || forwardConfirmed) return;
    // A full page and no Link at all: forward-only is not supported here, or the collection
    // holds exactly one page. Navigable page 2 answers both (empty in the second case).
    cursor = { mode: 'navigable', page: cursor.mode === 'navigable' ? cursor.page + 1 : 2 };
  }
}

/** All records as an array (see iterate). */
export async function listAll<T extends { id?: number | undefined }>(
  client: ManageClient, path: string, schema: z.ZodType<T>, query?: ListQuery, options?: PagingOptions,
): Promise<T[]> {
  const records: T[] = [];
  for await (const record of iterate(client, path, schema, query, options)) records.push(record);
  return records;
}

/** One page of up to `pageSize` records (default 1000), first by `orderBy` or by id. */
export async function listPage<T>(
  client: ManageClient, path: string, schema: z.ZodType<T>, query: ListQuery = {}, pageSize = MAX_PAGE_SIZE,
): Promise<T[]> {
  const params = querySearchParams(query);
  params.set('pageSize', String(Math.min(pageSize, MAX_PAGE_SIZE)));
  return client.request('GET', path, z.array(schema), { searchParams: params });
}

const CountReply = z.looseObject({ count: z.number().int().nonnegative() });

/** `GET {path}/count` with the same conditions: `{"count": N}`. */
export async function count(client: ManageClient, path: string, query: Omit<ListQuery, 'orderBy' | 'fields'> = {}): Promise<number> {
  const collection = path.replace(/\/+$/, '');
  const reply = await client.request('GET', `${collection}/count`, CountReply, { searchParams: querySearchParams(query) });
  return reply.count;
}
