import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { useConfiguredSimulators, type RunningSimulators } from './actions/test-support';
import { createClientProvider } from './clients';
import { createSetupService } from './setup-service';
import type { SettingsService } from './settings-service';

let sims: RunningSimulators;
let settings: SettingsService;
useConfiguredSimulators((env) => {
  ({ sims, settings } = env);
});

const companyInfoCalls = () => sims.manage.requests.list().filter((r) => r.path.startsWith('/login/companyinfo/')).length;
const provider = () => createClientProvider(settings, { hasOrigins: async () => true });

describe('the Manage site, discovered once', () => {
  it('is remembered beyond the worker and the browser session, so a first view needs no companyinfo call', async () => {
    await provider().manage();
    expect(companyInfoCalls()).toBe(1);
    // A new worker in a new browser session: the site comes from the profile.
    await provider().manage();
    expect(companyInfoCalls()).toBe(1);
  });

  it('is checked again at browser start, and again after Manage stops routing it', async () => {
    const clients = provider();
    await clients.manage();
    await clients.rediscoverSite();
    expect(companyInfoCalls()).toBe(2);
    await clients.noticeFailure(new AppError({ code: 'cannot-route', message: 'moved' }));
    await clients.manage();
    expect(companyInfoCalls()).toBe(3);
  });

  it('ignores failures that say nothing about the site', async () => {
    const clients = provider();
    await clients.manage();
    await clients.noticeFailure(new AppError({ code: 'rate-limited', message: 'slow down' }));
    await clients.manage();
    expect(companyInfoCalls()).toBe(1);
  });

  it('is discovered again for another site or company id', async () => {
    await provider().manage();
    await settings.importDocument({ version: 1, manage: { companyId: 'Northwind' } });
    await provider().manage();
    expect(companyInfoCalls()).toBe(2);
  });
});

describe('the Manage site found by the set-up', () => {
  it('is kept from the connection test, so the first screen view after set-up needs no discovery', async () => {
    const clients = provider();
    await createSetupService({ settings, clients, hasOrigins: async () => true }).testManage();
    const byTheTest = companyInfoCalls();
    await clients.manage();
    await provider().manage();
    expect(companyInfoCalls()).toBe(byTheTest);
  });
});
