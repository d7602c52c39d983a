// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { detectScreen, type ScreenState } from './screen';
import { fixtureUrl, loadFixture } from './test-fixtures';

const NA = 'https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?locale=en_US';
const parse = (body: string) => new DOMParser().parseFromString(`<!DOCTYPE html><html><body>${body}</body></html>`, 'text/html');

describe('detectScreen on the fixtures, at the address they were captured at', () => {
  test.each<[string, ScreenState | null]>([
    ['ticket-v2025.html', {
      kind: 'ticket', recordId: 123456, recordIdSource: 'dom',
      label: { ticketNumber: 123456, summary: 'Dropsuite backup error: jane.doe@fabrikamlegal.com (Authentication Error)', companyName: 'Fabrikam Legal LLP' },
    }],
    ['ticket-v2021.html', {
      kind: 'ticket', recordId: 123459, recordIdSource: 'dom',
      label: { ticketNumber: 123459, summary: 'Printer offline', companyName: 'Blue Light, Co.' },
    }],
    // the open contact flyout lists three other tickets; none of them counts
    ['ticket-modal-v2025.html', {
      kind: 'ticket', recordId: 123457, recordIdSource: 'dom',
      label: { ticketNumber: 123457, summary: 'Dropsuite backup error: ops@tailspintoys.com (Retrying)', companyName: 'Tailspin Toys' },
    }],
    ['company-v2025.html', {
      kind: 'company', recordId: 250, recordIdSource: 'url', label: { name: 'Blue Light, Co.', identifier: 'BlueLight' },
    }],
    ['agreement-v2025.html', {
      kind: 'agreement', recordId: 19064, recordIdSource: 'hash', label: { name: 'Dropsuite Email Backup', companyName: 'Blue Light, Co.' },
    }],
    ['board-v2021.html', null],
    ['time-entry-v2025.html', null], // header reads "Service Ticket #… - …" and the URL says nothing
    ['loading-v2025.html', null], // the URL names ticket 123456 but nothing is rendered yet
    ['reference-ticket.html', {
      kind: 'ticket', recordId: 123456, recordIdSource: 'dom',
      label: { ticketNumber: 123456, summary: 'Printer offline', companyName: 'Acme Ltd' },
    }],
    // TPI's button inside the header stays out of the summary; the company is found by data-cwid
    ['reference-ticket-fallbacks.html', {
      kind: 'ticket', recordId: 26251, recordIdSource: 'dom',
      label: { ticketNumber: 26251, summary: 'testing ticket', companyName: 'Contoso Dental Group' },
    }],
  ])('%s', (file, expected) => {
    expect(detectScreen(loadFixture(file), fixtureUrl(file))).toEqual(expected);
  });
});

describe('the DOM wins over a stale URL', () => {
  test('a ticket shown after "next record" keeps its own number, not the URL\'s', () => {
    const state = detectScreen(loadFixture('ticket-v2025.html'), `${NA}&routeTo=ServiceFV&recid=999`);
    expect(state).toMatchObject({ kind: 'ticket', recordId: 123456, recordIdSource: 'dom' });
  });

  test('a company screen under a ticket URL gets no id, only its label', () => {
    expect(detectScreen(loadFixture('company-v2025.html'), `${NA}&routeTo=ServiceFV&recid=123456`)).toEqual({
      kind: 'company', recordId: null, recordIdSource: null, label: { name: 'Blue Light, Co.', identifier: 'BlueLight' },
    });
  });

  test('an agreement screen without an id in the URL is still an agreement', () => {
    expect(detectScreen(loadFixture('agreement-v2025.html'), NA)).toMatchObject({ kind: 'agreement', recordId: null });
  });

  test('a URL that says ticket does not make a board a ticket', () => {
    expect(detectScreen(loadFixture('board-v2021.html'), `${NA}&routeTo=ServiceFV&recid=123456`)).toBeNull();
  });
});

describe('weaker evidence', () => {
  test('breadcrumb and Age label make a ticket even without the header; the id then comes from the URL', () => {
    const doc = parse(`<div id="cwContent"><div class="navigationEntry gwt-Label">Service Ticket</div>
      <div class="cw_CwHorizontalPanel"><div class="gwt-HTML mm_label cw_CwHTML">Age: 3 Days</div></div>
      <input class="cw_company" value="Tailspin Toys"></div>`);
    expect(detectScreen(doc, `${NA}&routeTo=ServiceFV&recid=123457`)).toEqual({
      kind: 'ticket', recordId: 123457, recordIdSource: 'url', label: { companyName: 'Tailspin Toys' },
    });
    expect(detectScreen(doc, NA)).toMatchObject({ kind: 'ticket', recordId: null, recordIdSource: null });
  });

  test('without any breadcrumb, a company URL plus the company field is enough (TPI\'s rule)', () => {
    const doc = parse('<div id="cwContent"><input class="cw_company" value="Blue Light, Co."></div>');
    expect(detectScreen(doc, `${NA}&routeTo=CompanyFV&recid=250`)).toEqual({
      kind: 'company', recordId: 250, recordIdSource: 'url', label: { name: 'Blue Light, Co.' },
    });
  });

  test('a stale company URL over another screen with a company field (a Contact) is not a company', () => {
    const doc = parse('<div id="cwContent"><div class="navigationEntry cw_CwLabel">Contact</div><input class="cw_company" value="Blue Light, Co."></div>');
    expect(detectScreen(doc, `${NA}&routeTo=CompanyFV&recid=250`)).toBeNull();
  });

  test('a ticket header under a Company breadcrumb is not a ticket', () => {
    const doc = parse(`<div id="cwContent"><div class="navigationEntry cw_CwLabel">Company</div>
      <div class="detailLabel cw_CwLabel">Service Ticket #5 - listed</div><input class="cw_company" value="Acme"></div>`);
    expect(detectScreen(doc, NA)).toMatchObject({ kind: 'company', label: { name: 'Acme' } });
  });
});

describe('never a screen', () => {
  test('ticket-like text only inside a modal', () => {
    const doc = parse(`<div id="cwContent"></div><div class="cw-gxt-wnd"><div class="navigationEntry cw_CwLabel">Service Ticket</div>
      <div class="detailLabel cw_CwLabel">Service Ticket #123456 - Printer offline</div><input class="cw_PsaSummaryHeader" value="x"></div>`);
    expect(detectScreen(doc, `${NA}&routeTo=ServiceFV&recid=123456`)).toBeNull();
  });

  test('a Daily Time Entries screen', () => {
    const doc = parse(`<div id="cwContent"><div class="navigationEntry cw_CwLabel">Daily Time Entries</div>
      <div class="detailLabel cw_CwLabel">Service Ticket #123456 - Printer offline</div></div>`);
    expect(detectScreen(doc, NA)).toBeNull();
  });

  test('a document in a same-origin sub-frame, even a perfect ticket', () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = loadFixture('ticket-v2025.html').documentElement.outerHTML;
    document.body.append(frame);
    const doc = frame.contentDocument!;
    expect(doc.querySelector('.detailLabel')?.textContent).toContain('#123456');
    expect(detectScreen(doc, fixtureUrl('ticket-v2025.html'))).toBeNull();
    frame.remove();
  });

  test('the live test window counts as the top frame', () => {
    document.body.innerHTML = '<div class="navigationEntry cw_CwLabel">Company</div><input class="cw_company" value="Acme">';
    expect(detectScreen(document, NA)).toMatchObject({ kind: 'company' });
  });
});
