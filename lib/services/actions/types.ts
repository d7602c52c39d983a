import type { PanelAction, LinkSuggestion } from '../../messages/panels';
import type { ClientProvider } from '../clients';
import type { SettingsService } from '../settings-service';

/** A cached view, by screen and record: `company:250`, `agreement:19064`, `ticket:123456`. */
export type ViewKey = `${'company' | 'agreement' | 'ticket'}:${number}`;

/** What an action may use. The panel port server builds one per action request. */
export interface ActionContext {
  clients: ClientProvider;
  settings: SettingsService;
  /** Epoch ms; injectable for tests. */
  now(): number;
  /** A progress line for the technician ("Re-authorising jane.doe@…"); shown as it happens. */
  progress(message: string): void;
  /** The views this action changed: the server drops them from the cache and pushes fresh ones. */
  invalidate(...keys: ViewKey[]): void;
  /** Who is acting, for ticket notes (the technician's name if set, else "a Backup Bridge user"). */
  actor: string;
  /** Open a tab (impersonation link, vendor portal). */
  openTab(url: string): Promise<void>;
}

/** How an action ended, for the `result` push. Failures throw AppError instead. */
export interface ActionResult {
  /** A sentence for the technician: what was done. */
  message: string | null;
  suggestions?: LinkSuggestion[];
}

/** Every panel action except `refresh` and `set-collapsed`, which the port server handles itself. */
export type RunnableAction = Exclude<PanelAction, { kind: 'refresh' } | { kind: 'set-collapsed' }>;

export type ActionRunner = (action: RunnableAction, context: ActionContext) => Promise<ActionResult>;
