/**
 * Port names, in a module of their own so the wake-up content script carries nothing else.
 *
 * A panel opens a PANEL_PORT and subscribes to its screen (lib/messages/panels.ts).
 */
export const PANEL_PORT = 'backup-bridge/panel';

/**
 * Opened at document start on Manage pages, and on each in-app navigation, so that Chrome has
 * started a sleeping service worker by the time the panel subscribes. It carries nothing; the
 * background closes it at once.
 */
export const WAKE_PORT = 'backup-bridge/wake';
