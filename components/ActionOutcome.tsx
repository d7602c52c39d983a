import { ErrorMessage } from './ErrorMessage';
import type { PanelResult } from './panel-types';

/** What an action came to: the background's words on success, the error and its hint otherwise. */
export function ActionOutcome({ result }: { result: PanelResult | null }) {
  if (!result) return null;
  if (result.ok) return <p class="bb-ok">{result.message ?? 'Done.'}</p>;
  return <ErrorMessage error={result.error ?? { code: 'failed', message: result.message ?? 'That did not work.' }} />;
}
