import { detectScreen, type ScreenState } from './screen';
import * as selectors from './selectors';

export interface WatchScreenOptions {
  signal: AbortSignal;
  /** Called at once with the current screen, then on every real change (kind, record id, label). */
  onChange(state: ScreenState | null): void;
  win?: Window;
  /**
   * A DOM change that brings a screen's header, breadcrumb or name field, and the first change
   * after a quiet spell, are looked at at once (in the mutation callback, so a panel lands in the
   * frame that paints the screen and pushes nothing already painted); other churn (spinners,
   * ticking labels) is looked at no more than once per this many ms.
   */
  debounceMs?: number;
  /** Safety-net re-check: field values change without DOM mutations, and roots can be replaced. */
  pollMs?: number;
  /** Called at once on each in-app navigation (back, forward, pushState), before the next screen renders. */
  onNavigate?(): void;
}

/** Elements whose arrival or text can change which screen and record is shown. */
const SCREEN_MARKERS = [
  selectors.breadcrumb,
  selectors.detailHeader,
  selectors.companyNameInput,
  selectors.agreementNameInput,
  selectors.ticketSummaryInput,
].join(', ');

function bringsScreenMarker(records: MutationRecord[]): boolean {
  const isMarker = (node: Node | null): node is Element => node?.nodeType === 1 && (node as Element).matches(SCREEN_MARKERS);
  return records.some((record) =>
    record.type === 'childList'
      ? Array.from(record.addedNodes).some((node) => isMarker(node) || (node.nodeType === 1 && (node as Element).querySelector(SCREEN_MARKERS) !== null))
      : record.type === 'characterData' && isMarker(record.target.parentElement),
  );
}

const OBSERVED: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['class', 'hidden', 'aria-busy', 'value'],
};

/**
 * Follow in-app navigation. A content script lives in an isolated world, so patching
 * history.pushState there never sees the page's own calls; instead:
 * - popstate / hashchange for back, forward and hash edits;
 * - the Navigation API's currententrychange / navigatesuccess, which do fire for the page's
 *   pushState and replaceState in an isolated world (checked in Chromium 150 through a CDP
 *   isolated world); absent in older browsers, where the other signals still cover it;
 * - a MutationObserver on the workspace (#cwContent, body until it exists), because Manage also
 *   swaps records without touching the URL;
 * - visibilitychange / focus and a slow poll, for value-only changes and replaced roots.
 */
export function watchScreen(options: WatchScreenOptions): void {
  const { signal, onChange } = options;
  if (signal.aborted) return;
  const win = options.win ?? window;
  const doc = win.document;
  const debounceMs = options.debounceMs ?? 100;
  const pollMs = options.pollMs ?? 2000;

  let last: ScreenState | null | undefined;
  let observedRoot: Node | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastEvaluatedAt = -Infinity;

  // The watched window's own constructor, so a frame's or a test window's DOM can be observed.
  const Observer = (win as Window & typeof globalThis).MutationObserver ?? MutationObserver;
  const observer = new Observer((records) => (bringsScreenMarker(records) ? evaluate() : schedule()));

  const observeBestRoot = () => {
    const root = doc.querySelector(selectors.workspace) ?? doc.body ?? doc.documentElement;
    if (root === observedRoot) return;
    observer.disconnect();
    observer.observe(root, OBSERVED);
    observedRoot = root;
  };

  const evaluate = () => {
    if (signal.aborted) return;
    clearTimeout(timer);
    timer = undefined;
    lastEvaluatedAt = Date.now();
    observeBestRoot();
    const state = detectScreen(doc, win.location.href);
    if (last !== undefined && sameScreen(last, state)) return;
    last = state;
    onChange(state);
  };

  // Leading edge at once, then at most one look per debounceMs while GWT keeps churning
  // (spinners, ticking labels), and always one after the churn stops.
  const schedule = () => {
    const sinceLast = Date.now() - lastEvaluatedAt;
    if (sinceLast >= debounceMs && timer === undefined) return evaluate();
    if (timer === undefined) timer = setTimeout(evaluate, Math.max(0, debounceMs - sinceLast));
  };

  // Not yet in TypeScript's DOM types.
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  const navigated = () => {
    options.onNavigate?.();
    schedule();
  };
  const listeners: Array<[EventTarget, string, () => void]> = [
    [win, 'popstate', navigated],
    [win, 'hashchange', schedule],
    [win, 'focus', schedule],
    [doc, 'visibilitychange', schedule],
  ];
  if (navigation) listeners.push([navigation, 'currententrychange', navigated], [navigation, 'navigatesuccess', schedule]);
  for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
  const poll = setInterval(evaluate, pollMs);

  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      clearInterval(poll);
      observer.disconnect();
      for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
    },
    { once: true },
  );

  evaluate();
}

/** Same screen for the panels: kind, record id and visible label; where the id came from is not a change. */
function sameScreen(a: ScreenState | null, b: ScreenState | null): boolean {
  if (a === null || b === null) return a === b;
  return a.kind === b.kind && a.recordId === b.recordId && sameLabel(a.label, b.label);
}

function sameLabel(a: ScreenState['label'], b: ScreenState['label']): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as Array<keyof ScreenState['label']>);
  return [...keys].every((key) => a[key] === b[key]);
}
