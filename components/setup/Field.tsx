import type { ComponentChildren } from 'preact';

export interface FieldProps {
  /** Also the settings path (`manage.site`), so a background error can point at it. */
  id: string;
  label: string;
  value: string;
  onInput(value: string): void;
  type?: 'text' | 'password' | 'url';
  error?: string | undefined;
  hint?: ComponentChildren;
  placeholder?: string;
  /** Set by the MSP's browser policy: shown, not editable. */
  locked?: boolean;
  autoComplete?: string;
  list?: string;
}

/** A labelled input whose error and hint are announced with it (aria-describedby). */
export function Field({ id, label, value, onInput, type = 'text', error, hint, placeholder, locked, autoComplete, list }: FieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error && errorId, (hint || locked) && hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="bb-field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={id}
        {...(type === 'password' ? { type: 'password' as const } : { type: 'text' as const, list })}
        inputMode={type === 'url' ? 'url' : undefined}
        value={value}
        placeholder={placeholder}
        readOnly={locked}
        autoComplete={autoComplete ?? 'off'}
        spellcheck={false}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        onInput={(event) => onInput((event.currentTarget as HTMLInputElement).value)}
      />
      {(hint || locked) && (
        <small id={hintId} class="bb-muted">
          {locked ? 'Set by your administrator’s browser policy.' : hint}
        </small>
      )}
      {error && (
        <small id={errorId} class="bb-field__error">
          {error}
        </small>
      )}
    </div>
  );
}
