// @vitest-environment happy-dom
import { fireEvent } from '@testing-library/preact';
import { describe, expect, test } from 'vitest';
import type { TicketView } from '../lib/messages/panels';
import { okResult, panelRenderer, text } from './fixtures/render';
import { FIXTURE_NOW, ticketViews } from './fixtures/views';
import { formatWhen } from './format';
import { TicketPanel } from './TicketPanel';

const show = panelRenderer(TicketPanel);
/** The facts list as [term, description] pairs. */
const facts = (container: HTMLElement) =>
  [...container.querySelectorAll('.bb-facts dt')].map((dt) => [text(dt), text(dt.nextElementSibling)]);
const retry = (view: TicketView) => view.backup!.retryWindow!;
const liveRegion = (container: HTMLElement) => container.querySelector('[aria-live="polite"]')!;

describe('TicketPanel', () => {
  test('authentication error: mailbox, action, vendor error, attempts, retry window, what Fix will do', () => {
    const view = ticketViews.authError;
    const { container } = show(view);
    expect(facts(container)).toEqual([
      ['Mailbox', 'Jane Doe jane.doe@fabrikamlegal.com Authentication Error'],
      ['Action', 'backup · Fabrikam Legal LLP'],
      ['Vendor error', 'AADSTS700082: The refresh token has expired due to inactivity.'],
      ['Last good backup', '2 days ago'],
      ['Attempts', '3 of 25'],
      [
        'Retry window',
        `next automatic attempt at ${formatWhen(retry(view).nextAttemptAt!, FIXTURE_NOW)} (in 20 min); ` +
          `window ends ${formatWhen(retry(view).endsAt!, FIXTURE_NOW)} (in 11 hours)`,
      ],
    ]);
    expect(text(container.querySelector('.bb-fix p'))).toBe('Fix will: Re-authorise the mailbox, then retry the backup.');
  });

  test('Fix and resume: one start, progress read out as it comes, then the result', async () => {
    const { getByRole, container, actions } = show(ticketViews.authError);
    const fix = getByRole('button', { name: 'Fix and resume backup' });
    fireEvent.click(fix);
    fireEvent.click(fix);
    expect(actions.handler).toHaveBeenCalledTimes(1);
    expect(actions.handler.mock.calls[0]![0]).toEqual({ kind: 'fix-backup', ticketId: 123456 });
    expect(text(fix)).toBe('Fixing…');
    expect(fix.getAttribute('aria-disabled')).toBe('true');

    await actions.progress('Re-authorising jane.doe@fabrikamlegal.com…');
    await actions.progress('Backup started; waiting for it to finish…');
    expect([...liveRegion(container).querySelectorAll('li')].map(text)).toEqual([
      'Re-authorising jane.doe@fabrikamlegal.com…',
      'Backup started; waiting for it to finish…',
    ]);
    await actions.settle(okResult('The backup completed. Ticket #123456 closed with a note.'));
    expect(text(liveRegion(container))).toContain('The backup completed. Ticket #123456 closed with a note.');
    expect(fix.getAttribute('aria-disabled')).toBe('false');
  });

  test('a failed fix says why, in the live region', async () => {
    const { getByRole, container, actions } = show(ticketViews.retrying);
    fireEvent.click(getByRole('button', { name: 'Fix and resume backup' }));
    await actions.settle({
      type: 'result',
      requestId: 'x',
      ok: false,
      message: null,
      error: { code: 'fix-failed', message: 'The retry failed again: timeout.', hint: 'The ticket stays open with a note.' },
    });
    expect(text(liveRegion(container))).toBe('The retry failed again: timeout.The ticket stays open with a note.');
  });

  test('retrying: 7 of 25 and a retry', () => {
    const { container } = show(ticketViews.retrying);
    expect(facts(container)).toContainEqual(['Attempts', '7 of 25']);
    expect(text(container.querySelector('.bb-fix p'))).toBe('Fix will: Retry the backup.');
  });

  test('retries exhausted: said plainly, no next attempt', () => {
    const view = ticketViews.exhausted;
    const { container, getByRole } = show(view);
    expect(facts(container)).toContainEqual(['Attempts', '25 of 25 — the vendor has stopped retrying']);
    expect(facts(container)).toContainEqual(['Retry window', `window ends ${formatWhen(retry(view).endsAt!, FIXTURE_NOW)} (30 min ago)`]);
    expect(getByRole('button', { name: 'Fix and resume backup' })).toBeTruthy();
  });

  test('another technician started the fix: followed, not offered again', () => {
    const view = ticketViews.following;
    const { container, queryByRole } = show(view);
    expect(text(container.querySelector('.bb-note--warn'))).toBe(
      `Started by Asha Kumar at ${formatWhen(view.backup!.fix!.startedAt, FIXTURE_NOW)} — following it.`,
    );
    expect(queryByRole('button', { name: 'Fix and resume backup' })).toBeNull();
    expect([...liveRegion(container).querySelectorAll('li')].map(text)).toEqual([
      'Re-authorised jane.doe@fabrikamlegal.com.',
      'Retry the backup: running',
    ]);
  });

  test('fixed: why there is nothing to do, and the last fix', () => {
    const view = ticketViews.fixed;
    const { container, queryByRole, getByText } = show(view);
    expect(queryByRole('button', { name: 'Fix and resume backup' })).toBeNull();
    expect(getByText('The last backup completed; there is nothing to fix.')).toBeTruthy();
    expect(getByText('This ticket is closed (Closed).')).toBeTruthy();
    expect(text(container.querySelector('.bb-fix .bb-muted'))).toBe(
      `Last fix, by Asha Kumar at ${formatWhen(view.backup!.fix!.startedAt, FIXTURE_NOW)}: Fixed: the backup completed and the ticket was closed.`,
    );
  });

  test('not a backup ticket: one line', () => {
    const { container } = show(ticketViews.notBackup);
    expect(text(container)).toBe('Not a backup ticket.');
  });
});

describe('TicketPanel: what the fix button offers', () => {
  test('a healthy backup on an open ticket offers to close it', () => {
    const open = { ...ticketViews.fixed, ticket: { ...ticketViews.fixed.ticket, status: 'New', closed: false } };
    const { container } = show(open);
    expect(text(container.querySelector('.bb-fix button'))).toBe('Close the ticket (backup is healthy)');
  });

  test('a closed ticket offers nothing to start, and still shows the last fix', () => {
    const { container } = show(ticketViews.fixed);
    expect(container.querySelector('.bb-fix button')).toBeNull();
    expect(text(container.querySelector('.bb-fix'))).toContain('Last fix, by Asha Kumar');
  });

  test('a mailbox without a separate name shows its address once', () => {
    const view = ticketViews.authError;
    const mailbox = { ...view.backup!.mailbox!, displayName: view.backup!.mailbox!.email };
    const { container } = show({ ...view, backup: { ...view.backup!, mailbox } });
    expect(facts(container)[0]).toEqual(['Mailbox', 'jane.doe@fabrikamlegal.com Authentication Error']);
  });
});
