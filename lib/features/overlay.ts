import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { watchScreen } from '../manage/watch';
import { wakeBackground } from '../ui/wake';
import { createFeatureRunner, type Feature } from './feature';
import { companyPanel } from './company-panel';
import { agreementPanel } from './agreement-panel';
import { ticketPanel } from './ticket-panel';

const FEATURES: readonly Feature[] = [companyPanel, agreementPanel, ticketPanel];

/**
 * The content script's whole job: follow the Manage screen and run the features that belong on it.
 * Registered top-frame only; the check below also covers a copy injected into a frame by hand.
 * A newer copy of this script (after an update, or a second injection) invalidates `ctx`, which
 * tears everything down, so the page never shows two panels.
 */
export function startManageOverlay(ctx: ContentScriptContext, win: Window = window, wake: () => void = wakeBackground): void {
  if (win !== win.top) return;
  const runner = createFeatureRunner(FEATURES, win.document);
  watchScreen({
    signal: ctx.signal,
    win,
    onChange: (screen) => runner.show(screen, ctx.signal),
    // While Manage loads the next screen, so its panel's connection finds the service worker
    // running (entrypoints/wake.content.ts does the same for page loads).
    onNavigate: wake,
  });
}
