import { Contact, CONTACTS, getAgreement, getCompany, listAll, where, type Agreement, type ManageClient } from '../../connectwise';
import { additionSerialNumber, parsePlanItemIdentifier, suggestLinks, tenantLinkName } from '../../domain';
import { AppError } from '../../errors';
import type { LinkSuggestion } from '../../messages/panels';
import type { Organization } from '../../vendor';
import { billsTenant, companyAdditions, isBilling, type AgreementAdditions } from './billing';
import { refuse } from './errors';
import { connect } from './setup';
import {
  createTenantLink, findTenantLinks, isActive, linkedAgreementId, listTenantLinks, mailboxActionsTypeId, updateTenantLink,
  VENDOR_NAME, type TenantLink,
} from './tenant-links';
import type { ActionContext, ActionResult, RunnableAction, ViewKey } from './types';
import { readableDay } from './words';

type Action<K extends RunnableAction['kind']> = Extract<RunnableAction, { kind: K }>;

/** DECISION: at most this many organisations offered, plus a few shown as linked elsewhere. */
const OFFERED = 5;
const SHOWN_LINKED_ELSEWHERE = 3;

const companyName = (link: TenantLink) => link.company?.name ?? `company ${link.company?.id ?? '?'}`;
const today = (context: ActionContext) => readableDay(new Date(context.now()).toISOString());

/**
 * Contacts' e-mail addresses, when the role may read them: the integration role of seed 000 has
 * no Companies › Contacts, so a 403 means "suggest without them", not a failure.
 */
async function contactEmails(client: ManageClient, companyId: number): Promise<string[]> {
  try {
    const contacts = await listAll(client, CONTACTS.path, Contact, { conditions: where.eq('company/id', companyId) });
    return contacts.flatMap((c) => (c.communicationItems ?? []).filter((i) => i.communicationType === 'Email').map((i) => i.value ?? ''));
  } catch (error) {
    if (error instanceof AppError && error.data.code === 'forbidden') return [];
    throw error;
  }
}

export async function suggestTenantLinks({ companyId }: Action<'suggest-links'>, context: ActionContext): Promise<ActionResult> {
  const { manage, vendor, region } = await connect(context);
  const [company, emails, orgs, links] = await Promise.all([
    getCompany(manage, companyId),
    contactEmails(manage, companyId),
    vendor.listOrganizations(),
    listTenantLinks(manage, region),
  ]);
  const linkOf = new Map(links.map(({ orgId, link }) => [orgId, link]));
  const linkedHere = links.filter(({ link }) => link.company?.id === companyId).map(({ orgId }) => orgId);
  const domains = [company.website, ...emails].filter((text): text is string => Boolean(text));
  // Everything that matches, so organisations linked elsewhere can be shown (not offered) too.
  const ranked = suggestLinks({ name: company.name, identifier: company.identifier, domains }, orgs, linkedHere, orgs.length);
  const orgById = new Map(orgs.map((org) => [org.id, org]));

  const suggestions: LinkSuggestion[] = ranked.map((s) => {
    const elsewhere = linkOf.get(s.orgId);
    return {
      orgId: s.orgId,
      name: s.orgName,
      domains: orgById.get(s.orgId)?.domains ?? [],
      score: s.score,
      reasons: s.reasons,
      linkedTo: elsewhere?.company ? { id: elsewhere.company.id, name: companyName(elsewhere) } : null,
    };
  });
  const offered = suggestions.filter((s) => s.linkedTo === null).slice(0, OFFERED);
  const shown = suggestions.filter((s) => s.linkedTo !== null).slice(0, SHOWN_LINKED_ELSEWHERE);
  const result = suggestions.filter((s) => offered.includes(s) || shown.includes(s));
  return {
    message: offered.length === 0
      ? `No unlinked ${VENDOR_NAME} organisation matches ${company.name} by name or mail domain.`
      : `${offered.length} possible tenant${offered.length === 1 ? '' : 's'} for ${company.name}, best match first.`,
    suggestions: result,
  };
}

/**
 * The agreement that bills the tenant, for the link's tagNumber: the one given (it must be this
 * company's), else the company's agreement that already has an addition for this organisation,
 * else its one agreement with an addition for any of the vendor's plans, else none.
 * DECISION: two candidates are no answer; the tagNumber stays empty until the agreement is updated.
 */
async function chooseBillingAgreement(
  client: ManageClient, region: string, companyId: number, orgId: string, given: number | null, now: number,
): Promise<Agreement | null> {
  if (given !== null) {
    const agreement = await getAgreement(client, given);
    if (agreement.company?.id !== companyId) {
      throw refuse('agreement-of-another-company',
        `Agreement “${agreement.name}” belongs to ${agreement.company?.name ?? 'another company'}; choose one of this company's agreements.`);
    }
    return agreement;
  }
  const agreements = await companyAdditions(client, companyId);
  const only = (matching: readonly AgreementAdditions[]) => (matching.length === 1 ? (matching[0]?.agreement ?? null) : null);
  const withVendorPlan = ({ additions }: AgreementAdditions) =>
    additions.some((a) => isBilling(a, now) && parsePlanItemIdentifier(region, a.product?.identifier) !== null);
  return only(agreements.filter(({ additions }) => billsTenant(additions, region, orgId, now))) ?? only(agreements.filter(withVendorPlan));
}

