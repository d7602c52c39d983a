import { z } from 'zod';
import type { ManageClient } from '../client';
import { listAll, listPage, type ListQuery, type PagingOptions } from '../paging';

/**
 * What every resource module shares: tolerant schema pieces and the generic operations over a
 * collection descriptor. Schemas keep unknown fields (looseObject) and treat every field but
 * `id` and the record's name as optional *and* nullable: the spec's required/nullable markings do
 * not match real answers (pyconnectwise's "whack-a-mole" commits), and a missing field must not
 * make a whole screen fail. null comes out as undefined.
 */

export const opt = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

export const Id = z.number().int();
export const Text = opt(z.string());
export const Flag = opt(z.boolean());
export const Amount = opt(z.number());
/** `_info`: lastUpdated, updatedBy, dateEntered, enteredBy, *_href links (UNVERIFIED key set). */
export const Info = opt(z.record(z.string(), z.unknown()));

/** References to other records, by the keys each kind carries (reference §6). */
export const Ref = opt(z.looseObject({ id: Id, name: Text }));
export const Refs = opt(z.array(z.looseObject({ id: Id, name: Text })));
/** Company and member references also carry the identifier. */
export const IdentRef = opt(z.looseObject({ id: Id, identifier: Text, name: Text }));
/** A product on an addition: `{id, identifier}`. */
export const ItemRef = opt(z.looseObject({ id: Id, identifier: Text }));

/** A collection below /apis/3.0 and the shape of one record. */
export interface Collection<T> {
  path: string;
  schema: z.ZodType<T>;
}

export const collection = <T>(path: string, schema: z.ZodType<T>): Collection<T> => ({ path, schema });

/** `{path}/{id}` (collections like `procurement/subcategories/` keep their slash only when listed). */
export const itemPath = (c: Collection<unknown>, id: number) => `${c.path.replace(/\/+$/, '')}/${id}`;

export interface PatchOperation {
  op: 'replace';
  path: string;
  value: unknown;
}

/** JSON Patch `replace` ops for the fields given; undefined fields are left alone. */
export function replaceOps(changes: Record<string, unknown>): PatchOperation[] {
  return Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([path, value]) => ({ op: 'replace', path, value }));
}

/** ISO 8601 UTC without milliseconds, the form Manage prints (`2025-01-31T00:00:00Z`). */
export const apiDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export const getById = <T>(client: ManageClient, c: Collection<T>, id: number) => client.request('GET', itemPath(c, id), c.schema);

/** The first match by id (or by `query.orderBy`), or null. */
export async function findFirst<T>(client: ManageClient, c: Collection<T>, query: ListQuery): Promise<T | null> {
  return (await listPage(client, c.path, c.schema, query, 1))[0] ?? null;
}

export const listAllOf = <T extends { id?: number | undefined }>(client: ManageClient, c: Collection<T>, query?: ListQuery, options?: PagingOptions) =>
  listAll(client, c.path, c.schema, query, options);

/** POST that cannot create a duplicate: see ManageClient.createOnce. */
export async function createOnce<T>(
  client: ManageClient, c: Collection<T>, body: Record<string, unknown>, findExisting: (client: ManageClient) => Promise<T | null>,
): Promise<T> {
  return (await client.createOnce(c.path, body, c.schema, { findExisting })).record;
}

export const patchById = <T>(client: ManageClient, c: Collection<T>, id: number, changes: Record<string, unknown>) =>
  client.request('PATCH', itemPath(c, id), c.schema, { json: replaceOps(changes) });
