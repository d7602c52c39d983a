/**
 * A panel is inserted above Manage's own pods, so anything it adds once the page is painted
 * pushes them down (a layout shift). While its view is on the way, the panel reserves the height
 * the last panel of its kind had in this tab — remembered in the page's sessionStorage, which
 * holds nothing but these numbers — and lets go once the view is shown.
 */
const KEY_PREFIX = 'backup-bridge:panel-height:';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function pageStore(win: Window): Store | null {
  try {
    return win.sessionStorage;
  } catch {
    return null; // storage disabled for the site: no reservation, nothing breaks
  }
}

export function reservePanelHeight(options: {
  host: HTMLElement;
  kind: string;
  win: Window;
  /** Resolves when the panel shows its view (or its reason for having none). */
  shown: Promise<void>;
  signal: AbortSignal;
  store?: Store | null;
}): void {
  const { host, kind, win, signal } = options;
  const store = options.store === undefined ? pageStore(win) : options.store;
  const key = KEY_PREFIX + kind;
  const remembered = Number(store?.getItem(key));
  if (remembered > 0) host.style.minHeight = `${Math.round(remembered)}px`;
  void options.shown.then(() =>
    // After the frame that paints the view, so its real height is measured.
    win.requestAnimationFrame(() => {
      if (signal.aborted) return;
      host.style.minHeight = '';
      const height = host.getBoundingClientRect().height;
      if (height > 0) store?.setItem(key, String(Math.round(height)));
    }),
  );
}