function refuseExistingLink(active: readonly TenantLink[], companyId: number, org: Organization): void {
  const elsewhere = active.find((link) => link.company?.id !== companyId);
  if (elsewhere) {
    throw refuse('linked-elsewhere',
      `${org.name} (${VENDOR_NAME} organisation ${org.id}) is already linked to ${companyName(elsewhere)}; a vendor organisation belongs to one company.`,
      `Unlink it on ${companyName(elsewhere)}'s Company screen first if it really belongs here.`);
  }
  if (active.length > 0) {
    throw refuse('already-linked', `${org.name} (${VENDOR_NAME} organisation ${org.id}) is already linked to this company; nothing was changed.`);
  }
}

const orgNotes = (org: Organization, actor: string, day: string) =>
  `${VENDOR_NAME} organisation "${org.name}" (${[org.id, ...org.altIds].join(', ')}), admin ${org.adminEmail}`
  + `${org.domains.length > 0 ? `, ${org.domains.join(', ')}` : ''}.\nLinked by ${actor} with Backup Bridge on ${day}.`;

const viewsOf = (companyId: number, agreementId: number | null): ViewKey[] =>
  agreementId === null ? [`company:${companyId}`] : [`company:${companyId}`, `agreement:${agreementId}`];

export async function linkTenant({ companyId, orgId, agreementId }: Action<'link-tenant'>, context: ActionContext): Promise<ActionResult> {
  const { manage, vendor, region } = await connect(context);
  const [company, org] = await Promise.all([getCompany(manage, companyId), vendor.getOrganization(orgId)]);
  refuseExistingLink((await findTenantLinks(manage, region, org.id)).filter(isActive), companyId, org);
  if (org.state === 'deleted') {
    throw refuse('org-deleted', `${org.name} was deleted at the vendor and its data purged; there is nothing to link.`);
  }
  const [agreement, typeId] = await Promise.all([
    chooseBillingAgreement(manage, region, companyId, org.id, agreementId, context.now()),
    mailboxActionsTypeId(manage),
  ]);
  const created = await createTenantLink(manage, {
    name: tenantLinkName(region, org.id),
    typeId,
    companyId,
    serialNumber: additionSerialNumber(region, org.id),
    agreementId: agreement?.id ?? null,
    notes: orgNotes(org, context.actor, today(context)),
  });
  context.invalidate(...viewsOf(companyId, agreement?.id ?? null));

  // Two technicians linking at the same moment both create one: the oldest stays, later ones go.
  const [first] = (await findTenantLinks(manage, region, org.id)).filter(isActive);
  if (first && first.id !== created.id) {
    await updateTenantLink(manage, created.id, { activeFlag: false, notes: `${created.notes ?? ''}\nDeactivated: a duplicate of configuration ${first.id}, written at the same time.` });
    if (first.company?.id !== companyId) refuseExistingLink([first], companyId, org);
    return { message: `${org.name} was linked to ${company.name} by someone else just now; nothing more to do.` };
  }
  const billing = agreement
    ? `billed on agreement “${agreement.name}”`
    : 'no billing agreement chosen yet (“Update agreement” sets it)';
  return { message: `Linked ${org.name} (${VENDOR_NAME} organisation ${org.id}) to ${company.name}; ${billing}.` };
}

/**
 * DECISION: unlinking deactivates the link configuration (activeFlag false) instead of deleting
 * it: ConnectWise keeps who linked and unlinked what, link discovery ignores inactive ones
 * (lib/domain links.ts), and the integration role of seed 000 has no Delete on configurations.
 * Agreement additions are never touched: ending billing is a separate, explicit change.
 */
export async function unlinkTenant({ companyId, orgId }: Action<'unlink-tenant'>, context: ActionContext): Promise<ActionResult> {
  const { manage, region } = await connect(context);
  const active = (await findTenantLinks(manage, region, orgId)).filter(isActive);
  const here = active.filter((link) => link.company?.id === companyId);
  const [elsewhere] = active;
  const [linkHere] = here;
  if (!linkHere) {
    throw elsewhere
      ? refuse('linked-elsewhere', `${VENDOR_NAME} organisation ${orgId} is linked to ${companyName(elsewhere)}, not to this company; nothing was changed.`)
      : refuse('not-linked', `${VENDOR_NAME} organisation ${orgId} has no link on this company; nothing was changed.`,
        'Where the panel finds the tenant through an agreement addition, that is billing: cancel the addition on the agreement to end it.');
  }
  const stamp = `Unlinked by ${context.actor} with Backup Bridge on ${today(context)}.`;
  await Promise.all(here.map((link) => updateTenantLink(manage, link.id, {
    activeFlag: false,
    notes: [link.notes, stamp].filter(Boolean).join('\n'),
  })));
  const agreements = [...new Set(here.map(linkedAgreementId).filter((id): id is number => id !== null))];
  context.invalidate(`company:${companyId}`, ...agreements.map((id): ViewKey => `agreement:${id}`));
  return {
    message: `Unlinked ${VENDOR_NAME} organisation ${orgId} from ${companyName(linkHere)}. `
      + 'Agreement additions are unchanged: billing is ended on the agreement.',
  };
}
