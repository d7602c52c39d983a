import { getAgreement, listAdditions, where } from '../../connectwise';
import { discoverLinks, toInstant } from '../../domain';
import { AppError } from '../../errors';
import type { AgreementRowView, AgreementView } from '../../messages/panels';
import {
  additionsOfOrg, compareTenantSeats, findOrg, isLiveAddition, isVendorAddition, locate, orgName,
  readRegionConfigurations, seatsView, vendorReads, type BillingAddition, type ViewSources,
} from './shared';

/**
 * The Agreement panel: the vendor additions on this agreement against the vendor's live seats,
 * one row per tenant billed or linked here, and a row per plan addition that names no tenant.
 *
 * Request plan: one round, in parallel: CW the agreement; CW its additions; CW the integration's
 * tenant links whose tagNumber names this agreement; vendor the organisation list, from the
 * shared cache while fresh (no organisation-scoped call follows, so no token is needed).
 * 3 CW and 1 vendor request (0 with the list cached), 1 round trip.
 */
export async function buildAgreementView(src: ViewSources, agreementId: number): Promise<AgreementView> {
  const { client } = src.manage;
  const reads = vendorReads();
  const [agreement, additions, configurations, orgs] = await Promise.all([
    getAgreement(client, agreementId),
    listAdditions(client, agreementId),
    readRegionConfigurations(client, `${src.region}.tenant.`, where.eq('tagNumber', String(agreementId))),
    reads.read(src.organizations()),
  ]);
  const company = agreement.company;
  if (!company) {
    throw new AppError({ code: 'unexpected-data', message: `ConnectWise sent agreement ${agreementId} without its company.` });
  }
  const here = { id: agreement.id, name: agreement.name };
  const billing = locate(additions.filter((a) => isVendorAddition(src.region, a)), agreementId, company.id);
  const discovery = discoverLinks(src.region, { configurations, additions: billing });

  const tenantRows = discovery.links.map((link): AgreementRowView => {
    const orgId = link.organizationId;
    const org = orgs ? findOrg(orgs, orgId, reads) : undefined;
    const name = orgName(orgId, org);
    const own = additionsOfOrg(src.region, billing, orgId);
    const live = own.filter((a) => isLiveAddition(a, src.now));
    const notes = [
      own.length === 0 ? `No addition on this agreement bills ${name}, which ConnectWise links to it.` : null,
      live.length > 1 ? `${live.length} additions on this agreement bill ${name}; only one should.` : null,
      link.conflict ? `ConnectWise links ${name} to more than one company.` : null,
      orgs && !org ? `The vendor does not know organisation ${orgId}.` : null,
    ].filter((note): note is string => note !== null);
    return {
      addition: additionRow(live[0] ?? latestCancelled(own)),
      tenant: { orgId, name, state: org?.state ?? 'unknown' },
      seats: seatsView(compareTenantSeats(org, own, src.now), own, here, src.now),
      note: notes.length > 0 ? notes.join(' ') : null,
    };
  });

  const unattributedRows = discovery.unattributedAdditions.map((entry): AgreementRowView => {
    const own = billing.filter((a) => a.id === entry.additionId);
    return {
      addition: additionRow(own[0]),
      tenant: null,
      seats: seatsView(compareTenantSeats(undefined, own, src.now), own, here, src.now),
      note: `This addition sells a backup plan (${own[0]?.product?.identifier ?? entry.planId}) but its serial number names no tenant.`,
    };
  });

  return {
    kind: 'agreement',
    agreement: {
      ...here,
      company: { id: company.id, name: company.name ?? company.identifier ?? `Company #${company.id}` },
      status: agreement.agreementStatus ?? (agreement.cancelledFlag ? 'Cancelled' : 'Active'),
    },
    rows: [...tenantRows, ...unattributedRows],
    asOf: src.now.toISOString(),
    errors: reads.error ? { vendor: reads.error } : {},
  };
}

const latestCancelled = (additions: readonly BillingAddition[]) =>
  [...additions].sort((a, b) => (toInstant(b.cancelledDate) ?? 0) - (toInstant(a.cancelledDate) ?? 0))[0];

function additionRow(addition: BillingAddition | undefined): AgreementRowView['addition'] {
  if (!addition) return null;
  return {
    id: addition.id,
    product: addition.product?.identifier ?? '',
    description: addition.description ?? addition.invoiceDescription ?? '',
    quantity: addition.quantity ?? 0,
    lessIncluded: addition.lessIncluded ?? 0,
    effectiveDate: addition.effectiveDate ?? null,
    cancelledDate: addition.cancelledDate ?? null,
  };
}
