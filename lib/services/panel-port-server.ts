import * as z from 'zod/mini';
import { AppError } from '../errors';
import type { ScreenKind, ScreenRef } from '../messages/panel';
import { PanelRequest, type PanelAction, type PanelPush } from '../messages/panels';
import { PANEL_PORT, WAKE_PORT } from '../messages/ports';
import { panelCollapsedItem } from '../storage';
import type { ActionContext, ActionRunner, RunnableAction, ViewKey } from './actions/types';
import type { ClientProvider } from './clients';
import type { SettingsService } from './settings-service';
import type { ViewOutcome } from './view-cache';
import type { ViewService } from './views';

/**
 * The background end of the panel port (lib/messages/panels.ts). A panel subscribes to its
 * screen and gets the cached view at once (refreshing when stale), then the fresh one; it keeps
 * getting pushes for that view whenever it changes (an action in any tab invalidated it). Actions
 * go to the injected ActionRunner, except `refresh` and `set-collapsed`, handled here. Every
 * request is validated; anything else is ignored with a warning. A restarted worker loses its
 * ports: the panel reconnects and subscribes again (lib/ui/panel-port.ts).
 */

/** The part of runtime.Port this server uses, so tests can hand in a fake. */
export interface PanelPortLike {
  name: string;
  postMessage(message: PanelPush): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface PanelPortServerDeps {
  views: Pick<ViewService, 'keyOf' | 'peek' | 'refresh' | 'invalidate' | 'onUpdate'>;
  runAction: ActionRunner;
  clients: ClientProvider;
  settings: SettingsService;
  openTab(url: string): Promise<void>;
  now?: () => number;
}

interface Subscription {
  port: PanelPortLike;
  screen: ScreenRef;
  key: ViewKey | null;
}

const ANONYMOUS_ACTOR = 'a Backup Bridge user';

export function createPanelPortServer(deps: PanelPortServerDeps) {
  const now = deps.now ?? Date.now;
  /** One subscription per port: a panel shows one screen. */
  const subscriptions = new Map<PanelPortLike, Subscription>();

  const post = (port: PanelPortLike, push: PanelPush) => {
    try {
      port.postMessage(push);
    } catch {
      subscriptions.delete(port); // the tab went away between our check and the push
    }
  };
  const collapsedOf = async (kind: ScreenKind) => (await panelCollapsedItem.get())[kind] ?? false;

  async function deliver(subscription: Subscription, outcome: ViewOutcome) {
    const collapsed = await collapsedOf(subscription.screen.kind);
    if (subscriptions.get(subscription.port) !== subscription) return;
    post(subscription.port, outcome.kind === 'view'
      ? { type: 'view', view: outcome.view, refreshing: false, collapsed }
      : { type: 'unavailable', screen: subscription.screen.kind, error: outcome.error, collapsed });
  }

  deps.views.onUpdate((key, outcome) => {
    for (const subscription of subscriptions.values()) if (subscription.key === key) void deliver(subscription, outcome);
  });

  async function subscribe(port: PanelPortLike, screen: ScreenRef) {
    const subscription: Subscription = { port, screen, key: null };
    subscriptions.set(port, subscription);
    let key: ViewKey;
    try {
      key = await deps.views.keyOf(screen);
    } catch (error) {
      await deliver(subscription, { kind: 'unavailable', error: AppError.from(error).data });
      return;
    }
    subscription.key = key;
    const cached = await deps.views.peek(key);
    if (cached && subscriptions.get(port) === subscription) {
      post(port, { type: 'view', view: cached.view, refreshing: !cached.fresh, collapsed: await collapsedOf(screen.kind) });
    }
    // The fresh view reaches this port through onUpdate, like every other subscriber's.
    if (!cached?.fresh) void deps.views.refresh(key, screen);
  }

  async function context(port: PanelPortLike, requestId: string): Promise<ActionContext> {
    const { settings } = await deps.settings.load();
    return {
      clients: deps.clients,
      settings: deps.settings,
      now,
      progress: (message) => post(port, { type: 'progress', requestId, message }),
      invalidate: (...keys) => void invalidate(keys),
      actor: settings.technician ?? ANONYMOUS_ACTOR,
      openTab: deps.openTab,
    };
  }

  /** Stale now, and refreshed at once for every panel showing one of them, in any tab. */
  async function invalidate(keys: readonly ViewKey[]) {
    await deps.views.invalidate(...keys);
    for (const key of new Set(keys)) {
      const shown = [...subscriptions.values()].find((s) => s.key === key);
      if (shown) void deps.views.refresh(key, shown.screen);
    }
  }

  async function act(port: PanelPortLike, requestId: string, action: PanelAction) {
    const done = (push: Omit<Extract<PanelPush, { type: 'result' }>, 'type' | 'requestId'>) => post(port, { type: 'result', requestId, ...push });
    try {
      if (action.kind === 'set-collapsed') {
        await panelCollapsedItem.set({ ...(await panelCollapsedItem.get()), [action.screen]: action.collapsed });
        done({ ok: true, message: null });
      } else if (action.kind === 'refresh') {
        const subscription = subscriptions.get(port);
        if (!subscription?.key) throw new AppError({ code: 'not-subscribed', message: 'This panel has no screen to refresh yet.' });
        const outcome = await deps.views.refresh(subscription.key, subscription.screen);
        const error = outcome.kind === 'view' ? outcome.view.errors.manage : outcome.error;
        done(error ? { ok: false, message: null, error } : { ok: true, message: null });
      } else {
        const result = await deps.runAction(action satisfies RunnableAction, await context(port, requestId));
        done({ ok: true, message: result.message, ...(result.suggestions ? { suggestions: result.suggestions } : {}) });
      }
    } catch (error) {
      const failure = AppError.from(error);
      if (failure.data.code === 'internal') console.error(`Backup Bridge: panel action ${action.kind} failed`, error);
      done({ ok: false, message: null, error: failure.data });
    }
  }

  return {
    /** For runtime.onConnect: takes the panel ports, leaves every other port alone. */
    connect(port: PanelPortLike): void {
      if (port.name === WAKE_PORT) return port.disconnect(); // its only job, starting this worker, is done
      if (port.name !== PANEL_PORT) return;
      port.onDisconnect.addListener(() => subscriptions.delete(port));
      port.onMessage.addListener((message) => {
        const request = z.safeParse(PanelRequest, message);
        if (!request.success) {
          console.warn('Backup Bridge: ignored an invalid panel request', request.error.issues);
          return;
        }
        if (request.data.type === 'subscribe') void subscribe(port, request.data.screen);
        else void act(port, request.data.requestId, request.data.action);
      });
    },
    /** What actions call (ActionContext.invalidate), also usable from elsewhere in the background. */
    invalidate: (...keys: ViewKey[]) => invalidate(keys),
  };
}
export type PanelPortServer = ReturnType<typeof createPanelPortServer>;
