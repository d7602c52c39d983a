import ky, { isTimeoutError } from 'ky';
import { z } from 'zod';
import type { AppError } from '../errors';
import { isCannotRoute, looksLikeHtml, manageError } from './errors';
import { cloudApiHost, isCloudHost, isLoopbackHost, parseSiteInput, webOrigin, type SiteInput } from './site';

/**
 * Site discovery: from what a person pasted and their company id to the API base URL and version,
 * the way ConnectWise's developer guide says (quoted in KelvinTegelaar/PowerShellWarrantyReports
 * PR #32): ask `GET {site}/login/companyinfo/{companyId}` (no auth), use its SiteUrl and Codebase,
 * and when the codebase is not `v4_6_release/` the API host must carry the `api-` prefix.
 */

/** What the rest of the extension needs to talk to one Manage site; safe to store. */
export const ManageSite = z.object({
  /** Where technicians use Manage, e.g. https://na.myconnectwise.net (content scripts run here). */
  webOrigin: z.string(),
  /** e.g. https://api-na.myconnectwise.net/v2025_1/apis/3.0/ (trailing slash). */
  apiBaseUrl: z.string(),
  /** e.g. `v2025_1` (without the trailing slash companyinfo gives). */
  codebase: z.string(),
  /** The release for the Accept header, e.g. `2025.1`; null when companyinfo gave none. */
  version: z.string().nullable(),
  /** As companyinfo gave it, e.g. `v2025.1`. */
  versionCode: z.string().nullable(),
  isCloud: z.boolean(),
  companyName: z.string(),
});
export type ManageSite = z.infer<typeof ManageSite>;

/** `Accept` pinned to the site's release, so fields do not change under us after an upgrade. */
export const acceptHeader = (site: Pick<ManageSite, 'version'>) =>
  site.version ? `application/vnd.connectwise.com+json; version=${site.version}` : 'application/vnd.connectwise.com+json';

/** The origins the extension needs host permission for: the web client and the API. */
export function requiredOrigins(site: ManageSite): string[] {
  return [...new Set([site.webOrigin, new URL(site.apiBaseUrl).origin])];
}

/** The origins discovery itself contacts, so the options page can ask for them before it runs. */
export function discoveryOrigins(siteInput: string): string[] {
  const site = parseSiteInput(siteInput);
  return candidateHosts(site).map((host) => `${schemeFor(site)}//${host}`);
}

/** companyinfo keys (PR #32 sample, christaylorcodes Connect-CWM.ps1); only Codebase is essential. */
const CompanyInfo = z.looseObject({
  CompanyName: z.string().nullish(),
  Codebase: z.string().regex(/^[\w.-]+\/?$/),
  VersionCode: z.string().nullish(),
  IsCloud: z.boolean().nullish(),
  SiteUrl: z.string().nullish(),
});
type CompanyInfo = z.infer<typeof CompanyInfo>;

export interface DiscoveryOptions {
  fetch?: typeof fetch;
  /** Per host tried; default 15 s. */
  timeoutMs?: number;
}

/** The web host first; for cloud names also the `api-` host (either may answer companyinfo). */
function candidateHosts(site: SiteInput): string[] {
  return isCloudHost(site.webHost) ? [site.webHost, cloudApiHost(site.webHost)] : [site.webHost];
}

/** https everywhere, except plain http a person typed for a loopback simulator or tunnel. */
const schemeFor = (site: SiteInput) => (site.protocol === 'http:' && isLoopbackHost(site.webHost) ? 'http:' : 'https:');

type Attempt = { ok: true; info: CompanyInfo; host: string } | { ok: false; error: AppError; rank: number };

export async function discoverSite(input: { site: string; companyId: string }, options: DiscoveryOptions = {}): Promise<ManageSite> {
  const site = parseSiteInput(input.site);
  const companyId = input.companyId.trim();
  if (site.protocol === 'http:' && !isLoopbackHost(site.webHost)) {
    throw manageError('insecure-site', {
      message: 'Backup Bridge sends your API keys only over https; the site address starts with http://.',
      hint: `Enter https://${site.webHost} instead (Manage is served over https).`,
      field: 'manage.site',
    });
  }
  let best: Extract<Attempt, { ok: false }> | undefined;
  for (const host of candidateHosts(site)) {
    const attempt = await askCompanyInfo(`${schemeFor(site)}//${host}`, companyId, options);
    if (attempt.ok) return siteFrom(site, attempt.info, attempt.host);
    // Keep the most telling failure: "unknown company" beats "not Manage" beats "unreachable".
    if (!best || attempt.rank > best.rank) best = attempt;
  }
  throw (best as Extract<Attempt, { ok: false }>).error;
}

