// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { popupStatuses } from '../../components/fixtures/views';
import { AppError } from '../../lib/errors';
import { openTab, popupStatus, type PopupStatus } from '../../lib/messages/popup';
import { askBackground } from '../../lib/ui/background';
import { App } from './App';

vi.mock('../../lib/ui/background', () => ({ askBackground: vi.fn() }));
const ask = vi.mocked(askBackground);

function answer(statuses: PopupStatus[]) {
  const queue = [...statuses];
  ask.mockImplementation(async (message) => {
    if (message === popupStatus) return queue.length > 1 ? queue.shift()! : queue[0]!;
    return {};
  });
}

beforeEach(() => {
  vi.spyOn(window, 'close').mockImplementation(() => undefined);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('popup', () => {
  test('asks for the cached status first, and recomputes on Refresh', async () => {
    answer([popupStatuses.healthy]);
    const { findByText, getByRole } = render(<App />);
    await findByText('3 failing mailboxes');
    expect(ask).toHaveBeenCalledWith(popupStatus, { refresh: false });
    fireEvent.click(getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(ask).toHaveBeenLastCalledWith(popupStatus, { refresh: true }));
  });

  test('a row opens its Manage screen in a tab', async () => {
    answer([popupStatuses.healthy]);
    const { findByRole } = render(<App />);
    fireEvent.click(await findByRole('link', { name: 'archive@adatum.com' }));
    await waitFor(() =>
      expect(ask).toHaveBeenCalledWith(openTab, {
        url: 'https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=123458',
      }),
    );
    expect(window.close).toHaveBeenCalled();
  });

  test('Fix opens the set-up step of the broken connection', async () => {
    answer([popupStatuses.vendorError]);
    const { findByRole } = render(<App />);
    fireEvent.click(await findByRole('button', { name: 'Fix' }));
    await waitFor(() => expect(ask).toHaveBeenCalledWith(openTab, { url: expect.stringMatching(/\/options\.html#vendor$/) }));
  });

  test('follows a refresh the background is still running', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    answer([{ ...popupStatuses.healthy, refreshing: true }, popupStatuses.healthy]);
    const { findByText } = render(<App />);
    await findByText('Refreshing…', { selector: 'p' });
    await vi.advanceTimersByTimeAsync(2_000);
    await findByText(/^Last refresh/);
    expect(ask).toHaveBeenCalledTimes(2);
  });

  test('says so when the background does not answer', async () => {
    ask.mockRejectedValue(new AppError({ code: 'extension-unavailable', message: 'Backup Bridge is not responding.' }));
    const { findByRole } = render(<App />);
    expect((await findByRole('alert')).textContent).toBe('Backup Bridge is not responding.');
  });
});
