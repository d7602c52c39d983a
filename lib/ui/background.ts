import { browser } from 'wxt/browser';
import { ask, type MessageTransport, type MessageType, type RequestOf, type ResponseOf } from '../messaging';

const runtimeTransport: MessageTransport = { send: (message) => browser.runtime.sendMessage(message) };

/** Ask the background from a content script or an extension page. */
export function askBackground<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  return ask(runtimeTransport, type, payload);
}
