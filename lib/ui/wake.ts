import { browser } from 'wxt/browser';
import { WAKE_PORT } from '../messages/ports';

/**
 * Start the service worker now if Chrome has stopped it (it does after 30 s idle), so a panel about
 * to subscribe finds it running: starting it takes 40–60 ms before any of its code runs.
 */
export function wakeBackground(): void {
  try {
    browser.runtime.connect({ name: WAKE_PORT });
  } catch {
    // The extension was reloaded under this page: the panel says so when it connects.
  }
}
