import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptHeader, discoverSite, discoveryOrigins, requiredOrigins } from './discovery';
import { closedPort, fakeFetch, hostFetch, networkError, simClient, startSim, type Sim } from './test-support';
import { getSystemInfo } from './resources/system';

let sim: Sim;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

const field = (name: string) => expect.objectContaining({ data: expect.objectContaining({ field: name }) });
const code = (name: string) => expect.objectContaining({ data: expect.objectContaining({ code: name }) });

describe('discoverSite against the simulator on loopback', () => {
  it('reads codebase, version and cloud flag, and keeps http for 127.0.0.1', async () => {
    const site = await discoverSite({ site: sim.origin, companyId: 'northwind' });
    expect(site).toEqual({
      webOrigin: sim.origin,
      apiBaseUrl: `${sim.origin}/v2025_1/apis/3.0/`,
      codebase: 'v2025_1',
      version: '2025.1',
      versionCode: 'v2025.1',
      isCloud: true,
      companyName: 'Northwind IT Services',
    });
    expect(acceptHeader(site)).toBe('application/vnd.connectwise.com+json; version=2025.1');
    expect(requiredOrigins(site)).toEqual([sim.origin]);
  });

  it('serves an on-premises company on v4_6_release without any api- prefix', async () => {
    const site = await discoverSite({ site: `${sim.origin}/v4_6_release/ConnectWise.aspx`, companyId: 'LAKESIDE' });
    expect(site).toMatchObject({ apiBaseUrl: `${sim.origin}/v4_6_release/apis/3.0/`, codebase: 'v4_6_release', version: '2024.1', isCloud: false });
    // The discovered base works for real calls.
    const info = await getSystemInfo(simClient(site, { companyId: 'lakeside' }));
    expect(info.isCloud).toBe(false);
  });
});

describe('discoverSite for every paste form of a cloud site', () => {
  const cloud = () => hostFetch(sim, (host) => /^(api-)?na\.myconnectwise\.net$/.test(host));

  it.each([
    'na.myconnectwise.net',
    '  NA.MyConnectWise.net ',
    'https://na.myconnectwise.net',
    'https://api-na.myconnectwise.net/',
    'api-na.myconnectwise.net',
    'https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?fullscreen=false&locale=en_US#XQAACACVAAAA',
    'https://api-na.myconnectwise.net/v4_6_release/apis/3.0/service/tickets',
  ])('%s → the api- host with the codebase companyinfo names', async (pasted) => {
    const fetch = cloud();
    const site = await discoverSite({ site: pasted, companyId: 'northwind' }, { fetch });
    expect(site.webOrigin).toBe('https://na.myconnectwise.net');
    expect(site.apiBaseUrl).toBe('https://api-na.myconnectwise.net/v2025_1/apis/3.0/');
    expect(requiredOrigins(site)).toEqual(['https://na.myconnectwise.net', 'https://api-na.myconnectwise.net']);
    // And the client reaches the simulator through that name.
    expect((await getSystemInfo(simClient(site, { fetch }))).version).toMatch(/^v2025\.1/);
  });

  it('tries the api- host when the web host cannot be reached', async () => {
    const fetch = hostFetch(sim, (host) => host === 'api-eu.myconnectwise.net');
    const site = await discoverSite({ site: 'eu.myconnectwise.net', companyId: 'northwind' }, { fetch });
    expect(site.apiBaseUrl).toBe('https://api-eu.myconnectwise.net/v2025_1/apis/3.0/');
    expect(site.webOrigin).toBe('https://eu.myconnectwise.net');
  });

  it('lists the origins discovery contacts, for the permission request', () => {
    expect(discoveryOrigins('na.myconnectwise.net')).toEqual(['https://na.myconnectwise.net', 'https://api-na.myconnectwise.net']);
    expect(discoveryOrigins('cw.example.com/v4_6_release')).toEqual(['https://cw.example.com']);
    expect(discoveryOrigins('http://127.0.0.1:8510')).toEqual(['http://127.0.0.1:8510']);
  });
});

