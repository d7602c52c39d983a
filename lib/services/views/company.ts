import { getCompany, where } from '../../connectwise';
import type { ScreenRef } from '../../messages/panel';
import type { CompanyView } from '../../messages/panels';
import {
  additionsOfOrg, agreementRef, identityOf, isLiveAddition, readCompanyLinks, readRegionConfigurations,
  readOpenBackupTickets, readTenant, tenantLinkRecords, tenantView, ticketLink, vendorReads,
  type CompanyIdentity, type TenantRead, type ViewSources,
} from './shared';

/**
 * The Company panel: the company's linked tenants with seats, health, mailboxes and history, and
 * its open backup tickets.
 *
 * Request plan, cold (nothing cached):
 * - round 1, in parallel: CW the integration's configurations of the company (tenant links with
 *   their agreement in tagNumber, and mailbox actions); CW its open backup tickets;
 * - round 2, in parallel: CW the additions of each agreement the links name (one request per
 *   agreement, normally one); vendor per linked tenant its mailboxes and 14-day history
 *   (readTenant: the mailbox rows carry the organisation, and the pages a big tenant needs are
 *   requested together, sized from what the vendor client last knew of it).
 * That is 3 CW and 2 vendor requests per tenant in 2 round trips, plus one per 500 mailboxes
 * beyond the first 500. A tenant the vendor client never read (its organisation list, with the
 * per-organisation tokens, is read at set-up and kept with the keys) needs that list first: it
 * is read in round 1, alongside CW's. The company's name comes with the configurations or
 * tickets; without either, from what the screen shows, or one more GET.
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
  const lastKnown = src.vendor.lastKnownOrganizations().catch(() => null);
  // src.organizations() reads once per view; reads keeps its first failure only.
  const listed = () => reads.read(src.organizations());
  // Nothing kept (a client that never read the list): read it now, alongside ConnectWise's first round.
  void lastKnown.then((known) => known ?? listed());

  // A tenant's vendor reads start as soon as its link is known, alongside the additions' read.
  const tenantReads = new Map<string, Promise<TenantRead>>();
  const readOf = (orgId: string) => {
    let read = tenantReads.get(orgId);
    if (!read) {
      read = lastKnown.then((known) => readTenant(src, reads, orgId, known, listed));
      tenantReads.set(orgId, read);
    }
    return read;
  };
  void configurations.then((found) => tenantLinkRecords(src.region, found).forEach((record) => readOf(record.orgId)), () => undefined);

  const [links, openTickets] = await Promise.all([readCompanyLinks(src, companyId, configurations), tickets]);
  const configs = await configurations;
  // The company record itself only when nothing read so far names it (its schema requires both fields).
  const company = identityOf(configs[0]?.company) ?? identityOf(openTickets[0]?.company) ?? links.company
    ?? fromLabel(companyId, label) ?? identityOf(await getCompany(client, companyId)) as CompanyIdentity;

  const tenants = await Promise.all(links.links.map(async (link) => {
    const orgId = link.organizationId;
    const additions = additionsOfOrg(src.region, links.additions, orgId);
    const agreementId = links.tagged.get(orgId) ?? additions.find((a) => isLiveAddition(a, src.now))?.agreementId ?? additions[0]?.agreementId;
    const { org, data } = await readOf(orgId);
    return tenantView(src, {
      link,
      org,
      additions,
      agreement: agreementId === undefined ? null : agreementRef(agreementId, links.agreementNames),
      data,
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
