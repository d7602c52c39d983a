/**
 * An imitation of the ConnectWise Manage web client's screens (Company, Agreement, Service Ticket,
 * service board, Time Entry), good enough to fool a script written for the real product.
 * See README.md for the URL forms served and what is faithful or guessed.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CwReadStore } from '../cw/types';
import { readBody, send } from '../http';
import { manageScreenUrl, resolveScreen, type SimScreen } from './routes';
import { runAction } from './view-models';

export type ManageVariant = 'v2025' | 'v2021';

export interface ManageScreensOptions {
  store: CwReadStore;
  /** Which release's obfuscated GWT classes to wear; a page may override it with `?simVariant=`. */
  variant?: ManageVariant;
  /** Spinner time before a screen renders; a page may override it with `?simDelay=<ms>`. */
  renderDelayMs?: number;
  /** When GWT rebuilds the header after rendering (null: never); `?simRerender=<ms>|off`. */
  rerenderMs?: number | null;
  /** "Now" for ticket ages; pass the simulated clock's. */
  now?: () => number;
}

export interface ManageScreens {
  /** Answers the request and returns true, or returns false for a path it does not own. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

export { manageScreenUrl, resolveScreen, hashFor, type ScreenTarget, type SimScreen, type UrlForm } from './routes';

/** Any release segment: v4_6_release, v2025_1, v2017_3, … */
const APP_PATH = /^\/(v\d+_\d+(?:_release)?)\/(.+)$/i;
const SHELL_PAGES = [/^connectwise\.(?:aspx|html)$/i, /^timeexpensemodule\.html$/i, /^services\/system_io\/service\/fv_sr100_request\.rails$/i];
const OPEN_RECORD = /^services\/system_io\/router\/openrecord\.rails$/i;
const ACTION = /^services\/system_io\/actionprocessor\/(\w+\/\w+)\.rails$/i;
const SCREENS: readonly SimScreen[] = ['ticket', 'company', 'agreement', 'board', 'time-entry', 'home'];

const SHELL_SCRIPT = readFileSync(new URL('./client/manage-shell.js', import.meta.url), 'utf8');
const HTML = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };

export function createManageScreens(options: ManageScreensOptions): ManageScreens {
  const defaults = {
    variant: options.variant ?? 'v2025',
    renderDelayMs: options.renderDelayMs ?? 600,
    rerenderMs: options.rerenderMs === undefined ? 300 : options.rerenderMs,
  };
  const now = options.now ?? Date.now;

  return {
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://manage.invalid');
      const match = APP_PATH.exec(url.pathname);
      if (!match) return false;
      const codebase = match[1]!;
      const rest = match[2]!;

      if (SHELL_PAGES.some((page) => page.test(rest))) {
        send(res, 200, shellPage(codebase, pageSettings(url.searchParams, defaults)), HTML);
        return true;
      }
      if (OPEN_RECORD.test(rest)) {
        // Manage's router answer is not public; a redirect into the shell's routeTo form behaves alike.
        const query = new URLSearchParams();
        for (const [key, value] of url.searchParams) query.append(key.toLowerCase() === 'recordtype' ? 'routeTo' : key, value);
        send(res, 302, '', { location: `/${codebase}/ConnectWise.aspx?${query}` });
        return true;
      }
      if (rest === 'ConnectWise/ConnectWise.nocache.js') {
        send(res, 200, SHELL_SCRIPT, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
        return true;
      }
      if (rest === 'ConnectWise/hosted-pod.html') {
        send(res, 200, '<!DOCTYPE html><html><head><title>Hosted pod</title></head><body></body></html>', HTML);
        return true;
      }
      if (rest === 'ConnectWise/sim-route') {
        send(res, 200, simRoute(url.searchParams, codebase));
        return true;
      }
      const action = ACTION.exec(rest);
      if (action) {
        if (req.method !== 'POST') {
          send(res, 405, { error: { message: 'POST only' } }, { allow: 'POST' });
          return true;
        }
        const payload = parseActionMessage(await readBody(req));
        if (!payload) {
          send(res, 400, { error: { message: 'actionMessage is missing or not JSON' } });
          return true;
        }
        const result = runAction(options.store, { action: action[1]!, payload }, now());
        send(res, result.status, result.body);
        return true;
      }
      return false;
    },
  };
}

interface PageSettings {
  variant: ManageVariant;
  renderDelayMs: number;
  rerenderMs: number | null;
}

function pageSettings(query: URLSearchParams, defaults: PageSettings): PageSettings {
  const ms = (value: string | null) => (value !== null && /^\d{1,6}$/.test(value) ? Number(value) : undefined);
  const variant = query.get('simVariant');
  const rerender = query.get('simRerender');
  return {
    variant: variant === 'v2021' || variant === 'v2025' ? variant : defaults.variant,
    renderDelayMs: ms(query.get('simDelay')) ?? defaults.renderDelayMs,
    rerenderMs: rerender === 'off' ? null : (ms(rerender) ?? defaults.rerenderMs),
  };
}

