import {
  createAddition, createCatalogItem, findCatalogItem, getAgreement, listAdditions, updateAddition,
  type Addition, type Agreement, type CatalogItem, type ManageClient,
} from '../../connectwise';
import { additionSerialNumber, compareSeats, parseAdditionSerialNumber, planItemIdentifier, type SeatComparison } from '../../domain';
import type { Mappings } from '../../settings';
import type { Organization, Plan, VendorClient } from '../../vendor';
import { billsTenant, companyAdditions, isBilling } from './billing';
import { refuse, withContext } from './errors';
import { connect } from './setup';
import { findTenantLinks, isActive, updateTenantLink, VENDOR_NAME } from './tenant-links';
import type { ActionContext, ActionResult, RunnableAction } from './types';
import { readableDay, seats } from './words';

type UpdateAgreement = Extract<RunnableAction, { kind: 'update-agreement' }>;

/**
 * What the technician confirmed must be what the vendor's figures call for now: the seats of an
 * update or a new addition (never 0: zero-seats is refused before), or ending the additions
 * (null) of a tenant that stopped. Answers the quantity to write, null for ending.
 */
function confirmedQuantity(confirmed: number | null, proposal: SeatComparison['proposal'], org: Organization): number | null {
  const saw = confirmed === null ? 'ending its addition' : seats(confirmed);
  if (proposal.action === 'cancel') {
    if (confirmed === null) return null;
    throw refuse('vendor-changed',
      `${org.name} is ${org.state} at the vendor now, so its addition should end (you confirmed ${saw}). Refresh and check before updating.`);
  }
  if (confirmed !== null && proposal.quantity === confirmed) return confirmed;
  throw refuse('vendor-changed',
    `The vendor now counts ${seats(proposal.quantity ?? 0)} for ${org.name} (you confirmed ${saw}). Refresh and check before updating.`);
}

/** A day of the rules (`2026-04-01`) as the Date the ConnectWise resources take. */
const dayAsDate = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * No lost updates: the panel sends what it showed, and ConnectWise must still say the same. The
 * shown addition is any of the tenant's live additions (or none when it showed none), the shown
 * quantity what they bill together.
 */
function refuseIfChanged(expected: UpdateAgreement['expected'], live: readonly Addition[], comparison: SeatComparison, who: string) {
  const sameAddition = expected.additionId === null ? live.length === 0 : live.some((a) => a.id === expected.additionId);
  if (sameAddition && expected.quantity === comparison.billed) return;
  const now = comparison.billed === null ? 'no addition' : seats(comparison.billed);
  const saw = expected.quantity === null ? 'no addition' : seats(expected.quantity);
  throw refuse('changed-since',
    `ConnectWise changed since you looked: the agreement now bills ${now} for ${who} (you saw ${saw}). Refresh and check before updating.`);
}

function nothingToChange(comparison: SeatComparison, org: Organization, agreement: Agreement): never {
  const { warnings } = comparison.proposal;
  if (warnings.includes('zero-seats')) {
    throw refuse('zero-seats', `The vendor counts 0 seats for ${org.name}; Backup Bridge never writes 0 to an agreement.`,
      'Check the tenant at the vendor; if 0 is right, change or cancel the addition by hand.');
  }
  if (warnings.includes('multiple-additions')) {
    throw refuse('multiple-additions', `More than one addition on “${agreement.name}” bills ${org.name}; change the right one by hand.`);
  }
  if (comparison.status === 'in-sync' && comparison.billed !== null) {
    throw refuse('nothing-to-change', `“${agreement.name}” already bills ${seats(comparison.billed)} for ${org.name}; nothing to change.`);
  }
  throw refuse('nothing-to-change', `Nothing to change on “${agreement.name}” for ${org.name}: the vendor's figures do not call for it.`,
    'Refresh the panel to see the current seats and why.');
}

async function planOf(vendor: VendorClient, org: Organization): Promise<Plan> {
  const plan = org.planId === null ? undefined : (await vendor.listPlans()).find((p) => p.id === org.planId);
  if (!plan) {
    throw refuse('plan-unknown', `The vendor does not say which plan ${org.name} is on, so no addition can be created for it.`,
      'Check the subscription in the vendor portal.');
  }
  return plan;
}

/** The plan's catalog item `{region}.{planId}` (seed 000), created with the mapped category, subcategory and type when missing. */
async function catalogItemFor(client: ManageClient, region: string, plan: Plan, mappings: Mappings): Promise<{ item: CatalogItem; created: boolean }> {
  const identifier = planItemIdentifier(region, plan.id);
  const found = await findCatalogItem(client, identifier);
  if (found) return { item: found, created: false };
  const { productCategoryId, productSubcategoryId, productTypeId } = mappings;
  if (productCategoryId === undefined || productSubcategoryId === undefined || productTypeId === undefined) {
    throw refuse('mapping-missing',
      `The product catalog has no item ${identifier} for the plan “${plan.name}”, and the product category, subcategory and type to create it with are not set.`,
      'Open Backup Bridge’s set-up, choose them in the mappings step, and try again.');
  }
  const item = await createCatalogItem(client, {
    identifier,
    description: plan.name.slice(0, 60),
    customerDescription: `${plan.name}: ${VENDOR_NAME} email backup, per seat`,
    subcategoryId: productSubcategoryId,
    typeId: productTypeId,
    price: plan.price?.amount,
    recurring: true,
  });
  return { item, created: true };
}

