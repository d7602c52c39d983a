/**
 * Turning a stored row into what the API returns: fields in model order, empty fields left out
 * (the API omits nulls), references resolved to their current name/identifier with an `_info`
 * href (the API joins them at read time, so a renamed company shows its new name everywhere), and
 * links to child collections in the record's own `_info`.
 */
import type { Lookup } from './lookups';
import { MODELS } from './models';
import { resolvePath, type RefTarget, type ResolvedPath } from './resources';
import type { CwStore } from './store';
import type { CwRecord } from './types';

/** Fill `{parentId}`-style placeholders of a template in order. */
function fillTemplate(template: string, ids: readonly number[]): string {
  let i = 0;
  return template.replace(/\{\w+\}/g, () => String(ids[i++]));
}

const isLookup = (target: RefTarget): target is Lookup => typeof target === 'object';

function withoutEmpty(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined && value !== null));
}

/** A reference object to row `id` of `collection`, as another record would show it. */
export function referenceTo(store: CwStore, collection: string, id: number, base: string): Record<string, unknown> | undefined {
  const target = resolvePath(collection);
  const row = store.row(collection, id);
  const reference = target?.resource.reference;
  if (!row || !reference) return undefined;
  return withoutEmpty({ id, ...reference.fields(row), _info: { [reference.hrefKey]: `${base}/${collection}/${id}` } });
}

function hydrate(store: CwStore, target: RefTarget, row: CwRecord, value: unknown, base: string): unknown {
  const id = (value as { id?: unknown }).id;
  if (typeof id !== 'number') return structuredClone(value);
  if (isLookup(target)) {
    const item = target.items.find((candidate) => candidate.id === id);
    if (!item) return structuredClone(value);
    return target.path ? { ...item, _info: { [target.hrefKey]: `${base}/${target.path}/${id}` } } : { ...item };
  }
  const collection = typeof target === 'function' ? target(row) : target;
  return (collection && referenceTo(store, collection, id, base)) ?? structuredClone(value);
}

export function present(store: CwStore, resolved: Pick<ResolvedPath, 'resource' | 'parentIds'>, row: CwRecord, base: string): CwRecord {
  const { resource, parentIds } = resolved;
  if (resource.linkTo) return (referenceTo(store, resource.linkTo, row.id, base) ?? { id: row.id }) as CwRecord;
  const model = MODELS[resource.model] ?? {};
  const out: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(model)) {
    const value = row[field];
    if (value === undefined || value === null) continue;
    const target = resource.refs?.[field];
    if (target && spec.type === 'ref') out[field] = hydrate(store, target, row, value, base);
    else if (target && spec.type === 'refs') out[field] = (value as unknown[]).map((item) => hydrate(store, target, row, item, base));
    else out[field] = structuredClone(value);
  }
  if (resource.childLinks) {
    const self = `${base}/${fillTemplate(resource.path, parentIds)}/${row.id}`;
    const links = Object.fromEntries(Object.entries(resource.childLinks).map(([key, child]) => [key, `${self}/${child}`]));
    out._info = { ...(out._info as object | undefined), ...links };
  }
  return out as CwRecord;
}
