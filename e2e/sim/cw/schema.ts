/**
 * Converting JSON request values to a model field's type the way the real server's JSON binder
 * (Json.NET) does: numbers and booleans bind to text fields as text, numeric text binds to number
 * fields, enum names match case-insensitively; anything else is an error. Also the field checks
 * that come from the spec (required, max length, enum values).
 */
import { parseIsoInstant, toApiDate } from './dates';
import { fieldName, modelOf, type FieldSpec } from './models';

export type Coerced = { ok: true; value: unknown } | { ok: false };

const INT32_MAX = 2_147_483_647;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** ISO date-time in, the API's own format out. */
function normalizeDate(value: unknown): string | undefined {
  const ms = typeof value === 'string' ? parseIsoInstant(value) : undefined;
  return ms === undefined ? undefined : toApiDate(ms);
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** Nested objects bind like top-level ones: known keys by their model (any case), others kept. */
function coerceObject(spec: FieldSpec, value: unknown): Coerced {
  if (!isObject(value)) return { ok: false };
  const model = modelOf(spec.model);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null || item === undefined) continue;
    const name = fieldName(model, key);
    const fieldSpec = name ? model[name] : undefined;
    if (!name || !fieldSpec) {
      out[key] = item;
      continue;
    }
    const coerced = coerceValue(fieldSpec, item);
    if (!coerced.ok) return coerced;
    out[name] = coerced.value;
  }
  return { ok: true, value: out };
}

export function coerceValue(spec: FieldSpec, value: unknown): Coerced {
  switch (spec.type) {
    case 'int': {
      const n = toNumber(value);
      return n !== undefined && Number.isInteger(n) && Math.abs(n) <= INT32_MAX ? { ok: true, value: n } : { ok: false };
    }
    case 'number': {
      const n = toNumber(value);
      return n === undefined ? { ok: false } : { ok: true, value: n };
    }
    case 'string': {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return { ok: false };
      const text = String(value);
      if (!spec.enum) return { ok: true, value: text };
      const match = spec.enum.find((option) => option.toLowerCase() === text.toLowerCase());
      return match ? { ok: true, value: match } : { ok: false };
    }
    case 'bool':
      if (typeof value === 'boolean') return { ok: true, value };
      if (typeof value === 'number') return { ok: true, value: value !== 0 };
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return { ok: true, value: value.toLowerCase() === 'true' };
      return { ok: false };
    case 'date': {
      const date = normalizeDate(value);
      return date ? { ok: true, value: date } : { ok: false };
    }
    case 'ref':
    case 'object':
      return coerceObject(spec, value);
    case 'refs':
    case 'objects': {
      if (!Array.isArray(value)) return { ok: false };
      const items: unknown[] = [];
      for (const item of value) {
        const coerced = coerceObject({ ...spec, type: spec.type === 'refs' ? 'ref' : 'object' }, item);
        if (!coerced.ok) return coerced;
        items.push(coerced.value);
      }
      return { ok: true, value: items };
    }
    case 'ints':
      return Array.isArray(value) && value.every((n) => Number.isInteger(n)) ? { ok: true, value: [...value] } : { ok: false };
    case 'strings':
      return Array.isArray(value) && value.every((s) => typeof s === 'string') ? { ok: true, value: [...value] } : { ok: false };
    case 'map':
      return isObject(value) ? { ok: true, value: { ...value } } : { ok: false };
    case 'any':
      return { ok: true, value };
  }
}

/** DataAnnotations wording, which the real validation messages follow ("The field X must be ..."). */
export const messages = {
  required: (field: string) => `The ${field} field is required.`,
  maxLength: (field: string, max: number) => `The field ${field} must be a string with a maximum length of ${max}.`,
  invalid: (field: string, value: unknown) => `The value '${typeof value === 'string' ? value : JSON.stringify(value)}' is not valid for ${field}.`,
};

export { isObject };