/** A tenant billed on another of the company's agreements would be billed twice by a new addition here. */
async function refuseIfBilledElsewhere(client: ManageClient, region: string, org: Organization, agreement: Agreement, now: number) {
  if (!agreement.company) return;
  const elsewhere = (await companyAdditions(client, agreement.company.id))
    .find((other) => other.agreement.id !== agreement.id && billsTenant(other.additions, region, org.id, now));
  if (elsewhere) {
    throw refuse('billed-elsewhere', `${org.name} is already billed on agreement “${elsewhere.agreement.name}”; a second addition would bill it twice.`,
      'Update that agreement instead, or cancel its addition first.');
  }
}

/** The tenant link names its billing agreement (tagNumber) once there is one. */
async function recordBillingAgreement(client: ManageClient, region: string, org: Organization, agreement: Agreement) {
  const links = (await findTenantLinks(client, region, org.id)).filter((l) => isActive(l) && l.company?.id === agreement.company?.id);
  await Promise.all(links.filter((l) => !l.tagNumber?.trim()).map((l) => updateTenantLink(client, l.id, { tagNumber: String(agreement.id) })));
}

/**
 * "Update agreement" (Company panel) and "reconcile" (Agreement panel): re-reads the tenant and the
 * agreement, recomputes the proposal (lib/domain compareSeats) and carries it out only if
 * ConnectWise still shows what the technician saw and the vendor still counts what they confirmed.
 */
export async function updateAgreement(action: UpdateAgreement, context: ActionContext): Promise<ActionResult> {
  const { manage, vendor, region, mappings } = await connect(context);
  const [org, agreement, additions] = await Promise.all([
    vendor.getOrganization(action.orgId),
    getAgreement(manage, action.agreementId),
    listAdditions(manage, action.agreementId),
  ]);
  const now = new Date(context.now());
  const tenantAdditions = additions.filter((a) => parseAdditionSerialNumber(region, a.serialNumber) === org.id).sort((a, b) => a.id - b.id);
  const live = tenantAdditions.filter((a) => isBilling(a, now.getTime()));
  const comparison = compareSeats({
    vendorSeats: org.seats, orgState: org.state, stateChangedAt: org.stateChangedAt, additions: tenantAdditions, now,
  });
  refuseIfChanged(action.expected, live, comparison, org.name);

  const { proposal } = comparison;
  if (proposal.action === 'none' || proposal.effectiveDate === null) nothingToChange(comparison, org, agreement);
  const quantity = confirmedQuantity(action.quantity, proposal, org);
  const from = readableDay(proposal.effectiveDate);
  const changing = `Could not change “${agreement.name}”`;
  let message: string;
  try {
    if (quantity === null) {
      const cancelOn = dayAsDate(proposal.effectiveDate);
      await Promise.all(proposal.additionIds.map((id) => updateAddition(manage, agreement.id, id, { cancelledDate: cancelOn })));
      message = `“${agreement.name}” stops billing ${org.name} (${org.state} at the vendor): the addition is cancelled from ${from}.`;
    } else if (proposal.action === 'update') {
      // An update proposal names exactly one addition (seats.ts).
      await Promise.all(proposal.additionIds.map((id) => updateAddition(manage, agreement.id, id, { quantity })));
      message = `“${agreement.name}” now bills ${seats(quantity)} for ${org.name} (was ${comparison.billed}), from ${from}.`;
    } else {
      await refuseIfBilledElsewhere(manage, region, org, agreement, now.getTime());
      const plan = await planOf(vendor, org);
      const { item, created } = await catalogItemFor(manage, region, plan, mappings);
      await createAddition(manage, agreement.id, {
        productId: item.id,
        quantity,
        effectiveDate: dayAsDate(proposal.effectiveDate),
        serialNumber: additionSerialNumber(region, org.id),
        billCustomer: 'Billable',
        unitPrice: plan.price?.amount,
        invoiceDescription: `${plan.name} – ${org.name}`,
      });
      message = `Added ${seats(quantity)} of ${plan.name} for ${org.name} to “${agreement.name}”, billed from ${from}`
        + `${created ? ` (catalog item ${item.identifier} created)` : ''}.`;
    }
    if (quantity !== null) await recordBillingAgreement(manage, region, org, agreement);
  } catch (error) {
    throw withContext(error, changing);
  } finally {
    context.invalidate(`agreement:${agreement.id}`, ...(agreement.company ? [`company:${agreement.company.id}` as const] : []));
  }
  return { message };
}
