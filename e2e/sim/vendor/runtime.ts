/** Everything one vendor simulator instance holds, shared by the API pipeline and the admin API. */
import type { SimClock } from '../clock';
import { Faults } from '../faults';
import {
  allCapabilities, DEFAULT_ENVELOPES, DEFAULT_SETTINGS, DEFAULT_VENDOR_FAULTS,
  type Capabilities, type Envelopes, type VendorFaultConfig, type VendorSettings,
} from './config';
import { TokenBuckets } from './rate-limit';
import { RequestLog } from './request-log';
import { VendorStore } from './store/store';

export interface VendorConfig {
  settings: VendorSettings;
  capabilities: Capabilities;
  envelopes: Envelopes;
  vendorFaults: VendorFaultConfig;
}

const defaultConfig = (): VendorConfig => ({
  settings: { ...DEFAULT_SETTINGS },
  capabilities: allCapabilities(true),
  envelopes: { ...DEFAULT_ENVELOPES },
  vendorFaults: { ...DEFAULT_VENDOR_FAULTS },
});

export interface Runtime {
  readonly clock: SimClock;
  /** Real time, for rate limits only (they are about how fast a client calls). */
  readonly wallNow: () => number;
  readonly store: VendorStore;
  readonly faults: Faults;
  readonly requests: RequestLog;
  readonly buckets: TokenBuckets;
  config: VendorConfig;
  requestSeq: number;
}

export function createRuntime(clock: SimClock, wallNow: () => number): Runtime {
  return {
    clock, wallNow,
    store: new VendorStore(clock.now()),
    faults: new Faults(),
    requests: new RequestLog(),
    buckets: new TokenBuckets(),
    config: defaultConfig(),
    requestSeq: 0,
  };
}

/** Back to the seeded world at the clock's current time, with default settings and no faults. */
export function resetRuntime(rt: Runtime): void {
  rt.store.reset(rt.clock.now());
  rt.faults.reset();
  rt.requests.clear();
  rt.buckets.reset();
  rt.config = defaultConfig();
  rt.requestSeq = 0;
}
