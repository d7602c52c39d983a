import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []);
}

describe('runtime code', () => {
  const runtime = sources(here).filter((file) => !/\.(test|typecheck)\.ts$/.test(file) && !file.endsWith('test-support.ts'));

  it('never imports connectwise-rest (a devDependency, used only by contract.typecheck.ts)', () => {
    const offenders = runtime.filter((file) => /from\s+['"]connectwise-rest/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(here, file))).toEqual([]);
  });

  it('never imports the browser, WXT or storage (the background wires those in)', () => {
    const offenders = runtime.filter((file) => /from\s+['"](wxt\/|webextension-polyfill|[./]+storage|[./]+secrets)/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(here, file))).toEqual([]);
  });

  it('contract.typecheck.ts imports only types from connectwise-rest', () => {
    const text = readFileSync(join(here, 'contract.typecheck.ts'), 'utf8');
    expect(text).toMatch(/import type \{ components \} from 'connectwise-rest\/dist\/ManageTypes'/);
    expect(text).not.toMatch(/^import (?!type)[^;]*connectwise-rest/m);
  });
});
