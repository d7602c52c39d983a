import { batch, useSignal } from '@preact/signals';
import type { PanelAction } from '../lib/messages/panels';
import type { ActionHandler, PanelResult } from './panel-types';

/**
 * One action's life in a component: busy while it runs (a second click is ignored, so a double
 * click never starts it twice), its progress messages, then its result.
 */
export function useAction(onAction: ActionHandler) {
  const busy = useSignal(false);
  const progress = useSignal<readonly string[]>([]);
  const result = useSignal<PanelResult | null>(null);

  async function run(action: PanelAction): Promise<PanelResult | null> {
    if (busy.peek()) return null;
    batch(() => {
      busy.value = true;
      progress.value = [];
      result.value = null;
    });
    const outcome = await onAction(action, (message) => {
      progress.value = [...progress.peek(), message];
    });
    batch(() => {
      busy.value = false;
      result.value = outcome;
    });
    return outcome;
  }

  return { busy, progress, result, run, clear: () => (result.value = null) };
}
