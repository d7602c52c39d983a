// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { fixtureFiles, loadFixture } from './test-fixtures';
import * as selectors from './selectors';

const exported = Object.entries(selectors) as Array<[string, unknown]>;
const selectorEntries = exported.filter((entry): entry is [string, string] => typeof entry[1] === 'string');

describe('Manage selectors', () => {
  test('every exported selector has a fixture list, and every fixture list a selector', () => {
    for (const [name] of selectorEntries) {
      expect(Array.isArray(selectors[`${name}_` as keyof typeof selectors]), `${name}_ is missing`).toBe(true);
    }
    for (const [name] of exported.filter(([key]) => key.endsWith('_'))) {
      expect(typeof selectors[name.slice(0, -1) as keyof typeof selectors], `${name} has no selector`).toBe('string');
    }
  });

  describe.each(selectorEntries)('%s', (name, selector) => {
    const fixtures = selectors[`${name}_` as keyof typeof selectors] as selectors.Fixtures;
    const listed = new Map(fixtures.map(([count, file]) => [file, count]));

    test('lists existing fixtures, each once', () => {
      expect(listed.size).toBe(fixtures.length);
      for (const file of listed.keys()) expect(fixtureFiles).toContain(file);
    });

    test.each(fixtureFiles)('matches as listed in %s', (file) => {
      expect(loadFixture(file).querySelectorAll(selector).length).toBe(listed.get(file) ?? 0);
    });
  });
});
