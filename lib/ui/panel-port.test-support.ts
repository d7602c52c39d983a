// Test support for the panel port: the background's end of it, driven by the test.
import type { PanelRequest } from '../messages/panels';
import type { PortLike } from './panel-port';

/** The background's end, driven by the test. */
export class FakePort implements PortLike {
  readonly sent: PanelRequest[] = [];
  disconnected = false;
  private readonly messageListeners: Array<(message: unknown) => void> = [];
  private readonly disconnectListeners: Array<() => void> = [];
  readonly onMessage = { addListener: (listener: (message: unknown) => void) => void this.messageListeners.push(listener) };
  readonly onDisconnect = { addListener: (listener: () => void) => void this.disconnectListeners.push(listener) };
  postMessage(message: PanelRequest) {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    this.sent.push(message);
  }
  disconnect() {
    this.disconnected = true;
  }
  push(message: unknown) {
    for (const listener of this.messageListeners) listener(message);
  }
  /** The background went away (service worker stopped, extension reloaded). */
  drop() {
    this.disconnected = true;
    for (const listener of this.disconnectListeners) listener();
  }
}
