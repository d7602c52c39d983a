import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import { browser } from 'wxt/browser';
// zod/mini: part of the content script (40 KB budget).
import * as z from 'zod/mini';
import type { AppErrorData } from '../errors';
import type { ScreenRef } from '../messages/panel';
import { PANEL_PORT, PanelPush, type PanelAction, type PanelRequest, type PanelView } from '../messages/panels';

/**
 * The content-script end of the panel port (lib/messages/panels.ts): subscribe to one screen,
 * keep what the background pushes in signals, and run actions with their progress.
 */

export type PanelResult = Extract<PanelPush, { type: 'result' }>;

/** The part of a runtime.Port this module uses, so tests can hand in a fake. */
export interface PortLike {
  postMessage(message: PanelRequest): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}
export type ConnectPort = (name: string) => PortLike;

export interface PanelConnection {
  /** The latest view for this screen; null until the first one (and after `unavailable`). */
  readonly view: ReadonlySignal<PanelView | null>;
  /** A refresh is under way (the background's, or one this panel asked for). */
  readonly refreshing: ReadonlySignal<boolean>;
  /** Why the screen cannot be shown, or why the panel lost its connection. */
  readonly unavailable: ReadonlySignal<AppErrorData | null>;
  readonly collapsed: ReadonlySignal<boolean>;
  /** Never rejects: a lost connection resolves as a failed result. */
  act(action: PanelAction, onProgress?: (message: string) => void): Promise<PanelResult>;
}

const runtimeConnect: ConnectPort = (name) => browser.runtime.connect({ name }) as unknown as PortLike;

const NOT_RESPONDING: AppErrorData = {
  code: 'extension-unavailable',
  message: 'Backup Bridge is not responding.',
  hint: 'Reload this page. If this keeps happening, reload the extension.',
  retryable: true,
};
const RELOADED: AppErrorData = {
  code: 'extension-unavailable',
  message: 'Backup Bridge was updated or reloaded.',
  hint: 'Reload this page to see current backup data.',
};
const CLOSED: AppErrorData = { code: 'panel-closed', message: 'The panel was closed before this finished.' };
const CONNECTION_LOST: AppErrorData = {
  code: 'connection-lost',
  message: 'Lost the connection to Backup Bridge before this finished.',
  hint: 'It may still complete: check the panel after the next refresh before trying again.',
};

/** Chrome's words when the extension was reloaded or updated under a live page. */
const isContextInvalidated = (error: unknown) => /context invalidated/i.test(error instanceof Error ? error.message : String(error));

export function connectPanel(options: { screen: ScreenRef; signal: AbortSignal; connect?: ConnectPort }): PanelConnection {
  const { screen, signal: abort, connect = runtimeConnect } = options;
  const view = signal<PanelView | null>(null);
  const pushedRefreshing = signal(false);
  const refreshesAsked = signal(0);
  const unavailable = signal<AppErrorData | null>(null);
  const collapsed = signal(false);
  // Once the technician toggles, pushes (which may predate the toggle) no longer decide.
  let collapsedByUser = false;

  interface Pending {
    action: PanelAction;
    onProgress?: (message: string) => void;
    resolve(result: PanelResult): void;
  }
  const pending = new Map<string, Pending>();
  const idPrefix = Math.random().toString(36).slice(2, 10);
  let nextId = 0;

  let port: PortLike | null = null;
  /** Why the panel stopped for good; null while it runs. */
  let closed: AppErrorData | null = null;
  // One reconnect per lost connection (a restarted service worker); a push proves the new port works.
  let reconnects = 1;

  const failed = (requestId: string, error: AppErrorData): PanelResult => ({ type: 'result', requestId, ok: false, message: null, error });

  function settle(requestId: string, result: PanelResult) {
    const entry = pending.get(requestId);
    if (!entry) return;
    pending.delete(requestId);
    if (entry.action.kind === 'refresh') refreshesAsked.value -= 1;
    entry.resolve(result);
  }
  const settleAll = (error: AppErrorData) => {
    for (const requestId of [...pending.keys()]) settle(requestId, failed(requestId, error));
  };

  function open(): void {
    let next: PortLike;
    try {
      next = connect(PANEL_PORT);
      next.onMessage.addListener((message) => {
        if (port === next) receive(message);
      });
      next.onDisconnect.addListener(() => {
        if (port === next) lost();
      });
      port = next;
      next.postMessage({ type: 'subscribe', screen });
    } catch (error) {
      port = null;
      if (isContextInvalidated(error)) giveUp(RELOADED);
      else unavailable.value = NOT_RESPONDING;
    }
  }

  function lost(): void {
    port = null;
    settleAll(CONNECTION_LOST);
    if (closed || abort.aborted) return;
    if (reconnects > 0) {
      reconnects -= 1;
      open();
    } else {
      unavailable.value = NOT_RESPONDING; // the last view stays on screen, marked
    }
  }

  /** Stop for good: nothing more will arrive, and nothing is logged. */
  function giveUp(reason: AppErrorData): void {
    close(reason);
    unavailable.value = reason;
  }

  function close(reason: AppErrorData): void {
    if (closed) return;
    closed = reason;
    const current = port;
    port = null;
    try {
      current?.disconnect();
    } catch {
      // the context is gone already
    }
    settleAll(reason);
  }

  function receive(message: unknown): void {
    const parsed = z.safeParse(PanelPush, message);
    if (!parsed.success) {
      console.warn('Backup Bridge: ignored a panel message that does not match the protocol', parsed.error.issues);
      return;
    }
    const push = parsed.data;
    reconnects = 1;
    switch (push.type) {
      case 'view':
        if (push.view.kind !== screen.kind) return;
        batch(() => {
          view.value = push.view;
          pushedRefreshing.value = push.refreshing;
          unavailable.value = null;
          if (!collapsedByUser) collapsed.value = push.collapsed;
        });
        return;
      case 'unavailable':
        if (push.screen !== screen.kind) return;
        batch(() => {
          view.value = null;
          pushedRefreshing.value = false;
          unavailable.value = push.error;
          if (!collapsedByUser) collapsed.value = push.collapsed;
        });
        return;
      case 'progress':
        pending.get(push.requestId)?.onProgress?.(push.message);
        return;
      case 'result':
        settle(push.requestId, push);
        return;
    }
  }

  function act(action: PanelAction, onProgress?: (message: string) => void): Promise<PanelResult> {
    const requestId = `${idPrefix}-${++nextId}`;
    if (action.kind === 'set-collapsed') {
      collapsedByUser = true;
      collapsed.value = action.collapsed;
    }
    // A click after the connection was given up is worth one more try: the worker may be back.
    if (!closed && !port) open();
    if (closed || !port) return Promise.resolve(failed(requestId, closed ?? NOT_RESPONDING));
    const current = port;
    return new Promise((resolve) => {
      pending.set(requestId, { action, onProgress, resolve });
      if (action.kind === 'refresh') refreshesAsked.value += 1;
      try {
        current.postMessage({ type: 'action', requestId, action });
      } catch (error) {
        if (isContextInvalidated(error)) giveUp(RELOADED);
        else settle(requestId, failed(requestId, NOT_RESPONDING));
      }
    });
  }

  abort.addEventListener('abort', () => close(CLOSED), { once: true });
  if (!abort.aborted) open();

  return {
    view,
    refreshing: computed(() => pushedRefreshing.value || refreshesAsked.value > 0),
    unavailable,
    collapsed,
    act,
  };
}
