// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ScreenState } from './screen';
import { watchScreen } from './watch';

const ticketScreen = (id: number, summary: string, company = 'Blue Light, Co.') => `
  <div class="cw-main-banner"><div class="navigationEntry cw_CwLabel gwt-Label">Service Ticket</div></div>
  <div class="ServiceTicket cw_PsaRootContainer">
    <div class="gwt-Label mm_label detailLabel cw_CwLabel">Service Ticket #${id} - ${summary}</div>
    <div data-cwid="company"><input class="cw_company" readonly value="${company}"></div>
  </div>`;
const companyScreen = (name: string) => `
  <div class="cw-main-banner"><div class="navigationEntry cw_CwLabel gwt-Label">Company</div></div>
  <div class="Company cw_PsaRootContainer"><div class="detailLabel cw_CwLabel">${name}</div><input class="cw_company" value="${name}"></div>`;
const spinner = '<div class="cw-loading-image cw-loading-spinner"></div>';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let controller: AbortController;
let seen: Array<ScreenState | null>;
const brief = () => seen.map((s) => (s ? `${s.kind}:${s.recordId ?? '?'}${s.label.summary ? `:${s.label.summary}` : ''}` : 'null'));
const content = () => document.getElementById('cwContent')!;

function watch(options: { debounceMs?: number; pollMs?: number } = {}) {
  watchScreen({ signal: controller.signal, onChange: (state) => seen.push(state), debounceMs: 5, pollMs: 60_000, ...options });
}

beforeEach(() => {
  controller = new AbortController();
  seen = [];
  history.replaceState(null, '', '/v2025_1/ConnectWise.aspx?locale=en_US');
  document.body.innerHTML = `<div id="cwApp"><div id="cwContent" class="cw-WorkspaceView">${spinner}</div></div>`;
});
afterEach(() => controller.abort());

