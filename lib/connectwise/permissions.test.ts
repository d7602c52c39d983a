import { beforeAll, describe, expect, it } from 'vitest';
import type { ManageSite } from './discovery';
import { checkPermissions, testManageConnection, type PermissionReport } from './permissions';
import { KEYS, logged, simClient, simForThisFile, simSite } from './test-support';
import { CLIENT_ID } from '../../e2e/sim/world';

const sim = simForThisFile();
let site: ManageSite;
beforeAll(async () => {
  site = await simSite(sim);
});

const byStatus = (report: PermissionReport, status: string) => report.checks.filter((check) => check.status === status).map((check) => check.label);

/** Let a role read System › Security Roles (so its settings can be checked directly). */
function letRoleReadSecurityRoles(roleId: number): void {
  const row = sim.api.store.rows(`system/securityroles/${roleId}/settings`).find((setting) => setting.moduleFunctionDescription === 'System > Security Roles');
  if (!row) throw new Error('no Security Roles row');
  row.inquireLevel = 'All';
}

const snapshot = () => JSON.stringify(sim.api.store.collections().map(([name, table]) => [name, [...table.entries()]]).sort());

describe('checkPermissions by probes (the role settings are not readable)', () => {
  it('the integration role: everything granted; closing tickets cannot be probed', async () => {
    const report = await checkPermissions(simClient(site));
    expect(report.source).toBe('probes');
    expect(byStatus(report, 'missing')).toEqual([]);
    expect(byStatus(report, 'unknown')).toEqual(['Service Desk › Close Service Tickets: Add/Edit/Inquire']);
    expect(report.checks.find((check) => check.status === 'unknown')?.note).toContain('System › Security Roles');
    expect(byStatus(report, 'granted')).toEqual([
      'Companies › Company Maintenance: Add/Inquire',
      'Companies › Configurations: Add/Edit/Inquire',
      'Finance › Agreements: Add/Edit/Delete/Inquire',
      'Procurement › Product Catalog: Add/Edit/Inquire',
      'Service Desk › Service Tickets: Add/Edit/Inquire',
      'System › Table Setup: Add/Edit/Inquire',
      'System › Custom Menu Entry: Add/Edit/Delete/Inquire',
      'System › Member Maintenance: Inquire',
    ]);
  });

  it('the limited key: exactly "Finance › Agreements: Edit/Delete" missing', async () => {
    const report = await checkPermissions(simClient(site, { key: 'limited' }));
    expect(byStatus(report, 'missing')).toEqual(['Finance › Agreements: Edit/Delete']);
    expect(report.checks.find((check) => check.module === 'Finance › Agreements')).toMatchObject({
      levels: { add: 'granted', edit: 'missing', delete: 'missing', inquire: 'granted' },
      missing: ['edit', 'delete'],
    });
    expect(byStatus(report, 'unknown')).toEqual(['Service Desk › Close Service Tickets: Add/Edit/Inquire']);
  });

  it('probes change nothing, and every probing write is refused', async () => {
    const before = snapshot();
    await checkPermissions(simClient(site));
    await checkPermissions(simClient(site, { key: 'limited' }));
    expect(snapshot()).toBe(before);
    const writes = logged(sim).filter((entry) => entry.method !== 'GET');
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((entry) => [400, 403, 404].includes(entry.status))).toBe(true);
    expect(writes.filter((entry) => entry.method !== 'POST').every((entry) => /\/0$/.test(entry.path))).toBe(true);
  });

  it('stops at once on bad keys', async () => {
    await expect(checkPermissions(simClient(site, { key: 'revoked' }))).rejects.toMatchObject({ data: { code: 'bad-keys' } });
  });
});

describe('checkPermissions from the role settings', () => {
  it('the limited key: exactly "Finance › Agreements: Edit/Delete" and "Service Desk › Close Service Tickets" missing', async () => {
    letRoleReadSecurityRoles(8);
    const before = logged(sim).length;
    const report = await checkPermissions(simClient(site, { key: 'limited' }), { apiMemberIdentifier: 'limitedapi' });
    expect(report).toMatchObject({ source: 'role', role: 'Limited Integration' });
    expect(byStatus(report, 'missing')).toEqual(['Finance › Agreements: Edit/Delete', 'Service Desk › Close Service Tickets: Add/Edit/Inquire']);
    expect(byStatus(report, 'unknown')).toEqual([]);
    expect(logged(sim).slice(before).every((entry) => entry.method === 'GET')).toBe(true);
  });

  it('the Admin role: everything granted', async () => {
    sim.grantAdmin();
    const report = await checkPermissions(simClient(site), { apiMemberIdentifier: 'bbridgeapi' });
    expect(report.source).toBe('role');
    expect(report.checks.every((check) => check.status === 'granted')).toBe(true);
  });

  it('falls back to probes when the settings cannot be read', async () => {
    const report = await checkPermissions(simClient(site, { key: 'limited' }), { apiMemberIdentifier: 'limitedapi' });
    expect(report.source).toBe('probes');
    expect(byStatus(report, 'missing')).toEqual(['Finance › Agreements: Edit/Delete']);
  });
});

describe('testManageConnection', () => {
  const input = { companyId: 'northwind', clientId: CLIENT_ID, ...KEYS.integration };

  it('from a pasted address: site, version, permissions; no member unless named', async () => {
    const report = await testManageConnection({ ...input, site: sim.origin });
    expect(report).toMatchObject({
      companyName: 'Northwind IT Services',
      version: '2025.1',
      serverVersion: 'v2025.1.99912',
      codebase: 'v2025_1',
      isCloud: true,
      apiBaseUrl: `${sim.origin}/v2025_1/apis/3.0/`,
      member: null,
      permissions: { source: 'probes' },
    });
    expect(report.site.webOrigin).toBe(sim.origin);
  });

  it('with the API member named: who it is, and its role when readable', async () => {
    const report = await testManageConnection({ ...input, site, apiMemberIdentifier: 'bbridgeapi' });
    expect(report.member).toEqual({ identifier: 'bbridgeapi', name: 'Backup Bridge API' });
    sim.grantAdmin();
    const admin = await testManageConnection({ ...input, site, apiMemberIdentifier: 'bbridgeapi' });
    expect(admin.permissions.source).toBe('role');
    expect((await testManageConnection({ ...input, site, apiMemberIdentifier: 'ghost' })).member).toBeNull();
  });

  it('fails with the field to fix', async () => {
    await expect(testManageConnection({ ...input, site, privateKey: 'wrong' })).rejects.toMatchObject({ data: { code: 'bad-keys', field: 'manage.publicKey' } });
    await expect(testManageConnection({ ...input, site: sim.origin, companyId: 'southwind' })).rejects.toMatchObject({ data: { field: 'manage.companyId' } });
  });
});
