import { MAILBOX_ACTIONS, type MailboxActionKind } from './domain';

/**
 * ConnectWise configuration names for mailbox actions: `{region}.{action}.{id}`, e.g.
 * `uswest.backup.10` (Dropsuite's ConnectWise guide). A backup action's id is the mailbox id.
 */
export interface ActionName {
  region: string;
  action: MailboxActionKind;
  id: string;
}

const PATTERN = /^([a-z0-9-]+)\.([a-z]+)\.(\d+)$/;

/** Null for anything that is not an action name (tenant links, free text…). */
export function parseActionName(name: string): ActionName | null {
  const match = PATTERN.exec(name.trim().toLowerCase());
  if (!match) return null;
  const [, region = '', action = '', id = ''] = match;
  const kind = MAILBOX_ACTIONS.find((a) => a === action);
  return kind ? { region, action: kind, id } : null;
}

export const formatActionName = ({ region, action, id }: ActionName): string => `${region}.${action}.${id}`;
