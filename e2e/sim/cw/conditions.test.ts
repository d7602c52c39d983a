import { describe, expect, it } from 'vitest';
import {
  compileConditions, ConditionsError, LITERAL_RULES, parseConditions, type FieldResolver, type ValueKind,
} from './conditions';

type Row = Record<string, unknown>;

/** A resolver over flat test rows with a fixed schema. */
const SCHEMA: Record<string, ValueKind | 'any'> = {
  id: 'numeric', name: 'string', summary: 'string', closedFlag: 'boolean', dateEntered: 'datetime',
  'company/name': 'string', 'company/id': 'numeric', amount: 'numeric', note: 'string', custom: 'any',
};
const resolve: FieldResolver<Row> = (field) => {
  const key = Object.keys(SCHEMA).find((name) => name.toLowerCase() === field.toLowerCase());
  if (!key) throw new ConditionsError(`Unknown field '${field}'.`);
  return { kind: SCHEMA[key] as ValueKind, read: (row) => row[key] };
};

const ROWS: Row[] = [
  { id: 1, name: 'Fred Flintstone', summary: 'Printer offline', closedFlag: false, dateEntered: '2025-01-10T08:00:00Z', 'company/name': 'Blue Light, Co.', 'company/id': 250, amount: 2.5, custom: 'ABC' },
  { id: 2, name: 'fred astaire', summary: 'VPN test', closedFlag: true, dateEntered: '2025-02-01T00:00:00Z', 'company/name': "O'Brien & Sons Plumbing", 'company/id': 258, amount: 0, custom: 7 },
  { id: 3, name: 'Wilma', summary: 'Some Summary', closedFlag: false, dateEntered: '2024-12-31T23:59:59Z', 'company/name': 'Café Zürich GmbH', 'company/id': 259, amount: -4, note: 'has "quotes"' },
  { id: 4, name: 'Barney  ', summary: 'test 100%', closedFlag: false, dateEntered: '2025-03-01T12:00:00Z', 'company/name': 'Cafe Zurich', 'company/id': 259 },
  { id: 5, name: 'Betty_Rubble', summary: 'Backslash \\ here', closedFlag: true, 'company/name': 'Adatum', 'company/id': 254, amount: 10 },
];

const ids = (conditions: string) => ROWS.filter(compileConditions(conditions, resolve)).map((row) => row.id);

