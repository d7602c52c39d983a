import type { ComponentChildren } from 'preact';
import type { useStepForm } from './form-state';
import { StepStatus } from './StepStatus';

export interface ConnectionFormProps<Values extends Record<string, string>, Check> {
  form: ReturnType<typeof useStepForm<Values, Check>>;
  /** Names the heading id (`${section}-title`) and the prefix of background field errors (`${section}.site`). */
  section: 'manage' | 'vendor';
  title: string;
  intro: ComponentChildren;
  /** What the busy status says while the connection is tested. */
  busy: string;
  nextLabel: string;
  onNext(): void;
  /** Field errors found before anything is sent. */
  validate(): Record<string, string | undefined>;
  /** Save and test; gets the form so unbound inputs (checkboxes) can be read. */
  submit(form: HTMLFormElement): Promise<Check>;
  connected(check: Check): ComponentChildren;
  children: ComponentChildren;
}

/** A set-up step that saves a connection and tests it: fields, "Save and test", the result, "Next". */
export function ConnectionForm<Values extends Record<string, string>, Check>(props: ConnectionFormProps<Values, Check>) {
  const { form, section } = props;
  return (
    <form
      ref={form.formRef}
      class="bb-card"
      aria-labelledby={`${section}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const element = event.currentTarget;
        if (!form.check(props.validate())) return;
        const prefix = `${section}.`;
        void form.run(props.busy, () => props.submit(element), (field) => (field.startsWith(prefix) ? field.slice(prefix.length) : field));
      }}
    >
      <h2 id={`${section}-title`}>{props.title}</h2>
      <p class="bb-muted">{props.intro}</p>
      {props.children}
      <div class="bb-actions">
        <button type="submit" class="bb-button bb-button--primary" disabled={form.state.kind === 'busy'}>
          Save and test connection
        </button>
        {form.state.kind === 'done' && (
          <button type="button" class="bb-button" onClick={props.onNext}>{props.nextLabel}</button>
        )}
      </div>
      <StepStatus state={form.state} done={props.connected} />
    </form>
  );
}
