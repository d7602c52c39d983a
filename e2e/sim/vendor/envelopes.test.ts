import { describe, expect, it } from 'vitest';
import { ENVELOPE_ENDPOINTS, ENVELOPE_MODES, type EnvelopeEndpoint } from './config';
import { itemsOf, ORG, vendorHarness, type Caller } from './testkit';

const h = vendorHarness();

/** A request per switchable endpoint, with who may call it. */
const ENDPOINTS: Record<EnvelopeEndpoint, { path: string; as: Caller }> = {
  plans: { path: '/plans', as: 'reseller' },
  users: { path: '/users', as: 'reseller' },
  accounts: { path: '/accounts', as: ORG.trey },
  connection_failures: { path: '/accounts/connection_failures', as: ORG.tailspin },
  deactivated_accounts: { path: '/accounts/deactivated_accounts', as: ORG.trey },
  tenants: { path: '/users/20777/tenants', as: ORG.trey },
  tenant_accounts: { path: '/users/20777/tenants/2077701/accounts', as: ORG.trey },
};

const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

describe('default envelopes follow what clients observed', () => {
  it.each([
    ['users', 'result_set'], ['accounts', 'result_set'], ['connection_failures', 'result_set'],
    ['deactivated_accounts', 'result_set'], ['tenants', 'data'], ['tenant_accounts', 'data'], ['plans', 'array'],
  ] as const)('%s answers %s', async (endpoint, mode) => {
    const { json } = await h.get(ENDPOINTS[endpoint].path, ENDPOINTS[endpoint].as);
    if (mode === 'array') expect(Array.isArray(json)).toBe(true);
    else expect(Object.keys(json).sort()).toEqual([mode, 'pagination'].sort());
  });
});

describe.each(ENVELOPE_ENDPOINTS)('the envelope switch of %s', (endpoint) => {
  const { path, as } = ENDPOINTS[endpoint];

  it.each(ENVELOPE_MODES)('serves the same items as %s', async (mode) => {
    const reference = itemsOf((await h.get(withQuery(path, 'per_page=500'), as)).json);
    expect((await h.admin('POST', 'envelopes', { [endpoint]: mode })).status).toBe(200);
    const { json } = await h.get(withQuery(path, 'per_page=500'), as);
    switch (mode) {
      case 'data':
        expect(json).toEqual({ data: expect.any(Array), pagination: expect.objectContaining({ current_page: 1, per_page: 500 }) });
        break;
      case 'result_set':
        expect(json).toEqual({ result_set: expect.any(Array), pagination: expect.objectContaining({ current_page: 1 }) });
        break;
      case 'array':
        expect(Array.isArray(json)).toBe(true);
        expect(json.every((x: unknown) => !(x && typeof x === 'object' && 'result_set' in x))).toBe(true);
        break;
      case 'chunks':
        expect(Array.isArray(json)).toBe(true);
        for (const chunk of json) {
          expect(Object.keys(chunk)).toEqual(['result_set']);
          expect(chunk.result_set.length).toBeLessThanOrEqual(25);
          expect(chunk.result_set.length).toBeGreaterThan(0);
        }
        break;
    }
    expect(itemsOf(json)).toEqual(reference);
  });
});

describe('paging a result_set (Trey Research, 1,000 accounts)', () => {
  it('reports totals and serves the last page short', async () => {
    const page = async (n: number, perPage: number) => (await h.get(`/accounts?page=${n}&per_page=${perPage}`, ORG.trey)).json;
    expect((await page(1, 100)).pagination).toEqual({ current_page: 1, total_pages: 10, total_entries: 1000 });
    expect((await page(10, 100)).result_set).toHaveLength(100);
    const last = await page(143, 7);
    expect(last.pagination).toEqual({ current_page: 143, total_pages: 143, total_entries: 1000 });
    expect(last.result_set).toHaveLength(6);
  });

  it('answers a page past the end with an empty list', async () => {
    const { json } = await h.get('/accounts?page=11&per_page=100', ORG.trey);
    expect(json).toEqual({ result_set: [], pagination: { current_page: 11, total_pages: 10, total_entries: 1000 } });
  });

  it('pages through everything exactly once, in a stable order', async () => {
    const seen: number[] = [];
    for (let page = 1; ; page += 1) {
      const { json } = await h.get(`/accounts?page=${page}&per_page=130`, ORG.trey);
      seen.push(...json.result_set.map((a: { id: number }) => a.id));
      if (page >= json.pagination.total_pages) break;
    }
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
  });
});

