import * as selectors from './selectors';

/**
 * Put a panel host into the open screen, just below its header (after the ticket's action bar),
 * and put it back whenever the app's re-rendering throws it out: GWT rebuilds parts of a screen
 * a few hundred ms after showing it, and anything injected into a rebuilt part is gone.
 * Falls back to the screen root, the workspace, then the body. Stops on abort (the caller removes
 * the element).
 */
export function placePanel(doc: Document, element: HTMLElement, signal: AbortSignal): void {
  if (signal.aborted) return;
  const place = () => {
    const header = outsideModals(doc, selectors.detailHeader);
    if (header?.parentElement) {
      const next = header.nextElementSibling;
      (next?.matches(selectors.actionBar) ? next : header).after(element);
      return;
    }
    const container = outsideModals(doc, selectors.screenRoot) ?? doc.querySelector(selectors.workspace);
    if (container) container.prepend(element);
    else doc.body.append(element);
  };
  place();

  const view = doc.defaultView as (Window & typeof globalThis) | null;
  const observer = new (view?.MutationObserver ?? MutationObserver)(() => {
    if (!element.isConnected && !signal.aborted) place();
  });
  observer.observe(doc.body, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}

function outsideModals(doc: Document, selector: string): Element | undefined {
  return Array.from(doc.querySelectorAll(selector)).find((el) => !el.closest(selectors.modal));
}
