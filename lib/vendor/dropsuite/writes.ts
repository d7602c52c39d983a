import { AppError } from '../../errors';
import { unconfirmed } from './errors';

/**
 * Changes are never re-sent blindly. When a write fails in a way that leaves its outcome unknown
 * (no answer in time, a dropped connection, a 500/502/504: the vendor may have acted), the
 * caller's `confirm` reads the vendor's state and decides:
 * - `{ done }`: the change is visible, so it happened: return that;
 * - `'resend'`: it did not happen, or sending again is harmless: send once more;
 * - `{ unknown }`: the state does not tell: fail with 'vendor-unconfirmed', saying what it shows.
 * If the state cannot be read either, the original failure is reported.
 */
export type Confirmation<T> = { done: T } | 'resend' | { unknown: string };

function outcomeUnknown(error: unknown): error is AppError {
  if (!(error instanceof AppError)) return false;
  const { code, status } = error.data;
  return code === 'vendor-timeout'
    || (code === 'vendor-unreachable' && status === undefined) // a network failure, not a wrong address
    || (code === 'vendor-unavailable' && status !== 503); // 503: refused before doing anything
}

export async function writeOnce<T>(send: () => Promise<T>, confirm: () => Promise<Confirmation<T>>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!outcomeUnknown(error)) throw error;
    let verdict: Confirmation<T>;
    try {
      verdict = await confirm();
    } catch {
      throw error;
    }
    if (verdict === 'resend') return send();
    if ('done' in verdict) return verdict.done;
    throw unconfirmed(error, verdict.unknown);
  }
}
