import type { ScreenState } from '../manage/screen';

/**
 * One user-visible feature per file (refined-github style): where it runs, as plain predicates
 * over the detected screen, and how it sets itself up. Everything it starts must stop when
 * `signal` aborts — the runner aborts on every screen change, so a feature never tracks navigation.
 */
export interface FeatureContext {
  screen: ScreenState;
  signal: AbortSignal;
  doc: Document;
}

export interface Feature {
  id: string;
  /** All must hold for the feature to run on a screen. */
  include: ReadonlyArray<(screen: ScreenState) => boolean>;
  init(context: FeatureContext): void | Promise<void>;
}

export const isCompanyScreen = (screen: ScreenState) => screen.kind === 'company';
export const isAgreementScreen = (screen: ScreenState) => screen.kind === 'agreement';
export const isTicketScreen = (screen: ScreenState) => screen.kind === 'ticket';

/**
 * Start the features that match each screen, and stop them when the screen changes. A failing
 * feature is logged with its id and never stops the others.
 */
export function createFeatureRunner(features: readonly Feature[], doc: Document) {
  let current: AbortController | null = null;
  return {
    show(screen: ScreenState | null, parentSignal: AbortSignal): void {
      current?.abort();
      current = null;
      if (!screen || parentSignal.aborted) return;
      const controller = new AbortController();
      parentSignal.addEventListener('abort', () => controller.abort(), { signal: controller.signal });
      current = controller;
      for (const feature of features) {
        if (!feature.include.every((predicate) => predicate(screen))) continue;
        Promise.resolve()
          .then(() => feature.init({ screen, signal: controller.signal, doc }))
          .catch((error: unknown) => console.error(`Backup Bridge: feature "${feature.id}" failed`, error));
      }
    },
  };
}
