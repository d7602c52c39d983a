import { listAdditions, listAgreementsForCompany, type Addition, type Agreement, type ManageClient } from '../../connectwise';
import { parseAdditionSerialNumber, toInstant, type AdditionLike } from '../../domain';

/** Still billing at `now`: not cancelled, or cancelled from a later day (lib/domain seats.ts reads them the same way). */
export const isBilling = (addition: AdditionLike, now: number) => (toInstant(addition.cancelledDate) ?? Infinity) > now;

export interface AgreementAdditions {
  agreement: Agreement;
  additions: Addition[];
}

/** The company's active agreements with their additions (there is no cross-agreement additions endpoint). */
export async function companyAdditions(client: ManageClient, companyId: number): Promise<AgreementAdditions[]> {
  const agreements = await listAgreementsForCompany(client, companyId);
  return Promise.all(agreements.map(async (agreement) => ({ agreement, additions: await listAdditions(client, agreement.id) })));
}

/** Whether one of these additions bills the organisation now. */
export const billsTenant = (additions: readonly AdditionLike[], region: string, orgId: string, now: number) =>
  additions.some((a) => isBilling(a, now) && parseAdditionSerialNumber(region, a.serialNumber) === orgId);
