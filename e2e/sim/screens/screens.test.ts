import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SimClock } from '../clock';
import { createManageApi } from '../cw';
import { createManageScreens, manageScreenUrl, type ScreenTarget, type UrlForm } from './index';

const clock = new SimClock();
const api = createManageApi({ clock });
const screens = createManageScreens({ store: api.store, now: () => clock.now(), renderDelayMs: 250, rerenderMs: null });
let origin = '';
let server: http.Server;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    void screens.handle(req, res).then((handled) => {
      if (!handled) res.writeHead(418).end('not mine');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (path: string) => fetch(origin + path, { redirect: 'manual' });
async function action(path: string, payload: unknown, project = 'ServiceCommon') {
  const actionMessage = JSON.stringify({ payload: JSON.stringify(payload), payloadClassName: path.split('/')[1], project });
  const response = await fetch(`${origin}/v2025_1/services/system_io/actionprocessor/${path}.rails`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ actionMessage, clientTimezoneOffset: '0', clientTimezoneName: 'UTC' }),
  });
  return { status: response.status, body: (await response.json()) as { data: { action: Record<string, any> } } };
}
async function simRoute(params: Record<string, string>) {
  return (await (await get(`/v2025_1/ConnectWise/sim-route?${new URLSearchParams(params)}`)).json()) as Record<string, unknown>;
}

describe('routing', () => {
  test.each([
    '/',
    '/favicon.ico',
    '/login/companyinfo/northwind',
    '/v2025_1/apis/3.0/company/companies',
    '/v4_6_release/apis/3.0/service/tickets/123456',
    '/v2025_1/Unknown.aspx',
    '/v2025_1/ConnectWise/unknown.js',
    '/ConnectWise.aspx',
    '/__sim/reset',
  ])('leaves %s to others', async (path) => {
    expect((await get(path)).status).toBe(418);
  });

  test.each([
    '/v2025_1/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=123456',
    '/v4_6_release/connectwise.aspx?fullscreen=false&locale=en_US#startscreen=sr200',
    '/v2024_1/ConnectWise.html?locale=en_US&routeTo=ServiceFV&srRecID=123456',
    '/v2017_3/CONNECTWISE.ASPX',
    '/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=123456&companyName=northwind',
    '/v2025_1/timeexpensemodule.html',
  ])('serves the shell at %s', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const codebase = path.split('/')[1];
    const html = await response.text();
    expect(html).toContain('<title>Manage: ');
    expect(html).toContain(`src="/${codebase}/ConnectWise/ConnectWise.nocache.js" data-codebase="${codebase}"`);
    expect(html).toContain('cw-loading-spinner');
  });

  test('page settings come from the options, overridden per page', async () => {
    const plain = await (await get('/v2025_1/ConnectWise.aspx')).text();
    expect(plain).toContain('data-variant="v2025" data-render-delay-ms="250" data-rerender-ms=""');
    const tuned = await (await get('/v2025_1/ConnectWise.aspx?simDelay=0&simRerender=120&simVariant=v2021')).text();
    expect(tuned).toContain('data-variant="v2021" data-render-delay-ms="0" data-rerender-ms="120"');
    const off = await (await get('/v2025_1/ConnectWise.aspx?simRerender=off&simDelay=soon&simVariant=v1999')).text();
    expect(off).toContain('data-variant="v2025" data-render-delay-ms="250" data-rerender-ms=""');
  });

  test('openrecord.rails redirects into the shell, keeping every parameter', async () => {
    const response = await get('/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=AgreementFV&recid=19064&companyName=northwind');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=AgreementFV&recid=19064&companyName=northwind');
  });

  test('serves the shell script, which parses, and the blank hosted pod', async () => {
    const script = await get('/v4_6_release/ConnectWise/ConnectWise.nocache.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const source = await script.text();
    expect(() => new Script(source)).not.toThrow();
    expect((await get('/v2025_1/ConnectWise/hosted-pod.html')).status).toBe(200);
  });
});

