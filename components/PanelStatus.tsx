import type { AppErrorData } from '../lib/errors';
import { ErrorMessage } from './ErrorMessage';

type PanelStatusState = { kind: 'loading' } | { kind: 'unavailable'; error: AppErrorData };

/** "manage-not-configured", "vendor-not-configured", "not-configured": set-up is the fix. */
const isNotConfigured = (error: AppErrorData) => /(^|-)not-configured$/.test(error.code);

/** What a panel says before (or instead of) its data. */
export function PanelStatus({ state, onOpenSetup }: { state: PanelStatusState; onOpenSetup(): void }) {
  if (state.kind === 'loading') {
    return (
      <p class="bb-muted" role="status">
        Loading backup data…
      </p>
    );
  }
  const { error } = state;
  const setUp = (
    <button type="button" class="bb-link" onClick={onOpenSetup}>
      Open set-up
    </button>
  );
  if (isNotConfigured(error)) {
    return (
      <p>
        {error.message || 'Backup Bridge is not set up yet.'} {setUp}
      </p>
    );
  }
  return (
    <>
      <ErrorMessage error={error} />
      {/* An error about a setting (bad keys, wrong site) is fixed in set-up. */}
      {error.field && <p>{setUp}</p>}
    </>
  );
}
