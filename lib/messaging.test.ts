import { describe, expect, it, vi } from 'vitest';
import { AppError } from './errors';
import * as z from 'zod/mini';
import { ask, defineMessage, dispatch, type Handlers } from './messaging';
import { ScreenRef } from './messages/panel';
import { settingsExport, settingsGet, settingsImport } from './messages/settings';

// A protocol of its own, so these tests do not change whenever a message is added.
const panelOpen = defineMessage({
  type: 'test/panel',
  from: 'anyone',
  request: ScreenRef,
  response: z.object({ kind: z.string(), recordId: z.nullable(z.number()), configured: z.boolean() }),
});
const statusGet = defineMessage({
  type: 'test/status',
  from: 'anyone',
  request: z.object({}),
  response: z.object({ manageConfigured: z.boolean(), vendorConfigured: z.boolean() }),
});
const MESSAGES = [settingsGet, settingsImport, settingsExport, statusGet, panelOpen] as const;
type Message = (typeof MESSAGES)[number];

const publicSettings = { mappings: {}, keysStorage: 'local' as const, hasManageKeys: false, hasVendorKeys: false, locked: [] };

function handlers(overrides: Partial<Handlers<Message>> = {}): Handlers<Message> {
  return {
    'settings/get': async () => publicSettings,
    'settings/import': async () => ({ updated: [], settings: publicSettings }),
    'settings/export': async () => ({ version: 1 as const }),
    'test/status': async () => ({ manageConfigured: false, vendorConfigured: false }),
    'test/panel': async (screen) => ({ kind: screen.kind, recordId: screen.recordId, configured: false }),
    ...overrides,
  };
}
const fromContentScript = { fromExtensionPage: false };
const fromOptionsPage = { fromExtensionPage: true };
const send = (h: Handlers<Message>, message: unknown, sender = fromContentScript) => dispatch(MESSAGES, h, message, sender);

describe('dispatch', () => {
  it('answers a valid message', async () => {
    const reply = await send(handlers(), { type: 'test/panel', payload: { kind: 'ticket', recordId: 5 } });
    expect(reply).toEqual({ ok: true, data: { kind: 'ticket', recordId: 5, configured: false } });
  });

  it.each([
    ['not an object', 'hello'],
    ['no type', { payload: {} }],
    ['an unknown type', { type: 'keys/steal', payload: {} }],
  ])('rejects %s', async (_name, message) => {
    const reply = await send(handlers(), message, fromOptionsPage);
    expect(reply).toMatchObject({ ok: false, error: { code: 'unknown-message' } });
  });

  it('rejects an invalid payload and names the field', async () => {
    const reply = await send(handlers(), { type: 'test/panel', payload: { kind: 'invoice', recordId: 5 } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request', details: [{ field: 'kind' }] } });
  });

  it('keeps page-only messages away from content scripts', async () => {
    const exportSettings = vi.fn(async () => ({ version: 1 as const }));
    const reply = await send(handlers({ 'settings/export': exportSettings }), {
      type: 'settings/export',
      payload: { includeSecrets: true },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(exportSettings).not.toHaveBeenCalled();
  });

  it('turns a handler failure into its error data', async () => {
    const failing = handlers({
      'test/status': async () => {
        throw new AppError({ code: 'manage-down', message: 'ConnectWise is not answering.' });
      },
    });
    const reply = await send(failing, { type: 'test/status', payload: {} });
    expect(reply).toEqual({ ok: false, error: { code: 'manage-down', message: 'ConnectWise is not answering.' } });
  });

  it('never answers with data that breaks its own response schema', async () => {
    const broken = handlers({ 'test/status': async () => ({ manageConfigured: 'yes' }) as never });
    const reply = await send(broken, { type: 'test/status', payload: {} });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-data' } });
  });
});

describe('ask', () => {
  const transportFor = (h: Handlers<Message>) => ({ send: (message: unknown) => send(h, message) });

  it('returns the typed answer', async () => {
    await expect(ask(transportFor(handlers()), statusGet, {})).resolves.toEqual({
      manageConfigured: false,
      vendorConfigured: false,
    });
    await expect(ask(transportFor(handlers()), panelOpen, { kind: 'company', recordId: 250 })).resolves.toMatchObject({
      recordId: 250,
    });
  });

  it('throws the background error as an AppError', async () => {
    await expect(ask(transportFor(handlers()), settingsExport, { includeSecrets: false })).rejects.toMatchObject({
      data: { code: 'forbidden' },
    });
  });

  it('says what to do when the extension is gone (context invalidated)', async () => {
    const gone = { send: async () => Promise.reject(new Error('Extension context invalidated.')) };
    await expect(ask(gone, statusGet, {})).rejects.toMatchObject({
      data: { code: 'extension-unavailable', hint: expect.stringMatching(/reload this page/) },
    });
  });
});
