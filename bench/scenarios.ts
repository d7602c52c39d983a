/**
 * The tenants the benchmarks view, from the seeded world (e2e/sim/world.ts), with one screen of
 * each kind per tenant: its company, the agreement that bills it, and an open backup ticket.
 *
 * - small: Adatum Accounting (company 254), exactly 10 mailboxes (1 failing + 9 healthy), the
 *   seeded ticket 123458. The world's only tenant with exactly 10, so nothing is changed for it.
 * - large: Trey Research (company 260), 1,000 mailboxes. The world seeds no ticket for it, so
 *   `prepareScenarios` raises one at bench time the way the integration does (an action
 *   configuration and a ticket whose externalXRef names the action, through the Manage REST API),
 *   for a mailbox it first puts into an authentication error (vendor admin API).
 */
import { manageScreenUrl } from '../e2e/sim/screens/routes';
import type { RunningSimulators } from '../e2e/sim/server';
import { API_KEYS, CLIENT_ID, COMPANIES, generatedMailboxId, LOGIN_COMPANIES, ORGS, REGION, type OrgSeed } from '../e2e/sim/world';

export type ViewKind = 'company' | 'agreement' | 'ticket';
export const VIEW_KINDS: readonly ViewKind[] = ['company', 'agreement', 'ticket'];

export interface ViewTarget {
  kind: ViewKind;
  recordId: number;
  /** What the screen's header shows once it is ready. */
  header: string;
}

export interface Scenario {
  id: 'small' | 'large';
  tenant: string;
  mailboxes: number;
  views: Record<ViewKind, ViewTarget>;
}

/** The Manage screen's spinner time (the shell's Rails read is local and undelayed). */
const SCREEN_RENDER_DELAY_MS = 50;

/** A deep link to the screen (`routeTo` form: what links in e-mails and other tools open). */
export function screenUrl(manageUrl: string, view: ViewTarget): string {
  const path = manageScreenUrl({ screen: view.kind, id: view.recordId }, { form: 'routeTo', query: { simDelay: String(SCREEN_RENDER_DELAY_MS) } });
  return `${manageUrl}${path}`;
}

/** In-app navigation: the ticket's Company label, and the company's first agreement. */
export const IN_APP_LINKS = {
  ticketToCompany: '.pod_service_ticket_company .mm_hyperlink[title="Company"]',
  companyToAgreement: '.pod_company_agreements a.mm_hyperlink',
} as const;

const org = (organizationId: number): OrgSeed => {
  const found = ORGS.find((o) => o.organizationId === organizationId);
  if (!found) throw new Error(`no organisation ${organizationId} in the world`);
  return found;
};

function scenarioOf(id: Scenario['id'], tenant: OrgSeed, ticketId: number): Scenario {
  const company = COMPANIES.find((c) => c.id === tenant.cwCompanyId);
  const agreement = company?.agreements.find((a) => a.backup);
  if (!company || !agreement) throw new Error(`${tenant.name} has no company with a backup agreement in the world`);
  return {
    id,
    tenant: `${tenant.name} (company ${company.id})`,
    mailboxes: tenant.mailboxes.length + tenant.generatedHealthy,
    views: {
      company: { kind: 'company', recordId: company.id, header: company.name },
      agreement: { kind: 'agreement', recordId: agreement.id, header: agreement.name },
      ticket: { kind: 'ticket', recordId: ticketId, header: `Service Ticket #${ticketId}` },
    },
  };
}

const ADATUM = 20388;
const TREY = 20777;
/** The configuration type the integration files mailbox actions under (e2e/sim/cw/seed.ts). */
const MAILBOX_ACTIONS_TYPE_ID = 5;
const BACKUP_ALERTS_BOARD = { board: { id: 3 }, status: { id: 31 }, priority: { id: 3 } };

/** Both scenarios; call once, before latency is injected (the set-up requests are not measured). */
export async function prepareScenarios(sims: RunningSimulators): Promise<Scenario[]> {
  const adatum = org(ADATUM);
  const adatumTicket = adatum.mailboxes.find((m) => m.ticketId !== undefined)?.ticketId;
  if (adatumTicket === undefined) throw new Error('the world no longer seeds a backup ticket for Adatum');
  const trey = org(TREY);
  const treyTicket = await raiseBackupTicket(sims, trey, generatedMailboxId(trey, 1));
  return [scenarioOf('small', adatum, adatumTicket), scenarioOf('large', trey, treyTicket)];
}

async function raiseBackupTicket(sims: RunningSimulators, tenant: OrgSeed, mailboxId: number): Promise<number> {
  const failed = await fetch(`${sims.vendorUrl}/__sim/vendor/accounts/${mailboxId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'Authentication Error', errors: { auth: 'AADSTS700082: The refresh token has expired.' }, attempts: 3, fix: 'reauthorize' }),
  });
  if (!failed.ok) throw new Error(`vendor admin refused the mailbox change: ${failed.status} ${await failed.text()}`);

  const key = API_KEYS.find((k) => k.member === 'bbridgeapi' && k.state === 'active')!;
  const login = LOGIN_COMPANIES[0];
  const api = `${sims.manageUrl}/${login.codebase}apis/3.0`;
  const headers = {
    authorization: `Basic ${Buffer.from(`${login.companyId}+${key.publicKey}:${key.privateKey}`).toString('base64')}`,
    clientid: CLIENT_ID,
    'content-type': 'application/json',
  };
  const post = async (path: string, body: unknown): Promise<{ id: number }> => {
    const response = await fetch(`${api}/${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`Manage refused POST ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: number };
  };
  const action = `${REGION}.backup.${mailboxId}`;
  const configuration = await post('company/configurations', {
    name: action, type: { id: MAILBOX_ACTIONS_TYPE_ID }, company: { id: tenant.cwCompanyId },
  });
  const ticket = await post('service/tickets', {
    summary: `Dropsuite backup error: mailbox ${mailboxId} (Authentication Error)`, ...BACKUP_ALERTS_BOARD,
    company: { id: tenant.cwCompanyId }, externalXRef: action,
  });
  await post(`service/tickets/${ticket.id}/configurations`, { id: configuration.id });
  return ticket.id;
}
