import {
  Configuration, CONFIGURATIONS, createConfigurationType, findConfigurationType, listConfigurations, type ManageClient,
} from '../../connectwise';
import { parseTenantLinkName } from '../../domain';

/**
 * The tenant link as the integration writes it in ConnectWise (e2e/sim/world.ts header): a
 * configuration of the mailbox-actions type named `{region}.tenant.{orgId}`, serialNumber
 * `{region}.{orgId}`, tagNumber the id of the agreement that bills the tenant.
 */

/** The configuration type of seed 000 ("Service Tickets"); the vendor's own integration creates it too. */
export const MAILBOX_ACTIONS_TYPE = 'dropsuite_mailbox_actions';
export const VENDOR_NAME = 'Dropsuite';

export type TenantLink = Configuration;

export const isActive = (link: Pick<TenantLink, 'activeFlag'>) => link.activeFlag !== false;

/** The billing agreement a link names, or null. */
export function linkedAgreementId(link: TenantLink): number | null {
  const id = Number(link.tagNumber?.trim());
  return Number.isInteger(id) && id > 0 ? id : null;
}

/**
 * Every configuration (active or not, any company, any type: links.ts DECISION, the name alone
 * makes a link) that links this organisation, oldest first.
 */
export async function findTenantLinks(client: ManageClient, region: string, orgId: string): Promise<TenantLink[]> {
  const named = await listConfigurations(client, { namePrefix: `${region}.tenant.${orgId}` });
  // The prefix also matches `…tenant.59790` for 5979: keep exact names only.
  return named.filter((c) => parseTenantLinkName(region, c.name) === orgId).sort((a, b) => a.id - b.id);
}

/** The active links of one company (or of every company), by organisation. */
export async function listTenantLinks(client: ManageClient, region: string, companyId?: number): Promise<Array<{ orgId: string; link: TenantLink }>> {
  const named = await listConfigurations(client, { namePrefix: `${region}.tenant.`, ...(companyId === undefined ? {} : { companyId }) });
  return named
    .filter(isActive)
    .flatMap((link) => {
      const orgId = parseTenantLinkName(region, link.name);
      return orgId === null ? [] : [{ orgId, link }];
    });
}

export async function mailboxActionsTypeId(client: ManageClient): Promise<number> {
  const type = (await findConfigurationType(client, MAILBOX_ACTIONS_TYPE)) ?? (await createConfigurationType(client, MAILBOX_ACTIONS_TYPE));
  return type.id;
}

export interface NewTenantLink {
  name: string;
  typeId: number;
  companyId: number;
  serialNumber: string;
  agreementId: number | null;
  notes: string;
}

/**
 * Creates the link once: createOnce looks for what an unanswered POST may have written before it
 * sends again. (lib/connectwise createConfiguration sends neither serialNumber nor tagNumber, and
 * would take an inactive link of the same name for the one it created.)
 * DECISION: the record a lost answer may have created is an active link of this name on this
 * company; inactive ones are history (an earlier unlink) and are never reused.
 */
export async function createTenantLink(client: ManageClient, input: NewTenantLink): Promise<TenantLink> {
  const body = {
    name: input.name,
    type: { id: input.typeId },
    company: { id: input.companyId },
    serialNumber: input.serialNumber,
    notes: input.notes,
    ...(input.agreementId === null ? {} : { tagNumber: String(input.agreementId) }),
  };
  const findExisting = async (scoped: ManageClient) => {
    const named = await listConfigurations(scoped, { namePrefix: input.name, companyId: input.companyId });
    return named.find((c) => c.name === input.name && isActive(c)) ?? null;
  };
  return (await client.createOnce(CONFIGURATIONS.path, body, Configuration, { findExisting })).record;
}

/** lib/connectwise updateConfiguration cannot set tagNumber. */
export interface TenantLinkChanges {
  activeFlag?: boolean;
  tagNumber?: string;
  notes?: string;
}

export function updateTenantLink(client: ManageClient, id: number, changes: TenantLinkChanges): Promise<TenantLink> {
  const ops = Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([path, value]) => ({ op: 'replace', path, value }));
  return client.request('PATCH', `${CONFIGURATIONS.path}/${id}`, Configuration, { json: ops });
}
