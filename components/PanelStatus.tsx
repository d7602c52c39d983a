import type { AppErrorData } from '../lib/errors';

export interface PanelStatusProps {
  state: { kind: 'loading' } | { kind: 'not-configured' } | { kind: 'error'; error: AppErrorData } | { kind: 'ready'; text: string };
  onOpenSetup(): void;
}

/** What a panel says before (or instead of) its data. */
export function PanelStatus({ state, onOpenSetup }: PanelStatusProps) {
  switch (state.kind) {
    case 'loading':
      return <p class="bb-muted" role="status">Loading backup data…</p>;
    case 'not-configured':
      return (
        <p>
          Backup Bridge is not set up yet.{' '}
          <button type="button" class="bb-link" onClick={onOpenSetup}>Open set-up</button>
        </p>
      );
    case 'error':
      return (
        <div class="bb-error" role="alert">
          <p>{state.error.message}</p>
          {state.error.hint && <p>{state.error.hint}</p>}
        </div>
      );
    case 'ready':
      return <p class="bb-muted">{state.text}</p>;
  }
}
