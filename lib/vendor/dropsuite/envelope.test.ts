import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collect, EnvelopeError, ItemError, paginate, readPage } from './envelope';

const Item = z.object({ id: z.number() });
const RECORDS = Array.from({ length: 2_600 }, (_, i) => ({ id: i + 1 }));
const PER_PAGE = 500;

type Shape = 'array' | 'data' | 'result_set' | 'chunks';

/** A server for `RECORDS` in one shape, recording the pages asked for. */
function server(shape: Shape, records = RECORDS) {
  const asked: number[] = [];
  const fetchPage = async (page: number): Promise<unknown> => {
    asked.push(page);
    const items = records.slice((page - 1) * PER_PAGE, page * PER_PAGE);
    const totalPages = Math.ceil(records.length / PER_PAGE);
    switch (shape) {
      case 'array': return items;
      case 'result_set': return { result_set: items, pagination: { current_page: page, total_pages: totalPages, total_entries: records.length } };
      case 'data': return { data: items, pagination: { current_page: page, per_page: PER_PAGE, ...(page < totalPages ? { next_page: page + 1 } : {}) } };
      case 'chunks': return Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => ({ result_set: items.slice(i * 25, (i + 1) * 25) }));
    }
  };
  return { fetchPage, asked };
}

const read = (fetchPage: (page: number) => Promise<unknown>, maxPages = 100) =>
  collect(paginate({ fetchPage, item: Item, perPage: PER_PAGE, maxPages }));

describe('paging through every envelope', () => {
  it.each(['array', 'data', 'result_set', 'chunks'] as const)('reads 2,600 records in the %s shape', async (shape) => {
    const { fetchPage, asked } = server(shape);
    const items = await read(fetchPage);
    expect(items).toEqual(RECORDS);
    expect(asked).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each(['array', 'chunks'] as const)('%s: without pagination a full last page costs one empty page more', async (shape) => {
    const { fetchPage, asked } = server(shape, RECORDS.slice(0, 1_000));
    expect(await read(fetchPage)).toHaveLength(1_000);
    expect(asked).toEqual([1, 2, 3]);
  });

  it.each(['data', 'result_set'] as const)('%s: the pagination block ends it without an extra request', async (shape) => {
    const { fetchPage, asked } = server(shape, RECORDS.slice(0, 1_000));
    expect(await read(fetchPage)).toHaveLength(1_000);
    expect(asked).toEqual([1, 2]);
  });

  it('trusts "more pages" over a short page (a server that clamps per_page lower)', async () => {
    const pages = [[{ id: 1 }, { id: 2 }], [{ id: 3 }]];
    const items = await read(async (page) => ({ result_set: pages[page - 1], pagination: { current_page: page, total_pages: 2 } }));
    expect(items.map((i) => i.id)).toEqual([1, 2, 3]);
  });

  it('stops at an empty page even when the server claims more', async () => {
    const asked: number[] = [];
    const items = await read(async (page) => {
      asked.push(page);
      return { data: page === 1 ? [{ id: 1 }] : [], pagination: { current_page: page, next_page: page + 1 } };
    });
    expect(items).toEqual([{ id: 1 }]);
    expect(asked).toEqual([1, 2]);
  });

  it('accepts pagination numbers sent as strings', () => {
    expect(readPage({ result_set: [], pagination: { current_page: '2', total_pages: '3' } }).hasMore).toBe(true);
  });

  it('gives up on a list that never ends', async () => {
    const error = await read(async (page) => ({ data: [{ id: page }], pagination: { current_page: page, next_page: page + 1 } }), 7)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnvelopeError);
    expect((error as Error).message).toContain('7 pages');
  });

  it('names the page and item that do not validate', async () => {
    const error = await read(async () => [{ id: 1 }, { id: 'two' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ItemError);
    expect(error).toMatchObject({ page: 1, index: 1, message: 'page 1, item 2' });
  });

  it.each([
    ['an object without a list', { users: [] }],
    ['text', 'OK'],
    ['null', null],
    ['a broken pagination block', { data: [], pagination: { current_page: 'first' } }],
  ])('refuses %s', (_, body) => {
    expect(() => readPage(body)).toThrow(EnvelopeError);
  });

  it('treats an empty array as an empty page', () => {
    expect(readPage([])).toEqual({ items: [], hasMore: null });
  });
});

describe('paginate with prefetched pages', () => {
  const pageOf = (n: number, total: number) => ({ result_set: [{ n }], pagination: { current_page: n, total_pages: total } });

  it('asks for the expected pages at once, in order, and the rest one by one', async () => {
    const asked: number[] = [];
    const answered: number[] = [];
    const fetchPage = async (page: number) => {
      asked.push(page);
      await Promise.resolve();
      answered.push(page);
      return pageOf(page, 3);
    };
    const items = await collect(paginate({ fetchPage, item: z.object({ n: z.number() }), perPage: 1, maxPages: 10, prefetchPages: 2 }));
    expect(items.map((i) => i.n)).toEqual([1, 2, 3]);
    // Pages 1 and 2 were both asked before either answered; page 3 only after.
    expect(asked.slice(0, 2)).toEqual([1, 2]);
    expect(answered.indexOf(2)).toBeLessThan(asked.indexOf(3));
  });

  it('ignores a prefetched page past the end of a shorter list, even one that failed', async () => {
    const fetchPage = async (page: number) => (page === 1 ? pageOf(1, 1) : Promise.reject(new Error('no such page')));
    const items = await collect(paginate({ fetchPage, item: z.object({ n: z.number() }), perPage: 1, maxPages: 10, prefetchPages: 3 }));
    expect(items).toEqual([{ n: 1 }]);
  });
});
