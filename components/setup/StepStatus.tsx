import { ErrorMessage } from '../ErrorMessage';
import type { SubmitState } from './form-state';
import type { ComponentChildren } from 'preact';

/** The live region under a step's buttons: progress, the error, or what was found. */
export function StepStatus<Result>({ state, done }: { state: SubmitState<Result>; done(result: Result): ComponentChildren }) {
  return (
    <div class="bb-step-status" aria-live="polite">
      {state.kind === 'busy' && <p role="status" class="bb-muted">{state.what}…</p>}
      {state.kind === 'error' && <ErrorMessage error={state.error} />}
      {state.kind === 'done' && done(state.result)}
    </div>
  );
}
