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
  it('finds an imported Manage site before answering, after the settings took effect', async () => {
    const { deps, handlers } = handlersImporting(['manage', 'manage keys']);
    await handlers['settings/import']({ document: {} });
    expect(deps.onSettingsChanged).toHaveBeenCalledOnce();
    expect(deps.discoverSite).toHaveBeenCalledOnce();
    expect(deps.onSettingsChanged.mock.invocationCallOrder[0]).toBeLessThan(deps.discoverSite.mock.invocationCallOrder[0]!);
  });

  it('leaves the site alone when the document did not touch it', async () => {
    const { deps, handlers } = handlersImporting(['vendor', 'mappings']);
    await handlers['settings/import']({ document: {} });
    expect(deps.discoverSite).not.toHaveBeenCalled();
  });

  it('reads the organisation list of imported vendor keys before answering, after the settings took effect', async () => {
    const { deps, handlers } = handlersImporting(['vendor keys']);
    await handlers['settings/import']({ document: {} });
    expect(deps.loadOrganizations).toHaveBeenCalledOnce();
    expect(deps.onSettingsChanged.mock.invocationCallOrder[0]).toBeLessThan(deps.loadOrganizations.mock.invocationCallOrder[0]!);
  });

  it('leaves the vendor alone when the document did not touch it', async () => {
    const { deps, handlers } = handlersImporting(['manage', 'mappings']);
    await handlers['settings/import']({ document: {} });
    expect(deps.loadOrganizations).not.toHaveBeenCalled();
  });
});
