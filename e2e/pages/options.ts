import { expect, type Page } from '@playwright/test';
import type { RunningSimulators } from '../sim/server';
import { API_KEYS, CLIENT_ID, REGION, VENDOR_CREDENTIALS } from '../sim/world';

const demoKey = API_KEYS.find((k) => k.member === 'bbridgeapi' && k.state === 'active')!;

/** The set-up wizard, driven the way a person would: labels, buttons, the keyboard. */
export class OptionsPage {
  constructor(readonly page: Page) {}

  async fillManage(sims: RunningSimulators, overrides: Partial<Record<'site' | 'companyId' | 'publicKey' | 'privateKey' | 'clientId' | 'apiMember', string>> = {}) {
    const values = {
      site: sims.manageUrl,
      companyId: 'northwind',
      publicKey: demoKey.publicKey,
      privateKey: demoKey.privateKey,
      clientId: CLIENT_ID,
      apiMember: '',
      ...overrides,
    };
    await this.page.getByLabel('Manage site').fill(values.site);
    await this.page.getByLabel('Company id').fill(values.companyId);
    await this.page.getByLabel('Public key').fill(values.publicKey);
    await this.page.getByLabel('Private key').fill(values.privateKey);
    await this.page.getByLabel('clientId').fill(values.clientId);
    await this.page.getByLabel('API member id (optional)').fill(values.apiMember);
  }

  async fillVendor(sims: RunningSimulators, overrides: Partial<Record<'apiUrl' | 'regionCode' | 'resellerToken' | 'accessToken', string>> = {}) {
    const values = {
      apiUrl: sims.vendorApiUrl,
      regionCode: REGION,
      resellerToken: VENDOR_CREDENTIALS.resellerToken,
      accessToken: VENDOR_CREDENTIALS.adminToken,
      ...overrides,
    };
    await this.page.getByLabel('Reseller API address').fill(values.apiUrl);
    await this.page.getByLabel('Region code').fill(values.regionCode);
    await this.page.getByLabel('Reseller token').fill(values.resellerToken);
    await this.page.getByLabel('Access token').fill(values.accessToken);
  }

  saveAndTest() {
    return this.page.getByRole('button', { name: 'Save and test connection' }).click();
  }

  /** The field's error text, as announced with it. */
  async expectFieldError(label: string, text: string | RegExp) {
    const field = this.page.getByLabel(label, { exact: true });
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    const errorId = (await field.getAttribute('aria-describedby'))!.split(' ').find((id) => id.endsWith('-error'))!;
    await expect(this.page.locator(`[id="${errorId}"]`)).toHaveText(text);
  }
}