describe('conditions: matching', () => {
  it.each<[string, number[]]>([
    ['id = 1', [1]],
    ['id != 1', [2, 3, 4, 5]],
    ['id > 3', [4, 5]],
    ['id >= 3', [3, 4, 5]],
    ['id < 2', [1]],
    ['id <= 2', [1, 2]],
    ['amount > 0', [1, 5]],
    ['amount = -4', [3]],
    ['amount = 2.5', [1]],
    ['amount != 0', [1, 3, 5]], // id 4 has no amount: unknown, not a match
    ['amount = null', [4]],
    ['amount != null', [1, 2, 3, 5]],
    ['note = null', [1, 2, 4, 5]],
    ['closedFlag = true', [2, 5]],
    ['closedFlag = false', [1, 3, 4]],
    ['closedFlag = False', [1, 3, 4]],
    ['closedFlag = TRUE', [2, 5]],
    ['name = "wilma"', [3]], // case-insensitive
    ["name = 'WILMA'", [3]],
    ['name = "Barney"', [4]], // trailing spaces ignored
    ['name like "Fred%"', [1, 2]],
    ['name like "%stone"', [1]],
    ['name like "W_lma"', [3]],
    ['name like "Betty_Rubble"', [5]],
    ['name like "%"', [1, 2, 3, 4, 5]],
    ['name not like "Fred%"', [3, 4, 5]],
    ['summary contains "test"', [2, 4]],
    ['summary contains "100%"', [4]], // % is literal for contains
    ['summary not contains "test"', [1, 3, 5]],
    ['id in (1, 3, 5)', [1, 3, 5]],
    ['id in (2)', [2]],
    ['id not in (1, 2)', [3, 4, 5]],
    ['name in ("wilma", "BARNEY")', [3, 4]],
    ['amount in (0, null)', [2]],
    ['amount not in (0, null)', []], // SQL: NOT IN with a null never matches
    ['company/name = "Café Zürich GmbH"', [3]],
    ['company/name = "Cafe Zurich GmbH"', []], // accent-sensitive
    ['company/name = "cafe zurich"', [4]],
    ['company/id = 259', [3, 4]],
    ['COMPANY/ID = 259', [3, 4]], // field names case-insensitive
    ['company/name = "O\'Brien & Sons Plumbing"', [2]],
    ["company/name = 'O\\'Brien & Sons Plumbing'", [2]],
    ['note = "has \\"quotes\\""', [3]],
    ['summary = "Backslash \\\\ here"', [5]],
    ['summary = "Backslash \\ here"', [5]], // a lone backslash is kept
    ['dateEntered > [2025-01-31T00:00:00Z]', [2, 4]],
    ['dateEntered >= [2025-02-01T00:00:00Z]', [2, 4]],
    ['dateEntered < [2025-01-01]', [3]],
    ['dateEntered = [2025-02-01T02:00:00+02:00]', [2]], // instants, not text
    ['dateEntered = [2025-02-01T00:00]', [2]],
    ['dateEntered = null', [5]],
    ['custom = "ABC"', [1]],
    ['custom = 7', [2]],
    ['custom like "a%"', [1]],
    ['id = 1 or id = 2', [1, 2]],
    ['id = 1 OR id = 2', [1, 2]],
    ['id > 1 and id < 4', [2, 3]],
    ['id > 1 AnD id < 4', [2, 3]],
    ['id = 1 or id = 2 and closedFlag = false', [1]], // and binds tighter than or
    ['(id = 1 or id = 2) and closedFlag = true', [2]],
    ['not id = 1', [2, 3, 4, 5]],
    ['not (id = 1 or id = 2)', [3, 4, 5]],
    ['not id = 1 and id < 3', [2]], // not binds tighter than and
    ['NOT NOT id = 1', [1]],
    ['not amount = 0', [1, 3, 5]], // not unknown is unknown
    ['((id = 3))', [3]],
    ['(name like "Fred%" and closedFlag = false) and dateEntered > [2015-12-23T05:53:27Z] or summary contains "test" AND summary != "Some Summary"', [1, 2, 4]],
    ['  id=1  ', [1]],
    ['id=1 and(name="Fred Flintstone")', [1]],
  ])('%s', (conditions, expected) => {
    expect(ids(conditions)).toEqual(expected);
  });
});

