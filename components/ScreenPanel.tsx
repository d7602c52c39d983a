import type { ComponentChildren } from 'preact';
import type { AppErrorData } from '../lib/errors';
import type { PanelView } from '../lib/messages/panels';
import { ErrorMessage } from './ErrorMessage';
import { formatTime } from './format';
import { PanelFrame } from './PanelFrame';
import { PanelStatus } from './PanelStatus';

export interface ScreenPanelProps {
  title: string;
  /** What the view has in common on every screen; null before the first view. */
  view: Pick<PanelView, 'asOf' | 'errors'> | null;
  refreshing: boolean;
  /** Why nothing (or nothing current) can be shown. */
  unavailable: AppErrorData | null;
  collapsed: boolean;
  onToggle(): void;
  onRefresh(): void;
  onOpenSetup(): void;
  /** The screen's own content, rendered when there is a view. */
  children?: ComponentChildren;
}

const SOURCES = { manage: 'ConnectWise', vendor: 'Backup vendor' } as const;

/**
 * What every screen panel shares: the frame with "as of", refreshing and Refresh in its header;
 * loading and unavailable states; and the parts that failed to load, shown above the rest.
 */
export function ScreenPanel({ title, view, refreshing, unavailable, collapsed, onToggle, onRefresh, onOpenSetup, children }: ScreenPanelProps) {
  return (
    <PanelFrame
      title={title}
      collapsed={collapsed}
      onToggle={onToggle}
      state={view ? (refreshing ? 'refreshing' : 'ready') : unavailable ? 'unavailable' : 'loading'}
      subtitle={view && <>as of {formatTime(view.asOf)}</>}
      actions={
        <>
          {refreshing && (
            <span class="bb-refreshing" role="status">
              Refreshing…
            </span>
          )}
          {/* aria-disabled keeps the focus on the button while a refresh runs. */}
          <button type="button" class="bb-button bb-button--small" aria-disabled={refreshing} onClick={refreshing ? undefined : onRefresh}>
            Refresh
          </button>
        </>
      }
    >
      {unavailable && <PanelStatus state={{ kind: 'unavailable', error: unavailable }} onOpenSetup={onOpenSetup} />}
      {view ? (
        <>
          {(['manage', 'vendor'] as const).map(
            (source) => view.errors[source] && <ErrorMessage key={source} source={SOURCES[source]} error={view.errors[source]} />,
          )}
          {children}
        </>
      ) : (
        !unavailable && <PanelStatus state={{ kind: 'loading' }} onOpenSetup={onOpenSetup} />
      )}
    </PanelFrame>
  );
}
