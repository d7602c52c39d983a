import type { PanelAction } from '../lib/messages/panels';
import type { PanelResult } from '../lib/ui/panel-port';

export type { PanelResult };

/** How a panel asks for an action: the promise settles with the background's result, never rejects. */
export type ActionHandler = (action: PanelAction, onProgress?: (message: string) => void) => Promise<PanelResult>;

/** Deep links into the Manage web client the panel is shown in. */
export interface ManageLinks {
  ticket(id: number): string;
  company(id: number): string;
  agreement(id: number): string;
}

/** What every screen panel's body receives. `now` drives relative times ("3 hours ago"). */
export interface PanelBodyProps<View> {
  view: View;
  now: number;
  links: ManageLinks;
  onAction: ActionHandler;
}
