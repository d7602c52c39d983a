import { AppError } from '../errors';

/**
 * What a person pastes as "the Manage site", normalised. Accepts `na.myconnectwise.net`,
 * `https://api-na.myconnectwise.net/`, `https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?…`,
 * an on-prem `cw.example.com/v4_6_release` or a `http://127.0.0.1:8080` simulator.
 */
export interface SiteInput {
  protocol: 'https:' | 'http:';
  /** host[:port] as typed, lower-cased, without an `api-` prefix (the web client's host). */
  webHost: string;
  /** The codebase segment if the pasted URL carried one (`v2025_1`), else null. */
  codebase: string | null;
}

const CLOUD_WEB_HOST = /^(?:api-)?([a-z]+)\.(myconnectwise\.net|connectwisedev\.com)$/;

/** A ConnectWise-hosted name (`na.myconnectwise.net`, `api-eu…`, `staging.connectwisedev.com`); port ignored. */
export function isCloudHost(host: string): boolean {
  return CLOUD_WEB_HOST.test(hostnameOf(host));
}

/** The `api-` twin of a cloud host (`na.myconnectwise.net` → `api-na.myconnectwise.net`); other hosts unchanged. */
export function cloudApiHost(host: string): string {
  const name = hostnameOf(host);
  const cloud = CLOUD_WEB_HOST.exec(name);
  return cloud ? `api-${cloud[1]}.${cloud[2]}${host.slice(name.length)}` : host;
}

/** 127.0.0.1, ::1 or localhost (a simulator or a tunnel): the only hosts plain http is allowed for. */
export function isLoopbackHost(host: string): boolean {
  const name = hostnameOf(host);
  return name === 'localhost' || name === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(name);
}

/** `host[:port]` → lower-cased host name (IPv6 keeps its brackets). */
function hostnameOf(host: string): string {
  const lower = host.toLowerCase();
  return lower.startsWith('[') ? lower.slice(0, lower.indexOf(']') + 1) : lower.replace(/:\d+$/, '');
}

export function parseSiteInput(input: string): SiteInput {
  const text = input.trim();
  if (!text) throw siteError('Enter the address of your ConnectWise Manage site, e.g. na.myconnectwise.net.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw siteError(`“${text}” is not a web address. Enter something like na.myconnectwise.net.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw siteError('The Manage site must be an http(s) address.');
  }
  const host = url.host.toLowerCase();
  const cloud = CLOUD_WEB_HOST.exec(url.hostname.toLowerCase());
  const webHost = cloud ? `${cloud[1]}.${cloud[2]}${url.port ? `:${url.port}` : ''}` : host;
  const codebase = /^\/(v\d+_\d+(?:_release)?)(?:\/|$)/i.exec(url.pathname)?.[1] ?? null;
  return { protocol: url.protocol, webHost, codebase };
}

export function webOrigin(site: SiteInput): string {
  return `${site.protocol}//${site.webHost}`;
}

/**
 * The match pattern for content scripts and host permissions. Chrome match patterns cannot carry
 * a port, so a simulator on 127.0.0.1:PORT is matched as http://127.0.0.1/*.
 */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

function siteError(message: string): AppError {
  return new AppError({ code: 'invalid-site', message, field: 'manage.site' });
}