describe('watchScreen', () => {
  test('reports the current screen at once', () => {
    content().innerHTML = ticketScreen(123456, 'Printer offline');
    watch();
    expect(brief()).toEqual(['ticket:123456:Printer offline']);
  });

  test('looks at the first change after a quiet spell at once, in the mutation callback, before any timer', async () => {
    vi.useFakeTimers();
    try {
      watch({ debounceMs: 100 });
      vi.advanceTimersByTime(200);
      content().innerHTML = ticketScreen(123456, 'Printer offline');
      // Mutation observers are delivered as microtasks: no timer has to run.
      await Promise.resolve();
      expect(brief()).toEqual(['null', 'ticket:123456:Printer offline']);
    } finally {
      vi.useRealTimers();
    }
  });

  test('under continuous churn looks once per debounce window, and once more after it stops', async () => {
    vi.useFakeTimers();
    try {
      watch({ debounceMs: 100 });
      vi.advanceTimersByTime(200);
      content().innerHTML = ticketScreen(1, 'one');
      await Promise.resolve();
      const header = content().querySelector('.detailLabel')!;
      // GWT churn that brings no screen marker: a spinner, then the header's text rewritten
      // through a child element (no characterData on the header's own text node).
      content().insertAdjacentHTML('beforeend', spinner);
      await Promise.resolve();
      header.replaceChildren(Object.assign(document.createElement('span'), { textContent: 'Service Ticket #3 - three' }));
      await Promise.resolve();
      expect(brief()).toEqual(['null', 'ticket:1:one']);
      vi.advanceTimersByTime(100);
      expect(brief()).toEqual(['null', 'ticket:1:one', 'ticket:3:three']);
    } finally {
      vi.useRealTimers();
    }
  });

  test('a change that brings a new screen header is looked at at once, even amid churn', async () => {
    vi.useFakeTimers();
    try {
      watch({ debounceMs: 100 });
      vi.advanceTimersByTime(200);
      content().innerHTML = spinner;
      await Promise.resolve();
      content().innerHTML = ticketScreen(2, 'two');
      await Promise.resolve();
      content().innerHTML = companyScreen('Contoso Dental Group');
      await Promise.resolve();
      expect(brief()).toEqual(['null', 'ticket:2:two', 'company:?']);
    } finally {
      vi.useRealTimers();
    }
  });

  test('follows late rendering and in-app navigation (DOM swap + pushState)', async () => {
    watch();
    content().innerHTML = ticketScreen(123456, 'Printer offline');
    await vi.waitFor(() => expect(brief()).toEqual(['null', 'ticket:123456:Printer offline']));

    history.pushState(null, '', '/v2025_1/ConnectWise.aspx?locale=en_US&routeTo=CompanyFV&recid=250');
    content().innerHTML = spinner;
    await sleep(20);
    content().innerHTML = companyScreen('Blue Light, Co.');
    await vi.waitFor(() => expect(brief().slice(2)).toEqual(['null', 'company:250']));
  });

  test('notices a record change that leaves the URL alone', async () => {
    content().innerHTML = ticketScreen(123456, 'Printer offline');
    history.replaceState(null, '', '/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=123456');
    watch();
    const header = content().querySelector('.detailLabel')!.firstChild as Text;
    header.data = 'Service Ticket #123457 - VPN drops';
    await vi.waitFor(() => expect(brief()).toEqual(['ticket:123456:Printer offline', 'ticket:123457:VPN drops']));
  });

  test('stays quiet through GWT re-rendering the same header', async () => {
    content().innerHTML = ticketScreen(123456, 'Printer offline');
    watch();
    for (let i = 0; i < 3; i++) {
      const header = content().querySelector('.detailLabel')!;
      header.replaceWith(header.cloneNode(true));
      await sleep(15);
    }
    expect(brief()).toEqual(['ticket:123456:Printer offline']);
  });

  test('picks up value-only changes, which no mutation reports, on the poll', async () => {
    content().innerHTML = companyScreen('Blue Light, Co.');
    content().querySelector('.detailLabel')!.remove(); // the name now comes from the input alone
    watch({ pollMs: 30 });
    (content().querySelector('input.cw_company') as HTMLInputElement).value = 'Contoso Dental Group';
    await vi.waitFor(() => expect(brief()).toEqual(['company:?', 'company:?']));
    expect(seen.map((s) => s?.label.name)).toEqual(['Blue Light, Co.', 'Contoso Dental Group']);
  });

  test('says at once when the page navigates in-app, not on focus or value churn', () => {
    const onNavigate = vi.fn();
    watchScreen({ signal: controller.signal, onChange: () => undefined, onNavigate, pollMs: 60_000 });
    window.dispatchEvent(new Event('focus'));
    expect(onNavigate).not.toHaveBeenCalled();
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(onNavigate).toHaveBeenCalledOnce();
  });

  test('re-reads the URL on popstate (back/forward)', async () => {
    content().innerHTML = companyScreen('Blue Light, Co.');
    watch();
    history.replaceState(null, '', '/v2025_1/ConnectWise.aspx?routeTo=CompanyFV&recid=250');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.waitFor(() => expect(brief()).toEqual(['company:?', 'company:250']));
  });

  test('finds #cwContent when the app creates or replaces it', async () => {
    document.body.innerHTML = '';
    watch({ pollMs: 40 });
    const first = Object.assign(document.createElement('div'), { id: 'cwContent', innerHTML: ticketScreen(1, 'first') });
    document.body.append(first);
    await vi.waitFor(() => expect(brief()).toEqual(['null', 'ticket:1:first']));
    // a replaced root is invisible to the observer on the old one: the poll re-targets
    const second = Object.assign(document.createElement('div'), { id: 'cwContent', innerHTML: ticketScreen(2, 'second') });
    first.replaceWith(second);
    await vi.waitFor(() => expect(brief().at(-1)).toBe('ticket:2:second'));
    (second.querySelector('.detailLabel')!.firstChild as Text).data = 'Service Ticket #3 - third';
    await vi.waitFor(() => expect(brief().at(-1)).toBe('ticket:3:third'));
  });

  test('constant churn cannot starve detection', async () => {
    watch({ debounceMs: 20 });
    const churn = setInterval(() => content().append(document.createElement('span')), 4);
    content().insertAdjacentHTML('afterbegin', ticketScreen(9, 'busy'));
    try {
      await vi.waitFor(() => expect(brief()).toEqual(['null', 'ticket:9:busy']), { timeout: 300 });
    } finally {
      clearInterval(churn);
    }
  });

  test('stops completely when aborted', async () => {
    watch({ pollMs: 10 });
    controller.abort();
    content().innerHTML = ticketScreen(5, 'after abort');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await sleep(40);
    expect(brief()).toEqual(['null']);
  });

  test('does nothing with an already aborted signal', () => {
    controller.abort();
    watch();
    expect(seen).toEqual([]);
  });
});
