import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { useFocusRegion } from './use-focus-region';

export interface ConfirmInlineProps {
  /** The question, e.g. "Change the quantity on Email Backup from 18 to 25?" */
  title: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
  /** What will happen: dates, warnings. */
  children?: ComponentChildren;
}

/** A confirmation in place of a dialog (a modal would fight Manage's own); Escape cancels. */
export function ConfirmInline({ title, confirmLabel, busy = false, onConfirm, onCancel, children }: ConfirmInlineProps) {
  const region = useFocusRegion<HTMLDivElement>(onCancel, !busy);
  const titleId = useId();
  return (
    <div {...region} class="bb-confirm" role="group" aria-labelledby={titleId}>
      <p class="bb-confirm__title" id={titleId}>
        {title}
      </p>
      {children}
      {/* aria-disabled, not disabled, while busy: a disabled button would drop the keyboard focus. */}
      <div class="bb-confirm__actions">
        <button type="button" class="bb-button bb-button--primary" aria-disabled={busy} onClick={busy ? undefined : onConfirm}>
          {busy ? 'Working…' : confirmLabel}
        </button>
        <button type="button" class="bb-button" aria-disabled={busy} onClick={busy ? undefined : onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
