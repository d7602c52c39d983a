/**
 * Regenerates the imitation-captured fixtures in lib/manage/fixtures/ (the hand-written
 * `reference-*.html` ones are left alone): opens each screen in Chromium, waits for it to settle,
 * copies live input values into `value` attributes (GWT sets the property only, which outerHTML
 * would lose), drops scripts and saves the document.
 *
 *   npx tsx e2e/sim/screens/capture-fixtures.ts
 *
 * After a capture, re-check the counts in lib/manage/selectors.ts by hand: they are the assertions.
 */
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { SimClock } from '../clock';
import { createManageApi } from '../cw';
import { createManageScreens, manageScreenUrl, type ScreenTarget, type UrlForm } from './index';

interface Capture {
  file: string;
  target: ScreenTarget;
  form: UrlForm;
  variant: 'v2025' | 'v2021';
  /** Wait for this selector before saving; null saves the loading state. */
  ready: string | null;
  /** Clicked after `ready`, then waited for. */
  click?: { selector: string; then: string };
}

const CAPTURES: Capture[] = [
  { file: 'ticket-v2025.html', target: { screen: 'ticket', id: 123456 }, form: 'routeTo', variant: 'v2025', ready: '.detailLabel' },
  { file: 'ticket-v2021.html', target: { screen: 'ticket', id: 123459 }, form: 'hash', variant: 'v2021', ready: '.detailLabel' },
  {
    file: 'ticket-modal-v2025.html', target: { screen: 'ticket', id: 123457 }, form: 'fv_sr100', variant: 'v2025', ready: '.detailLabel',
    click: { selector: '#Contact-label', then: '.cw-gxt-wnd' },
  },
  { file: 'company-v2025.html', target: { screen: 'company', id: 250 }, form: 'routeTo', variant: 'v2025', ready: '.detailLabel' },
  { file: 'agreement-v2025.html', target: { screen: 'agreement', id: 19064 }, form: 'hash', variant: 'v2025', ready: '.detailLabel' },
  { file: 'board-v2021.html', target: { screen: 'board', id: null }, form: 'startscreen', variant: 'v2021', ready: 'table.srboard-grid' },
  { file: 'time-entry-v2025.html', target: { screen: 'time-entry', id: 987 }, form: 'time-expense', variant: 'v2025', ready: '.detailLabel' },
  { file: 'loading-v2025.html', target: { screen: 'ticket', id: 123456 }, form: 'routeTo', variant: 'v2025', ready: null },
];

const FIXTURES = new URL('../../../lib/manage/fixtures/', import.meta.url);
const SERIALIZE = `(() => {
  for (const input of document.querySelectorAll('input')) input.setAttribute('value', input.value);
  for (const script of document.querySelectorAll('script')) script.remove();
  return '<!DOCTYPE html>\\n' + document.documentElement.outerHTML + '\\n';
})()`;

const clock = new SimClock();
const screens = createManageScreens({ store: createManageApi({ clock }).store, now: () => clock.now(), renderDelayMs: 0, rerenderMs: 0 });
const server = http.createServer((req, res) => {
  void screens.handle(req, res).then((handled) => {
    if (!handled) res.writeHead(404).end();
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  for (const capture of CAPTURES) {
    const query: Record<string, string> = { simVariant: capture.variant };
    if (capture.ready === null) query.simDelay = '60000';
    const path = manageScreenUrl(capture.target, { form: capture.form, query });
    await page.goto(origin + path);
    await page.waitForSelector(capture.ready ?? '#cwContent .cw-loading-spinner');
    if (capture.click) {
      await page.click(capture.click.selector);
      await page.waitForSelector(capture.click.then);
    }
    await page.waitForTimeout(100); // past the header re-render (rerenderMs: 0)
    const html = (await page.evaluate(SERIALIZE)) as string;
    const finalPath = page.url().slice(origin.length);
    const note = `<!-- Captured from the Manage imitation by e2e/sim/screens/capture-fixtures.ts. url: https://na.myconnectwise.net${finalPath} -->\n`;
    writeFileSync(new URL(capture.file, FIXTURES), note + html);
    console.log(`${capture.file}  ${finalPath}`);
  }
} finally {
  await browser.close();
  server.close();
}
