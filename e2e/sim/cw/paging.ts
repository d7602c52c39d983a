/**
 * Paging of list answers.
 * - Navigable (default): `page` (1-based) and `pageSize` (default 25, at most 1000; both from the
 *   official PSA Pagination page and user reports). A `Link` header in RFC 5988 form carries
 *   absolute URLs for first/prev/next/last, e.g.
 *   `<https://HOST/v4_6_release/apis/3.0/company/companies?pageSize=1000&page=2>; rel="next"`
 *   (shape from a published header dump). UNVERIFIED: a pageSize above 1000 is clamped (not 400);
 *   pageSize <= 0 means the default; page <= 0 means page 1; first/prev appear from page 2 on; a
 *   single page carries no Link header.
 * - Forward-only (request header `pagination-type: forward-only`): records with id > `pageId` in
 *   id order; the Link header has only rel="next" (with the last id as pageId) while more remain.
 *   UNVERIFIED: the exact Link form in this mode; orderBy is ignored in it. Endpoints without
 *   forward-only support answer an ordinary first page with no Link header at all, which is how
 *   clients notice (christaylorcodes Invoke-CWMAllResult).
 */
import { badQuery } from './errors';
import type { CwRecord } from './types';

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 1000;

export type Paging =
  | { mode: 'navigable'; page: number; pageSize: number; links: boolean }
  | { mode: 'forward'; pageId: number; pageSize: number };

function integerParam(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^\s*-?\d+\s*$/.test(value)) throw badQuery(`The value '${value}' is not valid for ${name}.`);
  return Number(value);
}

export function readPaging(
  param: (name: string) => string | undefined, forwardOnlyRequested: boolean, forwardOnlySupported: boolean,
): Paging {
  const size = integerParam('pageSize', param('pageSize'));
  const pageSize = size === undefined || size <= 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
  if (forwardOnlyRequested && forwardOnlySupported) {
    return { mode: 'forward', pageId: Math.max(0, integerParam('pageId', param('pageId')) ?? 0), pageSize };
  }
  const page = Math.max(1, integerParam('page', param('page')) ?? 1);
  return { mode: 'navigable', page, pageSize, links: !forwardOnlyRequested };
}

/** `records` are filtered and sorted already; `url` is the absolute request URL. */
export function pageOf(records: CwRecord[], paging: Paging, url: URL): { items: CwRecord[]; link: string | undefined } {
  const linkTo = (params: Record<string, number>) => {
    const target = new URL(url);
    for (const name of [...target.searchParams.keys()]) {
      if (/^(page|pagesize|pageid)$/i.test(name)) target.searchParams.delete(name);
    }
    for (const [name, value] of Object.entries(params)) target.searchParams.append(name, String(value));
    return target.toString();
  };
  const header = (links: Array<[string, Record<string, number>]>) =>
    links.length === 0 ? undefined : links.map(([rel, params]) => `<${linkTo(params)}>; rel="${rel}"`).join(', ');

  if (paging.mode === 'forward') {
    const remaining = records.filter((record) => record.id > paging.pageId).sort((a, b) => a.id - b.id);
    const items = remaining.slice(0, paging.pageSize);
    const last = items[items.length - 1];
    const more = remaining.length > items.length && last !== undefined;
    return { items, link: more ? header([['next', { pageSize: paging.pageSize, pageId: last.id }]]) : undefined };
  }
  const { page, pageSize } = paging;
  const lastPage = Math.max(1, Math.ceil(records.length / pageSize));
  const items = records.slice((page - 1) * pageSize, page * pageSize);
  if (!paging.links) return { items, link: undefined };
  const links: Array<[string, Record<string, number>]> = [];
  if (page > 1) links.push(['first', { pageSize, page: 1 }], ['prev', { pageSize, page: page - 1 }]);
  if (page < lastPage) links.push(['next', { pageSize, page: page + 1 }], ['last', { pageSize, page: lastPage }]);
  return { items, link: header(links) };
}
