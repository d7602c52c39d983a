import { describe, expect, it } from 'vitest';
import { cloudApiHost, isCloudHost, isLoopbackHost, originPattern, parseSiteInput, webOrigin } from './site';

describe('parseSiteInput', () => {
  it.each([
    ['na.myconnectwise.net', 'https://na.myconnectwise.net', null],
    ['  NA.MyConnectWise.net  ', 'https://na.myconnectwise.net', null],
    ['https://api-na.myconnectwise.net/', 'https://na.myconnectwise.net', null],
    ['api-eu.myconnectwise.net', 'https://eu.myconnectwise.net', null],
    ['https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?fullscreen=false', 'https://na.myconnectwise.net', 'v2025_1'],
    ['api-staging.connectwisedev.com', 'https://staging.connectwisedev.com', null],
    ['cw.example.com/v4_6_release', 'https://cw.example.com', 'v4_6_release'],
    ['https://cw.example.com:8443/v4_6_release/apis/3.0/', 'https://cw.example.com:8443', 'v4_6_release'],
    ['http://127.0.0.1:8510', 'http://127.0.0.1:8510', null],
  ])('%s → %s', (input, origin, codebase) => {
    const site = parseSiteInput(input);
    expect(webOrigin(site)).toBe(origin);
    expect(site.codebase).toBe(codebase);
  });

  it.each([[''], ['   '], ['ftp://cw.example.com'], ['http://']])('rejects %j with a field-specific message', (input) => {
    expect(() => parseSiteInput(input)).toThrowError(expect.objectContaining({ data: expect.objectContaining({ field: 'manage.site' }) }));
  });
});

describe('originPattern', () => {
  it('drops the port, which match patterns cannot carry', () => {
    expect(originPattern('http://127.0.0.1:8510')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://na.myconnectwise.net')).toBe('https://na.myconnectwise.net/*');
  });
});

describe('cloud and loopback hosts', () => {
  it.each([
    ['na.myconnectwise.net', true, 'api-na.myconnectwise.net'],
    ['api-eu.myconnectwise.net', true, 'api-eu.myconnectwise.net'],
    ['au.myconnectwise.net:443', true, 'api-au.myconnectwise.net:443'],
    ['staging.connectwisedev.com', true, 'api-staging.connectwisedev.com'],
    ['cw.example.com', false, 'cw.example.com'],
    ['myconnectwise.net.evil.com', false, 'myconnectwise.net.evil.com'],
    ['127.0.0.1:8510', false, '127.0.0.1:8510'],
  ])('%s', (host, cloud, api) => {
    expect(isCloudHost(host)).toBe(cloud);
    expect(cloudApiHost(host)).toBe(api);
  });

  it.each([
    ['127.0.0.1:8510', true],
    ['127.1.2.3', true],
    ['localhost:3000', true],
    ['[::1]:8080', true],
    ['cw.example.com', false],
    ['127.0.0.1.nip.io', false],
  ])('loopback %s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
