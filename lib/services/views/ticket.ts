import { getTicket, listTicketNotes, where, type Configuration, type TicketNote } from '../../connectwise';
import {
  backupStateOf, decideFixStart, isBackupTicket, parseFixMarker, planFix, retryWindow, toInstant, toIso,
  type FixMarker,
} from '../../domain';
import { AppError } from '../../errors';
import type { FixStateView, TicketView } from '../../messages/panels';
import type { ScreenRef } from '../../messages/panel';
import { formatActionName, type MailboxAction } from '../../vendor';
import { MAILBOX_ACTIONS_TYPE } from '../actions/tenant-links';
import {
  findOrg, mailboxView, orgName, readCompanyLinks, readRegionConfigurations, tenantLinkRecords, vendorReads,
  type ViewSources,
} from './shared';

type Backup = NonNullable<TicketView['backup']>;

/**
 * The Ticket panel: for a backup ticket, the mailbox, the vendor's error and retries, what "Fix and
 * resume backup" would do, and the fix recorded on the ticket.
 *
 * Request plan, when the screen shows the ticket's company (it does on the ticket screen):
 * - round 1, in parallel: CW the ticket; CW its notes (the fix markers); CW the integration's
 *   configurations of the company the screen names (its tenant links); vendor the organisation
 *   list (tokens for round 2; skipped while the cached list is fresh and the client holds them);
 * - round 2: vendor the action the ticket's externalXRef names, in the linked organisation.
 * 3 CW and 2 vendor requests, 2 round trips. When the screen names no company, or another one
 * than the ticket's, the configurations are read by the ticket's company in round 2 and the
 * vendor read moves to round 3. A tenant linked only by an addition costs the link scan (see
 * readCompanyLinks). Not a backup ticket: nothing follows round 1; its organisation list read
 * (1 vendor request cold, none warm) is the price of not waiting for it on backup tickets.
 */
export async function buildTicketView(src: ViewSources, ticketId: number, label: ScreenRef['label']): Promise<TicketView> {
  const { client } = src.manage;
  const reads = vendorReads();
  const labelled = label.companyName?.trim();
  const organizations = reads.read(src.organizations());
  const [ticket, notes, labelledConfigurations] = await Promise.all([
    getTicket(client, ticketId),
    listTicketNotes(client, ticketId),
    labelled ? readRegionConfigurations(client, `${src.region}.`, where.eq('company/name', labelled)) : null,
  ]);
  if (!ticket.company) {
    throw new AppError({ code: 'unexpected-data', message: `ConnectWise sent ticket ${ticketId} without its company.` });
  }
  const company = { id: ticket.company.id, name: ticket.company.name ?? ticket.company.identifier ?? `Company #${ticket.company.id}` };
  // The vendor only matters to a backup ticket: a plain one shows no vendor error, even when it is down.
  const view = (backup: Backup | null): TicketView => ({
    kind: 'ticket',
    ticket: { id: ticket.id, summary: ticket.summary, status: ticket.status?.name ?? '', closed: ticket.closedFlag ?? false, company },
    backup,
    asOf: src.now.toISOString(),
    errors: backup && reads.error ? { vendor: reads.error } : {},
  });

  const match = isBackupTicket(ticket, [], src.region, MAILBOX_ACTIONS_TYPE);
  if (!match) return view(null);
  // Names are not unique, but every configuration of the ticket's company is among those of its name.
  const sameCompany = labelledConfigurations !== null && labelled?.toLowerCase() === ticket.company.name?.trim().toLowerCase();
  const configurations = sameCompany
    ? labelledConfigurations.filter((c) => c.company?.id === company.id)
    : await readRegionConfigurations(client, `${src.region}.`, where.eq('company/id', company.id));
  const orgIds = await linkedOrgIds(src, company.id, configurations);
  const orgs = await organizations;

  const actionName = formatActionName(match);
  const backup = {
    action: match.action,
    actionId: match.id,
    configurationName: configurations.find((c) => c.name.trim().toLowerCase() === actionName)?.name ?? actionName,
    fix: fixState(notes, src.now),
  };
  const blocked = (message: string): Backup => ({
    ...backup, tenant: null, mailbox: null, retryWindow: null, plan: { kind: 'cannot-fix', steps: [], message },
  });
  if (orgIds.length === 0) return view(blocked(`${company.name} has no linked tenant: link one on its company screen first.`));
  if (!orgs) return view(blocked(reads.error?.message ?? 'The vendor could not be reached.'));

  const found = await firstAction(orgIds.map((orgId) => src.vendor.getAction(match.action, match.id, orgId)));
  if ('error' in found) {
    reads.note(found.error);
    return view(blocked(found.error.message));
  }
  const { action } = found;
  const orgId = action.organizationId ?? orgIds[0] ?? '';
  const org = findOrg(orgs, orgId, reads);
  const tenant = { orgId, name: orgName(orgId, org) };
  if (action.action !== 'backup') {
    const outcome = `this ${action.action} is ${action.status}${action.error ? `: ${action.error}` : ''}`;
    return view({ ...blocked(`Only backups can be fixed from here; ${outcome}.`), tenant });
  }

  const state = backupStateOf({ action });
  const window = retryWindow(state, src.now);
  const plan = planFix(state, src.now, { orgState: org?.state, capabilities: src.vendor.capabilities() });
  return view({
    ...backup,
    tenant,
    mailbox: mailboxView({
      ...state,
      id: action.mailboxId ?? action.id,
      email: action.email ?? '',
      displayName: action.email ?? '',
      statusRaw: action.statusRaw,
      lastBackupAt: action.lastBackupAt,
    }, src.now),
    retryWindow: { attempts: window.attempts, maxAttempts: window.maxAttempts, nextAttemptAt: window.nextAttemptAt, endsAt: window.endsAt },
    plan: { kind: plan.kind, steps: plan.kind === 'fix' ? plan.steps : [], message: plan.kind === 'fix' ? null : plan.message },
  });
}

