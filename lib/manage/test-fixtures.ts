/** Test-only: the HTML fixtures in ./fixtures (see selectors.ts), parsed with the DOM of the test environment. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const directory = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export const fixtureFiles: readonly string[] = readdirSync(directory).filter((file) => file.endsWith('.html')).sort();

const html = (file: string) => readFileSync(join(directory, file), 'utf8');

/** Parsed fixture. Frames get an empty `srcdoc` instead of their `src`: happy-dom would try to load them. */
export function loadFixture(file: string): Document {
  const inertFrames = html(file)
    .replace(/(<iframe\b[^>]*?)\ssrc=/g, '$1 data-src=')
    .replace(/<iframe\b/g, '<iframe srcdoc=""');
  return new DOMParser().parseFromString(inertFrames, 'text/html');
}

/** The address the fixture was captured at, from its leading comment (`url: …`). */
export function fixtureUrl(file: string): string {
  const url = /url: (\S+)/.exec(html(file))?.[1];
  if (!url) throw new Error(`${file} names no url`);
  return url;
}

/** The two public compressed hashes (connectwise-screens.md §1.5), as they appear in address bars. */
export const CALENDAR_HASH =
  '#XQAACAAIAQAAAAAAAAA9iIoG07$U9W$XoZrQZV53xmzzTvE8Ibss$VHxl7o9pHfOfx3HsqiLhsuU5XFJlTJz04IgK3drE6m_Ze1vsxLYqBMDWQ0uF4WhvJRxxxYyVMOxUtq$BIlPW0k_jvLCp7qVoEnTD7sTRc5cNkjk_H4RybGIuESdbTgnJsF9BxGNDIEGY3yHs4bx5Ap_ns7$VXoKfTloL4pIyGGYr0oMBre26tgNg8MPNrLDJruZ9flC$eOfgD1YrKOcyf_yZtgA??CalendarSchedule';
export const BOARD_HASH =
  '#XQAACADDAwAAAAAAAAA9iIoG07$U9W$OXqU2f868IPYhCwZbCCkqIYRFHeyR$YSSk0sjl7aoF9AsnZZhVeOB946uvkjbEleT3$QSnKOPbfpwf5Rpm4pnPk1eG4JyNyw4s7vLKmXij22FiyTB2oZqWkMCXeweztjksT8JcyXpS28QKVqeMlfeQIvA6iv_pI0FYhAHuS0e3Vbt$Zuae_TWOIh8pyoekVhIeLWFUx_iHiIqFKZ0IFkX0MfeFPUaeW$zvKgRLesGKter7cZIwQmc4Y8195JVWByziRMs2$xmbn18d0ZwG_Ib9tkU6VB9_Ub4niPdSZ$nHIDC$UVoVEOC1Fb8ofrtjiSViR9pq753hcTAPM$PSGDKQQ4djIuGXbE1ZZ0YRUI$qlQONhHfCLrqlUVDP$dCYMDBOkko2Spdq3Z2q$tdG7BACM$b$uAF0IEoXGYAAqoKelgCSjAJ$$Bz93AIVMAy8miuOgfwl$8KxX3SNWL_84lOAA==??ServiceBoard';
