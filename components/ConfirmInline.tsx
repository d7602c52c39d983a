import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { PanelAction } from '../lib/messages/panels';
import type { useAction } from './use-action';
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

export interface ConfirmButtonProps extends Pick<ConfirmInlineProps, 'title' | 'confirmLabel' | 'children'> {
  label: string;
  buttonClass: string;
  /** Runs `request` once confirmed; its outcome is the caller's to show (it may outlive this button). */
  action: ReturnType<typeof useAction>;
  request: PanelAction;
}

/**
 * A button that opens a ConfirmInline under it and runs the action once confirmed. The button
 * stays while the confirmation is open, so focus can go back to it.
 */
export function ConfirmButton({ label, buttonClass, action, request, title, confirmLabel, children }: ConfirmButtonProps) {
  const confirming = useSignal(false);
  const confirm = async () => {
    await action.run(request);
    confirming.value = false;
  };
  return (
    <>
      <button
        type="button"
        class={buttonClass}
        aria-expanded={confirming.value}
        onClick={() => {
          action.clear();
          confirming.value = true;
        }}
      >
        {label}
      </button>
      {confirming.value && (
        <ConfirmInline
          title={title}
          confirmLabel={confirmLabel}
          busy={action.busy.value}
          onConfirm={() => void confirm()}
          onCancel={() => (confirming.value = false)}
        >
          {children}
        </ConfirmInline>
      )}
    </>
  );
}
