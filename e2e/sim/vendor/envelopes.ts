/**
 * Paging and the four list shapes clients have met (vendor-api.md §1.5, sources conflict):
 * - `result_set`: `{ result_set, pagination: { current_page, total_pages, total_entries } }`
 * - `data`:       `{ data, pagination: { current_page, per_page, next_page?, next_url?, prev_page?, prev_url? } }`
 *                 (no totals: the last page is the one without next_page)
 * - `array`:      a bare array (a short page is the last one)
 * - `chunks`:     an array of `{ result_set }` chunks of at most 25 items
 */
import { MAX_PER_PAGE, type EnvelopeMode } from './config';
import { validationError } from './errors';

export interface Paging {
  page: number;
  perPage: number;
}

const CHUNK_SIZE = 25;
const isPositiveInt = (text: string) => /^[1-9]\d{0,8}$/.test(text);

/**
 * `page` is 1-based. UNVERIFIED choices: a per_page above 500 is clamped to 500 (Kaminari-style
 * max_per_page), anything that is not a positive whole number is a 422.
 */
export function readPaging(query: URLSearchParams, defaultPerPage: number): Paging {
  const page = query.get('page');
  const perPage = query.get('per_page');
  const fields: Record<string, string> = {};
  if (page !== null && !isPositiveInt(page)) fields.page = 'must be a whole number from 1';
  if (perPage !== null && !isPositiveInt(perPage)) fields.per_page = 'must be a whole number from 1';
  if (Object.keys(fields).length > 0) throw validationError(fields);
  return {
    page: page === null ? 1 : Number(page),
    perPage: perPage === null ? defaultPerPage : Math.min(Number(perPage), MAX_PER_PAGE),
  };
}

/** Renders one page of `records` (mapped by `toJson` only for the page) in the given shape. */
export function renderList<T>(
  mode: EnvelopeMode, records: readonly T[], paging: Paging, requestUrl: URL, toJson: (record: T) => unknown,
): unknown {
  const { page, perPage } = paging;
  const items = records.slice((page - 1) * perPage, page * perPage).map(toJson);
  const totalPages = Math.ceil(records.length / perPage);
  switch (mode) {
    case 'result_set':
      return { result_set: items, pagination: { current_page: page, total_pages: totalPages, total_entries: records.length } };
    case 'data': {
      const urlOf = (n: number) => {
        const url = new URL(requestUrl);
        url.searchParams.set('page', String(n));
        return url.toString();
      };
      const pagination: Record<string, unknown> = { current_page: page, per_page: perPage };
      if (page < totalPages) Object.assign(pagination, { next_page: page + 1, next_url: urlOf(page + 1) });
      if (page > 1) Object.assign(pagination, { prev_page: page - 1, prev_url: urlOf(page - 1) });
      return { data: items, pagination };
    }
    case 'array':
      return items;
    case 'chunks':
      return Array.from({ length: Math.ceil(items.length / CHUNK_SIZE) }, (_, i) => ({
        result_set: items.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE),
      }));
  }
}
