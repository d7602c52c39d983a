/**
 * The `conditions` / `childConditions` / `customFieldConditions` language, built from values so
 * no caller ever pastes user text into a query. The transport URL-encodes the finished string
 * (URLSearchParams), so `&`, `+`, `#` and `%` in values are safe on the wire.
 *
 * Grammar facts (connectwise-api reference §3): strings in double or single quotes, dates in
 * `[...]` as ISO UTC, numbers bare, `true`/`false`/`null` keywords, `like` with `%`, `contains`,
 * `in (...)`, `and`/`or`, parentheses, nested fields with `/`.
 *
 * UNVERIFIED: how a quote inside a string is escaped. The simulator takes a backslash (`\"`,
 * `\'`, `\\`). Because nothing authoritative confirms it, strings lean on it as little as
 * possible: a value without `"` goes in double quotes, one with `"` but no `'` in single quotes,
 * and only a value with both needs `\"`. A backslash is doubled only where it could be read as
 * an escape (before a quote, a backslash or the closing quote), so `DOMAIN\user` reads the same
 * whether or not the server treats backslash specially.
 */

declare const brand: unique symbol;

/** A finished, well-formed expression. Build one with `where`; never from strings. */
export interface Condition {
  readonly [brand]: true;
  readonly text: string;
  /** Compound expressions get parentheses when combined. */
  readonly compound: boolean;
  toString(): string;
}

export type Scalar = string | number | boolean | Date;

const FIELD = /^_?[A-Za-z][A-Za-z0-9_]*(?:\/_?[A-Za-z][A-Za-z0-9_]*)*$/;

function make(text: string, compound: boolean): Condition {
  return { text, compound, toString: () => text } as Condition;
}

function field(name: string): string {
  if (!FIELD.test(name)) throw new TypeError(`"${name}" is not a ConnectWise field path (letters, digits, _ and /).`);
  return name;
}

/** Double a backslash only where a backslash-escaping parser would otherwise swallow it. */
function guardBackslashes(value: string): string {
  return value.replace(/\\(?=["'\\]|$)/g, '\\\\');
}

/** A string literal, relying on backslash escapes only for values that hold both quote kinds. */
export function quote(value: string): string {
  if (!value.includes('"')) return `"${guardBackslashes(value)}"`;
  if (!value.includes("'")) return `'${guardBackslashes(value)}'`;
  return `"${guardBackslashes(value).replace(/"/g, '\\"')}"`;
}

/** `[2025-01-31T00:00:00Z]`: UTC, whole seconds (the form every known example uses). */
function dateLiteral(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new TypeError('Invalid Date in a condition.');
  return `[${value.toISOString().replace(/\.\d{3}Z$/, 'Z')}]`;
}

/** Plain decimal digits: the grammar knows no exponent (1e21, 1e-7). */
function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`${value} cannot be used in a condition.`);
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

export function literal(value: Scalar | null): string {
  if (value === null) return 'null';
  if (value instanceof Date) return dateLiteral(value);
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return numberLiteral(value);
    case 'boolean':
      return value ? 'true' : 'false';
  }
}

const compare = (op: string) => (name: string, value: Scalar) => make(`${field(name)} ${op} ${literal(value)}`, false);

/**
 * Neutralise `%`, `_` and `[` in user text for a `like` pattern. UNVERIFIED: no escape syntax for
 * wildcards is documented (SQL Server's `[%]` may or may not pass through), so each is replaced
 * by `_`, "any one character". The pattern then matches a little more than the text, never
 * less: callers that need exactness re-check the records they get back.
 */
export function escapeLike(text: string): string {
  return text.replace(/[%_[]/g, '_');
}

function join(op: 'and' | 'or', parts: readonly Condition[]): Condition {
  if (parts.length === 0) throw new TypeError(`${op}() needs at least one condition.`);
  if (parts.length === 1) return parts[0] as Condition;
  return make(parts.map((part) => (part.compound ? `(${part.text})` : part.text)).join(` ${op} `), true);
}

function list(name: string, values: readonly Scalar[], negated: boolean): Condition {
  // `x in ()` is a syntax error; an empty list is a caller bug, not "match nothing".
  if (values.length === 0) throw new TypeError(`in('${name}', []) needs at least one value.`);
  return make(`${field(name)}${negated ? ' not' : ''} in (${values.map(literal).join(', ')})`, false);
}

export const where = {
  eq: compare('='),
  ne: compare('!='),
  lt: compare('<'),
  lte: compare('<='),
  gt: compare('>'),
  gte: compare('>='),
  /** `pattern` is trusted: `%` and `_` are wildcards. Put user text through escapeLike first. */
  like: (name: string, pattern: string) => make(`${field(name)} like ${quote(pattern)}`, false),
  /** UNVERIFIED: `not like` is documented for Automate, not for Manage. */
  notLike: (name: string, pattern: string) => make(`${field(name)} not like ${quote(pattern)}`, false),
  /** Starts with `text` (over-matches where `text` holds wildcard characters; see escapeLike). */
  startsWith: (name: string, text: string) => make(`${field(name)} like ${quote(`${escapeLike(text)}%`)}`, false),
  /** UNVERIFIED: whether `%`/`_` inside a contains value are literal on the real server. */
  contains: (name: string, text: string) => make(`${field(name)} contains ${quote(text)}`, false),
  in: (name: string, values: readonly Scalar[]) => list(name, values, false),
  /** UNVERIFIED: `not in` is documented for Automate, not for Manage. */
  notIn: (name: string, values: readonly Scalar[]) => list(name, values, true),
  isNull: (name: string) => make(`${field(name)} = null`, false),
  notNull: (name: string) => make(`${field(name)} != null`, false),
  and: (...parts: Condition[]) => join('and', parts),
  or: (...parts: Condition[]) => join('or', parts),
  /** UNVERIFIED: prefix `not` is documented for Automate, not for Manage. */
  not: (part: Condition) => make(`not (${part.text})`, true),
};
