import { describe, expect, it } from 'vitest';
import { MODULES as SIM_MODULES, RESOURCES as SIM_RESOURCES } from '../../e2e/sim/cw/resources';
import { REQUIRED_MODULES } from '../../e2e/sim/world';
import { moduleLabel, permissionLabel, REQUIRED_PERMISSIONS, resolveResource, levelFor, moduleNamedIn, MODULES } from './security';

const simName = (label: string) => label.replace(' › ', ' > ');

describe('the resource → security module table', () => {
  it('agrees with the simulator for every resource it serves', () => {
    for (const resource of SIM_RESOURCES) {
      const path = resource.path.replace('{parentId}', '7');
      const ours = resolveResource(path);
      expect(ours?.module && simName(moduleLabel(ours.module)), path).toBe(resource.module);
    }
    expect(Object.values(MODULES).map((module) => simName(moduleLabel(module))).sort()).toEqual(Object.values(SIM_MODULES).sort());
  });

  it('resolves items, counts, trailing slashes and query strings', () => {
    expect(resolveResource('service/tickets/123')).toMatchObject({ label: 'ticket', id: 123 });
    expect(resolveResource('/service/tickets/123/notes/count?conditions=x')).toMatchObject({ label: 'ticket note', id: null });
    expect(resolveResource('procurement/subcategories/')).toMatchObject({ label: 'product subcategory' });
    expect(resolveResource('company/configurations/types/5')).toMatchObject({ label: 'configuration type', id: 5 });
    expect(resolveResource('system/MENUENTRIES/2')).toMatchObject({ label: 'custom menu entry', id: 2 });
    expect(resolveResource('system/info')?.module).toBeNull();
    expect(resolveResource('sales/opportunities')).toBeNull();
  });

  it('maps methods to levels and names levels as the Security Roles screen does', () => {
    expect(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map(levelFor)).toEqual(['inquire', 'add', 'edit', 'edit', 'delete']);
    expect(permissionLabel(MODULES.agreements, ['delete', 'edit'])).toBe('Finance › Agreements: Edit/Delete');
    expect(moduleNamedIn("Security role 'X' does not allow edit on Service Desk > Close Service Tickets.")).toBe(MODULES.closeServiceTickets);
    expect(moduleNamedIn('nothing here')).toBeNull();
  });
});

describe('the required role', () => {
  it('is the seed guide’s role table as the simulated world has it', () => {
    const levels = (permission: (typeof REQUIRED_MODULES)[number]) =>
      (['add', 'edit', 'delete', 'inquire'] as const).filter((level) => permission[level] !== 'None');
    expect(REQUIRED_PERMISSIONS.map((required) => [simName(moduleLabel(required.module)), [...required.levels]])).toEqual(
      REQUIRED_MODULES.map((permission) => [permission.module, levels(permission)]),
    );
  });
});
