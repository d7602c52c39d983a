import { describe, expect, it } from 'vitest';
import { createDropsuiteClient } from './client';
import {
  CREDENTIALS, failureOf, HOUR, MB, ORG, postAdmin, recordingFetch, simulatedVendor, VENDOR_CREDENTIALS,
} from './test-support';

const id = (n: number) => String(n);

describe('Dropsuite client reads (against the vendor simulator)', () => {
  const { sim, client } = simulatedVendor();

  describe('testConnection', () => {
    it('shows what the tokens reach', async () => {
      expect(await client().testConnection()).toEqual({ resellerName: null, planCount: 3, organizationCount: 11 });
    });

    it('counts every organisation across pages', async () => {
      expect(await client({ pageSize: 2 }).testConnection()).toMatchObject({ organizationCount: 11 });
    });
  });

  it('lists plans', async () => {
    const plans = await client().listPlans();
    expect(plans).toEqual([
      { id: '4', name: 'Business Backup', productType: 'backup', price: { amount: 2.5, currency: 'USD', periodicity: 'monthly' }, storageGb: null },
      { id: '5', name: 'Business Archive', productType: 'archiver', price: { amount: 4, currency: 'USD', periodicity: 'monthly' }, storageGb: null },
      { id: '6', name: 'Basic Backup 10G', productType: 'personal', price: { amount: 1, currency: 'USD', periodicity: 'monthly' }, storageGb: 10 },
    ]);
  });

  describe('organisations', () => {
    it('lists them with stable ids, alternative ids, states and seats', async () => {
      const orgs = await client().listOrganizations();
      expect(orgs).toHaveLength(11);
      const blueLight = orgs.find((o) => o.id === id(ORG.blueLight));
      expect(blueLight).toMatchObject({
        altIds: ['1788161-14'], name: 'Blue Light, Co.', adminEmail: 'gordon.packard@bluelight.com', planId: '4',
        state: 'active', loginDisabled: false, autoLicense: false, domains: ['bluelight.com'],
        seats: { purchased: 12, used: 12, availableRaw: 0, purchasedFrom: 'used_plus_available' },
      });
      expect(orgs.find((o) => o.id === id(ORG.litware))).toMatchObject({ state: 'unsubscribed', loginDisabled: true });
      expect(orgs.find((o) => o.id === id(ORG.proseware))).toMatchObject({ state: 'suspended', loginDisabled: true });
      expect(orgs.find((o) => o.id === id(ORG.contoso))).toMatchObject({ autoLicense: true, seats: { purchased: 25, used: 23 } });
    });

    it('always asks for full pages (the simulator would default to 30)', async () => {
      const { fetch, sent } = recordingFetch();
      await client({ fetch }).listOrganizations();
      expect(sent.map((r) => r.url.searchParams.get('per_page'))).toEqual(['500']);
    });

    it('finds one by organization_id or by its alternative id', async () => {
      const byId = await client().getOrganization(id(ORG.contoso));
      const byAltId = await client().getOrganization('1790022-3');
      expect(byAltId).toEqual(byId);
      expect(byId).toMatchObject({
        id: '19771', altIds: ['1790022-3'], state: 'active', stateRaw: 'active',
        seats: { purchased: 25, purchasedFrom: 'subscription', used: 23, availableRaw: 2 },
        domains: ['contosodental.com'],
      });
    });

    it('takes domains from the tenants (Google Workspace too)', async () => {
      expect(await client().getOrganization(id(ORG.cafe))).toMatchObject({ domains: ['cafe-zuerich.ch'] });
    });

    it('falls back to the list when the detail route does not know the id form', async () => {
      // A server whose /users/{id} only knows organization_id: the alternative id answers 404.
      const { fetch } = recordingFetch(async (input, init) => {
        const url = new URL(new Request(input, init).url);
        return url.pathname.endsWith('/users/1790022-3') ? new Response('<html>404</html>', { status: 404, headers: { 'content-type': 'text/html' } }) : globalThis.fetch(input, init);
      });
      const org = await client({ fetch }).getOrganization('1790022-3');
      expect(org).toMatchObject({ id: '19771', seats: { purchasedFrom: 'used_plus_available', purchased: 25 } });
    });

    it('says so when the vendor has no such organisation', async () => {
      const error = await failureOf(client().getOrganization('424242'));
      expect(error.data).toMatchObject({ code: 'vendor-not-found', message: 'The vendor has no organisation 424242.' });
    });

    it('gives the purge date of an unsubscribed organisation', async () => {
      const litware = await client().getOrganization(id(ORG.litware));
      expect(litware).toMatchObject({ state: 'unsubscribed', stateChangedAt: '2026-02-28T09:00:00.000Z', purgeAfter: '2026-04-14T09:00:00.000Z' });
    });

    it('computes the purge date (unsubscribed + 45 days) when the vendor does not say', async () => {
      const withoutPurgeDate = recordingFetch(async (input, init) => {
        const response = await globalThis.fetch(input, init);
        const body = (await response.json()) as { subscription?: Record<string, unknown> };
        delete body.subscription?.purge_after;
        return Response.json(body, { status: response.status });
      });
      const litware = await client({ fetch: withoutPurgeDate.fetch }).getOrganization(id(ORG.litware));
      expect(litware.purgeAfter).toBe('2026-04-14T09:00:00.000Z');
    });

    it('reads deleted organisations (their token is gone)', async () => {
      sim.advance(36 * 24 * HOUR); // Litware's 45 days run out
      const litware = (await client().listOrganizations()).find((o) => o.id === id(ORG.litware));
      expect(litware).toMatchObject({ state: 'deleted' });
      expect(await client().getOrganization(id(ORG.litware))).toMatchObject({ state: 'deleted', domains: ['litwarearch.com'] });
    });

    it('reads seats_available as the purchased total when told to', async () => {
      await postAdmin(sim, 'settings', { seatsAvailable: 'purchased' });
      const orgs = await client({ seatsAvailableMeaning: 'purchased' }).listOrganizations();
      expect(orgs.find((o) => o.id === id(ORG.contoso))?.seats).toMatchObject({
        purchased: 25, used: 23, availableRaw: 25, purchasedFrom: 'seats_available',
      });
    });
  });

  it('lists tenants', async () => {
    expect(await client().listTenants(id(ORG.contoso))).toEqual([{
      id: '1977101', organizationId: '19771', domain: 'contosodental.com', type: 'm365', status: 'completed', statusCode: 7,
      directoryId: expect.stringMatching(/^[0-9a-f-]{36}$/), managedDomain: 'contosodental.onmicrosoft.com', totalUsers: 25,
    }]);
    expect(await client().listTenants('1790801-5')).toMatchObject([{ type: 'gws', domain: 'cafe-zuerich.ch', organizationId: '20610' }]);
  });

  describe('mailboxes', () => {
    it('lists an organisation\'s mailboxes with normalised status and errors', async () => {
      const mailboxes = await client().listMailboxes(id(ORG.contoso));
      expect(mailboxes).toHaveLength(23);
      expect(mailboxes.find((m) => m.id === id(MB.contosoFrontDesk))).toEqual({
        id: '9101', organizationId: '19771', email: 'frontdesk@contosodental.com', displayName: 'Front Desk',
        status: 'connection_error', statusRaw: 'Connection Error',
        lastBackupAt: '2026-03-10T04:00:00.000Z', lastSuccessAt: '2026-03-10T04:00:00.000Z',
        errors: [{ key: 'graph', message: 'Microsoft Graph throttled the request (429)' }],
        attempts: null, maxAttempts: 25, nextAttemptAt: null,
        storageBytes: expect.any(Number), itemCount: expect.any(Number), addedOn: expect.any(String), deactivatedSince: null,
      });
      // null (listed mailboxes) and [] (generated ones) both mean "no errors"
      expect(mailboxes.filter((m) => m.id !== id(MB.contosoFrontDesk)).every((m) => m.errors.length === 0 && m.status === 'completed')).toBe(true);
    });

    it('uses the organisation\'s own token on org routes and the admin token on reseller routes', async () => {
      const { fetch, sent } = recordingFetch();
      await client({ fetch }).listMailboxes(id(ORG.fabrikam));
      const tokenOf = (path: string) => sent.find((r) => r.url.pathname === path)?.headers.get('x-access-token');
      expect(tokenOf('/api/users')).toBe(VENDOR_CREDENTIALS.adminToken);
      expect(tokenOf('/api/accounts')).toBe(sim.tokenOf(ORG.fabrikam));
      expect(sent.every((r) => r.headers.get('x-reseller-token') === VENDOR_CREDENTIALS.resellerToken)).toBe(true);
    });

    it('reads the organisation list once, not per call', async () => {
      const { fetch, sent } = recordingFetch();
      const vendor = client({ fetch });
      await vendor.listMailboxes(id(ORG.contoso));
      await vendor.listMailboxes(id(ORG.fabrikam));
      await vendor.listTenants(id(ORG.fabrikam));
      expect(sent.filter((r) => r.url.pathname === '/api/users')).toHaveLength(1);
    });

    it.each(['result_set', 'data', 'array', 'chunks'] as const)('pages through 1,000 mailboxes in the %s envelope', async (mode) => {
      await postAdmin(sim, 'envelopes', { all: mode });
      const { fetch, sent } = recordingFetch();
      const mailboxes = await client({ fetch, pageSize: 50 }).listMailboxes(id(ORG.trey));
      expect(mailboxes).toHaveLength(1_000);
      expect(new Set(mailboxes.map((m) => m.id)).size).toBe(1_000);
      const pages = sent.filter((r) => r.url.pathname === '/api/accounts');
      // Without totals, a full last page costs one (empty) page more.
      expect(pages).toHaveLength(mode === 'array' || mode === 'chunks' ? 21 : 20);
      expect(pages.every((r) => r.url.searchParams.get('per_page') === '50')).toBe(true);
    });

    it('reads 1,000 mailboxes in two requests by default', async () => {
      const { fetch, sent } = recordingFetch();
      expect(await client({ fetch }).listMailboxes(id(ORG.trey))).toHaveLength(1_000);
      expect(sent.filter((r) => r.url.pathname === '/api/accounts')).toHaveLength(2);
    });

    it('lists deactivated mailboxes and connection failures', async () => {
      await postAdmin(sim, 'accounts/9002', { deactivated: true });
      const vendor = client();
      expect((await vendor.listMailboxes(id(ORG.blueLight))).map((m) => m.id)).not.toContain('9002');
      expect(await vendor.listMailboxes(id(ORG.blueLight), 'deactivated')).toMatchObject([
        { id: '9002', status: 'deactivated', deactivatedSince: '2026-03-10T09:00:00.000Z' },
      ]);
      expect((await vendor.listMailboxes(id(ORG.contoso), 'connectionFailures')).map((m) => m.id)).toEqual(['9101']);
    });

    it('refuses to read a deleted organisation without asking the vendor with the wrong token', async () => {
      sim.advance(36 * 24 * HOUR);
      const { fetch, sent } = recordingFetch();
      const error = await failureOf(client({ fetch }).listMailboxes(id(ORG.litware)));
      expect(error.data).toMatchObject({ code: 'vendor-org-unavailable', message: expect.stringContaining('Litware Architects') });
      expect(sent.filter((r) => r.url.pathname !== '/api/users')).toHaveLength(0);
    });
  });

  describe('backup history', () => {
    it('gives one entry per UTC day, oldest first', async () => {
      expect(await client().backupHistory(id(ORG.contoso), 3)).toEqual([
        { date: '2026-03-08', total: 23, succeeded: 23, failed: 0 },
        { date: '2026-03-09', total: 23, succeeded: 23, failed: 0 },
        { date: '2026-03-10', total: 23, succeeded: 22, failed: 1 },
      ]);
    });

    it('clamps the number of days to what the vendor keeps', async () => {
      expect(await client().backupHistory(id(ORG.blueLight), 365)).toHaveLength(30);
      expect(await client().backupHistory(id(ORG.blueLight), 0)).toHaveLength(1);
    });
  });

  describe('actions named in ConnectWise ({region}.{action}.{id})', () => {
    it('resolves a backup action (its id is the mailbox id) with the retry counters', async () => {
      expect(await client().getAction('backup', id(MB.fabrikamJane), id(ORG.fabrikam))).toEqual({
        action: 'backup', id: '9201', name: 'uswest.backup.9201', organizationId: '20114', mailboxId: '9201',
        email: 'jane.doe@fabrikamlegal.com', status: 'auth_error', statusRaw: 'Authentication Error',
        errors: [{ key: 'auth', message: 'AADSTS700082: The refresh token has expired due to inactivity.' }],
        attempts: 3, maxAttempts: 25, nextAttemptAt: '2026-03-10T09:30:00.000Z', lastBackupAt: '2026-03-08T05:00:00.000Z',
      });
    });

    it('searches every organisation when the caller does not know which', async () => {
      expect(await client().getAction('backup', id(MB.adatumArchive))).toMatchObject({ organizationId: '20388', status: 'failed', attempts: 25 });
    });

    it('resolves recorded restore/archive/migrate/download actions', async () => {
      const created = await sim.admin('POST', 'actions', { action: 'restore', account_id: MB.blueLightGordon, status: 'failed', error: 'Mailbox is over quota' });
      const action = await client().getAction('restore', String(created.json.id));
      expect(action).toMatchObject({
        action: 'restore', name: `uswest.restore.${created.json.id}`, mailboxId: '9001', organizationId: '5979',
        status: 'failed', error: 'Mailbox is over quota', finishedAt: '2026-03-10T09:00:00.000Z',
      });
    });

    it('says so when no organisation has it', async () => {
      const error = await failureOf(client().getAction('download', '999999'));
      expect(error.data).toMatchObject({ code: 'vendor-not-found', message: 'The vendor has no uswest.download.999999.' });
    });

    it('reads a backup action off the mailbox when the vendor has no actions route', async () => {
      await postAdmin(sim, 'capabilities', { actions: false });
      const vendor = client();
      expect(await vendor.getAction('backup', id(MB.contosoFrontDesk), id(ORG.contoso))).toMatchObject({
        action: 'backup', name: 'uswest.backup.9101', status: 'connection_error', attempts: null, maxAttempts: 25,
      });
      expect(vendor.capabilities().has('actions')).toBe(false);
      const error = await failureOf(vendor.getAction('restore', '1', id(ORG.contoso)));
      expect(error.data).toMatchObject({ code: 'vendor-unsupported', hint: expect.stringContaining('https://partners.example.com/') });
    });
  });

  describe('events', () => {
    it('reads the feed and continues from its cursor', async () => {
      const vendor = client();
      const first = await vendor.events();
      expect(first.hasMore).toBe(false);
      expect(first.events[0]).toEqual({
        id: '1', type: 'backup.failed', typeRaw: 'backup.failed', organizationId: '20388', mailboxId: '9401',
        occurredAt: '2026-02-25T15:00:00.000Z', data: { current_backup_status: 'Failed', previous_status: 'Completed', attempts: 25 },
      });
      expect(first.events.map((e) => e.type)).toContain('org.state_changed');
      await vendor.suspend(id(ORG.blueLight));
      const next = await vendor.events(first.nextCursor);
      expect(next.events).toMatchObject([{ type: 'org.state_changed', organizationId: '5979', mailboxId: null, data: { state: 'suspended' } }]);
    });

    it('asks to start over when the vendor does not know the cursor', async () => {
      const error = await failureOf(client().events('9999'));
      expect(error.data).toMatchObject({ code: 'vendor-cursor-expired', hint: 'Read the change feed again from the start.' });
    });
  });

  describe('portal link', () => {
    it('is the configured partner portal', () => {
      expect(client().portalUrl()).toBe('https://partners.example.com/');
    });

    it('defaults to the API host', () => {
      const vendor = createDropsuiteClient({ settings: { apiUrl: 'https://dropsuite.us/api', regionCode: 'uswest' }, secrets: CREDENTIALS });
      expect(vendor.portalUrl()).toBe('https://dropsuite.us/');
    });
  });
});
