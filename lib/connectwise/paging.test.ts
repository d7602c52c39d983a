import { beforeAll, describe, expect, it } from 'vitest';
import { where } from './conditions';
import type { ManageSite } from './discovery';
import { count, iterate, listAll, parseLinkHeader } from './paging';
import { Configuration, ConfigurationType } from './resources/configurations';
import { TicketNote } from './resources/service';
import { fakeFetch, logged, simClient, simForThisFile, simSite } from './test-support';

const sim = simForThisFile();
let site: ManageSite;
beforeAll(async () => {
  site = await simSite(sim);
});

async function seedBulk(bulk: Record<string, number>): Promise<void> {
  const response = await fetch(`${sim.origin}/__sim/manage/seed`, { method: 'POST', body: JSON.stringify({ bulk }) });
  expect(response.status).toBe(200);
}

/** 2,550 notes on ticket 123456 (written straight into the simulator's store: notes have no bulk filler). */
function seedNotes(n: number): void {
  const table = sim.api.store.table('service/tickets/123456/notes');
  for (let i = 1; i <= n; i++) {
    table.set(900_000 + i, {
      id: 900_000 + i, ticketId: 123456, text: `Note ${i}`, detailDescriptionFlag: true, internalAnalysisFlag: false, resolutionFlag: false,
      _info: { lastUpdated: '2026-01-01T00:00:00Z', updatedBy: 'bbridgeapi' },
    });
  }
}

const queryOf = (path: string) => new URL(path, 'http://x').searchParams;

describe('iterate over 2,500+ records', () => {
  it('pages forward-only by pageId and gets every record once', async () => {
    await seedBulk({ 'company/configurations': 2600 });
    const client = simClient(site);
    const total = await count(client, 'company/configurations');
    expect(total).toBeGreaterThan(2600);
    sim.api.requests.clear();
    const records = await listAll(client, 'company/configurations', Configuration);
    expect(records).toHaveLength(total);
    expect(new Set(records.map((record) => record.id)).size).toBe(total);
    const pages = logged(sim, 'GET', 'company/configurations').map((entry) => queryOf(entry.path));
    expect(pages).toHaveLength(3);
    expect(pages.map((params) => params.get('pageSize'))).toEqual(['1000', '1000', '1000']);
    expect(pages[0]?.has('pageId')).toBe(false);
    expect(pages.slice(1).every((params) => Number(params.get('pageId')) > 0 && !params.has('page'))).toBe(true);
  });

  it('follows navigable Link rel="next" when an order is asked for', async () => {
    await seedBulk({ 'company/configurations': 2600 });
    const client = simClient(site);
    sim.api.requests.clear();
    const records = await listAll(client, 'company/configurations', Configuration, { orderBy: 'name desc' });
    expect(records.length).toBeGreaterThan(2600);
    const names = records.map((record) => record.name);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'accent' })));
    const pages = logged(sim, 'GET', 'company/configurations').map((entry) => queryOf(entry.path).get('page'));
    expect(pages).toEqual(['1', '2', '3']);
  });

  it('falls back to page numbers where forward-only gives no Link (ticket notes), stopping on a short page', async () => {
    seedNotes(2550);
    const client = simClient(site);
    sim.api.requests.clear();
    const notes = await listAll(client, 'service/tickets/123456/notes', TicketNote);
    expect(notes).toHaveLength(2550 + 1); // plus the ticket's seeded first note
    expect(new Set(notes.map((note) => note.id)).size).toBe(notes.length);
    const pages = logged(sim, 'GET', 'notes').map((entry) => queryOf(entry.path).get('page'));
    expect(pages).toEqual([null, '2', '3']);
  });

  it('with conditions, across pages', async () => {
    await seedBulk({ 'company/configurations': 2600 });
    const client = simClient(site);
    const query = { conditions: where.startsWith('name', 'BULK-WKS-01') };
    const records = await listAll(client, 'company/configurations', Configuration, query, { pageSize: 250 });
    expect(records).toHaveLength(await count(client, 'company/configurations', query));
    expect(records.every((record) => record.name.startsWith('BULK-WKS-01'))).toBe(true);
  });

  it('stops at the page cap with a clear error', async () => {
    await seedBulk({ 'company/configurations': 2600 });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const record of iterate(simClient(site), 'company/configurations', Configuration, {}, { maxPages: 2 })) seen.push(record.id);
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { code: 'too-many-records' } });
    expect(seen).toHaveLength(2000);
  });
});

describe('page boundaries', () => {
  it('a single full page in forward-only mode: one navigable probe, no duplicates', async () => {
    const client = simClient(site);
    const total = await count(client, 'company/configurations/types');
    sim.api.requests.clear();
    const types = await listAll(client, 'company/configurations/types', ConfigurationType, {}, { pageSize: total });
    expect(types).toHaveLength(total);
    expect(logged(sim, 'GET', 'types').map((entry) => queryOf(entry.path).get('page'))).toEqual([null, '2']);
  });

  it('an empty collection is one request', async () => {
    const client = simClient(site);
    sim.api.requests.clear();
    expect(await listAll(client, 'company/configurations', Configuration, { conditions: where.eq('name', 'nothing like it') })).toEqual([]);
    expect(logged(sim)).toHaveLength(1);
  });

  it('takes only the paging numbers from a Link: credentials never follow it to another origin', async () => {
    const urls: string[] = [];
    const fetch = fakeFetch((request) => {
      urls.push(request.url);
      const first = !new URL(request.url).searchParams.has('pageId');
      return Response.json(first ? [{ id: 1, name: 'a' }] : [], first ? { headers: { link: '<https://evil.example/steal?pageId=41&pageSize=1>; rel="next"' } } : {});
    });
    await listAll(simClient(site, { fetch }), 'company/configurations', Configuration, {}, { pageSize: 1 });
    expect(urls.map((url) => new URL(url).origin)).toEqual([sim.origin, sim.origin]);
    expect(new URL(urls[1] as string).searchParams.get('pageId')).toBe('41');
  });

  it('refuses a next link that does not move forward', async () => {
    const fetch = fakeFetch(() => Response.json([{ id: 5, name: 'a' }], { headers: { link: `<${sim.origin}/x?pageId=0&pageSize=1>; rel="next"` } }));
    const error = await listAll(simClient(site, { fetch }), 'company/configurations', Configuration, {}, { pageSize: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { code: 'invalid-response' } });
  });

  it('a page of the wrong shape is an error naming the field, not a partial list', async () => {
    const fetch = fakeFetch(() => Response.json([{ id: 1, name: 'ok' }, { id: 'two', name: 'bad' }]));
    const error = await listAll(simClient(site, { fetch }), 'company/configurations', Configuration).catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { code: 'unexpected-data', details: [expect.objectContaining({ field: '1.id' })] } });
  });
});

describe('parseLinkHeader', () => {
  it('reads RFC 8288 links with several rels', () => {
    const links = parseLinkHeader('<https://h/x?page=1>; rel="first", <https://h/x?page=3>; rel="next", <https://h/x?page=9>; rel=last');
    expect(links.get('next')?.searchParams.get('page')).toBe('3');
    expect(links.get('last')?.searchParams.get('page')).toBe('9');
    expect(links.get('first')?.href).toBe('https://h/x?page=1');
  });

  it('ignores garbage', () => {
    expect(parseLinkHeader('nonsense').size).toBe(0);
    expect(parseLinkHeader(null).size).toBe(0);
    expect(parseLinkHeader('<not a url>; rel="next"').size).toBe(0);
  });
});
