import { AppError } from '../../errors';
import { CAPABILITIES, WRITE_CAPABILITIES, type Capability } from '../domain';
import type { Feature } from './errors';

/**
 * What the API has been seen to refuse. Everything is assumed to work until the vendor says
 * otherwise: a missing route drops its capability, a read-only tier drops every write. The
 * refusal is kept so that a later call fails the same way without asking the vendor again.
 */
export class CapabilityTracker {
  private readonly refusals = new Map<Capability, AppError>();

  /** Learns from a failure of a call to `feature`'s route. */
  learn(error: unknown, feature: Feature | undefined): void {
    if (!(error instanceof AppError)) return;
    if (error.data.code === 'vendor-unsupported' && feature && feature !== 'tasks') this.refusals.set(feature, error);
    if (error.data.code === 'vendor-read-only') for (const write of WRITE_CAPABILITIES) this.refusals.set(write, error);
  }

  /** The error a call to `feature` already met, if any. */
  refusal(feature: Feature | undefined): AppError | undefined {
    return feature && feature !== 'tasks' ? this.refusals.get(feature) : undefined;
  }

  supported(): ReadonlySet<Capability> {
    return new Set(CAPABILITIES.filter((c) => !this.refusals.has(c)));
  }
}
