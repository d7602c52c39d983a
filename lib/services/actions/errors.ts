import { AppError } from '../../errors';

/** A refusal in a technician's words: nothing was changed. */
export const refuse = (code: string, message: string, hint?: string): AppError =>
  new AppError({ code, message, ...(hint === undefined ? {} : { hint }) });

/**
 * The same error with what Backup Bridge was doing in front of it. Code, hint, status and details
 * stay as the client wrote them, so the technician still sees what to do about it.
 */
export function withContext(error: unknown, doing: string): AppError {
  const { data } = AppError.from(error);
  return new AppError({ ...data, message: `${doing}: ${data.message}` });
}
