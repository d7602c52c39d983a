// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { PopupStatus as Status } from '../lib/messages/popup';
import { text } from './fixtures/render';
import { FIXTURE_NOW, popupStatuses } from './fixtures/views';
import { PopupStatus } from './PopupStatus';

afterEach(cleanup);

function show(status: Status | null, extra: { loading?: boolean; error?: { code: string; message: string } } = {}) {
  const events = { onRefresh: vi.fn(), onOpen: vi.fn(), onOpenSetup: vi.fn() };
  const result = render(
    <PopupStatus status={status} error={extra.error ?? null} loading={extra.loading ?? false} now={FIXTURE_NOW} {...events} />,
  );
  return { ...result, events };
}

describe('PopupStatus', () => {
  test('both connections green, last refresh, the four counts', () => {
    const { container, getByText } = show(popupStatuses.healthy);
    expect([...container.querySelectorAll('.bb-connection')].map(text)).toEqual([
      'ConnectWise Manage: connected',
      'Backup vendor: connected',
    ]);
    expect(container.querySelector('.bb-connection--ok')).toBeTruthy();
    expect(getByText(/^Last refresh/).textContent).toContain('(3 min ago)');
    expect([...container.querySelectorAll('.bb-count summary')].map(text)).toEqual([
      '10 linked tenants',
      '1 agreement with seat drift',
      '3 failing mailboxes',
      '3 open backup tickets',
    ]);
  });

  test('each count opens to rows that link to where to act, opened through the background', () => {
    const { container, getByRole, events } = show(popupStatuses.healthy);
    const drift = [...container.querySelectorAll('details')][1]!;
    expect(text(drift.querySelector('li'))).toBe('Contoso Dental Group Contoso Dental Group: billed 18, should be 25');
    expect(text(container.querySelectorAll('details')[0]!.querySelector('p'))).toBe('and 7 more');
    const ticket = getByRole('link', { name: '#123457' });
    expect(ticket.getAttribute('href')).toBe('https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=123457');
    fireEvent.click(ticket);
    expect(events.onOpen).toHaveBeenCalledWith('https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=123457');
  });

  test('a red connection: the error and a Fix link to its set-up step', () => {
    const { container, getByRole, events } = show(popupStatuses.vendorError);
    const vendor = container.querySelector('.bb-connection--error')!;
    expect(text(vendor)).toBe('Backup vendor: not working FixThe vendor refused the reseller token.Enter a new token in set-up, step 2.');
    fireEvent.click(getByRole('button', { name: 'Fix' }));
    expect(events.onOpenSetup).toHaveBeenCalledWith('vendor');
    expect([...container.querySelectorAll('.bb-count--none')].map(text)).toEqual([
      '0 linked tenants',
      '0 agreements with seat drift',
      '0 failing mailboxes',
      '0 open backup tickets',
    ]);
  });

  test('not configured: a clear call to open set-up', () => {
    const { getByRole, queryByRole, events } = show(popupStatuses.notConfigured);
    expect(getByRole('main').textContent).toContain('Backup Bridge is not set up yet.');
    expect(getByRole('main').textContent).toContain('ConnectWise Manage: not configured');
    expect(queryByRole('button', { name: 'Refresh' })).toBeNull();
    fireEvent.click(getByRole('button', { name: 'Open set-up' }));
    expect(events.onOpenSetup).toHaveBeenCalledWith();
  });

  test('Refresh, and while refreshing', () => {
    const { getByRole, events, rerender } = show(popupStatuses.healthy);
    fireEvent.click(getByRole('button', { name: 'Refresh' }));
    expect(events.onRefresh).toHaveBeenCalledTimes(1);
    rerender(<PopupStatus status={popupStatuses.healthy} error={null} loading now={FIXTURE_NOW} {...events} />);
    expect(getByRole('button', { name: 'Refreshing…' }).getAttribute('aria-disabled')).toBe('true');
  });

  test('the background does not answer', () => {
    const { getByRole } = show(null, { error: { code: 'extension-unavailable', message: 'Backup Bridge is not responding.' } });
    expect(text(getByRole('alert'))).toBe('Backup Bridge is not responding.');
  });

  test('a count that could not be read says unknown, never zero', () => {
    const status = { ...popupStatuses.healthy, counts: { ...popupStatuses.healthy.counts, agreementsWithDrift: null, failingMailboxes: null } };
    const { container } = show(status);
    expect([...container.querySelectorAll('.bb-count--unknown')].map(text)).toEqual([
      'Agreements with seat drift: unknown until the connection above works again',
      'Failing mailboxes: unknown until the connection above works again',
    ]);
  });
});
