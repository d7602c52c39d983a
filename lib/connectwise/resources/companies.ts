import { z } from 'zod';
import type { ManageClient } from '../client';
import { where } from '../conditions';
import { collection, findFirst, Flag, getById, Id, IdentRef, Info, listAllOf, opt, Ref, Refs, Text } from './common';
import { listPage } from '../paging';
import { AppError } from '../../errors';

/** Companies and their contacts. */

export const Company = z.looseObject({
  id: Id,
  identifier: z.string(),
  name: z.string(),
  status: Ref,
  types: Refs,
  addressLine1: Text,
  city: Text,
  state: Text,
  phoneNumber: Text,
  website: Text,
  defaultContact: Ref,
  deletedFlag: Flag,
  _info: Info,
});
export type Company = z.infer<typeof Company>;

export const CommunicationItem = z.looseObject({
  type: Ref,
  value: Text,
  defaultFlag: Flag,
  /** Email / Phone / Fax. */
  communicationType: Text,
});

export const Contact = z.looseObject({
  id: Id,
  firstName: Text,
  lastName: Text,
  company: IdentRef,
  title: Text,
  inactiveFlag: Flag,
  communicationItems: opt(z.array(CommunicationItem)),
  _info: Info,
});
export type Contact = z.infer<typeof Contact>;

export const COMPANIES = collection('company/companies', Company);
export const CONTACTS = collection('company/contacts', Contact);

export const getCompany = (client: ManageClient, id: number) => getById(client, COMPANIES, id);

/** Identifiers are unique in Manage (compared without case). */
export const findCompanyByIdentifier = (client: ManageClient, identifier: string) =>
  findFirst(client, COMPANIES, { conditions: where.eq('identifier', identifier) });

/** Names are not unique: every company with exactly this name (case-insensitive on the server). */
export const findCompaniesByName = (client: ManageClient, name: string) =>
  listAllOf(client, COMPANIES, { conditions: where.eq('name', name) });

/**
 * Suggestions for linking: active companies whose name contains the fragment or whose identifier
 * starts with it, by name, at most `limit`.
 */
export function searchCompanies(client: ManageClient, fragment: string, limit = 25): Promise<Company[]> {
  const text = fragment.trim();
  return listPage(client, COMPANIES.path, Company, {
    conditions: where.and(
      where.eq('deletedFlag', false),
      where.or(where.contains('name', text), where.startsWith('identifier', text)),
    ),
    orderBy: 'name asc',
  }, limit);
}

/**
 * Contacts with this e-mail address (childConditions over communicationItems, UNVERIFIED exact
 * form). The integration's role may lack Companies › Contacts: then the answer is null ("not
 * allowed to look"), never an error, and callers must work without it.
 */
export async function findContactsByEmail(client: ManageClient, email: string): Promise<Contact[] | null> {
  try {
    return await listAllOf(client, CONTACTS, {
      childConditions: where.and(where.eq('communicationItems/value', email.trim()), where.eq('communicationItems/communicationType', 'Email')),
    });
  } catch (error) {
    if (error instanceof AppError && error.data.code === 'forbidden') return null;
    throw error;
  }
}
