import { useRef, useState } from 'preact/hooks';
import type { AppErrorData } from '../../lib/errors';

export type SubmitState<Result> =
  | { kind: 'idle' }
  | { kind: 'busy'; what: string }
  | { kind: 'done'; result: Result }
  | { kind: 'error'; error: AppErrorData };

/**
 * Field values, their errors, and the state of one submit, shared by the set-up steps. Values are
 * never reset on an error; a background error that names a field is shown at that field, which
 * gets the focus.
 */
export function useStepForm<Values extends Record<string, string>, Result>(initial: Values) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [state, setState] = useState<SubmitState<Result>>({ kind: 'idle' });
  const formRef = useRef<HTMLFormElement>(null);

  const focusFirstError = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  return {
    values,
    errors,
    state,
    formRef,
    set: (name: keyof Values) => (value: string) => {
      setValues((current) => ({ ...current, [name]: value }));
      setErrors((current) => ({ ...current, [name as string]: undefined }));
    },
    /** Show validation errors before anything is sent; returns false when there were any. */
    check(found: Record<string, string | undefined>): boolean {
      setErrors(found);
      const valid = Object.values(found).every((message) => !message);
      if (!valid) focusFirstError();
      return valid;
    },
    async run(what: string, task: () => Promise<Result>, fieldOf: (field: string) => string | undefined = (f) => f) {
      setState({ kind: 'busy', what });
      try {
        setState({ kind: 'done', result: await task() });
      } catch (error) {
        const data: AppErrorData = (error as { data?: AppErrorData }).data ?? {
          code: 'internal',
          message: error instanceof Error ? error.message : String(error),
        };
        const field = data.field ? fieldOf(data.field) : undefined;
        if (field) {
          setErrors({ [field]: data.message });
          focusFirstError();
        }
        setState({ kind: 'error', error: data });
      }
    },
  };
}
