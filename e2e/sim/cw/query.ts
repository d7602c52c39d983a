/**
 * The list query parameters besides paging: `conditions`, `childConditions`,
 * `customFieldConditions`, `orderBy` and `fields`, evaluated against records as the API presents
 * them (references resolved, so `company/name` works). Field names resolve case-insensitively
 * through the model; an unknown field is a 400, never a silent "no match".
 *
 * childConditions: a record matches when one element of the array it names (e.g.
 * `communicationItems`) satisfies the whole expression, so `communicationItems/value="x" and
 * communicationItems/communicationType="Email"` must hold for the same item. UNVERIFIED (it is how
 * a SQL join on the child table behaves). customFieldConditions work the same way over
 * `customFields`, with fields of one custom field entry (`caption="Managed ID" and value="ABC"`).
 * UNVERIFIED: orderBy with several comma-separated keys; `fields` with nested paths
 * (`company/name`); unknown names in `fields` are ignored.
 */
import { badQuery } from './errors';
import { compareValues, compileConditions, ConditionsError, type ResolvedField, type ValueKind } from './conditions';
import { fieldName, MODELS, modelOf, type Model } from './models';
import type { CwRecord } from './types';

/** A record, and for child conditions the array element currently examined per list path. */
interface Row {
  record: CwRecord;
  children: Map<string, unknown>;
}

const SCALAR_KINDS: Partial<Record<string, ValueKind | 'any'>> = {
  int: 'numeric', number: 'numeric', string: 'string', bool: 'boolean', date: 'datetime', any: 'any',
};
const INFO_KEYS = ['lastUpdated', 'updatedBy', 'dateEntered', 'enteredBy'];

function readPath(start: unknown, path: readonly string[]): unknown {
  let value = start;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Resolve `a/b/c` against a model. In child mode one segment may cross an array (its path is
 * recorded in `lists`); in plain conditions an array is an error.
 */
function resolver(model: Model, entity: string, childMode: boolean, lists: Set<string>) {
  return (path: string): ResolvedField<Row> => {
    const segments = path.split('/');
    const canonical: string[] = [];
    let current = model;
    let listAt: number | undefined;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i] as string;
      const last = i === segments.length - 1;
      const name = fieldName(current, segment);
      const spec = name ? current[name] : undefined;
      if (!name || !spec) throw new ConditionsError(`Unknown field '${path}' on ${entity}.`);
      canonical.push(name);
      if (spec.type === 'map') {
        const key = segments[i + 1];
        if (key === undefined || i + 2 !== segments.length) throw new ConditionsError(`'${path}' must name one key of ${name}, e.g. ${name}/lastUpdated.`);
        const known = INFO_KEYS.find((candidate) => candidate.toLowerCase() === key.toLowerCase()) ?? key;
        canonical.push(known);
        return finish(/^(lastUpdated|dateEntered)$/.test(known) ? 'datetime' : 'string');
      }
      if (spec.type === 'ref' || spec.type === 'object') {
        if (last) throw new ConditionsError(`'${path}' is an object; compare one of its fields, e.g. ${path}/id.`);
        current = modelOf(spec.model);
        continue;
      }
      if (spec.type === 'refs' || spec.type === 'objects') {
        if (!childMode) throw new ConditionsError(`'${path}' is a list; filter on it with childConditions.`);
        if (last || listAt !== undefined) throw new ConditionsError(`'${path}' must name one field of the ${name} items.`);
        listAt = canonical.length - 1;
        lists.add(canonical.join('/'));
        current = modelOf(spec.model);
        continue;
      }
      const kind = SCALAR_KINDS[spec.type];
      if (!kind || !last) throw new ConditionsError(`Field '${path}' cannot be used in conditions.`);
      return finish(kind);
    }
    throw new ConditionsError(`Unknown field '${path}' on ${entity}.`);

    function finish(kind: ValueKind | 'any'): ResolvedField<Row> {
      if (listAt === undefined) return { kind, read: (row) => readPath(row.record, canonical) };
      const list = canonical.slice(0, listAt + 1).join('/');
      const rest = canonical.slice(listAt + 1);
      return { kind, read: (row) => readPath(row.children.get(list), rest) };
    }
  };
}

function rowsOf(record: CwRecord, lists: readonly string[]): Row[] {
  let rows: Row[] = [{ record, children: new Map() }];
  for (const list of lists) {
    const items = readPath(record, list.split('/'));
    const elements = Array.isArray(items) ? items : [];
    rows = rows.flatMap((row) => elements.map((element) => ({ record, children: new Map(row.children).set(list, element) })));
  }
  return rows;
}

