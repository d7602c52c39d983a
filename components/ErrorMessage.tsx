import type { AppErrorData } from '../lib/errors';

/** A technician-readable error: what happened, what to do, and per-field details. */
export function ErrorMessage({ error }: { error: AppErrorData }) {
  return (
    <div class="bb-error" role="alert">
      <p class="bb-error__message">{error.message}</p>
      {error.hint && <p class="bb-error__hint">{error.hint}</p>}
      {error.details && error.details.length > 0 && (
        <ul class="bb-error__details">
          {error.details.map((detail, index) => (
            <li key={index}>
              {detail.field && <code>{detail.field}</code>} {detail.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
