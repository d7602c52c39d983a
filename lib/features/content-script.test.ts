import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

/**
 * The content script has a 40 KB budget and runs inside someone else's page: it must never pull
 * in the background's code or classic zod. This walks the modules it really bundles (value
 * imports, not type-only ones) from its entrypoint.
 */
const ROOT = resolve(__dirname, '../..');
const ENTRY = join(ROOT, 'entrypoints/manage.content.ts');
const FORBIDDEN = [/^lib\/domain\//, /^lib\/vendor\//, /^lib\/connectwise\//, /^lib\/services\//, /^lib\/settings\.ts$/, /^lib\/messages\/(popup|settings|setup)\.ts$/];

function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((element) => element.isTypeOnly));
      if (!typeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

function bundledModules(): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    if (!/\.tsx?$/.test(file)) return;
    for (const specifier of valueImports(file)) {
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const base = resolve(dirname(file), specifier.replace(/\?.*$/, ''));
      const found = ['', '.ts', '.tsx', '/index.ts'].map((ext) => base + ext).find((path) => existsSync(path) && statSync(path).isFile());
      if (found) visit(found);
    }
  };
  visit(ENTRY);
  return { files: new Set([...files].map((file) => relative(ROOT, file))), packages };
}

describe('the content script bundle', () => {
  const { files, packages } = bundledModules();

  test('reaches the panels', () => {
    expect(files).toContain('lib/ui/panel-port.ts');
    expect(files).toContain('components/CompanyPanel.tsx');
  });

  test('never includes background code', () => {
    expect([...files].filter((file) => FORBIDDEN.some((pattern) => pattern.test(file)))).toEqual([]);
  });

  test('uses zod/mini only', () => {
    expect([...packages].filter((name) => name === 'zod' || name.startsWith('zod/v4') || name === 'zod/v3')).toEqual([]);
  });
});