async function askCompanyInfo(origin: string, companyId: string, options: DiscoveryOptions): Promise<Attempt> {
  const host = new URL(origin).host;
  let status: number;
  let contentType: string | null;
  let text: string;
  try {
    const response = await ky.get(`${origin}/login/companyinfo/${encodeURIComponent(companyId)}`, {
      headers: { accept: 'application/json' },
      timeout: options.timeoutMs ?? 15_000,
      retry: 0,
      throwHttpErrors: false,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    status = response.status;
    contentType = response.headers.get('content-type');
    text = await response.text();
  } catch (error) {
    const why = isTimeoutError(error) ? 'it did not answer in time' : describeCause(error);
    return {
      ok: false,
      rank: 0,
      error: manageError('site-unreachable', {
        message: `Cannot reach ${host} (${why}).`,
        hint: 'Check the address (e.g. na.myconnectwise.net, or your on-premises Manage host) and the network connection.',
        field: 'manage.site',
        retryable: true,
      }),
    };
  }
  if (isCannotRoute(text)) {
    return {
      ok: false,
      rank: 2,
      error: manageError('unknown-company', {
        message: `${host} does not know the company id “${companyId}”.`,
        hint: 'Use the company id you type on the Manage login screen; if it is right, the site address is probably for another region.',
        field: 'manage.companyId',
        status,
      }),
    };
  }
  const info = status >= 200 && status < 300 && !looksLikeHtml(contentType, text) ? parseJson(text) : undefined;
  const parsed = CompanyInfo.safeParse(info);
  if (parsed.success) return { ok: true, info: parsed.data, host };
  return {
    ok: false,
    rank: 1,
    error: manageError('not-manage-site', {
      message: `${host} answers, but it is not a ConnectWise Manage site.`,
      hint: 'Enter the address you use to log in to Manage, e.g. na.myconnectwise.net or your on-premises Manage host.',
      field: 'manage.site',
      status,
    }),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function siteFrom(site: SiteInput, info: CompanyInfo, askedHost: string): ManageSite {
  const codebase = info.Codebase.replace(/\/$/, '');
  const reported = (info.SiteUrl ?? '').trim().replace(/^https?:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
  // A cloud site's keys stay on ConnectWise's cloud names, whatever SiteUrl says.
  let apiHost = reported && (isCloudHost(reported) || !isCloudHost(askedHost)) ? reported : askedHost;
  // The guide's rule: any codebase but v4_6_release must go to the api- host. Only cloud names
  // have one; on-premises and loopback hosts are used as they are.
  if (codebase.toLowerCase() !== 'v4_6_release' && isCloudHost(apiHost)) apiHost = cloudApiHost(apiHost);
  const versionCode = info.VersionCode?.trim() || null;
  return {
    webOrigin: webOrigin({ ...site, protocol: schemeFor(site) }),
    apiBaseUrl: `${schemeFor(site)}//${apiHost}/${codebase}/apis/3.0/`,
    codebase,
    version: /^v?(\d{4}\.\d+)/i.exec(versionCode ?? '')?.[1] ?? null,
    versionCode,
    isCloud: info.IsCloud ?? isCloudHost(apiHost),
    companyName: info.CompanyName?.trim() || site.webHost,
  };
}

/** Node/undici hide the useful part ("ENOTFOUND", "ECONNREFUSED") a cause or two deep. */
export function describeCause(error: unknown): string {
  const codes: string[] = [];
  const messages: string[] = [];
  for (let cause: unknown = error; cause instanceof Error && messages.length < 5; cause = cause.cause) {
    const code = (cause as Error & { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    // ky's wrapper only repeats the URL; the causes say what went wrong.
    else if (cause.name !== 'NetworkError') messages.push(cause.message);
  }
  return codes.length ? codes.join(' / ') : messages.join(' / ') || 'network error';
}