describe('sim-route: which screen each URL form opens', () => {
  const cases: Array<[ScreenTarget, UrlForm]> = [
    [{ screen: 'ticket', id: 123456 }, 'routeTo'],
    [{ screen: 'ticket', id: 123456 }, 'routeTo-srRecID'],
    [{ screen: 'ticket', id: 123456 }, 'openrecord'],
    [{ screen: 'ticket', id: 123456 }, 'fv_sr100'],
    [{ screen: 'ticket', id: 123456 }, 'hash'],
    [{ screen: 'ticket', id: 123456 }, 'startscreen'],
    [{ screen: 'company', id: 250 }, 'routeTo'],
    [{ screen: 'company', id: 250 }, 'openrecord'],
    [{ screen: 'company', id: 250 }, 'hash'],
    [{ screen: 'agreement', id: 19064 }, 'routeTo'],
    [{ screen: 'agreement', id: 19064 }, 'openrecord'],
    [{ screen: 'agreement', id: 19064 }, 'hash'],
    [{ screen: 'time-entry', id: 987 }, 'routeTo'],
    [{ screen: 'time-entry', id: 987 }, 'time-expense'],
    [{ screen: 'time-entry', id: 987 }, 'hash'],
    [{ screen: 'board', id: null }, 'startscreen'],
    [{ screen: 'board', id: null }, 'hash'],
    [{ screen: 'home', id: null }, 'hash'],
  ];

  test.each(cases)('%o in the %s form', async (target, form) => {
    let path = manageScreenUrl(target, { form, codebase: 'v4_6_release', companyName: 'northwind' });
    if (form === 'openrecord') path = (await get(path)).headers.get('location')!;
    expect(await simRoute({ href: path })).toEqual(target);
  });

  test('a URL naming no screen opens the service board; unknown record types open the home screen', async () => {
    expect(await simRoute({ href: '/v2025_1/ConnectWise.aspx?locale=en_US' })).toEqual({ screen: 'board', id: null });
    expect(await simRoute({ href: '/v2025_1/ConnectWise.aspx?routeTo=ContactFV&recid=2001' })).toEqual({ screen: 'home', id: null });
  });

  test('the hash wins over the deep link the page was opened with', async () => {
    const hash = manageScreenUrl({ screen: 'company', id: 251 }).split('#')[1]!;
    expect(await simRoute({ href: `/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=123456#${hash}` })).toEqual({ screen: 'company', id: 251 });
  });

  test('in-app navigation pushes the compressed form, on the page spelling in use', async () => {
    const answer = await simRoute({ screen: 'company', id: '250', href: '/v4_6_release/connectwise.aspx?fullscreen=false&locale=en_US&routeTo=ServiceFV&recid=1' });
    expect(answer.url).toMatch(/^\/v4_6_release\/connectwise\.aspx\?locale=en_US&fullscreen=false#XQAACA[A-Za-z0-9$_]+=*\?\?CompanyDetail$/);
    expect(await simRoute({ href: answer.url as string })).toEqual({ screen: 'company', id: 250 });
    expect(await simRoute({ screen: 'nowhere', id: '1', href: '/' })).toHaveProperty('error');
  });
});

describe('Rails action endpoints', () => {
  test('GetServiceTicketDetailViewAction answers from the store, in the shape ATT and TPI read', async () => {
    const ticket = api.store.get('service/tickets', 123456)!;
    const { status, body } = await action('Service/GetServiceTicketDetailViewAction', { serviceRecId: 123456 });
    expect(status).toBe(200);
    const model = body.data.action.serviceTicketViewModel;
    expect(model).toMatchObject({
      serviceRecId: 123456,
      summary: ticket.summary,
      boardName: 'Backup Alerts',
      companyPodViewModel: {
        company: { id: 252, identifier: 'FabrikamLegal', name: 'Fabrikam Legal LLP' },
        contact: { id: 2003, name: 'Jane Doe' },
        emailAddress: 'jane.doe@fabrikamlegal.com',
      },
      initialDescriptionPod: { discussion: { contactRecId: 2003 } },
      nextServiceRecId: 123457,
    });
    expect(model.age).toMatch(/^\d+ (Hours?|Days?)$/);
    expect(model.notes[0].text).toContain('jane.doe@fabrikamlegal.com');
  });

  test('GetCompanyNameAction gives the companyRecID TPI reads', async () => {
    const { body } = await action('Company/GetCompanyNameAction', { serviceRecId: 123459 }, 'CompanyCommon');
    expect(body.data.action).toEqual({ companyRecID: 250, companyName: 'Blue Light, Co.' });
  });

  test('company, agreement, board and time entry view models', async () => {
    const company = (await action('Company/GetCompanyDetailViewAction', { companyRecId: 250 })).body.data.action.companyViewModel;
    expect(company).toMatchObject({ companyRecId: 250, identifier: 'BlueLight', name: 'Blue Light, Co.' });
    expect(company.agreements.map((a: { id: number }) => a.id)).toEqual([19064, 19065]);
    expect(company.openTickets.map((t: { id: number }) => t.id)).toContain(123459);

    const agreement = (await action('Finance/GetAgreementDetailViewAction', { agreementRecId: 19064 })).body.data.action.agreementViewModel;
    expect(agreement).toMatchObject({ name: 'Dropsuite Email Backup', company: { id: 250, name: 'Blue Light, Co.' } });
    expect(agreement.additions).toContainEqual(expect.objectContaining({ productIdentifier: 'uswest.4', quantity: 12 }));

    const board = (await action('Service/GetServiceBoardViewAction', {})).body.data.action.serviceBoardViewModel;
    const open = api.store.list('service/tickets').filter((t) => t.closedFlag !== true).map((t) => t.id);
    expect(board.rows.map((r: { id: number }) => r.id)).toEqual(open);

    const entry = (await action('Time/GetTimeEntryDetailViewAction', { timeRecId: 987 })).body.data.action.timeEntryViewModel;
    expect(open).toContain(entry.chargeToId);
    expect(entry.dayEntries[0].text).toMatch(/^Service Ticket #\d+ - /);
  });

  test('errors: unknown record, unknown action, wrong method, no actionMessage', async () => {
    expect((await action('Service/GetServiceTicketDetailViewAction', { serviceRecId: 999 })).status).toBe(404);
    expect((await action('Service/GetNothingAction', {})).status).toBe(404);
    expect((await get('/v2025_1/services/system_io/actionprocessor/Service/GetServiceTicketDetailViewAction.rails')).status).toBe(405);
    const bare = await fetch(`${origin}/v2025_1/services/system_io/actionprocessor/Service/GetServiceTicketDetailViewAction.rails`, {
      method: 'POST',
      body: 'clientTimezoneOffset=0',
    });
    expect(bare.status).toBe(400);
  });
});