describe('paging a data envelope (Trey Research directory: 1,000 mailboxes, a scanner, a group)', () => {
  const path = '/users/20777/tenants/2077701/accounts';

  it('links pages with next_page/next_url and prev_page/prev_url, and omits next on the last page', async () => {
    const first = (await h.get(`${path}?per_page=400`, ORG.trey)).json.pagination;
    expect(first).toEqual({
      current_page: 1, per_page: 400, next_page: 2, next_url: `${h.apiBase}${path}?per_page=400&page=2`,
    });
    const last = (await h.get(`${path}?per_page=400&page=3`, ORG.trey)).json;
    expect(last.data).toHaveLength(202);
    expect(last.pagination).toEqual({ current_page: 3, per_page: 400, prev_page: 2, prev_url: `${h.apiBase}${path}?per_page=400&page=2` });
    expect(last.pagination).not.toHaveProperty('total_pages');
  });

  it('can be followed by next_url to the end', async () => {
    let url: string | undefined = `${h.apiBase}${path}?per_page=250`;
    const emails: string[] = [];
    while (url) {
      const answer = await h.call('GET', url.slice(h.apiBase.length), ORG.trey);
      emails.push(...answer.json.data.map((e: { email: string }) => e.email));
      url = answer.json.pagination.next_url;
    }
    expect(emails).toHaveLength(1002);
    expect(new Set(emails).size).toBe(1002);
  });
});

describe('bare arrays and chunks page by a short last page', () => {
  it('serves per_page items until the list runs out', async () => {
    await h.admin('POST', 'envelopes', { all: 'array' });
    const sizes = [];
    for (let page = 1; page <= 3; page += 1) sizes.push((await h.get(`/accounts?page=${page}&per_page=450`, ORG.trey)).json.length);
    expect(sizes).toEqual([450, 450, 100]);
  });

  it('splits a page into chunks of 25', async () => {
    await h.admin('POST', 'envelopes', { accounts: 'chunks' });
    const { json } = await h.get('/accounts?per_page=60', ORG.trey);
    expect(json.map((c: { result_set: unknown[] }) => c.result_set.length)).toEqual([25, 25, 10]);
  });
});

describe('page and per_page', () => {
  it('default to page 1 and 30 per page', async () => {
    const { json } = await h.get('/accounts', ORG.trey);
    expect(json.result_set).toHaveLength(30);
    expect(json.pagination).toEqual({ current_page: 1, total_pages: 34, total_entries: 1000 });
  });

  it('take the default page size from the settings', async () => {
    await h.admin('POST', 'settings', { defaultPerPage: 100 });
    expect((await h.get('/accounts', ORG.trey)).json.result_set).toHaveLength(100);
  });

  it('clamp per_page to 500', async () => {
    await h.admin('POST', 'envelopes', { accounts: 'data' });
    const { json } = await h.get('/accounts?per_page=1000', ORG.trey);
    expect(json.data).toHaveLength(500);
    expect(json.pagination).toMatchObject({ per_page: 500, next_page: 2 });
  });

  it.each(['0', '-1', 'abc', '1.5', '', '1e3'])('answer 422 for page=%s', async (value) => {
    const answer = await h.get(`/accounts?page=${value}`, ORG.trey);
    expect(answer.status).toBe(422);
    expect(answer.json.error).toMatchObject({ code: 'validation_error', retryable: false, details: { fields: { page: expect.any(String) } } });
  });

  it.each(['0', '-5', 'many'])('answer 422 for per_page=%s', async (value) => {
    const answer = await h.get(`/users?per_page=${value}`);
    expect(answer.status).toBe(422);
    expect(answer.json.error.details.fields).toHaveProperty('per_page');
  });
});