function compile(text: string, model: Model, entity: string, childMode: boolean, prefix = ''): (record: CwRecord) => boolean {
  const lists = new Set<string>();
  const resolve = resolver(model, entity, childMode, lists);
  const predicate = compileConditions<Row>(text, (field) => resolve(prefix + field));
  const listPaths = [...lists];
  return (record) => rowsOf(record, listPaths).some(predicate);
}

export interface ListParams {
  conditions?: string;
  childConditions?: string;
  customFieldConditions?: string;
  orderBy?: string;
  fields?: string;
}

/** All three condition parameters, and-ed; a malformed one answers 400. */
export function filterRecords(records: CwRecord[], modelName: string, entity: string, params: ListParams): CwRecord[] {
  const model = MODELS[modelName] as Model;
  const filters: Array<(record: CwRecord) => boolean> = [];
  try {
    if (params.conditions?.trim()) filters.push(compile(params.conditions, model, entity, false));
    if (params.childConditions?.trim()) filters.push(compile(params.childConditions, model, entity, true));
    if (params.customFieldConditions?.trim()) {
      if (!model.customFields) throw new ConditionsError(`${entity} has no custom fields.`);
      filters.push(compile(params.customFieldConditions, model, entity, true, 'customFields/'));
    }
  } catch (error) {
    if (error instanceof ConditionsError) throw badQuery(error.message);
    throw error;
  }
  return filters.length === 0 ? records : records.filter((record) => filters.every((filter) => filter(record)));
}

/** `orderBy=name asc, id desc`; ties and the default order are by id. Empty values sort first (SQL Server). */
export function sortRecords(records: CwRecord[], modelName: string, entity: string, orderBy: string | undefined): CwRecord[] {
  const keys: Array<{ field: ResolvedField<Row>; descending: boolean }> = [];
  const resolve = resolver(MODELS[modelName] as Model, entity, false, new Set());
  for (const part of (orderBy ?? '').split(',').filter((p) => p.trim() !== '')) {
    const match = /^\s*(\S+)(?:\s+(asc|desc))?\s*$/i.exec(part);
    if (!match) throw badQuery(`Invalid orderBy '${part.trim()}'; expected "field asc" or "field desc".`);
    try {
      keys.push({ field: resolve(match[1] as string), descending: match[2]?.toLowerCase() === 'desc' });
    } catch (error) {
      if (error instanceof ConditionsError) throw badQuery(error.message);
      throw error;
    }
  }
  const rows = records.map((record) => ({ record, children: new Map<string, unknown>() }));
  return rows.sort((a, b) => {
    for (const { field, descending } of keys) {
      const x = field.read(a);
      const y = field.read(b);
      const xEmpty = x === undefined || x === null;
      const yEmpty = y === undefined || y === null;
      const order = xEmpty || yEmpty ? Number(!xEmpty) - Number(!yEmpty) : compareValues(field.kind === 'any' ? 'string' : field.kind, x, y);
      if (order !== 0) return descending ? -order : order;
    }
    return a.record.id - b.record.id;
  }).map((row) => row.record);
}

/** `fields=id,name,company/name`: keep only those paths (names match case-insensitively). */
export function projectFields(record: CwRecord, fields: string | undefined): CwRecord {
  if (!fields?.trim()) return record;
  const out: Record<string, unknown> = {};
  for (const path of fields.split(',').map((f) => f.trim()).filter(Boolean)) {
    let source: unknown = record;
    let target = out;
    const segments = path.split('/');
    segments.forEach((segment, i) => {
      if (typeof source !== 'object' || source === null || Array.isArray(source)) return;
      const key = Object.keys(source).find((candidate) => candidate.toLowerCase() === segment.toLowerCase());
      if (key === undefined) {
        source = undefined;
        return;
      }
      const value = (source as Record<string, unknown>)[key];
      // A path into an array keeps the whole array (UNVERIFIED); into a scalar, nothing.
      if (i === segments.length - 1 || Array.isArray(value)) {
        target[key] = value;
        source = undefined;
      } else if (typeof value !== 'object' || value === null) {
        source = undefined;
      } else {
        target = (target[key] ??= {}) as Record<string, unknown>;
        source = value;
      }
    });
  }
  return out as CwRecord;
}
