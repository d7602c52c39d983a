// @vitest-environment happy-dom
/**
 * Does the imitation fool scripts written for the real product? The selectors below are copied
 * from public userscripts (ATT, TPI) and a Selenium script (SEL), obfuscated classes included, and
 * run against the fixtures captured from the imitation (lib/manage/fixtures).
 */
import { describe, expect, test } from 'vitest';
import { loadFixture } from '../../../lib/manage/test-fixtures';

const text = (el: Element | null | undefined) => (el?.textContent ?? '').trim();

describe('TPI (ConnectwiseTicketTitleInTab, v2025_1)', () => {
  const doc = loadFixture('ticket-v2025.html');

  test('the ticket header and its first text node', () => {
    const header = doc.querySelector('.gwt-Label.mm_label.GMDB3DUBDDL.detailLabel.cw_CwLabel');
    expect((header?.childNodes[0] as Text | undefined)?.data).toMatch(/^Service Ticket #123456 - /);
  });

  test('the Company and Contact labels it turns into links', () => {
    expect(doc.querySelectorAll('.gwt-Label.mm_label.GMDB3DUBNLI.GMDB3DUBLLI[title=Company]')).toHaveLength(1);
    expect(doc.querySelectorAll('.gwt-Label.mm_label.GMDB3DUBNLI.GMDB3DUBLLI[title=Contact]')).toHaveLength(1);
  });

  test('summary, company name and the Help button', () => {
    expect((doc.querySelector('.cw_PsaSummaryHeader') as HTMLInputElement).value).toMatch(/jane\.doe@fabrikamlegal\.com/);
    expect((loadFixture('company-v2025.html').querySelector('.cw_company') as HTMLInputElement).value).toBe('Blue Light, Co.');
    expect(doc.querySelector('.cw_ToolbarButton_Help')).not.toBeNull();
  });
});

describe('ATT (copy-ticket-link, contact-insight)', () => {
  test('the banner line, the action bar and the company/contact fallbacks', () => {
    const doc = loadFixture('ticket-v2025.html');
    const banner = [...doc.querySelectorAll('.cw_CwLabel,.gwt-Label')].map(text).find((t) => /service\s*ticket\s*#\s*\d+/i.test(t));
    expect(banner).toMatch(/#\s*123456\s*-\s*.+$/);
    expect(doc.querySelector('.cw_CwActionButton')?.parentElement?.matches('.cw_CwHorizontalPanel')).toBe(true);
    expect((doc.querySelector('[data-cwid="company"] input[readonly]') as HTMLInputElement).value).toBe('Fabrikam Legal LLP');
    expect((doc.querySelector('[data-cwid="contact"] input') as HTMLInputElement).value).toBe('Jane Doe');
  });

  test('the contact flyout', () => {
    const dialog = loadFixture('ticket-modal-v2025.html').querySelector('.cw-gxt-wnd .pnlContactDialog');
    expect(text(dialog?.querySelector('.contactName .gwt-Label'))).toBe('Omar Haddad');
    expect(text(dialog?.querySelector('.companyName .gwt-Label'))).toBe('Tailspin Toys');
    expect(text(dialog?.querySelector('.emailContacts .GMDB3DUBF2C, .emailContacts .gwt-Label'))).toBe('ops@tailspintoys.com');
    expect(dialog?.closest('.cw-gxt-wnd')?.querySelector('img.gwt-Image.cw-gxt-wnd-cls')).not.toBeNull();
  });

  test('the service board rows and ticket links', () => {
    const doc = loadFixture('board-v2021.html');
    expect(doc.querySelectorAll('table.srboard-grid tr.cw-ml-row').length).toBeGreaterThan(0);
    expect(text(doc.querySelector('table.srboard-grid a.multilineClickable'))).toMatch(/^\d{6}$/);
  });
});

describe('SEL (Selenium board scripts, 2021)', () => {
  const doc = loadFixture('board-v2021.html');

  test('the first ticket link by its full structural path', () => {
    const link = doc.querySelector('#srboard-listview-scroller > div.GE0S-T1CAVF > table > tbody:nth-child(2) > tr:nth-child(1) > td:nth-child(6) > div > a');
    expect(text(link)).toBe('123456');
    expect(doc.querySelectorAll('tr.GE0S-T1CGWF.cw-ml-row.GE0S-T1CEWF').length).toBeGreaterThan(0);
  });

  test('the pager text it splits on "- " and " of"', () => {
    const pager = text(doc.querySelector('.GE0S-T1CERG > div:nth-child(1) > div:nth-child(1) > div:nth-child(1)'));
    expect(pager.split('- ', 2)[1]?.split(' of')[0]).toBe(pager.split('of ')[1]);
  });

  test('the status field and note rows on a v2021 ticket', () => {
    const ticket = loadFixture('ticket-v2021.html');
    expect(ticket.querySelector('.GE0S-T1COTH.GE0S-T1CJUH.cw_status')).not.toBeNull();
    expect(ticket.querySelectorAll('.CwPodRow-podRow.TicketNote-rowNote').length).toBeGreaterThan(0);
  });
});
