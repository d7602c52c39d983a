import { z } from 'zod';
import { AppError, AppErrorData } from './errors';
import { ScreenRef, PanelModel, PublicSettings, ImportResult, IntegrationStatus } from './protocol-types';
import { SettingsDocument } from './settings';

/**
 * The message protocol between content scripts / extension pages and the background, the only
 * context that holds keys and calls the APIs. Each message names who may send it: `pages` are
 * the extension's own pages (options, popup); `anyone` includes content scripts, which run inside
 * a host page and so are the less trusted side.
 */
export const protocol = {
  'settings/get': { from: 'anyone', request: z.object({}), response: PublicSettings },
  'settings/import': { from: 'pages', request: z.object({ document: z.unknown() }), response: ImportResult },
  'settings/export': {
    from: 'pages',
    request: z.object({ includeSecrets: z.boolean() }),
    response: SettingsDocument,
  },
  'status/get': { from: 'anyone', request: z.object({}), response: IntegrationStatus },
  'panel/open': { from: 'anyone', request: ScreenRef, response: PanelModel },
} as const satisfies Record<
  string,
  { from: 'pages' | 'anyone'; request: z.ZodType; response: z.ZodType }
>;

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
export type RequestOf<T extends MessageType> = z.input<Protocol[T]['request']>;
export type ResponseOf<T extends MessageType> = z.output<Protocol[T]['response']>;

const Envelope = z.object({ type: z.string(), payload: z.unknown() });
const Reply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorData }),
]);
type Reply = z.infer<typeof Reply>;

export interface MessageTransport {
  send(message: unknown): Promise<unknown>;
}

/** Ask the background. Throws AppError with a technician-readable message on failure. */
export async function ask<T extends MessageType>(
  transport: MessageTransport,
  type: T,
  payload: RequestOf<T>,
): Promise<ResponseOf<T>> {
  const request = protocol[type].request.parse(payload);
  let raw: unknown;
  try {
    raw = await transport.send({ type, payload: request });
  } catch (error) {
    throw new AppError({
      code: 'extension-unavailable',
      message: 'Backup Bridge is not responding.',
      hint: 'If the extension was just updated or reloaded, reload this page.',
      retryable: true,
    });
  }
  const reply = Reply.parse(raw);
  if (!reply.ok) throw new AppError(reply.error);
  return protocol[type].response.parse(reply.data) as ResponseOf<T>;
}

export type Handlers = {
  [T in MessageType]: (payload: z.output<Protocol[T]['request']>) => Promise<z.input<Protocol[T]['response']>>;
};

export interface SenderInfo {
  /** True when the message comes from one of the extension's own pages (not a content script). */
  fromExtensionPage: boolean;
}

/** Validate one incoming message, run its handler, and produce the reply. Never throws. */
export async function dispatch(handlers: Handlers, message: unknown, sender: SenderInfo): Promise<Reply> {
  try {
    const envelope = Envelope.safeParse(message);
    if (!envelope.success || !(envelope.data.type in protocol)) {
      throw new AppError({ code: 'unknown-message', message: 'Backup Bridge received a message it does not know.' });
    }
    const type = envelope.data.type as MessageType;
    const entry = protocol[type];
    if (entry.from === 'pages' && !sender.fromExtensionPage) {
      throw new AppError({ code: 'forbidden', message: 'Only the extension’s own pages may do this.' });
    }
    const payload = entry.request.safeParse(envelope.data.payload);
    if (!payload.success) {
      throw new AppError({
        code: 'invalid-request',
        message: 'Backup Bridge received an invalid request.',
        details: payload.error.issues.map((i) => ({ field: i.path.join('.') || undefined, message: i.message })),
      });
    }
    const handler = handlers[type] as (p: unknown) => Promise<unknown>;
    const data = entry.response.parse(await handler(payload.data));
    return { ok: true, data };
  } catch (error) {
    return { ok: false, error: AppError.from(error).data };
  }
}
