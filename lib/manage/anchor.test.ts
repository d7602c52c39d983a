// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { placePanel } from './anchor';
import { loadFixture } from './test-fixtures';

let controller = new AbortController();
afterEach(() => controller.abort());

function show(file: string): HTMLElement {
  controller.abort();
  controller = new AbortController();
  document.body.innerHTML = loadFixture(file).body.innerHTML;
  const panel = document.createElement('div');
  panel.dataset.backupBridge = 'test';
  placePanel(document, panel, controller.signal);
  return panel;
}

describe('placePanel', () => {
  test('goes below the ticket header and its action bar', () => {
    const panel = show('ticket-v2025.html');
    expect(panel.parentElement?.matches('.ServiceTicket.cw_PsaRootContainer')).toBe(true);
    expect(panel.previousElementSibling?.matches('.cw_CwHorizontalPanel')).toBe(true);
  });

  test('goes below the header of company and agreement screens', () => {
    for (const file of ['company-v2025.html', 'agreement-v2025.html', 'reference-ticket-fallbacks.html']) {
      const panel = show(file);
      expect(panel.parentElement?.matches('.cw_PsaRootContainer'), file).toBe(true);
    }
  });

  test('never goes into an open modal', () => {
    const panel = show('ticket-modal-v2025.html');
    expect(panel.closest('.cw-gxt-wnd')).toBeNull();
    expect(panel.previousElementSibling?.matches('.cw_CwHorizontalPanel')).toBe(true);
  });

  test('falls back to the workspace while there is no header', () => {
    const panel = show('loading-v2025.html');
    expect(panel.parentElement?.id).toBe('cwContent');
  });

  test('comes back when the app rebuilds the screen around it', async () => {
    const panel = show('ticket-v2021.html');
    const root = document.querySelector('.cw_PsaRootContainer')!;
    const rebuilt = root.cloneNode(true) as Element;
    rebuilt.querySelector('[data-backup-bridge]')?.remove();
    root.replaceWith(rebuilt);
    await vi.waitFor(() => expect(panel.parentElement).toBe(rebuilt));
    expect(document.querySelectorAll('[data-backup-bridge]')).toHaveLength(1);
  });

  test('stays out once aborted', async () => {
    const panel = show('ticket-v2025.html');
    controller.abort();
    panel.remove();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(panel.isConnected).toBe(false);
  });
});
