/**
 * The simulated Manage database: one table per concrete collection (`company/companies`,
 * `finance/agreements/19064/additions`, ...), rows as stored (references kept as `{id}`), and id
 * sequences. Reads through CwReadStore return records exactly as the REST API does (references
 * resolved, `_info` links), so the Manage screen imitation and the API never disagree.
 */
import { present } from './present';
import { collectionKey, resolvePath, storageCollection, type ResolvedPath } from './resources';
import type { CwReadStore, CwRecord } from './types';

/** Where `_info` links of records read through CwReadStore point (API answers use the request's host). */
export const DEFAULT_HREF_BASE = 'https://api-na.myconnectwise.net/v4_6_release/apis/3.0';

export class CwStore implements CwReadStore {
  hrefBase = DEFAULT_HREF_BASE;
  private readonly tables = new Map<string, Map<number, CwRecord>>();
  private readonly sequences = new Map<string, number>();

  table(collection: string): Map<number, CwRecord> {
    const key = collectionKey(collection);
    let table = this.tables.get(key);
    if (!table) {
      table = new Map();
      this.tables.set(key, table);
    }
    return table;
  }

  row(collection: string, id: number): CwRecord | undefined {
    return this.tables.get(collectionKey(collection))?.get(id);
  }

  /** Stored rows in id order (the API's default order). */
  rows(collection: string): CwRecord[] {
    const table = this.tables.get(collectionKey(collection));
    return table ? [...table.values()].sort((a, b) => a.id - b.id) : [];
  }

  /** The stored rows a resolved path shows (a scoped path shows part of another collection). */
  scopedRows(resolved: Pick<ResolvedPath, 'resource' | 'collection' | 'parentIds'>): CwRecord[] {
    const rows = this.rows(storageCollection(resolved));
    const scope = resolved.resource.scope;
    if (!scope) return rows;
    return rows.filter((row) => (row[scope.field] as { id?: number } | undefined)?.id === resolved.parentIds[0]);
  }

  scopedRow(resolved: Pick<ResolvedPath, 'resource' | 'collection' | 'parentIds'>, id: number): CwRecord | undefined {
    const row = this.row(storageCollection(resolved), id);
    const scope = resolved.resource.scope;
    if (!row || !scope) return row;
    return (row[scope.field] as { id?: number } | undefined)?.id === resolved.parentIds[0] ? row : undefined;
  }

  collections(): Array<[string, Map<number, CwRecord>]> {
    return [...this.tables.entries()];
  }

  dropCollection(collection: string): void {
    this.tables.delete(collectionKey(collection));
  }

  nextId(sequence: string): number {
    const id = (this.sequences.get(sequence) ?? 0) + 1;
    this.sequences.set(sequence, id);
    return id;
  }

  /** Keep a sequence above an id that was chosen explicitly (seeded records). */
  noteId(sequence: string, id: number): void {
    if (id > (this.sequences.get(sequence) ?? 0)) this.sequences.set(sequence, id);
  }

  clear(): void {
    this.tables.clear();
    this.sequences.clear();
  }

  // CwReadStore: records as the REST API returns them.

  get(path: string, id: number, base = this.hrefBase): CwRecord | undefined {
    const resolved = resolvePath(path);
    if (!resolved || resolved.tail.kind !== 'collection') return undefined;
    const row = this.scopedRow(resolved, id);
    return row && present(this, resolved, row, base);
  }

  list(path: string, base = this.hrefBase): CwRecord[] {
    const resolved = resolvePath(path);
    if (!resolved || resolved.tail.kind !== 'collection') return [];
    return this.scopedRows(resolved).map((row) => present(this, resolved, row, base));
  }
}
