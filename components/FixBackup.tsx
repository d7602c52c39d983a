import type { FixStateView, TicketView } from '../lib/messages/panels';
import { ActionOutcome } from './ActionOutcome';
import { formatWhen } from './format';
import type { ActionHandler } from './panel-types';
import { useAction } from './use-action';
import { fixResult, fixStepsText } from './words';

type Plan = NonNullable<TicketView['backup']>['plan'];

export interface FixBackupProps {
  ticketId: number;
  plan: Plan;
  /** The fix recorded on the ticket (by anyone), from the background. */
  fix: FixStateView | null;
  /** A closed ticket offers nothing to start (the last fix, if any, is still shown). */
  ticketClosed: boolean;
  now: number;
  onAction: ActionHandler;
}

const STEP_WORDS: Readonly<Record<string, string>> = { reauthorize: 'Re-authorise', retry: 'Retry the backup' };

/** The same action does what the plan says: fix, follow a running backup, or just close the ticket. */
const START_LABEL = {
  fix: 'Fix and resume backup',
  'in-progress': 'Follow the running backup',
  'already-healthy': 'Close the ticket (backup is healthy)',
  'cannot-fix': '',
} as const;

/**
 * "Fix and resume backup": what it will do (or why it cannot), one start only, progress read out
 * as it comes, then the result. A fix someone else started (or this page before a reload) is
 * followed, not started again.
 */
export function FixBackup({ ticketId, plan, fix, ticketClosed, now, onAction }: FixBackupProps) {
  const action = useAction(onAction);
  const running = action.busy.value;
  const result = action.result.value;
  const followed = !running && fix !== null && fix.result === null ? fix : null;
  const canStart = plan.kind !== 'cannot-fix' && !ticketClosed && followed === null;

  return (
    <div class="bb-fix">
      {plan.kind === 'fix' ? <p>Fix will: {fixStepsText(plan.steps)}.</p> : plan.message && <p class="bb-note">{plan.message}</p>}
      {followed && (
        <p class="bb-note bb-note--warn">
          Started by {followed.startedBy} at {formatWhen(followed.startedAt, now)} — following it.
        </p>
      )}
      {!running && !result && fix?.result && (
        <p class="bb-muted">
          Last fix, by {fix.startedBy} at {formatWhen(fix.startedAt, now)}: {fixResult(fix.result)}
        </p>
      )}
      {(canStart || running) && (
        // aria-disabled keeps the keyboard focus on the button while it runs; useAction ignores a second click.
        <button
          type="button"
          class="bb-button bb-button--primary"
          aria-disabled={running}
          onClick={() => void action.run({ kind: 'fix-backup', ticketId })}
        >
          {running ? 'Fixing…' : START_LABEL[plan.kind]}
        </button>
      )}
      <div class="bb-fix__progress" aria-live="polite">
        {running || result ? (
          <ol class="bb-steps">
            {action.progress.value.map((message, index) => (
              <li key={index}>{message}</li>
            ))}
          </ol>
        ) : (
          followed && (
            <ol class="bb-steps">
              {followed.steps.map((step, index) => (
                <li key={index}>
                  {step.message ?? `${STEP_WORDS[step.kind] ?? step.kind}: ${step.status}`}
                </li>
              ))}
            </ol>
          )
        )}
        <ActionOutcome result={result} />
      </div>
    </div>
  );
}
