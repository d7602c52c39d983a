/**
 * SIMULATOR-ONLY stand-in for the partner portal's "Login as Client" (Impersonate) button: a
 * short-lived, single-use link to the customer dashboard the Dropsuite ConnectWise guide shows
 * ("You are currently impersonating as …", "x seats of y seats used", the Backup Emails table).
 * No API for it was found [U]; the link's lifetime and single use are the simulator's choice.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { send } from '../http';
import type { VendorSettings } from './config';
import { invalidState } from './errors';
import { seatsUsed } from './lifecycle/organisations';
import { settleWorld } from './lifecycle/settle';
import type { Runtime } from './runtime';
import type { ImpersonationGrant, OrgRecord } from './store/model';
import type { VendorStore } from './store/store';
import { accountView, orgRow, type ViewContext } from './views';

export const PORTAL_PATH = '/portal/impersonate';
const MAX_ROWS = 100;

export function grantImpersonation(
  store: VendorStore, org: OrgRecord, settings: VendorSettings, now: number,
): ImpersonationGrant {
  // UNVERIFIED: a suspended org's users can't log in, but the partner still can.
  if (org.state === 'unsubscribed' || org.state === 'deleted') {
    throw invalidState(`A ${org.state} organization cannot be impersonated`);
  }
  const token = createHash('sha256')
    .update(`${org.seed.organizationId}:${now}:${store.impersonations.size}`)
    .digest('hex').slice(0, 32);
  const grant = { token, organizationId: org.seed.organizationId, expiresAt: now + settings.impersonationTtlMs, used: false };
  store.impersonations.set(token, grant);
  return grant;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${body}\n</body>\n</html>\n`;
}

function humanBytes(bytes: number): string {
  const units = ['Bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** "2017-07-21 14:13:43 UTC", as on the guide's dashboard. */
const portalTime = (isoTime: string | null) => (isoTime ? `${isoTime.slice(0, 10)} ${isoTime.slice(11, 19)} UTC` : 'Never');

/** Answers a visit to the link: the dashboard once, then 410; unknown tokens 404. */
function renderImpersonation(ctx: ViewContext, token: string | null): { status: number; html: string } {
  const grant = token === null ? undefined : ctx.store.impersonations.get(token);
  const refuse = (status: number, message: string) => ({ status, html: page('Sign in', `<p class="error">${message}</p>`) });
  if (!grant) return refuse(404, 'This sign-in link is not valid.');
  if (grant.used) return refuse(410, 'This sign-in link has already been used.');
  if (ctx.now >= grant.expiresAt) return refuse(410, 'This sign-in link has expired.');
  const org = ctx.store.orgs.get(grant.organizationId);
  if (!org || org.state === 'deleted') return refuse(410, 'This organization no longer exists.');
  grant.used = true;

  const owner = orgRow(ctx, org);
  const mailboxes = ctx.store.mailboxesOf(org.seed.organizationId).filter((m) => m.deactivatedAt === null);
  const rows = mailboxes.slice(0, MAX_ROWS).map((m) => {
    const account = accountView(ctx, m, owner);
    return `<tr><td>${escapeHtml(account.email)}</td><td>${account.msg_count}</td><td>${humanBytes(account.storage)}</td>`
      + `<td>${portalTime(account.last_backup)}</td><td>${escapeHtml(account.current_backup_status)}</td></tr>`;
  });
  const name = escapeHtml(org.seed.name);
  return {
    status: 200,
    html: page(`Dashboard – ${org.seed.name}`, [
      `<div class="impersonation-banner">You are currently impersonating as ${escapeHtml(org.seed.adminEmail)}. Click here to stop.</div>`,
      '<h1>Dashboard</h1>',
      `<p class="organization">${name}</p>`,
      `<p class="seats">${seatsUsed(ctx.store, org)} seats of ${org.seatsPurchased} seats used</p>`,
      '<h2>Backup Emails</h2>',
      '<table class="accounts"><thead><tr><th>Email Account</th><th>Number of Emails</th><th>Space Used</th>'
        + '<th>Last System Backup</th><th>Status</th></tr></thead>',
      `<tbody>\n${rows.join('\n')}\n</tbody></table>`,
      `<p class="count">Showing ${rows.length} of ${mailboxes.length} accounts</p>`,
    ].join('\n')),
  };
}

/** GET /portal/impersonate?token=…: a browser page, so no API faults apply; it is logged like the API. */
export function handlePortalRequest(rt: Runtime, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const started = performance.now();
  const now = rt.clock.now();
  settleWorld(rt.store, now);
  const { settings, vendorFaults } = rt.config;
  const page = renderImpersonation({ store: rt.store, settings, vendorFaults, now }, url.searchParams.get('token'));
  send(res, page.status, page.html, { 'content-type': 'text/html; charset=utf-8' });
  rt.requests.record({
    method: req.method ?? 'GET', path: url.pathname, query: url.search, status: page.status,
    ms: Math.round(performance.now() - started),
  });
}
