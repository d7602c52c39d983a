import { describe, expect, it } from 'vitest';
import { simForThisFile, type KeyName } from './harness';

const sim = simForThisFile();

const addition = { product: { id: 311 }, billCustomer: 'Billable', quantity: 1 };
const closeTicket = [{ op: 'replace', path: 'status/id', value: 34 }];

/** [key, method, path, body, expected status] — what each role may do, module by module. */
const MATRIX: Array<[KeyName, string, string, unknown, number]> = [
  // Backup Bridge Integration (role 7): the Dropsuite guide's role
  ['integration', 'GET', 'company/companies', undefined, 200],
  ['integration', 'POST', 'company/companies', { identifier: 'X1', name: 'X', city: 'Y' }, 201],
  ['integration', 'PATCH', 'company/companies/250', [{ op: 'replace', path: 'name', value: 'x' }], 403], // edit None
  ['integration', 'DELETE', 'company/companies/2', undefined, 403], // delete None
  ['integration', 'GET', 'company/contacts', undefined, 403], // Companies > Contacts is not in the role
  ['integration', 'GET', 'company/configurations', undefined, 200],
  ['integration', 'POST', 'company/configurations', { name: 'n', type: { id: 5 }, company: { id: 250 } }, 201],
  ['integration', 'DELETE', 'company/configurations/1', undefined, 403],
  ['integration', 'GET', 'finance/agreements', undefined, 200],
  ['integration', 'PATCH', 'finance/agreements/19064', [{ op: 'replace', path: 'name', value: 'x' }], 200],
  ['integration', 'POST', 'finance/agreements/19064/additions', addition, 201],
  ['integration', 'GET', 'procurement/catalog', undefined, 200],
  ['integration', 'DELETE', 'procurement/catalog/312', undefined, 403],
  ['integration', 'GET', 'procurement/categories', undefined, 200], // Table Setup
  ['integration', 'GET', 'service/boards/3/statuses', undefined, 200],
  ['integration', 'POST', 'company/configurations/types', { name: 'other_type' }, 201],
  ['integration', 'PATCH', 'service/tickets/123456', closeTicket, 200],
  ['integration', 'GET', 'system/members', undefined, 200],
  ['integration', 'POST', 'system/apiMembers', { identifier: 'another' }, 403],
  ['integration', 'GET', 'system/securityroles', undefined, 403], // System > Security Roles is not in the role
  ['integration', 'GET', 'system/securityRoles/7/settings', undefined, 403],
  ['integration', 'GET', 'system/menuentries', undefined, 200],
  ['integration', 'DELETE', 'system/menuentries/1', undefined, 204],
  // Limited Integration (role 8): no agreement edits or deletes, no ticket closing
  ['limited', 'GET', 'finance/agreements/19064', undefined, 200],
  ['limited', 'PATCH', 'finance/agreements/19064', [{ op: 'replace', path: 'name', value: 'x' }], 403],
  ['limited', 'PUT', 'finance/agreements/19064', {}, 403],
  ['limited', 'DELETE', 'finance/agreements/19064', undefined, 403],
  ['limited', 'POST', 'finance/agreements/19064/additions', addition, 201],
  ['limited', 'GET', 'finance/agreements/19064/additions', undefined, 200],
  ['limited', 'PATCH', 'finance/agreements/19064/additions/1', [{ op: 'replace', path: 'quantity', value: 2 }], 403],
  ['limited', 'PATCH', 'service/tickets/123456', closeTicket, 403],
  ['limited', 'PATCH', 'service/tickets/123456', [{ op: 'replace', path: 'status/id', value: 32 }], 200],
  ['limited', 'POST', 'service/tickets', { summary: 's', company: { id: 250 } }, 201],
  ['limited', 'POST', 'service/tickets', { summary: 's', company: { id: 250 }, board: { id: 3 }, status: { id: 34 } }, 403],
  ['limited', 'POST', 'service/tickets/123456/notes', { text: 'n', detailDescriptionFlag: true }, 201],
];

describe.each(MATRIX)('%s key: %s %s', (key, method, path, body, status) => {
  it(`answers ${status}`, async () => {
    const reply = await sim.call(method, path, { key, body });
    expect(reply.status).toBe(status);
    if (status === 403) {
      expect(reply.json).toEqual({ code: 'Forbidden', message: expect.stringMatching(/^Security role '.+' does not allow (add|edit|delete|inquire) on .+ > .+\.$/), errors: null });
    }
  });
});

describe('a refused write changes nothing', () => {
  it('leaves the ticket open when the limited key tries to close it', async () => {
    const reply = await sim.call('PATCH', 'service/tickets/123456', { key: 'limited', body: closeTicket });
    expect(reply.json.message).toBe("Security role 'Limited Integration' does not allow edit on Service Desk > Close Service Tickets.");
    const ticket = await sim.call('GET', 'service/tickets/123456');
    expect(ticket.json).toMatchObject({ closedFlag: false, status: { id: 31 } });
  });

  it('creates no ticket when the limited key posts one in a closed status', async () => {
    const before = (await sim.call('GET', 'service/tickets/count')).json.count;
    const reply = await sim.call('POST', 'service/tickets', { key: 'limited', body: { summary: 's', company: { id: 250 }, board: { id: 3 }, status: { id: 35 } } });
    expect(reply.json.message).toMatch(/does not allow add on Service Desk > Close Service Tickets/);
    expect((await sim.call('GET', 'service/tickets/count')).json.count).toBe(before);
  });

  it('checks the role before the body, so a forbidden bad body answers 403', async () => {
    const reply = await sim.call('PATCH', 'finance/agreements/19064', { key: 'limited', body: 'garbage' });
    expect(reply.status).toBe(403);
  });
});

describe('roles come from the stored API member and role settings', () => {
  it('takes effect when the API member is moved to the Admin role', async () => {
    expect((await sim.call('GET', 'company/contacts')).status).toBe(403);
    sim.grantAdmin();
    expect((await sim.call('GET', 'company/contacts')).status).toBe(200);
    expect((await sim.call('GET', 'system/securityRoles/7/settings')).status).toBe(200);
  });

  it('lets nothing through for a new role without settings', async () => {
    sim.grantAdmin();
    const role = await sim.call('POST', 'system/securityroles', { body: { name: 'Empty' } });
    await sim.call('PATCH', 'system/apiMembers/151', { body: [{ op: 'replace', path: 'securityRole/id', value: role.json.id }] });
    expect((await sim.call('GET', 'service/tickets', { key: 'limited' })).status).toBe(403);
    expect((await sim.call('GET', 'system/info', { key: 'limited' })).status).toBe(200);
  });

  it('shows the levels the checks use in /system/securityRoles/{id}/settings', async () => {
    sim.grantAdmin();
    const settings = await sim.call('GET', 'system/securityRoles/8/settings?pageSize=100');
    const close = settings.json.find((s: { moduleFunctionName: string }) => s.moduleFunctionName === 'Close Service Tickets');
    expect(close).toMatchObject({ moduleName: 'Service Desk', addLevel: 'None', editLevel: 'None', inquireLevel: 'None' });
    const admin = await sim.call('GET', `system/securityRoles/1/settings?conditions=${encodeURIComponent('deleteLevel != "All"')}`);
    expect(admin.json).toEqual([]);
  });
});
