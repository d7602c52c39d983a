// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startManageOverlay } from './overlay';

let controller: AbortController;
afterEach(() => controller.abort());

function start(win: Window = window) {
  controller = new AbortController();
  const wake = vi.fn();
  startManageOverlay({ signal: controller.signal } as ContentScriptContext, win, wake);
  return wake;
}

describe('the overlay wakes the service worker before the next panel needs it', () => {
  test('on in-app navigation, and no more once torn down', () => {
    const wake = start();
    expect(wake).not.toHaveBeenCalled(); // a page load is the wake-up content script's job
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(wake).toHaveBeenCalledOnce();
    controller.abort();
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(wake).toHaveBeenCalledOnce();
  });

  test('never from a frame', () => {
    const frame = Object.assign(new EventTarget(), { top: window }) as unknown as Window;
    const wake = start(frame);
    frame.dispatchEvent(new Event('popstate'));
    expect(wake).not.toHaveBeenCalled();
  });
});
