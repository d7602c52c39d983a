import { useState } from 'preact/hooks';
import type { PublicSettings } from '../../lib/messages/settings';
import type { ImportResult } from '../../lib/messages/settings';
import type { SettingsDocument } from '../../lib/settings';
import { SettingsImport } from '../SettingsImport';
import { Field } from './Field';

export interface SummaryItem {
  step: string;
  label: string;
  ok: boolean;
  /** What is missing, when not ok. */
  missing?: string;
}

export interface SummaryStepProps {
  settings: PublicSettings;
  items: SummaryItem[];
  onExport(includeSecrets: boolean): Promise<SettingsDocument>;
  onImport(document: unknown): Promise<ImportResult>;
  onSaveTechnician(name: string): Promise<void>;
}

export function SummaryStep({ settings, items, onExport, onImport, onSaveTechnician }: SummaryStepProps) {
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [technician, setTechnician] = useState(settings.technician ?? '');
  const [technicianSaved, setTechnicianSaved] = useState(false);
  const ready = items.every((item) => item.ok);
  return (
    <>
      <section class="bb-card" aria-labelledby="summary-title">
        <h2 id="summary-title">4. Summary</h2>
        <p role="status" class={ready ? 'bb-success' : 'bb-muted'}>
          {ready ? 'Backup Bridge is ready. Open a company, agreement or backup ticket in Manage.' : 'Some parts still need attention.'}
        </p>
        <ul class="bb-checklist">
          {items.map((item) => (
            <li key={item.label} data-state={item.ok ? 'done' : 'missing'}>
              <span aria-hidden="true">{item.ok ? '✔' : '✖'}</span> {item.label}
              {!item.ok && (
                <>
                  : {item.missing} — <a href={`#${item.step}`}>fix it</a>
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
      <form
        class="bb-card"
        aria-labelledby="technician-title"
        onSubmit={async (event) => {
          event.preventDefault();
          await onSaveTechnician(technician.trim());
          setTechnicianSaved(true);
        }}
      >
        <h2 id="technician-title">Your name in ticket notes</h2>
        <Field
          id="technician"
          label="Name"
          value={technician}
          onInput={(value) => {
            setTechnician(value);
            setTechnicianSaved(false);
          }}
          hint="Notes Backup Bridge adds to tickets say who clicked (ConnectWise shows the API member as their author). Kept in this browser only."
        />
        <div class="bb-actions">
          <button type="submit" class="bb-button">Save name</button>
        </div>
        <p aria-live="polite" class="bb-success">{technicianSaved && 'Saved.'}</p>
      </form>
      <section class="bb-card" aria-labelledby="export-title">
        <h2 id="export-title">Export settings</h2>
        <p class="bb-muted">A settings document another technician can import. Keys are left out unless you include them.</p>
        <label class="bb-check">
          <input type="checkbox" checked={includeSecrets} onChange={(e) => setIncludeSecrets((e.currentTarget as HTMLInputElement).checked)} />
          Include the API keys and tokens (keep the file safe)
        </label>
        <div class="bb-actions">
          <button
            type="button"
            class="bb-button"
            onClick={async () => {
              const document = await onExport(includeSecrets);
              const url = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }));
              const link = Object.assign(window.document.createElement('a'), { href: url, download: 'backup-bridge-settings.json' });
              link.click();
              URL.revokeObjectURL(url);
            }}
          >
            Download settings
          </button>
        </div>
      </section>
      <SettingsImport onImport={onImport} />
    </>
  );
}
