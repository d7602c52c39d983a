import type { ComponentChild } from 'preact';
import type { ScreenKind } from '../messages/panel';
import type { ScreenState } from '../manage/screen';
import { placePanel } from '../manage/anchor';
import { createShadowHost } from '../ui/shadow-host';
import type { Feature, FeatureContext } from './feature';
import panelCss from '../../components/panel.css?inline';

/**
 * The shared life cycle of the three screen panels: one host element per screen, carrying
 * `data-backup-bridge` and `data-record-id`, placed in the screen and removed on abort.
 * Each panel file supplies only what differs: which screen, and what to render there.
 */
export function definePanelFeature(options: {
  id: string;
  kind: ScreenKind;
  include: Feature['include'];
  render(context: FeatureContext, host: { render(tree: ComponentChild): void }): void | Promise<void>;
}): Feature {
  return {
    id: options.id,
    include: options.include,
    async init(context) {
      const { doc, screen, signal } = context;
      const host = createShadowHost({
        doc,
        css: panelCss,
        attributes: {
          'data-backup-bridge': options.kind,
          'data-record-id': screen.recordId === null ? '' : String(screen.recordId),
        },
      });
      signal.addEventListener('abort', () => host.destroy(), { once: true });
      if (signal.aborted) return;
      placePanel(doc, host.element, signal);
      await options.render(context, host);
    },
  };
}

export type { ScreenState };
