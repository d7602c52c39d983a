import { browser } from 'wxt/browser';
import { updateAgreement } from './agreement-actions';
import { createFixBackup } from './fix-backup';
import { linkTenant, suggestTenantLinks, unlinkTenant } from './link-actions';
import { DEFAULT_BUDGET_MS, DEFAULT_INTERVAL_MS, type Pacing } from './pacing';
import { impersonate, openPortal } from './portal-actions';
import { createSingleFlight } from './single-flight';
import type { ActionContext, ActionResult, ActionRunner, RunnableAction } from './types';

export type { ActionContext, ActionResult, ActionRunner, RunnableAction, ViewKey } from './types';
export { MAILBOX_ACTIONS_TYPE } from './tenant-links';

export interface ActionRunnerOptions extends Partial<Pacing> {
  /** The fix's claim ids (tests make them predictable); random by default. */
  newClaim?: () => string;
}

/**
 * The panel actions: everything a technician's click changes. One runner per worker: it holds
 * the in-flight table that makes a double click join the running action.
 * DECISION: identical requests in flight share one run (and its progress and result), whatever
 * the action; different requests (another quantity, another ticket) run on their own, and the
 * checks inside each action keep them apart.
 */
export function createActionRunner(options: ActionRunnerOptions = {}): ActionRunner {
  const { newClaim, ...pacing } = options;
  const fixBackup = createFixBackup({
    intervalMs: DEFAULT_INTERVAL_MS,
    budgetMs: DEFAULT_BUDGET_MS,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    keepAlive: () => browser.runtime.getPlatformInfo(),
    ...pacing,
  }, newClaim);

  const handle = (action: RunnableAction, context: ActionContext): Promise<ActionResult> => {
    switch (action.kind) {
      case 'suggest-links': return suggestTenantLinks(action, context);
      case 'link-tenant': return linkTenant(action, context);
      case 'unlink-tenant': return unlinkTenant(action, context);
      case 'update-agreement': return updateAgreement(action, context);
      case 'fix-backup': return fixBackup(action, context);
      case 'impersonate': return impersonate(action, context);
      case 'open-portal': return openPortal(context);
    }
  };
  const inFlight = createSingleFlight<ActionResult>();
  return (action, context) => inFlight(JSON.stringify(action), context, (shared) => handle(action, shared));
}
