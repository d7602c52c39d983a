import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * For a region that opens in place (a confirmation, a list to choose from): it takes focus when
 * it opens, Escape closes it, and focus goes back to the control that opened it when it closes
 * while focus is inside.
 */
export function useFocusRegion<T extends HTMLElement>(onEscape: () => void, escapeEnabled = true) {
  const ref = useRef<T>(null);

  // Layout effect: its cleanup runs before the region leaves the DOM, while focus is still inside.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    // Inside the panel's shadow root, the root (not the document) knows the focused element.
    const root = element.getRootNode() as Document | ShadowRoot;
    const opener = root.activeElement as HTMLElement | null;
    element.focus();
    return () => {
      const active = root.activeElement;
      if ((active === null || element.contains(active)) && opener?.isConnected) opener.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !escapeEnabled) return;
    // Manage has its own Escape handling; this one is ours.
    event.stopPropagation();
    event.preventDefault();
    onEscape();
  };

  return { ref, onKeyDown, tabIndex: -1 };
}
