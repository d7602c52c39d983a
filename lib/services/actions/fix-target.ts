import {
  getTicket, listTicketConfigurations, listTicketNotes, type ManageClient, type Ticket, type TicketNote,
} from '../../connectwise';
import { backupStateOf, isBackupTicket, type BackupActionRecord, type BackupState, type BackupTicketMatch } from '../../domain';
import { formatActionName, isVendorError, type MailboxAction, type OrganizationState, type VendorClient } from '../../vendor';
import { refuse } from './errors';
import { listTenantLinks, MAILBOX_ACTIONS_TYPE } from './tenant-links';

/** A backup ticket as "Fix and resume backup" reads it. */
export interface FixTicket {
  ticket: Ticket;
  notes: TicketNote[];
  backup: BackupTicketMatch;
}

export async function readFixTicket(client: ManageClient, region: string, ticketId: number): Promise<FixTicket> {
  const [ticket, notes, attached] = await Promise.all([
    getTicket(client, ticketId),
    listTicketNotes(client, ticketId),
    listTicketConfigurations(client, ticketId),
  ]);
  // A ticket's configuration references carry the configuration's name as deviceIdentifier.
  const backup = isBackupTicket(ticket, attached.map((c) => ({ name: c.deviceIdentifier ?? '' })), region, MAILBOX_ACTIONS_TYPE);
  if (!backup) {
    throw refuse('not-a-backup-ticket',
      `Ticket ${ticketId} is not a backup ticket: no ${MAILBOX_ACTIONS_TYPE} configuration, reference or summary names a backup (${region}.backup.…).`);
  }
  if (backup.action !== 'backup') {
    throw refuse('not-a-backup-action',
      `Ticket ${ticketId} is about a ${backup.action} (${formatActionName(backup)}), not a backup; “Fix and resume backup” only retries backups.`,
      `Check the ${backup.action} in the vendor portal.`);
  }
  return { ticket, notes, backup };
}

/** The mailbox behind a backup ticket, at the vendor. */
export interface BackupTarget {
  orgId: string;
  mailboxId: string;
  email: string;
  orgState: OrganizationState;
  state: BackupState;
  /** Reads the mailbox's backup state again. */
  reread(): Promise<BackupState>;
}

const asBackup = (action: MailboxAction): BackupActionRecord => {
  if (action.action !== 'backup') throw refuse('not-a-backup-action', `${action.name} is a ${action.action}, not a backup.`);
  return action;
};

/**
 * The backup action, looked up in the organisations the ticket's company is linked to; where it
 * is in none of them (or the company is linked only through billing), every organisation is asked.
 */
async function findBackupAction(vendor: VendorClient, actionId: string, orgIds: readonly string[]): Promise<BackupActionRecord> {
  for (const orgId of orgIds) {
    try {
      return asBackup(await vendor.getAction('backup', actionId, orgId));
    } catch (error) {
      if (!isVendorError(error, 'vendor-not-found')) throw error;
    }
  }
  return asBackup(await vendor.getAction('backup', actionId));
}

export async function readBackupTarget(
  vendor: VendorClient, client: ManageClient, region: string, companyId: number | undefined, actionId: string,
): Promise<BackupTarget> {
  const links = companyId === undefined ? [] : await listTenantLinks(client, region, companyId);
  const action = await findBackupAction(vendor, actionId, links.map((l) => l.orgId));
  const orgId = action.organizationId ?? links[0]?.orgId;
  if (orgId === undefined) {
    throw refuse('vendor-not-found', `The vendor does not say which organisation ${action.name} belongs to.`,
      'Link the tenant to this company on its Company screen, then try again.');
  }
  const mailboxId = action.mailboxId ?? action.id;
  const org = await vendor.getOrganization(orgId);
  return {
    orgId,
    mailboxId,
    email: action.email ?? `mailbox ${mailboxId}`,
    orgState: org.state,
    state: backupStateOf({ action }),
    reread: async () => backupStateOf({ action: asBackup(await vendor.getAction('backup', mailboxId, orgId)) }),
  };
}
