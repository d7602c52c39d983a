import { z } from 'zod';
import type { ManageClient } from '../client';
import { where } from '../conditions';
import { apiDate, Amount, collection, createOnce, findFirst, Flag, getById, Id, IdentRef, Info, ItemRef, listAllOf, patchById, Ref, Text } from './common';

/** Agreements and their additions (there is no cross-agreement additions endpoint). */

export const Agreement = z.looseObject({
  id: Id,
  name: z.string(),
  type: Ref,
  company: IdentRef,
  contact: Ref,
  parentAgreement: Ref,
  startDate: Text,
  endDate: Text,
  noEndingDateFlag: Flag,
  cancelledFlag: Flag,
  /** Active / Cancelled / Expired / Inactive. */
  agreementStatus: Text,
  _info: Info,
});
export type Agreement = z.infer<typeof Agreement>;

export const Addition = z.looseObject({
  id: Id,
  product: ItemRef,
  quantity: Amount,
  lessIncluded: Amount,
  unitPrice: Amount,
  unitCost: Amount,
  /** Billable / DoNotBill / NoCharge. */
  billCustomer: Text,
  effectiveDate: Text,
  cancelledDate: Text,
  serialNumber: Text,
  invoiceDescription: Text,
  description: Text,
  agreementId: Amount,
  billedQuantity: Amount,
  agreementStatus: Text,
  _info: Info,
});
export type Addition = z.infer<typeof Addition>;

export const AGREEMENTS = collection('finance/agreements', Agreement);
export const additionsOf = (agreementId: number) => collection(`finance/agreements/${agreementId}/additions`, Addition);

export const getAgreement = (client: ManageClient, id: number) => getById(client, AGREEMENTS, id);

/** A company's agreements; `activeOnly` drops cancelled ones (UNVERIFIED: expired ones keep cancelledFlag false). */
export const listAgreementsForCompany = (client: ManageClient, companyId: number, activeOnly = true) =>
  listAllOf(client, AGREEMENTS, {
    conditions: activeOnly ? where.and(where.eq('company/id', companyId), where.eq('cancelledFlag', false)) : where.eq('company/id', companyId),
  });

/** Additions of one agreement; `activeOnly`: not cancelled (`cancelledDate = null`, UNVERIFIED pattern). */
export const listAdditions = (client: ManageClient, agreementId: number, activeOnly = false) =>
  listAllOf(client, additionsOf(agreementId), activeOnly ? { conditions: where.isNull('cancelledDate') } : {});

/** The live addition billing one tenant: serialNumber `{region}.{organizationId}`, not cancelled. */
export const findAdditionBySerialNumber = (client: ManageClient, agreementId: number, serialNumber: string) =>
  findFirst(client, additionsOf(agreementId), { conditions: where.and(where.eq('serialNumber', serialNumber), where.isNull('cancelledDate')) });

export interface NewAddition {
  productId: number;
  quantity: number;
  /** The caller's rule decides it (Dropsuite: the 1st of next month). */
  effectiveDate: Date;
  /** The de-duplication key, e.g. `uswest.5979`. */
  serialNumber: string;
  billCustomer?: 'Billable' | 'DoNotBill' | 'NoCharge';
  unitPrice?: number;
  invoiceDescription?: string;
}

/** Create the addition once: a retry after an unanswered POST finds it by serialNumber instead. */
export const createAddition = (client: ManageClient, agreementId: number, input: NewAddition) =>
  createOnce(client, additionsOf(agreementId), {
    product: { id: input.productId },
    quantity: input.quantity,
    billCustomer: input.billCustomer ?? 'Billable',
    effectiveDate: apiDate(input.effectiveDate),
    serialNumber: input.serialNumber,
    ...(input.unitPrice === undefined ? {} : { unitPrice: input.unitPrice }),
    ...(input.invoiceDescription === undefined ? {} : { invoiceDescription: input.invoiceDescription }),
  }, (scoped) => findAdditionBySerialNumber(scoped, agreementId, input.serialNumber));

export interface AdditionChanges {
  quantity?: number;
  /** Cancels the addition from that date. */
  cancelledDate?: Date;
  invoiceDescription?: string;
}

export const updateAddition = (client: ManageClient, agreementId: number, additionId: number, changes: AdditionChanges) =>
  patchById(client, additionsOf(agreementId), additionId, {
    quantity: changes.quantity,
    cancelledDate: changes.cancelledDate && apiDate(changes.cancelledDate),
    invoiceDescription: changes.invoiceDescription,
  });
