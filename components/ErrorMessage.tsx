import type { AppErrorData } from '../lib/errors';

/**
 * A technician-readable error: what happened, what to do, and per-field details. `source` names
 * the side it concerns when the rest of the screen still shows ("ConnectWise", "Backup vendor").
 */
export function ErrorMessage({ error, source }: { error: AppErrorData; source?: string }) {
  return (
    <div class="bb-error" role="alert">
      <p class="bb-error__message">
        {source && <strong>{source}: </strong>}
        {error.message}
      </p>
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
