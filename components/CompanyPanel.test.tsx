// @vitest-environment happy-dom
import { fireEvent } from '@testing-library/preact';
import { describe, expect, test } from 'vitest';
import { CompanyPanel } from './CompanyPanel';
import { links, okResult, panelRenderer, text } from './fixtures/render';
import { companyViews, woodgroveSuggestions } from './fixtures/views';

const show = panelRenderer(CompanyPanel);
const MANAGE = 'https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?locale=en_US';
const rowsOf = (container: HTMLElement) => [...container.querySelectorAll('.bb-mailboxes tbody tr')];

describe('CompanyPanel', () => {
  test('healthy tenant: plan, state, seats in sync, mailboxes, chart', () => {
    const { getByRole, getByText, container } = show(companyViews.healthy);
    expect(text(getByRole('heading', { name: /Blue Light, Co\./ }))).toBe('Blue Light, Co. · Business Backup Active Backups healthy');
    expect(text(container.querySelector('.bb-seats'))).toBe('Seats 12 bought · 12 used · 12 billed on Dropsuite Email Backup In sync');
    expect(getByRole('link', { name: 'Dropsuite Email Backup' }).getAttribute('href')).toBe(`${MANAGE}&routeTo=AgreementFV&recid=19064`);
    expect(container.querySelector('.bb-seat--drift')).toBeNull();
    expect(container.querySelector('.bb-reconcile')).toBeNull();
    expect(getByText('No failed backups in the last 14 days.')).toBeTruthy();
    expect(getByText('No open backup tickets.')).toBeTruthy();
    // 12 mailboxes: a preview of 5, the rest behind "Show all".
    expect(rowsOf(container)).toHaveLength(5);
    fireEvent.click(getByRole('button', { name: 'Show all 12 mailboxes' }));
    expect(rowsOf(container)).toHaveLength(12);
    expect(container.textContent).not.toContain('listed');
  });

  test('chart: bars for the eye, a table for screen readers', () => {
    const { container } = show(companyViews.authError);
    expect(container.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    expect(container.querySelectorAll('svg g')).toHaveLength(14);
    const failedBars = [...container.querySelectorAll('.bb-chart__failed')].filter((bar) => Number(bar.getAttribute('height')) > 0);
    expect(failedBars).toHaveLength(3);
    expect(text(container.querySelector('.bb-chart figcaption'))).toBe('Failed backups on 3 days of the last 14.');
    const rows = [...container.querySelectorAll<HTMLTableRowElement>('.bb-chart table tbody tr')];
    expect(rows).toHaveLength(14);
    expect([...rows.at(-1)!.cells].map(text)).toEqual(['Jun 16, 2025', '7', '1']);
  });

  test('seat drift: highlighted, and "Update agreement" sends exactly what was shown', async () => {
    const { getByRole, container, root, actions } = show(companyViews.drift);
    expect(text(container.querySelector('.bb-seats'))).toBe('Seats 25 bought · 23 used · 18 billed on Email Backup Under-billed by 7');
    expect(text(container.querySelector('.bb-seat--drift'))).toBe('18 billed');

    const open = getByRole('button', { name: 'Update agreement' });
    open.focus();
    fireEvent.click(open);
    const confirm = getByRole('group', { name: 'Change the quantity on Email Backup from 18 to 25?' });
    expect(root.activeElement).toBe(confirm);
    expect(text(confirm)).toContain('Effective Jun 16, 2025.');

    expect(open.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(getByRole('button', { name: 'Set 25 seats' }));
    expect(actions.handler).toHaveBeenCalledTimes(1);
    expect(actions.handler.mock.calls[0]![0]).toEqual({
      kind: 'update-agreement',
      orgId: '1790022-3',
      agreementId: 19070,
      expected: { additionId: 7002, quantity: 18 },
      quantity: 25,
    });
    const working = getByRole('button', { name: 'Working…' });
    expect(working.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(working);
    expect(actions.handler).toHaveBeenCalledTimes(1);

    await actions.settle(okResult('Email Backup now bills 25 seats from Jun 16, 2025.'));
    expect(container.querySelector('.bb-confirm')).toBeNull();
    expect(text(container.querySelector('.bb-ok'))).toBe('Email Backup now bills 25 seats from Jun 16, 2025.');
  });

  test('a tenant that stopped at the vendor: "Update agreement" ends its addition, from the date the rules give', async () => {
    const { getByRole, container, actions } = show(companyViews.stoppedStillBilled);
    fireEvent.click(getByRole('button', { name: 'Update agreement' }));
    const confirm = getByRole('group', { name: 'End the addition on Dropsuite Email Backup from Jul 1, 2025? It stops billing this tenant.' });
    expect(text(confirm)).toContain('Effective Jul 1, 2025.');
    fireEvent.click(getByRole('button', { name: 'End the addition' }));
    expect(actions.handler.mock.calls[0]![0]).toEqual({
      kind: 'update-agreement',
      orgId: '1790480-7',
      agreementId: 19080,
      expected: { additionId: 7004, quantity: 6 },
      quantity: null,
    });
    await actions.settle(okResult('“Dropsuite Email Backup” stops billing Tailspin Toys (unsubscribed at the vendor): the addition is cancelled from Jul 1, 2025.'));
    expect(text(container.querySelector('.bb-ok'))).toContain('stops billing Tailspin Toys');
  });

  test('a refused update shows the reason and its hint', async () => {
    const { getByRole, getByText, actions } = show(companyViews.drift);
    fireEvent.click(getByRole('button', { name: 'Update agreement' }));
    fireEvent.click(getByRole('button', { name: 'Set 25 seats' }));
    await actions.settle({
      type: 'result',
      requestId: 'x',
      ok: false,
      message: null,
      error: { code: 'conflict', message: 'Someone changed the addition in ConnectWise since this panel loaded.', hint: 'Refresh, then check the quantity again.' },
    });
    expect(getByRole('alert').textContent).toContain('Someone changed the addition');
    expect(getByText('Refresh, then check the quantity again.')).toBeTruthy();
  });

  test('Escape cancels a confirmation and gives focus back to its button', () => {
    const { getByRole, container, root, actions } = show(companyViews.drift);
    const open = getByRole('button', { name: 'Update agreement' });
    open.focus();
    fireEvent.click(open);
    fireEvent.keyDown(getByRole('group'), { key: 'Escape' });
    expect(container.querySelector('.bb-confirm')).toBeNull();
    expect(root.activeElement?.textContent).toBe('Update agreement');
    expect(actions.handler).not.toHaveBeenCalled();
  });

  test('failing mailboxes first, with the vendor status, error and last good backup', () => {
    const { getByRole, container } = show(companyViews.authError);
    const first = rowsOf(container)[0]!;
    expect(first.className).toBe('bb-row--failing');
    expect([...(first as HTMLTableRowElement).cells].map(text)).toEqual([
      'Jane Doe jane.doe@fabrikamlegal.com',
      'Authentication Error',
      '2 days ago',
      'AADSTS700082: The refresh token has expired due to inactivity. · Attempt 3 of 25',
    ]);
    expect(first.querySelector('time')?.getAttribute('title')).toMatch(/^Jun 14, 2025 \d\d:\d\d$/);
    expect(text(container.querySelector('.bb-tenant'))).toContain('Backups failing');
    expect(text(container.querySelector('.bb-tenant'))).toContain('Why: a mailbox needs re-authorising.');
    expect(getByRole('link', { name: '#123456' }).getAttribute('href')).toBe(`${MANAGE}&routeTo=ServiceFV&recid=123456`);
  });

  test('unlinked company: suggestions ranked, taken ones greyed, confirm links', async () => {
    const { getByRole, getByText, queryByRole, container, root, actions } = show(companyViews.unlinked);
    expect(getByText('No backup tenant is linked to Woodgrove Bakery.')).toBeTruthy();
    fireEvent.click(getByRole('button', { name: 'Link tenant' }));
    expect(actions.handler.mock.calls[0]![0]).toEqual({ kind: 'suggest-links', companyId: 255 });
    expect(getByRole('status').textContent).toBe('Looking for matching tenants…');
    expect(root.activeElement).toBe(getByRole('group', { name: 'Link a backup tenant to Woodgrove Bakery' }));

    await actions.settle(okResult(null, { suggestions: woodgroveSuggestions }));
    const items = [...container.querySelectorAll('.bb-suggestion')];
    expect(items.map(text)).toEqual([
      'Woodgrove Bakery Ltd woodgrovebakery.com — same mail domain, admin address at this company, same name Link',
      'Woodgrove Bank woodgrovebank.com — same name Already linked to Woodgrove Bank',
    ]);
    expect(items[1]!.className).toContain('bb-suggestion--taken');
    expect(queryByRole('button', { name: 'Link Woodgrove Bank' })).toBeNull();

    fireEvent.click(getByRole('button', { name: 'Link Woodgrove Bakery Ltd' }));
    expect(getByRole('group', { name: 'Link Woodgrove Bakery Ltd to Woodgrove Bakery?' })).toBeTruthy();
    fireEvent.click(getByRole('button', { name: 'Link to Woodgrove Bakery' }));
    expect(actions.handler.mock.calls[1]![0]).toEqual({ kind: 'link-tenant', companyId: 255, orgId: '1790601-9', agreementId: null });
    await actions.settle(okResult('Woodgrove Bakery Ltd is now linked to Woodgrove Bakery.'));
    expect(container.querySelector('.bb-suggestions')).toBeNull();
    expect(text(container.querySelector('.bb-ok'))).toBe('Woodgrove Bakery Ltd is now linked to Woodgrove Bakery.');
  });

  test('no matching tenant, and Escape closes the list', async () => {
    const { getByRole, getByText, container, root, actions } = show(companyViews.unlinked);
    getByRole('button', { name: 'Link tenant' }).focus();
    fireEvent.click(getByRole('button', { name: 'Link tenant' }));
    await actions.settle(okResult(null, { suggestions: [] }));
    expect(getByText('No tenant at the vendor matches this company’s name or mail domains.')).toBeTruthy();
    fireEvent.keyDown(getByRole('group'), { key: 'Escape' });
    expect(container.querySelector('.bb-suggestions')).toBeNull();
    expect(root.activeElement).toBe(getByRole('button', { name: 'Link tenant' }));
  });

  test('unlink asks first', async () => {
    const { getByRole, actions } = show(companyViews.healthy);
    fireEvent.click(getByRole('button', { name: 'Unlink' }));
    const confirm = getByRole('group', { name: 'Unlink Blue Light, Co. from Blue Light, Co.?' });
    expect(text(confirm)).toContain('Backups at the vendor are not affected.');
    fireEvent.click(getByRole('button', { name: 'Unlink tenant' }));
    expect(actions.handler.mock.calls[0]![0]).toEqual({ kind: 'unlink-tenant', companyId: 250, orgId: '1788161-14' });
  });

  test('impersonation where allowed', () => {
    const { getByRole, actions } = show(companyViews.healthy);
    fireEvent.click(getByRole('button', { name: 'Open the vendor portal as this customer' }));
    expect(actions.handler.mock.calls[0]![0]).toEqual({ kind: 'impersonate', orgId: '1788161-14' });
  });

  test('unsubscribed: the 45-day window; impersonation disabled with a reason, the portal offered', () => {
    const { getByRole, container, actions } = show(companyViews.unsubscribed);
    expect(text(container.querySelector('.bb-note--bad'))).toBe(
      'Unsubscribed 10 days ago — purged in 35 days unless reactivated in the vendor portal. Backups have stopped.',
    );
    expect(text(container.querySelector('.bb-seats'))).toContain('Addition cancelled');
    // Nothing claims its stopped backups are healthy.
    expect(text(getByRole('heading', { name: /Litware Architects/ }))).toBe('Litware Architects · Business Backup Unsubscribed Backup health unknown');
    expect(container.textContent).toContain('Its mailboxes are not backed up while it is unsubscribed.');
    expect(container.querySelector('.bb-mailboxes')).toBeNull();
    expect(container.querySelector('.bb-chart')).toBeNull();
    const impersonate = getByRole('button', { name: 'Open the vendor portal as this customer' }) as HTMLButtonElement;
    expect(impersonate.disabled).toBe(true);
    const reason = container.querySelector(`[id="${impersonate.getAttribute('aria-describedby')}"]`);
    expect(text(reason)).toContain('The vendor does not offer signing in as this customer.');
    fireEvent.click(getByRole('button', { name: 'Open the vendor portal' }));
    expect(actions.handler.mock.calls[0]![0]).toEqual({ kind: 'open-portal' });
  });

  test('suspended: login disabled, backups and billing continue', () => {
    const { container, getByText } = show(companyViews.suspended);
    expect(getByText('Suspended')).toBeTruthy();
    expect(text(container.querySelector('.bb-note--warn'))).toBe(
      'Suspended 3 days ago: users cannot sign in to the vendor portal; backups and billing continue.',
    );
  });

  test('linked without an addition: proposes adding one from the 1st of next month', () => {
    const { getByRole, container, actions } = show(companyViews.noAddition);
    expect(text(container.querySelector('.bb-seats'))).toBe('Seats 4 bought · 4 used · — billed on Managed Services No addition on the agreement');
    fireEvent.click(getByRole('button', { name: 'Update agreement' }));
    expect(text(getByRole('group', { name: 'Add an addition for 4 seats to Managed Services?' }))).toContain('Effective Jul 1, 2025.');
    fireEvent.click(getByRole('button', { name: 'Add 4 seats' }));
    expect(actions.handler.mock.calls[0]![0]).toEqual({
      kind: 'update-agreement',
      orgId: '1790801-5',
      agreementId: 19110,
      expected: { additionId: null, quantity: null },
      quantity: 4,
    });
  });

  test('1,000 mailboxes: the listed ones, then the vendor portal for the rest', () => {
    const { getByRole, container, actions } = show(companyViews.large);
    expect(rowsOf(container)).toHaveLength(5);
    fireEvent.click(getByRole('button', { name: 'Show all 1,000 mailboxes' }));
    expect(rowsOf(container)).toHaveLength(25);
    expect(text(container.querySelector('.bb-mailboxes > p'))).toBe(
      '25 of 1,000 listed; every mailbox with a problem is included. See all 1,000 in the vendor portal',
    );
    fireEvent.click(getByRole('button', { name: 'See all 1,000 in the vendor portal' }));
    expect(actions.handler.mock.calls[0]![0]).toEqual({ kind: 'impersonate', orgId: '1790900-2' });
  });

  test('mailboxes the vendor could not list: health unknown, no empty table, no chart of zeros', () => {
    const [blueLight] = companyViews.healthy.tenants;
    const unread = { ...blueLight!, health: { status: 'unknown' as const, reason: null, counts: { protected: 0, failing: 0, transient: 0, inactive: 0 } }, mailboxes: [], mailboxTotal: 0, history: [] };
    const { getByRole, container } = show({ ...companyViews.healthy, tenants: [unread] });
    expect(text(getByRole('heading', { name: /Blue Light, Co\./ }))).toBe('Blue Light, Co. · Business Backup Active Backup health unknown');
    expect(container.textContent).toContain('The vendor’s mailbox list could not be read.');
    expect(container.textContent).not.toContain('No mailboxes are backed up yet.');
    expect(container.querySelector('.bb-chart')).toBeNull();
  });

  test('a tenant the vendor did not describe: no state quoted that the vendor never gave', () => {
    const [blueLight] = companyViews.healthy.tenants;
    const { container } = show({ ...companyViews.healthy, tenants: [{ ...blueLight!, state: 'unknown', stateRaw: '' }] });
    expect(container.textContent).toContain('Unknown state');
    expect(container.textContent).not.toContain('The vendor reports the state');
    const quoted = show({ ...companyViews.healthy, tenants: [{ ...blueLight!, state: 'unknown', stateRaw: 'paused' }] });
    expect(quoted.container.textContent).toContain('The vendor reports the state “paused”.');
  });

  test('vendor down: the ConnectWise part shows, and nothing claims the company is unlinked', () => {
    const { container, getByRole } = show(companyViews.vendorError);
    expect(container.textContent).not.toContain('No backup tenant is linked');
    expect(getByRole('link', { name: '#123456' })).toBeTruthy();
  });
});