/** `{href}` → the screen to show; `{screen, id, href}` → the URL in-app navigation pushes. */
function simRoute(query: URLSearchParams, codebase: string) {
  const href = query.get('href') ?? '/';
  const screen = query.get('screen');
  if (screen === null) return resolveScreen(href);
  if (!(SCREENS as readonly string[]).includes(screen)) return { error: { message: `unknown screen ${screen}` } };
  const current = new URL(href, 'http://manage.invalid');
  const page = /\/(connectwise\.aspx|ConnectWise\.aspx|ConnectWise\.html)$/.exec(current.pathname)?.[1] as
    | 'ConnectWise.aspx'
    | 'connectwise.aspx'
    | 'ConnectWise.html'
    | undefined;
  const fullscreen = current.searchParams.get('fullscreen');
  const id = Number(query.get('id'));
  return {
    url: manageScreenUrl(
      { screen: screen as SimScreen, id: Number.isSafeInteger(id) && id > 0 ? id : null },
      {
        form: 'hash',
        codebase: APP_PATH.exec(current.pathname)?.[1] ?? codebase,
        page: page ?? 'ConnectWise.aspx',
        query: fullscreen === null ? {} : { fullscreen },
      },
    ),
  };
}

function parseActionMessage(body: string): Record<string, unknown> | null {
  try {
    const message = JSON.parse(new URLSearchParams(body).get('actionMessage') ?? '') as { payload?: unknown };
    const payload: unknown = typeof message.payload === 'string' ? JSON.parse(message.payload) : message.payload;
    return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The host page: almost empty, as GWT's is; the script builds the app. */
function shellPage(codebase: string, settings: PageSettings): string {
  const attribute = (value: string | number | null) => String(value ?? '').replace(/[&"<]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Manage: ConnectWise PSA</title>
<style>
  body { margin: 0; font: 12px/1.4 Arial, Helvetica, sans-serif; color: #222; background: #eef1f5; }
  .cw-main-toolbar { display: flex; gap: 4px; padding: 6px 10px; background: #1d3f5e; }
  #cwContent { position: relative; padding: 8px 12px; min-height: 400px; }
  .cw-main-banner .navigationEntry { font-size: 11px; color: #5b6b7b; text-transform: uppercase; }
  .detailLabel { font-size: 18px; margin: 6px 0; }
  .mm_toolbar, .cw_CwHorizontalPanel { display: flex; gap: 6px; align-items: center; margin: 4px 0; }
  .mm_button { border: 1px solid #b9c3cd; border-radius: 3px; padding: 2px 8px; background: #fff; cursor: pointer; }
  .cw-main-toolbar .mm_button { color: #fff; background: transparent; border-color: #3d6182; }
  .mm_portletSpacing { width: 100%; border-spacing: 8px; }
  .mm_portletColumn { vertical-align: top; width: 50%; }
  .mm_pod { background: #fff; border: 1px solid #d5dbe1; margin-bottom: 8px; }
  .mm_podHeader { background: #f4f6f8; padding: 4px 8px; font-weight: bold; border-bottom: 1px solid #d5dbe1; }
  .mm_pod > div:last-child { padding: 6px 8px; }
  .mm_hyperlink { color: #0b63b6; cursor: pointer; text-decoration: underline; }
  .TicketNote-row { border-bottom: 1px solid #eee; padding: 4px 0; }
  .cw-hosted-frame { width: 100%; height: 220px; border: 0; }
  .srboard-grid { border-collapse: collapse; background: #fff; width: 100%; }
  .srboard-grid td, .srboard-grid th { border-bottom: 1px solid #e3e7eb; padding: 3px 6px; text-align: left; }
  .cw-loading-spinner { width: 32px; height: 32px; margin: 40px auto; border: 4px solid #c9d3dd; border-top-color: #1d3f5e; border-radius: 50%; animation: cw-spin 0.8s linear infinite; }
  .cw-loading-mask { position: absolute; top: 0; left: 50%; }
  @keyframes cw-spin { to { transform: rotate(360deg); } }
  .cw-gxt-wnd { position: fixed; top: 90px; left: 30%; width: 360px; background: #fff; border: 1px solid #8a99a8; box-shadow: 0 4px 16px rgba(0,0,0,.25); z-index: 1000; }
  .cw-gxt-wnd .x-window-header { display: flex; justify-content: space-between; padding: 6px 8px; background: #1d3f5e; color: #fff; }
  .cw-gxt-wnd-cls { cursor: pointer; width: 12px; height: 12px; background: #fff; }
  .pnlContactDialog { padding: 8px; }
</style>
</head>
<body>
<div class="cw-loading-image cw-loading-spinner"><div class="cw-loading-spinner-child cw-loading-spinner1"></div></div>
<script src="/${attribute(codebase)}/ConnectWise/ConnectWise.nocache.js" data-codebase="${attribute(codebase)}" data-variant="${settings.variant}" data-render-delay-ms="${settings.renderDelayMs}" data-rerender-ms="${attribute(settings.rerenderMs)}"></script>
</body>
</html>
`;
}
