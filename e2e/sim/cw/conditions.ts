/**
 * The `conditions` query language of the Manage REST API: a tokenizer, a recursive-descent parser
 * and a compiler that type-checks literals against the fields they are compared with and returns a
 * predicate. It knows nothing about models: the caller resolves field paths (see query.ts).
 *
 * Grammar (keywords case-insensitive; precedence not > and > or):
 *   expr       := and ("or" and)*
 *   and        := unary ("and" unary)*
 *   unary      := "not" unary | "(" expr ")" | comparison
 *   comparison := field ( ("=" | "!=" | "<" | "<=" | ">" | ">=") literal
 *                       | ["not"] ("like" | "contains") string
 *                       | ["not"] "in" "(" literal ("," literal)* ")" )
 *   literal    := string | number | [datetime] | true | false | null
 *   field      := name ("/" name)*          e.g. company/name, _info/lastUpdated
 *
 * Literal rules and the error wording come from the server's own message (connectwise-rest README).
 * UNVERIFIED: escaping inside strings. We use backslash: \" \' and \\ stand for the character; any
 * other backslash is kept as is. The other quote character needs no escape ("O'Brien").
 * UNVERIFIED: comparison semantics follow SQL Server, which the API translates to: strings compare
 * case-insensitively but accent-sensitively (default collation SQL_Latin1_General_CP1_CI_AS) and
 * ignore trailing spaces; a comparison with a missing value is "unknown" (three-valued logic), so
 * `x != 5` does not match records where x is empty; `= null` / `!= null` test for emptiness.
 */

import { parseIsoInstant } from './dates';

/** The server's own explanation, appended to every literal error (connectwise-rest README). */
export const LITERAL_RULES =
  'String values should be enclosed with double or single quotes; DateTime values should be enclosed in square brackets; ' +
  'numbers should consist of only digits, and optionally a decimal point and a negation sign; ' +
  'boolean values should be indicated with the keywords true or false; null values should be indicated by the keyword null.';

export class ConditionsError extends Error {}

export type ValueKind = 'string' | 'numeric' | 'datetime' | 'boolean';

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'numeric'; value: number }
  | { kind: 'datetime'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' };

export type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { type: 'and' | 'or'; left: Condition; right: Condition }
  | { type: 'not'; operand: Condition }
  | { type: 'compare'; field: string; op: Comparison; value: Literal }
  | { type: 'like' | 'contains'; field: string; pattern: string; negated: boolean }
  | { type: 'in'; field: string; values: Literal[]; negated: boolean };

// ---------------------------------------------------------------------------------------------
// Tokenizer

type Token =
  | { t: 'word'; text: string; pos: number }
  | { t: 'op'; text: Comparison; pos: number }
  | { t: '(' | ')' | ','; pos: number }
  | { t: 'literal'; literal: Literal; pos: number }
  | { t: 'end'; pos: number };

const FIELD_CHARS = /[A-Za-z0-9_/]/;
const NUMBER = /^-?\d+(\.\d+)?/;

function fail(message: string, withRules = false): never {
  throw new ConditionsError(withRules ? `${message} ${LITERAL_RULES}` : message);
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === "'" || text[i + 1] === '\\')) {
      value += text[i + 1];
      i++;
    } else if (c === quote) {
      return { value, end: i + 1 };
    } else {
      value += c;
    }
  }
  return fail(`Unterminated string starting at position ${start + 1}.`, true);
}

