import { browser } from 'wxt/browser';
import { ask, type MessageDefinition, type MessageTransport, type RequestOf, type ResponseOf } from '../messaging';

const runtimeTransport: MessageTransport = { send: (message) => browser.runtime.sendMessage(message) };

/** Ask the background from a content script or an extension page. */
export function askBackground<M extends MessageDefinition>(message: M, payload: RequestOf<M>): Promise<ResponseOf<M>> {
  return ask(runtimeTransport, message, payload);
}
