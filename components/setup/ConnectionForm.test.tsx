// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { AppError } from '../../lib/errors';
import type { ManageCheck, VendorCheck } from '../../lib/messages/setup';
import { validateManageForm, validateVendorForm } from '../../lib/ui/setup';
import { ManageStep, type ManageFormValues } from './ManageStep';
import { VendorStep } from './VendorStep';

afterEach(cleanup);

const EMPTY_MANAGE: ManageFormValues = { site: '', companyId: '', clientId: '', apiMember: '', publicKey: '', privateKey: '' };
const CHECK: ManageCheck = {
  companyName: 'Northwind MSP',
  version: 'v2025.1.99912',
  codebase: 'v2025_1/',
  isCloud: true,
  apiBaseUrl: 'https://api-na.myconnectwise.net/v2025_1/apis/3.0/',
  member: { identifier: 'bbridgeapi', name: 'Backup Bridge API' },
  permissions: [],
};

function manageStep(onSubmit: (values: ManageFormValues, storage: string) => Promise<ManageCheck>) {
  const onNext = vi.fn();
  render(
    <ManageStep initial={EMPTY_MANAGE} keysSaved={false} keysStorage="local" locked={new Set()}
      validate={validateManageForm} onSubmit={onSubmit} onNext={onNext} />,
  );
  const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
  type('Manage site', 'na.myconnectwise.net');
  type('Company id', 'northwind');
  type('Public key', 'pub');
  type('Private key', 'priv');
  type('clientId', '6f1b0f4e-2a57-4c1e-9a43-0d2f5e3b8c11');
  return { onNext, type, submit: () => fireEvent.click(screen.getByRole('button', { name: 'Save and test connection' })) };
}

describe('the ConnectWise step', () => {
  test('a missing field is named before anything is sent, and gets the focus', async () => {
    const onSubmit = vi.fn<(values: ManageFormValues, storage: string) => Promise<ManageCheck>>();
    const { type, submit } = manageStep(onSubmit);
    type('Company id', '');
    submit();
    const companyId = screen.getByLabelText('Company id');
    expect(companyId.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(companyId));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  test('an error the background pins on a field shows there, and every typed value stays', async () => {
    const { submit } = manageStep(() =>
      Promise.reject(new AppError({ code: 'wrong-site', field: 'manage.site', message: 'Manage cannot route company “northwind” on this site.' })),
    );
    submit();
    const site = screen.getByLabelText('Manage site') as HTMLInputElement;
    await waitFor(() => expect(site.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('site-error')?.textContent).toContain('cannot route');
    expect(screen.getByRole('alert').textContent).toContain('cannot route');
    expect(site.value).toBe('na.myconnectwise.net');
    expect((screen.getByLabelText('Private key') as HTMLInputElement).value).toBe('priv');
    expect(screen.queryByRole('button', { name: 'Next: backup vendor' })).toBeNull();
  });

  test('a working connection shows what was found, keeps session-only keys when asked, and offers the next step', async () => {
    const onSubmit = vi.fn(() => Promise.resolve(CHECK));
    const { onNext, submit } = manageStep(onSubmit);
    fireEvent.click(screen.getByLabelText('Forget the keys when the browser closes'));
    submit();
    await screen.findByText('Northwind MSP');
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ site: 'na.myconnectwise.net', privateKey: 'priv' }), 'session');
    expect(screen.getByText(/API member: Backup Bridge API \(bbridgeapi\)/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next: backup vendor' }));
    expect(onNext).toHaveBeenCalledOnce();
  });
});

describe('the vendor step', () => {
  test('says who it connected as and how much it found', async () => {
    const check: VendorCheck = { resellerName: 'Northwind MSP', planCount: 4, organizationCount: 7 };
    render(
      <VendorStep initial={{ apiUrl: 'https://dropsuite.us/api', regionCode: 'uswest', resellerToken: 'r', accessToken: 'a', portalUrl: '' }}
        keysSaved={false} locked={new Set()} validate={validateVendorForm} onSubmit={() => Promise.resolve(check)} onNext={() => {}} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save and test connection' }));
    expect(await screen.findByText('Connected as Northwind MSP: 4 plans, 7 organisations.')).toBeTruthy();
  });

  test('a field the policy locks is read-only and says why', () => {
    render(
      <VendorStep initial={{ apiUrl: 'https://dropsuite.us/api', regionCode: 'uswest', resellerToken: '', accessToken: '', portalUrl: '' }}
        keysSaved locked={new Set(['apiUrl'])} validate={validateVendorForm} onSubmit={() => Promise.reject(new Error('unused'))} onNext={() => {}} />,
    );
    const apiUrl = screen.getByLabelText('Reseller API address') as HTMLInputElement;
    expect(apiUrl.readOnly).toBe(true);
    expect(screen.getByText('Set by your administrator’s browser policy.')).toBeTruthy();
    expect((screen.getByLabelText('Access token') as HTMLInputElement).placeholder).toBe('saved — leave empty to keep');
  });
});
