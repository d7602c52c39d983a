// zod/mini: this module is part of the content script, which has a 40 KB budget.
import * as z from 'zod/mini';

/**
 * The one error shape that crosses contexts (structured clone drops Error subclasses).
 * `message` is written for a technician: what happened and what to do about it.
 */
export const AppErrorData = z.object({
  code: z.string(),
  message: z.string(),
  /** What to do next, when the message alone does not say it. */
  hint: z.optional(z.string()),
  /** Which setting or input field the error is about (the options page focuses it). */
  field: z.optional(z.string()),
  status: z.optional(z.number()),
  /** Per-field validation messages, e.g. from a ConnectWise InvalidObject answer. */
  details: z.optional(z.array(z.object({ field: z.optional(z.string()), message: z.string() }))),
  /** Safe to retry the same call unchanged. */
  retryable: z.optional(z.boolean()),
});
export type AppErrorData = z.infer<typeof AppErrorData>;

/** Zod issues as error details, with dotted field paths. */
export function issueDetails(error: z.core.$ZodError): NonNullable<AppErrorData['details']> {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || undefined, message: issue.message }));
}

export class AppError extends Error {
  readonly data: AppErrorData;

  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'AppError';
    this.data = data;
  }

  static from(error: unknown): AppError {
    if (error instanceof AppError) return error;
    if (error instanceof z.core.$ZodError) {
      return new AppError({
        code: 'invalid-data',
        message: 'Backup Bridge received data it does not understand.',
        hint: 'This is a bug or an unexpected answer; the details name the fields.',
        details: issueDetails(error),
      });
    }
    const message = error instanceof Error ? error.message : String(error);
    return new AppError({ code: 'internal', message: `Something went wrong: ${message}` });
  }
}