function readDate(text: string, start: number): { value: number; end: number } {
  const close = text.indexOf(']', start);
  if (close < 0) fail(`Unterminated DateTime starting at position ${start + 1}.`, true);
  const inner = text.slice(start + 1, close).trim();
  const ms = parseIsoInstant(inner);
  if (ms === undefined) return fail(`'${inner}' is not a valid DateTime.`, true);
  return { value: ms, end: close + 1 };
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ t: c, pos: i });
      i++;
    } else if (c === '"' || c === "'") {
      const { value, end } = readQuoted(text, i);
      tokens.push({ t: 'literal', literal: { kind: 'string', value }, pos: i });
      i = end;
    } else if (c === '[') {
      const { value, end } = readDate(text, i);
      tokens.push({ t: 'literal', literal: { kind: 'datetime', value }, pos: i });
      i = end;
    } else if (c === '=' || c === '<' || c === '>' || c === '!') {
      const two = text.slice(i, i + 2);
      const op = (two === '!=' || two === '<=' || two === '>=' ? two : c) as string;
      if (op === '!' || two === '<>') fail(`Unexpected operator '${two === '<>' ? '<>' : '!'}' at position ${i + 1}; use != for "not equal".`);
      tokens.push({ t: 'op', text: op as Comparison, pos: i });
      i += op.length;
    } else if (/[-\d]/.test(c)) {
      const match = NUMBER.exec(text.slice(i));
      const after = match ? text[i + match[0].length] : undefined;
      if (!match || (after !== undefined && /[\w./]/.test(after))) {
        const word = /^[-\w./:]+/.exec(text.slice(i))?.[0] ?? c;
        fail(`'${word}' is not a valid value.`, true);
      }
      tokens.push({ t: 'literal', literal: { kind: 'numeric', value: Number(match[0]) }, pos: i });
      i += match[0].length;
    } else if (FIELD_CHARS.test(c)) {
      let end = i;
      while (end < text.length && FIELD_CHARS.test(text[end] as string)) end++;
      tokens.push({ t: 'word', text: text.slice(i, end), pos: i });
      i = end;
    } else {
      fail(`Unexpected character '${c}' at position ${i + 1}.`);
    }
  }
  tokens.push({ t: 'end', pos: text.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser

const KEYWORDS = new Set(['and', 'or', 'not', 'like', 'contains', 'in', 'true', 'false', 'null']);

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.at] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.t !== 'end') this.at++;
    return token;
  }

  private isWord(word: string, token = this.peek()): boolean {
    return token.t === 'word' && token.text.toLowerCase() === word;
  }

  parse(): Condition {
    const condition = this.or();
    const rest = this.peek();
    if (rest.t !== 'end') fail(`Expected 'and' or 'or' at position ${rest.pos + 1}.`);
    return condition;
  }

  private or(): Condition {
    let left = this.and();
    while (this.isWord('or')) {
      this.next();
      left = { type: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Condition {
    let left = this.unary();
    while (this.isWord('and')) {
      this.next();
      left = { type: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Condition {
    if (this.isWord('not')) {
      this.next();
      return { type: 'not', operand: this.unary() };
    }
    const token = this.peek();
    if (token.t === '(') {
      this.next();
      const inner = this.or();
      const close = this.next();
      if (close.t !== ')') fail(`Expected ')' at position ${close.pos + 1}.`);
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Condition {
    const token = this.next();
    if (token.t !== 'word' || KEYWORDS.has(token.text.toLowerCase())) {
      fail(token.t === 'end' ? 'Unexpected end of conditions; expected a field name.' : `Expected a field name at position ${token.pos + 1}.`);
    }
    const field = token.text;
    if (field.startsWith('/') || field.endsWith('/') || field.includes('//') || /^\d/.test(field)) {
      fail(`'${field}' is not a valid field name.`);
    }
    const operator = this.next();
    if (operator.t === 'op') return { type: 'compare', field, op: operator.text, value: this.literal() };
    let negated = false;
    let keyword: Token = operator;
    if (this.isWord('not', operator)) {
      negated = true;
      keyword = this.next();
    }
    if (this.isWord('like', keyword) || this.isWord('contains', keyword)) {
      const value = this.literal();
      if (value.kind !== 'string') fail(`Expected a string value, not a ${value.kind}.`, true);
      return { type: (keyword as { text: string }).text.toLowerCase() as 'like' | 'contains', field, pattern: value.value, negated };
    }
    if (this.isWord('in', keyword)) {
      const open = this.next();
      if (open.t !== '(') fail(`Expected '(' after 'in' at position ${open.pos + 1}.`);
      const values = [this.literal()];
      while (this.peek().t === ',') {
        this.next();
        values.push(this.literal());
      }
      const close = this.next();
      if (close.t !== ')') fail(`Expected ',' or ')' at position ${close.pos + 1}.`);
      return { type: 'in', field, values, negated };
    }
    return fail(`Expected an operator after '${field}' at position ${keyword.pos + 1}.`);
  }

  private literal(): Literal {
    const token = this.next();
    if (token.t === 'literal') return token.literal;
    if (token.t === 'word') {
      const word = token.text.toLowerCase();
      if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' };
      if (word === 'null') return { kind: 'null' };
      return fail(`'${token.text}' is not a valid value.`, true);
    }
    return fail(token.t === 'end' ? 'Unexpected end of conditions; expected a value.' : `Expected a value at position ${token.pos + 1}.`, true);
  }
}

export function parseConditions(text: string): Condition {
  return new Parser(tokenize(text)).parse();
}

// ---------------------------------------------------------------------------------------------
// Compilation and evaluation

/** How the caller exposes one field: its kind ('any' = untyped, e.g. a custom field value), and how to read it. */
export interface ResolvedField<Row> {
  kind: ValueKind | 'any';
  read(row: Row): unknown;
}
/** Throws ConditionsError for a field that does not exist or cannot be filtered on. */
export type FieldResolver<Row> = (field: string) => ResolvedField<Row>;

type Truth = boolean | null; // null = SQL "unknown"

const collator = new Intl.Collator('en', { sensitivity: 'accent' });
const trimEnd = (s: string) => s.replace(/ +$/, '');

const instant = (value: unknown) => (typeof value === 'number' ? value : Date.parse(String(value)));

/** Order two non-empty values of one kind, the way SQL Server would. */
export function compareValues(kind: ValueKind, a: unknown, b: unknown): number {
  switch (kind) {
    case 'string':
      return collator.compare(trimEnd(String(a)), trimEnd(String(b)));
    case 'datetime':
      return instant(a) - instant(b);
    case 'boolean':
      return Number(a) - Number(b);
    case 'numeric':
      return Number(a) - Number(b);
  }
}

function likeRegExp(pattern: string): RegExp {
  let source = '';
  for (const c of trimEnd(pattern)) {
    source += c === '%' ? '[\\s\\S]*' : c === '_' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source} *$`, 'iu');
}

const isEmpty = (value: unknown) => value === null || value === undefined;

function checkLiteral(field: string, kind: ValueKind | 'any', literal: Literal): void {
  if (literal.kind === 'null' || kind === 'any' || literal.kind === kind) return;
  fail(`Expected a ${kind} value, not a ${literal.kind}, for '${field}'.`, true);
}

function compile<Row>(condition: Condition, resolve: FieldResolver<Row>): (row: Row) => Truth {
  switch (condition.type) {
    case 'and': {
      const left = compile(condition.left, resolve);
      const right = compile(condition.right, resolve);
      return (row) => {
        const a = left(row);
        if (a === false) return false;
        const b = right(row);
        return b === false ? false : a === null || b === null ? null : true;
      };
    }
    case 'or': {
      const left = compile(condition.left, resolve);
      const right = compile(condition.right, resolve);
      return (row) => {
        const a = left(row);
        if (a === true) return true;
        const b = right(row);
        return b === true ? true : a === null || b === null ? null : false;
      };
    }
    case 'not': {
      const operand = compile(condition.operand, resolve);
      return (row) => {
        const value = operand(row);
        return value === null ? null : !value;
      };
    }
    case 'compare': {
      const field = resolve(condition.field);
      const { op, value: literal } = condition;
      checkLiteral(condition.field, field.kind, literal);
      if (literal.kind === 'null') {
        if (op !== '=' && op !== '!=') fail(`null can only be compared with = or != ('${condition.field}').`);
        return (row) => isEmpty(field.read(row)) === (op === '=');
      }
      const expected = literal.value;
      const kind = field.kind === 'any' ? literal.kind : field.kind;
      return (row) => {
        const actual = field.read(row);
        if (isEmpty(actual)) return null;
        const order = compareValues(kind, actual, expected);
        if (Number.isNaN(order)) return null;
        switch (op) {
          case '=': return order === 0;
          case '!=': return order !== 0;
          case '<': return order < 0;
          case '<=': return order <= 0;
          case '>': return order > 0;
          case '>=': return order >= 0;
        }
      };
    }
    case 'like':
    case 'contains': {
      const field = resolve(condition.field);
      if (field.kind !== 'string' && field.kind !== 'any') fail(`'${condition.field}' is not a text field; ${condition.type} needs text.`);
      const test = condition.type === 'like'
        ? ((regex) => (s: string) => regex.test(s))(likeRegExp(condition.pattern))
        : ((needle) => (s: string) => s.toLocaleLowerCase().includes(needle))(condition.pattern.toLocaleLowerCase());
      return (row) => {
        const actual = field.read(row);
        if (isEmpty(actual)) return null;
        return test(String(actual)) !== condition.negated;
      };
    }
    case 'in': {
      const field = resolve(condition.field);
      for (const literal of condition.values) checkLiteral(condition.field, field.kind, literal);
      const candidates = condition.values.flatMap((literal) => (literal.kind === 'null' ? [] : [literal]));
      const listHasNull = candidates.length < condition.values.length;
      return (row) => {
        const actual = field.read(row);
        if (isEmpty(actual)) return null;
        const matches = candidates.some((literal) => compareValues(field.kind === 'any' ? literal.kind : field.kind, actual, literal.value) === 0);
        if (matches) return !condition.negated;
        return listHasNull ? null : condition.negated;
      };
    }
  }
}

/** Parse and type-check `text`; the predicate is true only where the condition is true (not unknown). */
export function compileConditions<Row>(text: string, resolve: FieldResolver<Row>): (row: Row) => boolean {
  const evaluate = compile(parseConditions(text), resolve);
  return (row) => evaluate(row) === true;
}