describe('discoverSite for on-premises hosts', () => {
  const onPrem = () => hostFetch(sim, (host) => host === 'cw.example.com' || host === 'cw.example.com:8443');

  it.each([
    ['cw.example.com', 'https://cw.example.com'],
    ['https://cw.example.com/v4_6_release', 'https://cw.example.com'],
    ['cw.example.com:8443/v4_6_release/apis/3.0/', 'https://cw.example.com:8443'],
  ])('%s', async (pasted, origin) => {
    const site = await discoverSite({ site: pasted, companyId: 'lakeside' }, { fetch: onPrem() });
    expect(site.apiBaseUrl).toBe(`${origin}/v4_6_release/apis/3.0/`);
    expect(site.webOrigin).toBe(origin);
  });

  it('never adds api- to a host that is not ConnectWise cloud, even with a release codebase', async () => {
    const site = await discoverSite({ site: 'cw.example.com', companyId: 'northwind' }, { fetch: onPrem() });
    expect(site.apiBaseUrl).toBe('https://cw.example.com/v2025_1/apis/3.0/');
  });

  it('refuses plain http to anything but loopback (keys would travel in clear)', async () => {
    await expect(discoverSite({ site: 'http://cw.example.com', companyId: 'lakeside' })).rejects.toThrowError(
      expect.objectContaining({ data: expect.objectContaining({ code: 'insecure-site', field: 'manage.site' }) }),
    );
  });
});

describe('discoverSite failures', () => {
  it('"Cannot route" means the company id is unknown there', async () => {
    const error = await discoverSite({ site: sim.origin, companyId: 'southwind' }).catch((e: unknown) => e);
    expect(error).toEqual(code('unknown-company'));
    expect(error).toEqual(field('manage.companyId'));
    expect((error as Error).message).toContain('“southwind”');
  });

  it('an HTML answer is "not a ConnectWise Manage site"', async () => {
    const fetch = fakeFetch(() => new Response('<!DOCTYPE html><html><body>Welcome to nginx</body></html>', { headers: { 'content-type': 'text/html' } }));
    const error = await discoverSite({ site: 'intranet.example.com', companyId: 'northwind' }, { fetch }).catch((e: unknown) => e);
    expect(error).toEqual(code('not-manage-site'));
    expect(error).toEqual(field('manage.site'));
    expect((error as Error).message).toBe('intranet.example.com answers, but it is not a ConnectWise Manage site.');
  });

  it.each([
    ['JSON of another shape', '{"status":"ok"}'],
    ['a 404 page in plain text', 'Not Found'],
    ['truncated JSON', '{"CompanyName":"Northwind","Codebase":"v20'],
  ])('%s is not a Manage site either', async (_, body) => {
    const fetch = fakeFetch(() => new Response(body, { status: body === 'Not Found' ? 404 : 200 }));
    await expect(discoverSite({ site: 'cw.example.com', companyId: 'x' }, { fetch })).rejects.toThrowError(code('not-manage-site'));
  });

  it('a refused connection is "cannot reach"', async () => {
    const port = await closedPort();
    const error = await discoverSite({ site: `http://127.0.0.1:${port}`, companyId: 'northwind' }).catch((e: unknown) => e);
    expect(error).toEqual(code('site-unreachable'));
    expect(error).toEqual(field('manage.site'));
    expect((error as Error).message).toBe(`Cannot reach 127.0.0.1:${port} (ECONNREFUSED).`);
  });

  it('an unknown host name (DNS) on both cloud hosts is "cannot reach", naming the cause', async () => {
    const fetch = fakeFetch(() => {
      throw networkError('ENOTFOUND');
    });
    const error = await discoverSite({ site: 'za.myconnectwise.net', companyId: 'northwind' }, { fetch }).catch((e: unknown) => e);
    expect(error).toEqual(code('site-unreachable'));
    expect((error as Error).message).toContain('ENOTFOUND');
  });

  it('prefers "unknown company" from one host over "unreachable" from the other', async () => {
    const fetch = hostFetch(sim, (host) => host === 'api-na.myconnectwise.net');
    await expect(discoverSite({ site: 'na.myconnectwise.net', companyId: 'nobody' }, { fetch })).rejects.toThrowError(code('unknown-company'));
  });

  it('keeps a cloud site on cloud names whatever SiteUrl claims', async () => {
    const fetch = fakeFetch(() => Response.json({ CompanyName: 'X', Codebase: 'v2025_1/', VersionCode: 'v2025.1', IsCloud: true, SiteUrl: 'evil.example.com' }));
    const site = await discoverSite({ site: 'na.myconnectwise.net', companyId: 'x' }, { fetch });
    expect(site.apiBaseUrl).toBe('https://api-na.myconnectwise.net/v2025_1/apis/3.0/');
  });

  it('tolerates a companyinfo without a version (no version pin then)', async () => {
    const fetch = fakeFetch(() => Response.json({ Codebase: 'v4_6_release/', SiteUrl: 'cw.example.com' }));
    const site = await discoverSite({ site: 'cw.example.com', companyId: 'x' }, { fetch });
    expect(site).toMatchObject({ version: null, versionCode: null, companyName: 'cw.example.com', isCloud: false });
    expect(acceptHeader(site)).toBe('application/vnd.connectwise.com+json');
  });
});
