/**
 * Sizes of the built extension (production build, `.output/chrome-mv3`): what each page and the
 * content script cost to load. Target: content script ≤ 40 KB gzipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONTENT_SCRIPT_BUDGET_GZIP = 40 * 1024;

export const PRODUCTION_BUILD_DIR = path.resolve(import.meta.dirname, '../.output/chrome-mv3');

export function measureBundle(dir = PRODUCTION_BUILD_DIR) {
  const files: Array<{ file: string; bytes: number; gzip: number }> = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const full = path.join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(js|css|html)$/.test(name)) {
        const content = readFileSync(full);
        files.push({ file: path.relative(dir, full), bytes: content.length, gzip: gzipSync(content).length });
      }
    }
  };
  walk(dir);
  files.sort((a, b) => b.gzip - a.gzip);
  const contentScript = files.find((f) => f.file === 'content-scripts/manage.js');
  if (!contentScript) throw new Error(`No content script in ${dir}: run "npm run build" first.`);
  return {
    contentScript: { ...contentScript, budgetGzip: CONTENT_SCRIPT_BUDGET_GZIP, withinBudget: contentScript.gzip <= CONTENT_SCRIPT_BUDGET_GZIP },
    files,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(measureBundle(), null, 2));
}
