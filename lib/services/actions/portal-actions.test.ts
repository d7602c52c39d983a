import { describe, expect, it } from 'vitest';
import type { SettingsService } from '../settings-service';
import {
  simAdmin,
  technician,
  type RunningSimulators,
  useConfiguredSimulators,
} from './test-support';

let sims: RunningSimulators;
let settings: SettingsService;

useConfiguredSimulators((env) => {
  ({ sims, settings } = env);
});

describe('impersonate and open-portal', () => {
  it('opens the vendor’s one-time “Login as Client” link', async () => {
    const call = technician(sims, settings).start({ kind: 'impersonate', orgId: '20114' });
    expect(await call.done).toMatchObject({ ok: true, result: { message: expect.stringContaining('as this customer') } });
    expect(call.opened).toEqual([expect.stringMatching(new RegExp(`^${sims.vendorUrl}/portal/impersonate\\?token=`))]);
    const page = await fetch(call.opened[0] ?? '');
    expect(await page.text()).toContain('You are currently impersonating as admin@fabrikamlegal.com');
  });

  it('opens the portal itself, and says so, where the API offers no impersonation', async () => {
    await simAdmin(sims, '/__sim/vendor/capabilities', { impersonate: false });
    const call = technician(sims, settings).start({ kind: 'impersonate', orgId: '20114' });
    expect(await call.done).toMatchObject({ ok: true, result: { message: expect.stringMatching(/cannot sign in as this customer.*“Impersonate”/) } });
    expect(call.opened).toEqual([`${sims.vendorUrl}/`]);
  });

  it('does not open anything when the vendor refuses for another reason', async () => {
    const tech = technician(sims, settings);
    const call = tech.start({ kind: 'impersonate', orgId: '20501' }); // unsubscribed: the vendor answers 409
    expect(await call.done).toMatchObject({ ok: false, error: { code: 'vendor-invalid-state' } });
    expect(call.opened).toEqual([]);
  });

  it('opens the vendor portal', async () => {
    const call = technician(sims, settings).start({ kind: 'open-portal' });
    expect(await call.done).toEqual({ ok: true, result: { message: 'Opened the vendor portal in a new tab.' } });
    expect(call.opened).toEqual([`${sims.vendorUrl}/`]);
  });
});
