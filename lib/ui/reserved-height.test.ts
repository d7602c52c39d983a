// @vitest-environment happy-dom
import { describe, expect, test, vi } from 'vitest';
import { reservePanelHeight } from './reserved-height';

function memoryStore(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

describe('reservePanelHeight', () => {
  test('reserves the last height of this kind of panel until the view is shown, then remembers the new one', async () => {
    const host = document.createElement('div');
    vi.spyOn(host, 'getBoundingClientRect').mockReturnValue({ height: 212.4 } as DOMRect);
    const store = memoryStore({ 'backup-bridge:panel-height:company': '180' });
    let show!: () => void;
    const shown = new Promise<void>((resolve) => (show = resolve));
    reservePanelHeight({ host, kind: 'company', win: window, shown, signal: new AbortController().signal, store });
    expect(host.style.minHeight).toBe('180px');

    show();
    await nextFrame();
    expect(host.style.minHeight).toBe('');
    expect(store.items.get('backup-bridge:panel-height:company')).toBe('212');
  });

  test('reserves nothing the first time, and works without page storage', async () => {
    const host = document.createElement('div');
    reservePanelHeight({ host, kind: 'ticket', win: window, shown: Promise.resolve(), signal: new AbortController().signal, store: null });
    expect(host.style.minHeight).toBe('');
    await nextFrame();
    expect(host.style.minHeight).toBe('');
  });
});
