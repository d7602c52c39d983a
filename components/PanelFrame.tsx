import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

export interface PanelFrameProps {
  /** e.g. "Email backup" */
  title: string;
  /** A short line under the title: tenant, plan, "as of" time… */
  subtitle?: ComponentChildren;
  collapsed: boolean;
  onToggle(): void;
  /** Buttons at the right of the header. */
  actions?: ComponentChildren;
  children: ComponentChildren;
  /** `loading`, `ready`, `refreshing` or `unavailable`: what the panel shows, for tests and benchmarks. */
  state?: string;
}

/** The chrome around every panel: a labelled region with a keyboard-operable collapse toggle. */
export function PanelFrame({ title, subtitle, collapsed, onToggle, actions, children, state }: PanelFrameProps) {
  const bodyId = useId();
  const titleId = useId();
  return (
    <section class="bb-panel" aria-labelledby={titleId} data-state={state}>
      <header class="bb-panel__header">
        <button
          type="button"
          class="bb-panel__toggle"
          aria-expanded={!collapsed}
          aria-controls={bodyId}
          onClick={onToggle}
          title={collapsed ? 'Show the panel' : 'Hide the panel'}
        >
          <span class="bb-panel__chevron" aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
          <span class="bb-panel__brand">Backup Bridge</span>
          <h2 class="bb-panel__title" id={titleId}>{title}</h2>
        </button>
        {subtitle && <span class="bb-panel__subtitle">{subtitle}</span>}
        {actions && <span class="bb-panel__actions">{actions}</span>}
      </header>
      <div class="bb-panel__body" id={bodyId} hidden={collapsed}>
        {children}
      </div>
    </section>
  );
}
