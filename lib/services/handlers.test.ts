import { describe, expect, it, vi } from 'vitest';
import type { ImportResult } from '../messages/settings';
import { createHandlers } from './handlers';
import type { SettingsService } from './settings-service';

function handlersImporting(updated: ImportResult['updated']) {
  const deps = {
    settings: { importDocument: vi.fn(async () => ({ updated, settings: {} }) as unknown as ImportResult) } as unknown as SettingsService,
    setup: {} as never,
    popup: { get: vi.fn() },
    openTab: vi.fn(),
    onSettingsChanged: vi.fn(async () => undefined),
    discoverSite: vi.fn(async () => undefined),
    loadOrganizations: vi.fn(async () => undefined),
  };
  return { deps, handlers: createHandlers(deps) };
}

describe('settings import', () => {
  it.each([
    ['finds an imported Manage site', ['manage', 'manage keys'], 'discoverSite'],
    ['reads the organisation list of imported vendor keys', ['vendor keys'], 'loadOrganizations'],
  ] as const)('%s before answering, after the settings took effect', async (_what, updated, prepare) => {
    const { deps, handlers } = handlersImporting([...updated]);
    await handlers['settings/import']({ document: {} });
    expect(deps.onSettingsChanged).toHaveBeenCalledOnce();
    expect(deps[prepare]).toHaveBeenCalledOnce();
    expect(deps.onSettingsChanged.mock.invocationCallOrder[0]).toBeLessThan(deps[prepare].mock.invocationCallOrder[0]!);
  });

  it.each([
    ['the site', ['vendor', 'mappings'], 'discoverSite'],
    ['the vendor', ['manage', 'mappings'], 'loadOrganizations'],
  ] as const)('leaves %s alone when the document did not touch it', async (_what, updated, prepare) => {
    const { deps, handlers } = handlersImporting([...updated]);
    await handlers['settings/import']({ document: {} });
    expect(deps[prepare]).not.toHaveBeenCalled();
  });
});
