import { PanelFrame } from '../../components/PanelFrame';
import { PanelStatus, type PanelStatusProps } from '../../components/PanelStatus';
import { AppError } from '../errors';
import { optionsOpen, panelOpen, type ScreenKind } from '../messages/panel';
import { askBackground } from '../ui/background';
import { definePanelFeature } from './panel-feature';
import type { Feature } from './feature';

const TITLES: Record<ScreenKind, string> = { company: 'Email backup', agreement: 'Backup seats', ticket: 'Backup ticket' };

/** A panel that shows which record it is on and whether the integration is configured. */
export function definePlaceholderPanel(id: string, kind: ScreenKind, include: Feature['include']): Feature {
  return definePanelFeature({
    id,
    kind,
    include,
    async render({ screen, signal }, host) {
      const draw = (state: PanelStatusProps['state']) =>
        host.render(
          <PanelFrame title={TITLES[kind]} collapsed={false} onToggle={() => undefined}>
            <PanelStatus state={state} onOpenSetup={() => void askBackground(optionsOpen, {})} />
          </PanelFrame>,
        );
      draw({ kind: 'loading' });
      try {
        const model = await askBackground(panelOpen, { kind, recordId: screen.recordId, label: screen.label });
        if (signal.aborted) return;
        draw(model.configured ? { kind: 'ready', text: `${kind} #${model.recordId ?? '?'}` } : { kind: 'not-configured' });
      } catch (error) {
        if (!signal.aborted) draw({ kind: 'error', error: AppError.from(error).data });
      }
    },
  });
}
