// @vitest-environment happy-dom
import { fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { CompanyPanel } from './CompanyPanel';
import { links, manualActions, renderInShadowRoot, text } from './fixtures/render';
import { companyViews, FIXTURE_NOW, unavailableErrors } from './fixtures/views';
import { formatTime } from './format';
import { ScreenPanel, type ScreenPanelProps } from './ScreenPanel';

let rendered: ReturnType<typeof renderInShadowRoot> | null = null;
afterEach(() => {
  rendered?.destroy();
  rendered = null;
});

function show(props: Partial<ScreenPanelProps> = {}) {
  const events = { onToggle: vi.fn(), onRefresh: vi.fn(), onOpenSetup: vi.fn() };
  const view = companyViews.healthy;
  rendered = renderInShadowRoot(
    <ScreenPanel title="Email backup" view={view} refreshing={false} unavailable={null} collapsed={false} {...events} {...props}>
      {props.children ?? <p>Body</p>}
    </ScreenPanel>,
  );
  return { ...rendered, events };
}

describe('ScreenPanel', () => {
  test('header: title, "as of", Refresh', () => {
    const { getByRole, container, events } = show();
    expect(getByRole('region', { name: 'Email backup' })).toBeTruthy();
    expect(text(container.querySelector('.bb-panel__subtitle'))).toBe(`as of ${formatTime(companyViews.healthy.asOf)}`);
    expect(container.querySelector('.bb-refreshing')).toBeNull();
    fireEvent.click(getByRole('button', { name: 'Refresh' }));
    expect(events.onRefresh).toHaveBeenCalledTimes(1);
  });

  test('while refreshing: said in the header, Refresh not offered twice', () => {
    const { getByRole, events } = show({ refreshing: true });
    expect(getByRole('status').textContent).toBe('Refreshing…');
    const refresh = getByRole('button', { name: 'Refresh' });
    expect(refresh.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(refresh);
    expect(events.onRefresh).not.toHaveBeenCalled();
  });

  test('collapse: a real toggle button, the body hidden', () => {
    const { getByRole, getByText, events, rerender } = show();
    const toggle = getByRole('button', { name: /Email backup/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(toggle);
    expect(events.onToggle).toHaveBeenCalledTimes(1);
    rerender(
      <ScreenPanel title="Email backup" view={companyViews.healthy} refreshing={false} unavailable={null} collapsed {...events}>
        <p>Body</p>
      </ScreenPanel>,
    );
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect((getByText('Body').parentElement as HTMLElement).hidden).toBe(true);
  });

  test('loading before the first view', () => {
    const { getByRole, container } = show({ view: null, children: null });
    expect(getByRole('status').textContent).toBe('Loading backup data…');
    expect(container.querySelector('.bb-panel__subtitle')).toBeNull();
  });

  test('not configured: a call to open set-up', () => {
    const { getByRole, container, events } = show({ view: null, unavailable: unavailableErrors.notConfigured, children: null });
    expect(text(container.querySelector('.bb-panel__body'))).toBe('Backup Bridge is not set up yet. Open set-up');
    fireEvent.click(getByRole('button', { name: 'Open set-up' }));
    expect(events.onOpenSetup).toHaveBeenCalledTimes(1);
  });

  test('ConnectWise down with nothing cached: what happened and what to do', () => {
    const { getByRole, queryByRole } = show({ view: null, unavailable: unavailableErrors.manageDown, children: null });
    expect(text(getByRole('alert'))).toBe(
      'ConnectWise Manage is not answering (api-na.myconnectwise.net).Check that the site is up; the panel tries again on the next refresh.',
    );
    expect(queryByRole('button', { name: 'Open set-up' })).toBeNull();
  });

  test('an error about a setting offers set-up too', () => {
    const { getByRole } = show({
      view: null,
      unavailable: { code: 'bad-keys', message: 'ConnectWise refused the API keys.', field: 'manage.publicKey' },
      children: null,
    });
    expect(getByRole('button', { name: 'Open set-up' })).toBeTruthy();
  });

  test('lost connection: the last view stays, marked', () => {
    const { getByRole, getByText } = show({
      unavailable: { code: 'extension-unavailable', message: 'Backup Bridge is not responding.', hint: 'Reload this page.' },
    });
    expect(text(getByRole('alert'))).toContain('Backup Bridge is not responding.');
    expect(getByText('Body')).toBeTruthy();
  });

  test('the vendor part failed: said inline, the rest still shows', () => {
    const view = companyViews.vendorError;
    const { getByRole, getAllByRole } = show({
      view,
      children: <CompanyPanel view={view} now={FIXTURE_NOW} links={links} onAction={manualActions().handler} />,
    });
    expect(getAllByRole('alert').map(text)).toEqual([
      'Backup vendor: The backup vendor is not answering.ConnectWise data is shown; Refresh in a few minutes.',
    ]);
    expect(getByRole('link', { name: '#123456' })).toBeTruthy();
  });
});
