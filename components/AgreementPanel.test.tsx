// @vitest-environment happy-dom
import { fireEvent } from '@testing-library/preact';
import { describe, expect, test } from 'vitest';
import type { AgreementView } from '../lib/messages/panels';
import { AgreementPanel } from './AgreementPanel';
import { links, okResult, panelRenderer, text } from './fixtures/render';
import { agreementViews, FIXTURE_NOW } from './fixtures/views';

const show = panelRenderer(AgreementPanel);
const cellsOf = (container: HTMLElement, index = 0) =>
  [...container.querySelectorAll<HTMLTableRowElement>('tbody.bb-addition > tr:first-child')[index]!.cells].map(text);

describe('AgreementPanel', () => {
  test('an addition in sync with the vendor', () => {
    const { container, getByRole } = show(agreementViews.healthy);
    expect(cellsOf(container)).toEqual([
      'uswest.4 Business Backup',
      '12',
      '0',
      'Jan 1, 2025',
      '—',
      'Blue Light, Co.: 12 bought, 12 used',
      'In sync',
    ]);
    expect(getByRole('link', { name: 'Blue Light, Co.' }).getAttribute('href')).toBe(
      'https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?locale=en_US&routeTo=CompanyFV&recid=250',
    );
    expect(container.querySelector('.bb-reconcile')).toBeNull();
  });

  test('drift: reconcile with the same confirmation as the Company panel', () => {
    const { container, getByRole, actions } = show(agreementViews.drift);
    expect(cellsOf(container).at(-1)).toBe('Under-billed by 7');
    fireEvent.click(getByRole('button', { name: 'Update agreement' }));
    fireEvent.click(getByRole('button', { name: 'Set 25 seats' }));
    expect(actions.handler.mock.calls[0]![0]).toEqual({
      kind: 'update-agreement',
      orgId: '1790022-3',
      agreementId: 19070,
      expected: { additionId: 7002, quantity: 18 },
      quantity: 25,
    });
  });

  test('a linked tenant without an addition: a clear note, and the addition proposed', () => {
    const { container, getByRole } = show(agreementViews.noAddition);
    expect(cellsOf(container)).toEqual(['No addition', '—', '—', '—', '—', 'Café Zürich GmbH: 4 bought, 4 used', 'No addition on the agreement']);
    expect(text(container.querySelector('.bb-note'))).toBe(
      'Café Zürich GmbH is linked to this company, but this agreement has no backup addition for it.',
    );
    expect(getByRole('button', { name: 'Update agreement' })).toBeTruthy();
  });

  test('creating the missing addition: its outcome stays on screen when the row gets the addition', async () => {
    const { container, getByRole, actions, rerender } = show(agreementViews.noAddition);
    fireEvent.click(getByRole('button', { name: 'Update agreement' }));
    fireEvent.click(getByRole('button', { name: 'Add 4 seats' }));
    await actions.settle(okResult('Added 4 seats of Business Backup for Café Zürich GmbH to “Managed Services”.'));
    const [row] = agreementViews.noAddition.rows;
    const billed: AgreementView = {
      ...agreementViews.noAddition,
      rows: [{
        ...row!,
        addition: { id: 7010, product: 'uswest.4', description: 'Business Backup', quantity: 4, lessIncluded: 0, effectiveDate: '2025-07-01', cancelledDate: null },
        seats: { ...row!.seats, billed: 4, drift: 0, status: 'in-sync', proposal: { ...row!.seats.proposal!, action: 'none', quantity: null, effectiveDate: null } },
        note: null,
      }],
    };
    rerender(<AgreementPanel view={billed} now={FIXTURE_NOW} links={links} onAction={actions.handler} />);
    expect(cellsOf(container).at(-1)).toBe('In sync');
    expect(text(container.querySelector('.bb-ok'))).toBe('Added 4 seats of Business Backup for Café Zürich GmbH to “Managed Services”.');
  });

  test('a cancelled addition of an unsubscribed tenant', () => {
    const { container } = show(agreementViews.cancelled);
    expect(cellsOf(container)).toEqual([
      'uswest.4 Business Backup',
      '5',
      '0',
      'Sep 1, 2024',
      'Jun 1, 2025',
      'Litware Architects (unsubscribed): 5 bought, 5 used',
      'Addition cancelled',
    ]);
  });

  test('an agreement with nothing to do with backups', () => {
    const { getByText } = show({ ...agreementViews.healthy, rows: [] });
    expect(getByText('This agreement has no backup additions, and no linked tenant is billed on it.')).toBeTruthy();
  });
});
