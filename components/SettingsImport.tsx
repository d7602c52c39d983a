import { useState } from 'preact/hooks';
import type { AppErrorData } from '../lib/errors';
import type { ImportResult } from '../lib/messages/settings';
import { ErrorMessage } from './ErrorMessage';

export interface SettingsImportProps {
  /** Resolves with what changed, or rejects with a technician-readable error. */
  onImport(document: unknown): Promise<ImportResult>;
}

type State =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'error'; error: AppErrorData };

const parseError = (message: string): AppErrorData => ({
  code: 'invalid-json',
  message: 'That is not a JSON document; nothing was changed.',
  hint: message,
});

/** Import a settings document from a file or pasted text. Typed text survives an error. */
export function SettingsImport({ onImport }: SettingsImportProps) {
  const [text, setText] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });

  const submit = async (source: string) => {
    let document: unknown;
    try {
      document = JSON.parse(source);
    } catch (error) {
      setState({ kind: 'error', error: parseError((error as Error).message) });
      return;
    }
    setState({ kind: 'busy' });
    try {
      setState({ kind: 'done', result: await onImport(document) });
    } catch (error) {
      const data = (error as { data?: AppErrorData }).data;
      setState({ kind: 'error', error: data ?? { code: 'internal', message: String(error) } });
    }
  };

  return (
    <section class="bb-card" aria-labelledby="import-title">
      <h2 id="import-title">Import settings</h2>
      <p class="bb-muted">
        A JSON settings document (see “Settings document” in the README) sets up everything at once.
        Keys in it are kept by the extension’s background only.
      </p>
      <label class="bb-field">
        <span>Choose a file</span>
        <input
          type="file"
          accept="application/json,.json"
          onChange={async (event) => {
            const file = (event.currentTarget as HTMLInputElement).files?.[0];
            if (!file) return;
            const content = await file.text();
            setText(content);
            await submit(content);
          }}
        />
      </label>
      <label class="bb-field">
        <span>…or paste it</span>
        <textarea
          rows={8}
          value={text}
          spellcheck={false}
          onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>
      <button
        type="button"
        class="bb-button bb-button--primary"
        disabled={state.kind === 'busy' || text.trim() === ''}
        onClick={() => submit(text)}
      >
        Import
      </button>
      <div aria-live="polite">
        {state.kind === 'done' && (
          <p class="bb-success" role="status">
            Imported: {state.result.updated.join(', ') || 'nothing to change'}.
          </p>
        )}
        {state.kind === 'error' && <ErrorMessage error={state.error} />}
      </div>
    </section>
  );
}
