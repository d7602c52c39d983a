// @vitest-environment happy-dom
import { fireEvent, within } from '@testing-library/preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { companyViews, MANAGE_PAGE_URL, ticketViews, unavailableErrors, viewPush } from '../../components/fixtures/views';
import type { ScreenState } from '../manage/screen';
import { optionsOpen } from '../messages/panel';
import type { PanelRequest } from '../messages/panels';
import { askBackground } from '../ui/background';
import { FakePort } from '../ui/panel-port.test-support';
import { createShadowHost } from '../ui/shadow-host';
import { companyPanel } from './company-panel';
import { mountScreenPanel } from './panel-feature';
import { CompanyPanel } from '../../components/CompanyPanel';

vi.mock('../ui/background', () => ({ askBackground: vi.fn() }));

const screen: ScreenState = { kind: 'company', recordId: 251, recordIdSource: 'url', label: { name: 'Contoso Dental Group' } };
let controller: AbortController;
beforeEach(() => {
  controller = new AbortController();
  vi.mocked(askBackground).mockResolvedValue({});
});
afterEach(() => {
  act(() => controller.abort());
  document.body.innerHTML = '';
});

function mount(screenState: ScreenState = screen) {
  const port = new FakePort();
  const host = createShadowHost({ doc: document, css: '', attributes: {} });
  document.body.append(host.element);
  controller.signal.addEventListener('abort', () => host.destroy());
  act(() => {
    mountScreenPanel({
      kind: 'company',
      title: 'Email backup',
      body: (view, props) => <CompanyPanel view={view} {...props} />,
      screen: screenState,
      signal: controller.signal,
      render: host.render,
      pageUrl: () => `${MANAGE_PAGE_URL}#XQAACAB`,
      connect: () => port,
    });
  });
  const panel = within(host.element.shadowRoot!.lastElementChild as HTMLElement);
  const push = (message: unknown) => act(() => port.push(message));
  const actions = () => port.sent.filter((m): m is Extract<PanelRequest, { type: 'action' }> => m.type === 'action').map((m) => m.action);
  return { port, panel, push, actions };
}

describe('a screen panel container', () => {
  test('subscribes with the screen, shows loading, then the pushed view', () => {
    const { port, panel, push } = mount();
    expect(port.sent[0]).toEqual({ type: 'subscribe', screen: { kind: 'company', recordId: 251, label: { name: 'Contoso Dental Group' } } });
    expect(panel.getByRole('status').textContent).toBe('Loading backup data…');
    push(viewPush(companyViews.drift));
    expect(panel.getByRole('heading', { name: /Contoso Dental Group/ })).toBeTruthy();
  });

  test('caps screen labels as the protocol does', () => {
    const { port } = mount({ ...screen, label: { name: 'x'.repeat(250), summary: 'y'.repeat(400) } });
    const subscribe = port.sent[0] as Extract<PanelRequest, { type: 'subscribe' }>;
    expect(subscribe.screen.label.name).toHaveLength(200);
    expect(subscribe.screen.label.summary).toHaveLength(300);
  });

  test('links point at this Manage site and release', () => {
    const { panel, push } = mount();
    push(viewPush(companyViews.authError));
    expect(panel.getByRole('link', { name: '#123456' }).getAttribute('href')).toBe(
      'https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=123456',
    );
  });

  test('collapse is sent to be remembered, Refresh asks for a refresh, actions carry their payload', () => {
    const { panel, push, actions } = mount();
    push(viewPush(companyViews.healthy, { collapsed: false }));
    fireEvent.click(panel.getByRole('button', { name: 'Open the vendor portal as this customer' }));
    fireEvent.click(panel.getByRole('button', { name: 'Refresh' }));
    const toggle = panel.getByRole('button', { name: /Email backup/ });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(actions()).toEqual([
      { kind: 'impersonate', orgId: '1788161-14' },
      { kind: 'refresh' },
      { kind: 'set-collapsed', screen: 'company', collapsed: true },
    ]);
    expect(panel.getByRole('status').textContent).toBe('Refreshing…');
  });

  test('starts collapsed when the technician left it so', () => {
    const { panel, push } = mount();
    push(viewPush(companyViews.healthy, { collapsed: true }));
    expect(panel.getByRole('button', { name: /Email backup/ }).getAttribute('aria-expanded')).toBe('false');
  });

  test('ignores a view for another screen', () => {
    const { panel, push } = mount();
    push(viewPush(ticketViews.authError));
    expect(panel.getByRole('status').textContent).toBe('Loading backup data…');
  });

  test('not configured: Open set-up asks the background to open the options page', () => {
    const { panel, push } = mount();
    push({ type: 'unavailable', screen: 'company', error: unavailableErrors.notConfigured, collapsed: false });
    fireEvent.click(panel.getByRole('button', { name: 'Open set-up' }));
    expect(askBackground).toHaveBeenCalledWith(optionsOpen, {});
  });
});

describe('companyPanel feature', () => {
  test('one host per screen, marked with kind and record, gone on abort', async () => {
    expect(companyPanel.include.every((predicate) => predicate(screen))).toBe(true);
    expect(companyPanel.include.every((predicate) => predicate({ ...screen, kind: 'ticket' }))).toBe(false);
    await act(() => companyPanel.init({ screen, signal: controller.signal, doc: document }));
    const host = document.querySelector('[data-backup-bridge="company"]')!;
    expect(host.getAttribute('data-record-id')).toBe('251');
    expect(within(host.shadowRoot!.lastElementChild as HTMLElement).getByRole('region', { name: 'Email backup' })).toBeTruthy();
    act(() => controller.abort());
    expect(document.querySelector('[data-backup-bridge]')).toBeNull();
  });
});
