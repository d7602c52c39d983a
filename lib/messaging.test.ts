import { describe, expect, it, vi } from 'vitest';
import { AppError } from './errors';
import { ask, dispatch, type Handlers } from './messaging';

const publicSettings = { mappings: {}, keysStorage: 'local', hasManageKeys: false, hasVendorKeys: false } as const;

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'settings/get': async () => publicSettings,
    'settings/import': async () => ({ updated: [], settings: publicSettings }),
    'settings/export': async () => ({ version: 1 as const }),
    'status/get': async () => ({ manageConfigured: false, vendorConfigured: false }),
    'panel/open': async (screen) => ({ kind: screen.kind, recordId: screen.recordId, configured: false }),
    ...overrides,
  };
}
const fromContentScript = { fromExtensionPage: false };
const fromOptionsPage = { fromExtensionPage: true };

describe('dispatch', () => {
  it('answers a valid message', async () => {
    const reply = await dispatch(handlers(), { type: 'panel/open', payload: { kind: 'ticket', recordId: 5 } }, fromContentScript);
    expect(reply).toEqual({ ok: true, data: { kind: 'ticket', recordId: 5, configured: false } });
  });

  it.each([
    ['not an object', 'hello'],
    ['no type', { payload: {} }],
    ['an unknown type', { type: 'keys/steal', payload: {} }],
  ])('rejects %s', async (_name, message) => {
    const reply = await dispatch(handlers(), message, fromOptionsPage);
    expect(reply).toMatchObject({ ok: false, error: { code: 'unknown-message' } });
  });

  it('rejects an invalid payload and names the field', async () => {
    const reply = await dispatch(handlers(), { type: 'panel/open', payload: { kind: 'invoice', recordId: 5 } }, fromContentScript);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request', details: [{ field: 'kind' }] } });
  });

  it('keeps page-only messages away from content scripts', async () => {
    const exportSettings = vi.fn(async () => ({ version: 1 as const }));
    const reply = await dispatch(
      handlers({ 'settings/export': exportSettings }),
      { type: 'settings/export', payload: { includeSecrets: true } },
      fromContentScript,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(exportSettings).not.toHaveBeenCalled();
  });

  it('turns a handler failure into its error data', async () => {
    const failing = handlers({
      'status/get': async () => {
        throw new AppError({ code: 'manage-down', message: 'ConnectWise is not answering.' });
      },
    });
    const reply = await dispatch(failing, { type: 'status/get', payload: {} }, fromContentScript);
    expect(reply).toEqual({ ok: false, error: { code: 'manage-down', message: 'ConnectWise is not answering.' } });
  });

  it('never answers with data that breaks its own response schema', async () => {
    const broken = handlers({ 'status/get': async () => ({ manageConfigured: 'yes' }) as never });
    const reply = await dispatch(broken, { type: 'status/get', payload: {} }, fromContentScript);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-data' } });
  });
});

describe('ask', () => {
  const transportFor = (h: Handlers, sender = fromContentScript) => ({
    send: (message: unknown) => dispatch(h, message, sender),
  });

  it('returns the typed answer', async () => {
    await expect(ask(transportFor(handlers()), 'status/get', {})).resolves.toEqual({
      manageConfigured: false,
      vendorConfigured: false,
    });
  });

  it('throws the background error as an AppError', async () => {
    await expect(ask(transportFor(handlers()), 'settings/export', { includeSecrets: false })).rejects.toMatchObject({
      data: { code: 'forbidden' },
    });
  });

  it('says what to do when the extension is gone (context invalidated)', async () => {
    const gone = { send: async () => Promise.reject(new Error('Extension context invalidated.')) };
    await expect(ask(gone, 'status/get', {})).rejects.toMatchObject({
      data: { code: 'extension-unavailable', hint: expect.stringMatching(/reload this page/) },
    });
  });
});
