import { useState } from 'preact/hooks';
import type { AppErrorData } from '../../lib/errors';
import type { MappingChoices } from '../../lib/messages/setup';
import type { Mappings, Severity } from '../../lib/settings';
import { ErrorMessage } from '../ErrorMessage';

export interface MappingsStepProps {
  choices: { kind: 'loading' } | { kind: 'error'; error: AppErrorData } | { kind: 'ready'; choices: MappingChoices };
  current: Mappings;
  onRetry(): void;
  onSave(mappings: Mappings): Promise<void>;
  onNext(): void;
}

type Key = Exclude<keyof Mappings, 'priorityIds'> | `priority.${Severity}`;
const SEVERITIES: Array<[Severity, string]> = [['high', 'High'], ['medium', 'Medium'], ['low', 'Low']];
const REQUIRED: Key[] = ['serviceBoardId', 'statusNewId', 'statusClosedId', 'statusCancelledId'];

function Select(props: {
  id: Key;
  label: string;
  value: number | undefined;
  options: Array<{ id: number; name: string }>;
  onChange(value: number | undefined): void;
  error?: string | undefined;
}) {
  return (
    <div class="bb-field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value === undefined ? '' : String(props.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        onChange={(event) => {
          const raw = (event.currentTarget as HTMLSelectElement).value;
          props.onChange(raw === '' ? undefined : Number(raw));
        }}
      >
        <option value="">— choose —</option>
        {props.options.map((o) => <option key={o.id} value={String(o.id)}>{o.name}</option>)}
      </select>
      {props.error && <small id={`${props.id}-error`} class="bb-field__error">{props.error}</small>}
    </div>
  );
}

/** Pick the board's status whose name matches, when nothing is chosen yet. */
const byName = (statuses: Array<{ id: number; name: string }>, pattern: RegExp) => statuses.find((s) => pattern.test(s.name))?.id;

export function MappingsStep({ choices, current, onRetry, onSave, onNext }: MappingsStepProps) {
  const [draft, setDraft] = useState<Mappings>(current);
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const [saveState, setSaveState] = useState<'idle' | 'busy' | 'saved' | AppErrorData>('idle');

  if (choices.kind === 'loading') return <section class="bb-card"><h2>3. Mappings</h2><p role="status">Loading boards, statuses and products from Manage…</p></section>;
  if (choices.kind === 'error') {
    return (
      <section class="bb-card" aria-labelledby="mappings-title">
        <h2 id="mappings-title">3. Mappings</h2>
        <ErrorMessage error={choices.error} />
        <button type="button" class="bb-button" onClick={onRetry}>Try again</button>
      </section>
    );
  }
  const { boards, priorities, categories, productTypes } = choices.choices;
  const board = boards.find((b) => b.id === draft.serviceBoardId);
  const statuses = board?.statuses ?? [];
  const category = categories.find((c) => c.id === draft.productCategoryId);
  const update = (patch: Partial<Mappings>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaveState('idle');
  };
  const chooseBoard = (id: number | undefined) => {
    const next = boards.find((b) => b.id === id);
    const open = next?.statuses.filter((s) => !s.closed) ?? [];
    const closed = next?.statuses.filter((s) => s.closed) ?? [];
    update({
      serviceBoardId: id,
      statusNewId: byName(open, /^new\b/i) ?? open[0]?.id,
      statusClosedId: byName(closed, /^(closed|completed|resolved)\b/i),
      statusCancelledId: byName(closed, /^cancel/i),
    });
  };

  return (
    <form
      class="bb-card"
      aria-labelledby="mappings-title"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const found: Partial<Record<Key, string>> = {};
        for (const key of REQUIRED) if (draft[key as keyof Mappings] === undefined) found[key] = 'Choose one: backup tickets need it.';
        setErrors(found);
        if (Object.keys(found).length) {
          (event.currentTarget.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
          return;
        }
        setSaveState('busy');
        try {
          await onSave(draft);
          setSaveState('saved');
        } catch (error) {
          setSaveState((error as { data?: AppErrorData }).data ?? { code: 'internal', message: String(error) });
        }
      }}
    >
      <h2 id="mappings-title">3. Mappings</h2>
      <p class="bb-muted">Fetched live from your Manage. Missing a value? Create it in Manage first, then reload this page.</p>
      <fieldset>
        <legend>Backup tickets</legend>
        <Select id="serviceBoardId" label="Service board" value={draft.serviceBoardId} options={boards} onChange={chooseBoard} error={errors.serviceBoardId} />
        <Select id="statusNewId" label="New ticket status" value={draft.statusNewId} options={statuses.filter((s) => !s.closed)} onChange={(v) => update({ statusNewId: v })} error={errors.statusNewId} />
        <Select id="statusClosedId" label="Closed ticket status" value={draft.statusClosedId} options={statuses.filter((s) => s.closed)} onChange={(v) => update({ statusClosedId: v })} error={errors.statusClosedId} />
        <Select id="statusCancelledId" label="Cancelled ticket status" value={draft.statusCancelledId} options={statuses.filter((s) => s.closed)} onChange={(v) => update({ statusCancelledId: v })} error={errors.statusCancelledId} />
        {SEVERITIES.map(([severity, label]) => (
          <Select key={severity} id={`priority.${severity}`} label={`Priority for ${label.toLowerCase()} severity`} value={draft.priorityIds?.[severity]} options={priorities}
            onChange={(v) => update({ priorityIds: { ...draft.priorityIds, [severity]: v } })} />
        ))}
      </fieldset>
      <fieldset>
        <legend>Plans in the product catalog</legend>
        <Select id="productCategoryId" label="Product category" value={draft.productCategoryId} options={categories}
          onChange={(v) => update({ productCategoryId: v, productSubcategoryId: undefined })} />
        <Select id="productSubcategoryId" label="Product subcategory" value={draft.productSubcategoryId} options={category?.subcategories ?? []}
          onChange={(v) => update({ productSubcategoryId: v })} />
        <Select id="productTypeId" label="Product type" value={draft.productTypeId} options={productTypes} onChange={(v) => update({ productTypeId: v })} />
      </fieldset>
      <div class="bb-actions">
        <button type="submit" class="bb-button bb-button--primary" disabled={saveState === 'busy'}>Save mappings</button>
        {saveState === 'saved' && <button type="button" class="bb-button" onClick={onNext}>Next: summary</button>}
      </div>
      <div aria-live="polite">
        {saveState === 'saved' && <p role="status" class="bb-success">Mappings saved.</p>}
        {typeof saveState === 'object' && <ErrorMessage error={saveState} />}
      </div>
    </form>
  );
}
