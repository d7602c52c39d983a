import { getCompany, where } from '../../connectwise';
import type { ScreenRef } from '../../messages/panel';
import type { CompanyView } from '../../messages/panels';
import {
  additionsOfOrg, agreementRef, findOrg, identityOf, isLiveAddition, readCompanyLinks, readRegionConfigurations,
  readOpenBackupTickets, readTenantData, tenantLinkRecords, tenantView, ticketLink, vendorReads,
  type CompanyIdentity, type TenantData, type ViewSources,
} from './shared';

/**
 * The Company panel: the company's linked tenants with seats, health, mailboxes and history, and
 * its open backup tickets.
 *
 * Request plan, cold (nothing cached, a new vendor client):
 * - round 1, in parallel: CW the integration's configurations of the company (tenant links with
 *   their agreement in tagNumber, and mailbox actions); CW its open backup tickets; vendor the
 *   organisation list (`/users`, which also loads the per-organisation tokens);
 * - round 2, in parallel: CW the additions of each agreement the links name (one request per
 *   agreement, normally one); vendor per linked tenant its mailboxes and 14-day history.
 * That is 3 CW and 1 + 2 per tenant vendor requests in 2 round trips. The vendor pages mailboxes
 * by 500, so a tenant with 1,000 adds a request and a round trip. The company's name comes with
 * the configurations or tickets; without either, from what the screen shows, or one more GET.
 * Legacy and unlinked companies (no tenant configuration) need the link scan of
 * readCompanyLinks: their agreements, then those agreements' additions, so 4 CW requests in 3
 * rounds cold (the vendor's reads come one round later); the scan is remembered, and a refresh
 * within its window is back to 2 rounds and at most 3 CW requests.
 */
export async function buildCompanyView(src: ViewSources, companyId: number, label: ScreenRef['label']): Promise<CompanyView> {
  const { client } = src.manage;
  const reads = vendorReads();
  const byCompany = where.eq('company/id', companyId);

  const configurations = readRegionConfigurations(client, `${src.region}.`, byCompany);
  const tickets = readOpenBackupTickets(client, src.region, byCompany);
  const organizations = reads.read(src.organizations(true));

  // A tenant's vendor reads start as soon as its link is known, alongside the additions' read.
  const tenantData = new Map<string, Promise<TenantData>>();
  const dataOf = (orgId: string) => {
    let data = tenantData.get(orgId);
    if (!data) {
      data = organizations.then((orgs) => readTenantData(src, reads, orgs ? findOrg(orgs, orgId, reads) : undefined));
      tenantData.set(orgId, data);
    }
    return data;
  };
  void configurations.then((found) => tenantLinkRecords(src.region, found).forEach((record) => dataOf(record.orgId)), () => undefined);

  const [links, openTickets, orgs] = await Promise.all([readCompanyLinks(src, companyId, configurations), tickets, organizations]);
  const configs = await configurations;
  // The company record itself only when nothing read so far names it (its schema requires both fields).
  const company = identityOf(configs[0]?.company) ?? identityOf(openTickets[0]?.company) ?? links.company
    ?? fromLabel(companyId, label) ?? identityOf(await getCompany(client, companyId)) as CompanyIdentity;

  const tenants = await Promise.all(links.links.map(async (link) => {
    const orgId = link.organizationId;
    const additions = additionsOfOrg(src.region, links.additions, orgId);
    const agreementId = links.tagged.get(orgId) ?? additions.find((a) => isLiveAddition(a, src.now))?.agreementId ?? additions[0]?.agreementId;
    return tenantView(src, {
      link,
      org: orgs ? findOrg(orgs, orgId) : undefined,
      additions,
      agreement: agreementId === undefined ? null : agreementRef(agreementId, links.agreementNames),
      data: await dataOf(orgId),
    });
  }));

  return {
    kind: 'company',
    company,
    tenants,
    openTickets: openTickets.map(ticketLink),
    portalUrl: src.vendor.portalUrl(),
    asOf: src.now.toISOString(),
    errors: reads.error ? { vendor: reads.error } : {},
  };
}

const fromLabel = (id: number, label: ScreenRef['label']): CompanyIdentity | null =>
  label.name && label.identifier ? { id, name: label.name, identifier: label.identifier } : null;