describe('conditions: malformed input is a ConditionsError with the server-style message', () => {
  it.each<[string, RegExp, boolean]>([
    // [conditions, message pattern, literal rules appended]
    ['closedFlag = 1', /^Expected a boolean value, not a numeric/, true],
    ['closedFlag = "true"', /^Expected a boolean value, not a string/, true],
    ['id = "1"', /^Expected a numeric value, not a string/, true],
    ['name = 5', /^Expected a string value, not a numeric/, true],
    ['name = true', /^Expected a string value, not a boolean/, true],
    ['dateEntered > "2025-01-01"', /^Expected a datetime value, not a string/, true],
    ['dateEntered > 2025', /^Expected a datetime value, not a numeric/, true],
    ['id = [2025-01-01]', /^Expected a numeric value, not a datetime/, true],
    ['id in (1, "2")', /^Expected a numeric value, not a string/, true],
    ['name = Fred', /'Fred' is not a valid value/, true],
    ['name = "Fred', /Unterminated string/, true],
    ["name = 'Fred", /Unterminated string/, true],
    ['dateEntered > [2025-01-01', /Unterminated DateTime/, true],
    ['dateEntered > [yesterday]', /'yesterday' is not a valid DateTime/, true],
    ['dateEntered > [2025-13-45]', /not a valid DateTime/, true],
    ['id = 1.2.3', /not a valid value/, true],
    ['id = 12abc', /not a valid value/, true],
    ['id =', /Unexpected end of conditions; expected a value/, true],
    ['id', /Expected an operator after 'id'/, false],
    ['= 1', /Expected a field name/, false],
    ['', /Unexpected end of conditions; expected a field name/, false],
    ['id = 1 and', /Unexpected end of conditions; expected a field name/, false],
    ['id = 1 or or id = 2', /Expected a field name/, false],
    ['id = 1 id = 2', /Expected 'and' or 'or'/, false],
    ['(id = 1', /Expected '\)'/, false],
    ['id = 1)', /Expected 'and' or 'or'/, false],
    ['id <> 1', /Unexpected operator '<>'/, false],
    ['id ! 1', /Unexpected operator '!'/, false],
    ['id == 1', /Expected a value/, true],
    ['id in 1', /Expected '\(' after 'in'/, false],
    ['id in ()', /Expected a value/, true],
    ['id in (1, 2', /Expected ',' or '\)'/, false],
    ['name like 5', /^Expected a string value, not a numeric/, true],
    ['name contains null', /^Expected a string value, not a null/, true],
    ['name not = "x"', /Expected an operator after 'name'/, false],
    ['id like "1%"', /not a text field/, false],
    ['id < null', /null can only be compared with = or !=/, false],
    ['nosuch = 1', /Unknown field 'nosuch'/, false],
    ['and = 1', /Expected a field name/, false],
    ['id = 1 & name = "x"', /Unexpected character '&'/, false],
    ['id = 1; drop table', /Unexpected character ';'/, false],
    ['company//name = "x"', /not a valid field name/, false],
    ['company/ = "x"', /not a valid field name/, false],
  ])('%s', (conditions, pattern, withRules) => {
    let caught: unknown;
    try {
      compileConditions(conditions, resolve);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConditionsError);
    const message = (caught as Error).message;
    expect(message).toMatch(pattern);
    expect(message.endsWith(LITERAL_RULES)).toBe(withRules);
  });

  it('quotes the real server explanation verbatim', () => {
    expect(LITERAL_RULES).toBe(
      'String values should be enclosed with double or single quotes; DateTime values should be enclosed in square brackets; numbers should consist of only digits, and optionally a decimal point and a negation sign; boolean values should be indicated with the keywords true or false; null values should be indicated by the keyword null.',
    );
  });
});

describe('conditions: the parse tree', () => {
  it('builds or(and(...), ...) with not binding tightest', () => {
    expect(parseConditions('not a = 1 and b = 2 or c = 3')).toEqual({
      type: 'or',
      left: {
        type: 'and',
        left: { type: 'not', operand: { type: 'compare', field: 'a', op: '=', value: { kind: 'numeric', value: 1 } } },
        right: { type: 'compare', field: 'b', op: '=', value: { kind: 'numeric', value: 2 } },
      },
      right: { type: 'compare', field: 'c', op: '=', value: { kind: 'numeric', value: 3 } },
    });
  });

  it('keeps nested field paths and negated operators', () => {
    expect(parseConditions('contact/name not like "Fred%"')).toEqual({ type: 'like', field: 'contact/name', pattern: 'Fred%', negated: true });
    expect(parseConditions('id not in (1,2)')).toEqual({
      type: 'in', field: 'id', negated: true, values: [{ kind: 'numeric', value: 1 }, { kind: 'numeric', value: 2 }],
    });
  });

  it('reads dates as UTC instants, with or without a zone', () => {
    expect(parseConditions('d = [2025-01-31T00:00:00Z]')).toMatchObject({ value: { kind: 'datetime', value: Date.UTC(2025, 0, 31) } });
    expect(parseConditions('d = [2025-01-31]')).toMatchObject({ value: { kind: 'datetime', value: Date.UTC(2025, 0, 31) } });
    expect(parseConditions('d = [2025-01-31T10:00:00+01:00]')).toMatchObject({ value: { kind: 'datetime', value: Date.UTC(2025, 0, 31, 9) } });
  });

  it('reads negative and decimal numbers', () => {
    expect(parseConditions('a = -12.50')).toMatchObject({ value: { kind: 'numeric', value: -12.5 } });
  });

  it('lets any string be expressed with backslash escapes', () => {
    const nasty = `a "b" 'c' \\d % _ & # +`;
    const escaped = nasty.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    expect(parseConditions(`name = "${escaped}"`)).toMatchObject({ value: { kind: 'string', value: nasty } });
  });
});