/** The tenants the company is linked to: its tenant link configurations, else the link scan. */
async function linkedOrgIds(src: ViewSources, companyId: number, configurations: Configuration[]): Promise<string[]> {
  const records = tenantLinkRecords(src.region, configurations);
  if (records.length > 0) return [...new Set(records.map((r) => r.orgId))];
  const { links } = await readCompanyLinks(src, companyId, Promise.resolve(configurations));
  return links.map((link) => link.organizationId);
}

/** The action from whichever organisation has it (normally the only one linked); else the first failure. */
async function firstAction(lookups: Promise<MailboxAction>[]): Promise<{ action: MailboxAction } | { error: AppError['data'] }> {
  const settled = await Promise.allSettled(lookups);
  const hit = settled.find((s): s is PromiseFulfilledResult<MailboxAction> => s.status === 'fulfilled');
  if (hit) return { action: hit.value };
  const miss = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  return { error: AppError.from(miss?.reason).data };
}

interface TimedMarker {
  marker: FixMarker;
  at: string;
}

/**
 * The fix recorded on the ticket: one under way (a fresh claim), or the last one that finished.
 * The markers are the notes decideFixStart reads, so every technician sees the same state.
 */
function fixState(notes: readonly TicketNote[], now: Date): FixStateView | null {
  const markers = notes
    .flatMap((note): Array<TimedMarker & { order: number }> => {
      const marker = parseFixMarker(note.text ?? '');
      const time = toInstant(note.dateCreated) ?? toInstant(marker?.at);
      return marker && time !== null ? [{ marker, at: toIso(time), order: time }] : [];
    })
    .sort((a, b) => a.order - b.order);
  const decision = decideFixStart({ notes, now });
  if (decision.kind === 'join') {
    return { startedBy: decision.by, startedAt: decision.since, steps: decision.taskIds.map((id) => taskStep(id, 'running')), result: null };
  }
  const finished = markers.filter((m) => m.marker.phase === 'finished').pop();
  if (!finished || finished.marker.phase !== 'finished') return null;
  const started = markers.find((m) => m.marker.phase === 'started' && m.marker.claim === finished.marker.claim);
  return {
    startedBy: finished.marker.by,
    startedAt: (started ?? finished).at,
    steps: finished.marker.taskIds.map((id) => taskStep(id, 'finished')),
    result: finished.marker.result,
  };
}

const taskStep = (taskId: string, status: string) => ({ kind: 'vendor-task', status, message: `Vendor task ${taskId}: ${status}` });
