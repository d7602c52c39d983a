// zod/mini: this module is part of the content script, which has a 40 KB budget.
import * as z from 'zod/mini';
import { AppError, AppErrorData, issueDetails } from './errors';

/**
 * The message machinery between content scripts / extension pages and the background, the only
 * context that holds keys and calls the APIs. Each message is its own definition (lib/messages/),
 * so a content script bundles only the schemas of the messages it sends. Each names who may send
 * it: `pages` are the extension's own pages (options, popup); `anyone` includes content scripts,
 * which run inside a host page and so are the less trusted side.
 */
export interface MessageDefinition<
  T extends string = string,
  Req extends z.core.$ZodType = z.core.$ZodType,
  Res extends z.core.$ZodType = z.core.$ZodType,
> {
  type: T;
  from: 'pages' | 'anyone';
  request: Req;
  response: Res;
}

export function defineMessage<T extends string, Req extends z.core.$ZodType, Res extends z.core.$ZodType>(
  definition: MessageDefinition<T, Req, Res>,
): MessageDefinition<T, Req, Res> {
  return definition;
}

export type RequestOf<M extends MessageDefinition> = z.input<M['request']>;
export type ResponseOf<M extends MessageDefinition> = z.output<M['response']>;

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
export async function ask<M extends MessageDefinition>(
  transport: MessageTransport,
  message: M,
  payload: RequestOf<M>,
): Promise<ResponseOf<M>> {
  const request = z.parse(message.request, payload);
  let raw: unknown;
  try {
    raw = await transport.send({ type: message.type, payload: request });
  } catch {
    throw new AppError({
      code: 'extension-unavailable',
      message: 'Backup Bridge is not responding.',
      hint: 'If the extension was just updated or reloaded, reload this page.',
      retryable: true,
    });
  }
  const reply = z.parse(Reply, raw);
  if (!reply.ok) throw new AppError(reply.error);
  return z.parse(message.response, reply.data) as ResponseOf<M>;
}

/** A handler per message type of `Messages`, receiving the validated payload. */
export type Handlers<Messages extends MessageDefinition> = {
  [M in Messages as M['type']]: (payload: z.output<M['request']>) => Promise<z.input<M['response']>>;
};

export interface SenderInfo {
  /** True when the message comes from one of the extension's own pages (not a content script). */
  fromExtensionPage: boolean;
}

/** Validate one incoming message, run its handler, and produce the reply. Never throws. */
export async function dispatch<Messages extends MessageDefinition>(
  messages: readonly Messages[],
  handlers: Handlers<Messages>,
  message: unknown,
  sender: SenderInfo,
): Promise<Reply> {
  try {
    const envelope = z.safeParse(Envelope, message);
    const definition = envelope.success ? messages.find((m) => m.type === envelope.data.type) : undefined;
    if (!envelope.success || !definition) {
      throw new AppError({ code: 'unknown-message', message: 'Backup Bridge received a message it does not know.' });
    }
    if (definition.from === 'pages' && !sender.fromExtensionPage) {
      throw new AppError({ code: 'forbidden', message: 'Only the extension’s own pages may do this.' });
    }
    const payload = z.safeParse(definition.request, envelope.data.payload);
    if (!payload.success) {
      throw new AppError({
        code: 'invalid-request',
        message: 'Backup Bridge received an invalid request.',
        details: issueDetails(payload.error),
      });
    }
    const handler = (handlers as Record<string, (p: unknown) => Promise<unknown>>)[definition.type]!;
    const data = z.parse(definition.response, await handler(payload.data));
    return { ok: true, data };
  } catch (error) {
    return { ok: false, error: AppError.from(error).data };
  }
}
