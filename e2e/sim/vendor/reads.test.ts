import { describe, expect, it } from 'vitest';
import { DAY, generatedMailboxId, ORGS, PLANS, VENDOR_CREDENTIALS } from '../world';
import { RAW_STATUSES } from './store/model';
import { HOUR, itemsOf, MB, ORG, orgSeed, T0, vendorHarness } from './testkit';

const h = vendorHarness();
const isoAt = (ms: number) => new Date(ms).toISOString();
const mailboxCount = (organizationId: number) => {
  const seed = orgSeed(organizationId);
  return seed.mailboxes.length + seed.generatedHealthy;
};

describe('GET /status', () => {
  it('answers the JSON string "OK"', async () => {
    const answer = await h.get('/status');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/json');
    expect(answer.json).toBe('OK');
    expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('GET /plans', () => {
  it('lists the reseller plans of world.ts as a bare array', async () => {
    const answer = await h.get('/plans');
    expect(answer.json).toEqual(PLANS.map((p) => ({
      id: p.id, name: p.name, currency: p.currency, data_storage: p.storageGb, periodicity: p.periodicity,
      amount: p.amount, product_type: p.productType,
    })));
  });

  it('keeps plan names within Dropsuite\'s 16 characters', async () => {
    for (const plan of (await h.get('/plans')).json) expect(plan.name.length).toBeLessThanOrEqual(16);
  });
});

describe('GET /users', () => {
  it('lists every organisation of world.ts in a result_set envelope', async () => {
    const answer = await h.get('/users');
    expect(answer.json.pagination).toEqual({ current_page: 1, total_pages: 1, total_entries: ORGS.length });
    expect(answer.json.result_set.map((o: { organization_id: number }) => o.organization_id)).toEqual(ORGS.map((o) => o.organizationId));
  });

  it.each(ORGS.map((o) => [o.name, o] as const))('%s has the flat Dropsuite fields with their types', async (_, seed) => {
    const rows = (await h.get('/users')).json.result_set as Array<Record<string, unknown>>;
    const row = rows.find((r) => r.organization_id === seed.organizationId);
    expect(row).toBeDefined();
    expect(Object.keys(row ?? {}).sort()).toEqual([
      'active_seats', 'admin', 'archive', 'authentication_token', 'auto_license', 'backup_summary', 'customer_deactivated',
      'deactivated_seats', 'email', 'external_id', 'flg_suspended', 'free_shared_mailboxes', 'id', 'is_business',
      'login_disabled', 'notification_email', 'organization_id', 'organization_name', 'paid_shared_mailboxes', 'plan_id',
      'required_seats', 'reseller_token', 'seats_available', 'seats_used', 'storage_available', 'storage_used',
    ]);
    expect(row).toMatchObject({
      id: seed.id, // a string, "1788161-14" style
      email: seed.adminEmail,
      organization_name: seed.name,
      plan_id: seed.planId,
      reseller_token: VENDOR_CREDENTIALS.resellerToken,
      notification_email: [seed.adminEmail],
      external_id: null,
      auto_license: seed.autoLicense,
      seats_used: mailboxCount(seed.organizationId),
      active_seats: mailboxCount(seed.organizationId),
      seats_available: seed.seatsPurchased - mailboxCount(seed.organizationId),
      deactivated_seats: 0,
      required_seats: 0,
      paid_shared_mailboxes: 0,
      free_shared_mailboxes: 0,
    });
    expect(typeof row?.storage_used).toBe('number');
    expect(row?.authentication_token).toMatch(/^org_\d+_/);
  });

  it('derives the state flags from the organisation state', async () => {
    const rows = (await h.get('/users')).json.result_set as Array<Record<string, unknown>>;
    const flags = (id: number) => {
      const row = rows.find((r) => r.organization_id === id);
      return { customer_deactivated: row?.customer_deactivated, login_disabled: row?.login_disabled, flg_suspended: row?.flg_suspended };
    };
    expect(flags(ORG.blueLight)).toEqual({ customer_deactivated: false, login_disabled: false, flg_suspended: false });
    expect(flags(ORG.proseware)).toEqual({ customer_deactivated: false, login_disabled: true, flg_suspended: true });
    expect(flags(ORG.litware)).toEqual({ customer_deactivated: true, login_disabled: true, flg_suspended: false });
  });

  it('shows the auto-licensing drift of Contoso: 23 of 25 seats used', async () => {
    const row = (await h.get('/users/19771')).json;
    expect(row).toMatchObject({ seats_used: 23, seats_available: 2, auto_license: true });
  });

  it('serves seats_available as the purchased total when switched', async () => {
    await h.admin('POST', 'settings', { seatsAvailable: 'purchased' });
    expect((await h.get('/users/19771')).json).toMatchObject({ seats_used: 23, seats_available: 25 });
  });

  it('marks archive and business plans', async () => {
    expect((await h.get('/users/20114')).json).toMatchObject({ archive: true, is_business: true, storage_available: null });
    expect((await h.get('/users/5979')).json).toMatchObject({ archive: false, is_business: true });
  });

  it('summarises backups per organisation', async () => {
    expect((await h.get('/users/20230')).json.backup_summary).toEqual({
      total: 6, completed: 5, failing: 1, last_backup: expect.any(String),
    });
  });
});

describe('GET /users/{id}', () => {
  it('finds an organisation by its string id or its organization_id', async () => {
    const byId = await h.get('/users/1788161-14');
    const byOrganizationId = await h.get('/users/5979');
    expect(byId.status).toBe(200);
    expect(byId.json).toEqual(byOrganizationId.json);
    expect(byId.json.organization_name).toBe('Blue Light, Co.');
  });

  it('adds a subscription summary', async () => {
    expect((await h.get('/users/5979')).json.subscription).toEqual({
      plan_id: 4, plan_name: 'Business Backup', product_type: 'backup', seats: 12, seats_used: 12, seats_available: 0,
      storage_used: expect.any(Number), storage_available: null, state: 'active', state_changed_at: null,
      unsubscribed_at: null, purge_after: null,
    });
  });

  it('dates an unsubscribed organisation\'s purge 45 days after unsubscribing', async () => {
    expect((await h.get('/users/20501')).json.subscription).toMatchObject({
      state: 'unsubscribed', unsubscribed_at: isoAt(T0 - 10 * DAY), purge_after: isoAt(T0 + 35 * DAY),
    });
  });

  it('answers an unknown organisation with the HTML 404', async () => {
    const answer = await h.get('/users/424242');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toContain('text/html');
  });
});

describe('GET /users/{id}/tenants', () => {
  it('lists the organisation\'s tenant in a data envelope', async () => {
    const answer = await h.get('/users/20114/tenants', ORG.fabrikam);
    expect(answer.json.pagination).toEqual({ current_page: 1, per_page: 30 });
    expect(answer.json.data).toEqual([{
      id: 2011401, organization_id: 20114, domain: 'fabrikamlegal.com', managed_domain: 'fabrikamlegal.onmicrosoft.com',
      tenant_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/),
      status: 7, total_users: 11, type: 'm365', created_at: expect.any(String), updated_at: expect.any(String),
    }]);
  });

  it('filters by type', async () => {
    expect((await h.get('/users/20114/tenants?type=m365', ORG.fabrikam)).json.data).toHaveLength(1);
    expect((await h.get('/users/20114/tenants?type=gws', ORG.fabrikam)).json.data).toHaveLength(0);
    expect((await h.get('/users/20610/tenants?type=gws', ORG.cafe)).json.data[0]).toMatchObject({
      type: 'gws', managed_domain: null, tenant_id: expect.stringMatching(/^C0/),
    });
  });

  it('answers 422 for an unknown type', async () => {
    const answer = await h.get('/users/20114/tenants?type=exchange', ORG.fabrikam);
    expect(answer.status).toBe(422);
    expect(answer.json.error.details.fields).toHaveProperty('type');
  });
});

describe('GET /users/{id}/tenants/{tenant_id}/accounts', () => {
  const path = '/users/20114/tenants/2011401/accounts';

  it('lists the directory: protected mailboxes active, the rest excluded, available or null', async () => {
    const entries = (await h.get(`${path}?per_page=100`, ORG.fabrikam)).json.data as Array<Record<string, unknown>>;
    expect(entries).toHaveLength(mailboxCount(ORG.fabrikam) + 3);
    expect(entries.filter((e) => e.status === 'active')).toHaveLength(mailboxCount(ORG.fabrikam));
    expect(entries.find((e) => e.status === 'available')).toMatchObject({ email: 'new.starter@fabrikamlegal.com', mailbox: true, licensed: true });
    expect(entries.find((e) => e.status === 'excluded')).toMatchObject({ email: 'scanner@fabrikamlegal.com', licensed: false });
    expect(entries.find((e) => e.status === null)).toMatchObject({ mailbox: false, licensed: null, type: 'group' });
    expect(Object.keys(entries[0] ?? {}).sort()).toEqual(
      ['created_at', 'email', 'licensed', 'mailbox', 'name', 'status', 'tenant_status', 'type', 'updated_at', 'upn']);
  });

  it('has nothing "available" where auto-licensing adds every mailbox', async () => {
    const entries = (await h.get('/users/19771/tenants/1977101/accounts?status=available', ORG.contoso)).json.data;
    expect(entries).toEqual([]);
  });

  it('filters by status and by the tenant type', async () => {
    expect((await h.get(`${path}?status=excluded`, ORG.fabrikam)).json.data).toHaveLength(1);
    expect((await h.get(`${path}?type=m365&per_page=100`, ORG.fabrikam)).json.data).toHaveLength(mailboxCount(ORG.fabrikam) + 3);
    expect((await h.get(`${path}?type=gws`, ORG.fabrikam)).json.data).toEqual([]);
    expect((await h.get(`${path}?status=deleted`, ORG.fabrikam)).status).toBe(422);
  });

  it('answers 404 for a tenant id that is not the organisation\'s', async () => {
    expect((await h.get('/users/20114/tenants/5979/accounts', ORG.fabrikam)).status).toBe(404);
  });
});

describe('GET /accounts', () => {
  it('serves the Dropsuite backup account shape with an embedded owner', async () => {
    const accounts = itemsOf((await h.get('/accounts?per_page=100', ORG.fabrikam)).json) as Array<Record<string, unknown>>;
    const jane = accounts.find((a) => a.id === MB.fabrikamJane);
    expect(jane).toEqual({
      id: MB.fabrikamJane,
      email: 'jane.doe@fabrikamlegal.com',
      display_name: 'Jane Doe',
      username: 'jane.doe@fabrikamlegal.com',
      last_backup: isoAt(T0 - 2 * DAY - 4 * HOUR),
      current_backup_status: 'Authentication Error',
      errors: { auth: 'AADSTS700082: The refresh token has expired due to inactivity.' },
      storage: expect.any(Number),
      msg_count: expect.any(Number),
      flg_deleted: false,
      added_on: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      deactivated_since: null,
      user: expect.objectContaining({ organization_id: ORG.fabrikam, authentication_token: h.tokenOf(ORG.fabrikam) }),
    });
  });

  it('serves errors as null, [] or an object, like the clients\' fixtures', async () => {
    const accounts = itemsOf((await h.get('/accounts?per_page=100', ORG.blueLight)).json) as Array<{ id: number; errors: unknown }>;
    expect(accounts.find((a) => a.id === MB.blueLightGordon)?.errors).toBeNull();
    expect(accounts.find((a) => a.id === generatedMailboxId(orgSeed(ORG.blueLight), 1))?.errors).toEqual([]);
  });

  it('generates healthy mailboxes with world ids and deterministic addresses on the org domain', async () => {
    const accounts = itemsOf((await h.get('/accounts?per_page=100', ORG.woodgrove)).json) as Array<Record<string, unknown>>;
    const seed = orgSeed(ORG.woodgrove);
    expect(accounts.map((a) => a.id)).toEqual([1, 2, 3, 4].map((n) => generatedMailboxId(seed, n)));
    for (const a of accounts) {
      expect(a.email).toMatch(/^[a-z]+\.[a-z]+@woodgrovebakery\.com$/);
      expect(a.current_backup_status).toBe('Completed');
      expect(Date.parse(String(a.last_backup))).toBeGreaterThan(T0 - 6 * HOUR);
    }
  });

  it('serves only the raw vendor status strings', async () => {
    const seen = new Set<string>();
    for (const id of Object.values(ORG)) {
      for (const a of itemsOf((await h.get('/accounts?per_page=500&page=1', id)).json) as Array<{ current_backup_status: string }>) {
        seen.add(a.current_backup_status);
      }
    }
    for (const status of seen) expect(RAW_STATUSES).toContain(status);
    expect([...seen].sort()).toEqual(['Authentication Error', 'Completed', 'Connection Error', 'Failed', 'Retrying']);
  });

  it('keeps an unsubscribed organisation\'s last backups from before it stopped', async () => {
    const accounts = itemsOf((await h.get('/accounts', ORG.litware)).json) as Array<{ last_backup: string }>;
    expect(accounts).toHaveLength(5);
    for (const a of accounts) expect(Date.parse(a.last_backup)).toBeLessThanOrEqual(T0 - 10 * DAY);
  });

  it('pages Trey Research\'s 1,000 mailboxes quickly', async () => {
    const started = performance.now();
    const first = await h.get('/accounts?per_page=500', ORG.trey);
    const second = await h.get('/accounts?per_page=500&page=2', ORG.trey);
    expect(first.json.pagination).toEqual({ current_page: 1, total_pages: 2, total_entries: 1000 });
    const ids = new Set([...first.json.result_set, ...second.json.result_set].map((a: { id: number }) => a.id));
    expect(ids.size).toBe(1000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('GET /accounts/connection_failures and /accounts/deactivated_accounts', () => {
  it('lists the failing accounts only', async () => {
    const failures = (id: number) => h.get('/accounts/connection_failures', id).then((a) => itemsOf(a.json).map((x) => (x as { id: number }).id));
    expect(await failures(ORG.tailspin)).toEqual([MB.tailspinOps]);
    expect(await failures(ORG.adatum)).toEqual([MB.adatumArchive]);
    expect(await failures(ORG.blueLight)).toEqual([]);
  });

  it('moves a deactivated account out of /accounts into deactivated_accounts and frees its seat', async () => {
    await h.admin('POST', `accounts/${MB.blueLightGordon}`, { deactivated: true });
    const active = itemsOf((await h.get('/accounts', ORG.blueLight)).json) as Array<{ id: number }>;
    const deactivated = itemsOf((await h.get('/accounts/deactivated_accounts', ORG.blueLight)).json) as Array<Record<string, unknown>>;
    expect(active.map((a) => a.id)).not.toContain(MB.blueLightGordon);
    expect(deactivated).toEqual([expect.objectContaining({ id: MB.blueLightGordon, flg_deleted: true, deactivated_since: isoAt(T0) })]);
    expect((await h.get('/users/5979')).json).toMatchObject({ seats_used: 11, deactivated_seats: 1, seats_available: 1 });
  });
});
