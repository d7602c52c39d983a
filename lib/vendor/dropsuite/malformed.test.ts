import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import type { VendorClient } from '../domain';
import { VENDOR_ERROR_CODES } from '../errors';
import { failureOf, MB, ORG, simulatedVendor } from './test-support';

const id = (n: number) => String(n);

type Answer = (request: Request) => Response | Promise<Response>;

/** The simulator, except for the routes in `answers` ("GET /api/plans" → a made-up answer). */
function overriding(answers: Record<string, Answer>): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const answer = answers[`${request.method} ${new URL(request.url).pathname}`];
    return answer ? answer(request) : fetch(request);
  };
}

const json = (body: unknown, status = 200) => () => Response.json(body, { status });
const text = (body: string, status = 200, type = 'text/plain') => () => new Response(body, { status, headers: { 'content-type': type } });

/** A /users row with everything a client needs, and a field to break. */
const orgRow = (overrides: Record<string, unknown> = {}) => ({
  id: '1788161-14', organization_id: 5979, organization_name: 'Blue Light, Co.', email: 'gordon.packard@bluelight.com',
  authentication_token: 'org_5979_fake', customer_deactivated: false, flg_suspended: false, ...overrides,
});

describe('Dropsuite client and answers it does not expect', () => {
  const { client } = simulatedVendor();
  const withAnswers = (answers: Record<string, Answer>) => client({ fetch: overriding(answers), retry: { limit: 1 } });

  it('an HTML page where JSON belongs means the address is wrong', async () => {
    const error = await failureOf(withAnswers({ 'GET /api/plans': text('<html><body>Sign in</body></html>', 200, 'text/html') }).listPlans());
    expect(error.data).toMatchObject({ code: 'vendor-unreachable', field: 'vendor.apiUrl', message: expect.stringContaining('a web page') });
  });

  it('cut-off JSON', async () => {
    const error = await failureOf(withAnswers({ 'GET /api/users': text('{"result_set":[{"id":"1788161-14","organiz', 200, 'application/json') }).listOrganizations());
    expect(error.data).toMatchObject({
      code: 'vendor-bad-response',
      message: 'The vendor sent an answer Backup Bridge does not understand while trying to read the organisation list: the JSON is cut off or malformed.',
    });
  });

  it('a field of the wrong type names the page, the item and the field', async () => {
    const error = await failureOf(withAnswers({ 'GET /api/users': json({ result_set: [orgRow(), orgRow({ organization_id: { value: 5979 } })] }) }).listOrganizations());
    expect(error.data).toMatchObject({
      code: 'vendor-bad-response',
      message: expect.stringContaining('page 1, item 2 of the list is not understood (organization_id:'),
      details: [{ field: 'organization_id' }],
    });
  });

  it('numbers and booleans sent as strings are fine', async () => {
    const orgs = await withAnswers({
      'GET /api/users': json([orgRow({ organization_id: '5979', seats_used: '12', seats_available: '3', flg_suspended: '1', auto_license: 0 })]),
    }).listOrganizations();
    expect(orgs).toMatchObject([{ id: '5979', state: 'suspended', autoLicense: false, seats: { used: 12, purchased: 15 } }]);
  });

  it('an organisation with neither id is refused', async () => {
    const error = await failureOf(withAnswers({ 'GET /api/users': json([orgRow({ id: null, organization_id: null })]) }).listOrganizations());
    expect(error.data.message).toContain('an organisation needs an id or organization_id');
  });

  it('a date that is not a date', async () => {
    const vendor = withAnswers({
      'GET /api/accounts': json({ result_set: [{ id: 1, email: 'a@b.c', last_backup: 'yesterday' }] }),
    });
    const error = await failureOf(vendor.listMailboxes(id(ORG.blueLight)));
    expect(error.data).toMatchObject({ code: 'vendor-bad-response', details: [{ field: 'last_backup', message: '"yesterday" is not a date' }] });
  });

  it('every errors form a client has seen', async () => {
    const accounts = [
      { id: 1, email: 'a@x.com', errors: null },
      { id: 2, email: 'b@x.com', errors: [] },
      { id: 3, email: 'c@x.com', errors: {} },
      { id: 4, email: 'd@x.com', errors: { host: 'timeout' } },
      { id: 5, email: 'e@x.com', errors: ['first', { code: 'auth', message: 'expired' }] },
      { id: 6, email: 'f@x.com', errors: 'plain text' },
      { id: 7, email: 'g@x.com', errors: { nested: { why: 1 } } },
      { id: 8, email: 'h@x.com' },
    ];
    const mailboxes = await withAnswers({ 'GET /api/accounts': json(accounts) }).listMailboxes(id(ORG.blueLight));
    expect(mailboxes.map((m) => m.errors)).toEqual([
      [], [], [],
      [{ key: 'host', message: 'timeout' }],
      [{ key: '0', message: 'first' }, { key: 'auth', message: 'expired' }],
      [{ key: 'error', message: 'plain text' }],
      [{ key: 'nested', message: '{"why":1}' }],
      [],
    ]);
    expect(mailboxes[7]).toMatchObject({ status: 'unknown', statusRaw: null, displayName: 'h@x.com', lastSuccessAt: null });
  });

  it('an object where a list belongs', async () => {
    const error = await failureOf(withAnswers({ 'GET /api/accounts': json({ ok: true }) }).listMailboxes(id(ORG.blueLight)));
    expect(error.data.message).toContain('expected a list (an array, or an object with result_set or data)');
  });

  it('a list that never ends', async () => {
    const endless = () => Response.json({ data: [{ id: 4, name: 'Business Backup' }], pagination: { current_page: 1, next_page: 2 } });
    const error = await failureOf(client({ fetch: overriding({ 'GET /api/plans': endless }), pageSize: 1, maxPages: 25 }).listPlans());
    expect(error.data).toMatchObject({ code: 'vendor-bad-response', message: expect.stringContaining('the list did not end after 25 pages') });
  });

  it('a bare "OK" from /status is fine', async () => {
    expect(await withAnswers({ 'GET /api/status': text('OK') }).testConnection()).toMatchObject({ planCount: 3 });
  });

  it('reads the reseller name when /status gives one', async () => {
    expect(await withAnswers({ 'GET /api/status': json({ status: 'OK', reseller_name: 'Northwind IT Services' }) }).testConnection())
      .toMatchObject({ resellerName: 'Northwind IT Services' });
  });

  it('an empty 202 for a Force Backup', async () => {
    const error = await failureOf(withAnswers({ [`POST /api/accounts/${MB.contosoFrontDesk}/force_backup`]: () => new Response(null, { status: 202 }) })
      .retryMailbox(id(ORG.contoso), id(MB.contosoFrontDesk)));
    expect(error.data).toMatchObject({ code: 'vendor-bad-response', details: [{ message: expect.stringContaining('expected object') }] });
  });

  it('an impersonation link that is not a web link', async () => {
    const error = await failureOf(withAnswers({ [`POST /api/users/${ORG.contoso}/impersonate`]: json({ url: 'javascript:alert(1)', expires_at: null }, 201) })
      .impersonationLink(id(ORG.contoso)));
    expect(error.data).toMatchObject({ code: 'vendor-bad-response', details: [{ field: 'url' }] });
  });

  it.each([
    ['{code, msg}', { code: 'not_retryable', msg: 'Mailbox is healthy' }, 'vendor-not-retryable', 'Mailbox is healthy'],
    ['{title, detail}', { title: 'Conflict', detail: 'Organisation is busy' }, 'vendor-invalid-state', 'Organisation is busy'],
    ['{error: "…"}', { error: 'State does not allow this' }, 'vendor-invalid-state', 'State does not allow this'],
    ['no body', null, 'vendor-invalid-state', 'The vendor would not suspend organisation 5979.'],
  ])('reads the reason from a %s error body', async (_, body, code, reason) => {
    const answer = body === null ? () => new Response(null, { status: 409 }) : json(body, 409);
    const error = await failureOf(withAnswers({ [`POST /api/users/${ORG.blueLight}/suspend`]: answer }).suspend(id(ORG.blueLight)));
    expect(error.data).toMatchObject({ code, status: 409, message: expect.stringContaining(reason) });
  });

  describe('never a crash: every garbage answer on every route is an AppError with a vendor code', () => {
    const garbage: Array<[string, () => Response]> = [
      ['html', text('<!doctype html><p>oops</p>', 200, 'text/html')],
      ['truncated', text('[{"id":', 200, 'application/json')],
      ['null', json(null)],
      ['number', json(42)],
      ['string', json('nope')],
      ['wrong types', json({ result_set: [{ id: true, email: 7 }], events: 'x', task_id: {}, url: 3, data: 'y' })],
      ['deep nesting', json([[[[[]]]]])],
      ['empty', () => new Response('', { status: 200 })],
      ['teapot', json({ error: 'short and stout' }, 418)],
    ];
    const calls: Array<[string, string, (v: VendorClient) => Promise<unknown>]> = [
      ['GET', '/api/status', (v) => v.testConnection()],
      ['GET', '/api/plans', (v) => v.listPlans()],
      ['GET', '/api/users', (v) => v.listOrganizations()],
      ['GET', `/api/users/${ORG.contoso}`, (v) => v.getOrganization(id(ORG.contoso))],
      ['GET', `/api/users/${ORG.contoso}/tenants`, (v) => v.listTenants(id(ORG.contoso))],
      ['GET', '/api/accounts', (v) => v.listMailboxes(id(ORG.contoso))],
      ['GET', `/api/users/${ORG.contoso}/backup_history`, (v) => v.backupHistory(id(ORG.contoso), 7)],
      ['GET', `/api/actions/backup/${MB.contosoFrontDesk}`, (v) => v.getAction('backup', id(MB.contosoFrontDesk), id(ORG.contoso))],
      ['POST', `/api/accounts/${MB.contosoFrontDesk}/force_backup`, (v) => v.retryMailbox(id(ORG.contoso), id(MB.contosoFrontDesk))],
      ['GET', '/api/tasks/task_1', (v) => v.getTask(id(ORG.contoso), 'task_1')],
      ['PUT', `/api/users/${ORG.contoso}/subscription`, (v) => v.changeSeats(id(ORG.contoso), 30)],
      ['POST', `/api/users/${ORG.contoso}/impersonate`, (v) => v.impersonationLink(id(ORG.contoso))],
      ['GET', '/api/events', (v) => v.events()],
    ];

    it.each(garbage)('%s', async (_, answer) => {
      for (const [method, path, call] of calls) {
        const outcome = await call(withAnswers({ [`${method} ${path}`]: answer })).then(() => null, (e: unknown) => e);
        if (outcome === null) continue; // some garbage is valid somewhere (an empty list, "nope" from /status)
        expect(outcome, `${method} ${path}`).toBeInstanceOf(AppError);
        expect(VENDOR_ERROR_CODES, `${method} ${path}`).toContain((outcome as AppError).data.code);
      }
    });
  });
});
