import type { z } from 'zod';
import { Pagination } from './wire';

/**
 * Dropsuite list answers come in four shapes (vendor-api.md §1.5, §4.2; sources conflict):
 * - a bare array;
 * - `{ data: [...], pagination: { current_page, per_page, next_page?, … } }` (last page: no next_page);
 * - `{ result_set: [...], pagination: { current_page, total_pages, total_entries } }`;
 * - an array of `{ result_set: [...] }` chunks.
 * This module reads any of them and pages through them.
 */

export interface Page {
  items: unknown[];
  /** What the server said about further pages; null when it said nothing. */
  hasMore: boolean | null;
}

/** Why a body cannot be read as a list; the caller turns it into a 'vendor-bad-response'. */
export class EnvelopeError extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isChunk = (value: unknown): value is { result_set: unknown[] } =>
  isRecord(value) && Array.isArray(value.result_set);

function moreFrom(pagination: unknown): boolean | null {
  if (pagination === undefined || pagination === null) return null;
  const parsed = Pagination.safeParse(pagination);
  if (!parsed.success) throw new EnvelopeError('the pagination block is not understood');
  const { current_page: current, total_pages: total, next_page: next } = parsed.data;
  if (current !== null && total !== null) return current < total;
  // The `data` envelope has no totals: the last page is the one without next_page.
  return next !== null;
}

export function readPage(body: unknown): Page {
  if (Array.isArray(body)) {
    if (body.length > 0 && body.every(isChunk)) return { items: body.flatMap((chunk) => chunk.result_set), hasMore: null };
    return { items: body, hasMore: null };
  }
  if (isRecord(body)) {
    const list = Array.isArray(body.result_set) ? body.result_set : Array.isArray(body.data) ? body.data : null;
    if (list) return { items: list, hasMore: moreFrom(body.pagination) };
  }
  throw new EnvelopeError('expected a list (an array, or an object with result_set or data)');
}

export interface PagingOptions<T> {
  /** Fetches one raw page (1-based). */
  fetchPage: (page: number) => Promise<unknown>;
  /** Validates one item; a failure names the page and the item. */
  item: z.ZodType<T>;
  perPage: number;
  /** A broken server could page forever: stop with an error after this many pages. */
  maxPages: number;
  /** Pages 1..N are requested at once (the caller expects that many); later ones one by one. */
  prefetchPages?: number;
}

/** Where an item failed validation, for the bad-response message. */
export class ItemError extends Error {
  constructor(readonly page: number, readonly index: number, readonly issues: z.core.$ZodIssue[]) {
    super(`page ${page}, item ${index + 1}`);
  }
}

/**
 * Every item of every page. Stops when the server says there are no more pages, or (when it says
 * nothing) at a short page; an empty page always ends it. An explicit "more pages" is trusted
 * over a short page, in case the server clamps per_page below what was asked.
 */
export async function* paginate<T>(options: PagingOptions<T>): AsyncGenerator<T, void, undefined> {
  const prefetched = new Map<number, Promise<unknown>>();
  for (let page = 1; page <= Math.min(options.prefetchPages ?? 1, options.maxPages); page += 1) {
    const request = options.fetchPage(page);
    request.catch(() => undefined); // reported when its turn comes, or unneeded past the list's end
    prefetched.set(page, request);
  }
  for (let page = 1; ; page += 1) {
    if (page > options.maxPages) throw new EnvelopeError(`the list did not end after ${options.maxPages} pages`);
    const { items, hasMore } = readPage(await (prefetched.get(page) ?? options.fetchPage(page)));
    for (const [index, raw] of items.entries()) {
      const parsed = options.item.safeParse(raw);
      if (!parsed.success) throw new ItemError(page, index, parsed.error.issues);
      yield parsed.data;
    }
    if (items.length === 0 || hasMore === false) return;
    if (hasMore === null && items.length < options.perPage) return;
  }
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
