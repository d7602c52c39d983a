import { describe, expect, test } from 'vitest';
import { BOARD_HASH, CALENDAR_HASH } from './test-fixtures';
import { manageRecordUrl, parseManageUrl, type ManageUrl } from './url';

// Compressed hashes in the real format (LZMA-JS mode 3, GWT JSON), made by the imitation's
// hashFor(); decoded they read {"pid":184, "p":"sr150", "s":{"p":{"pid":184, "rd":123456, …}}, …}
// and {"pid":61, "p":"company_detail", "s":{"p":{"pid":61, "rd":250}}, …} (the latter key UNVERIFIED).
const TICKET_123456 =
  'XQAACABpAAAAAAAAAAA9iIoG07$U9W3fj_yy9XO5YhwrY7rShKmuGnTuLPD3T6Bf83bQECrP6$6cf7FFsjy$5TfYQu1aDRDdOeXiIrb_Ijymj80Z6mOGJm3J5pxc__OxqAA=';
const COMPANY_250 =
  'XQAACABZAAAAAAAAAAA9iIoG07$U9XZv5Nj2sCgCrK8TtVm3jUrWAb523P8YOwu3bMr8WThow3ETNHT554D7elejGJFsILawVRgHw0E6Pe6YTv6WAK5B53775QwA';
const AGREEMENT_19064 =
  'XQAACABdAAAAAAAAAAA9iIoG07$U9XgpG_T2sCgCrKaquCd2May2MZQmkrNq2drfIsRJf0DomPQBFDbMr9o$FjOvTvO4EAz$d4AlmIwKyyBVgRw2JKUrswX$jRj6DgEA';

const NA = 'https://na.myconnectwise.net';
type Case = [url: string, expected: Partial<ManageUrl>];

const cases: Case[] = [
  // routeTo deep links (MSPbots, SPN, public link builders)
  [`${NA}/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=123456`,
    { screenHint: 'ticket', recordId: 123456, recordIdSource: 'url', codebase: 'v4_6_release' }],
  [`${NA}/v2025_1/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&srRecID=26251&companyName=northwind`,
    { screenHint: 'ticket', recordId: 26251, codebase: 'v2025_1' }],
  [`${NA}/v4_6_release/ConnectWise.html?locale=en_US&routeTo=CompanyFv&recid=1&companyName=Company`,
    { screenHint: 'company', recordId: 1 }],
  ['https://cw2.dcstopeka.com/v4_6_release/connectwise.aspx?routeTo=AgreementFV&recid=19064',
    { screenHint: 'agreement', recordId: 19064, codebase: 'v4_6_release' }],
  [`${NA}/v4_6_release/ConnectWise.aspx?routeTo=TimeEntryFV&recid=987`, { screenHint: 'time-entry', recordId: 987 }],
  [`${NA}/v4_6_release/ConnectWise.aspx?routeTo=ContactFV&recid=42`, { screenHint: 'other', recordId: 42 }],
  // openrecord router (SPN, TPI, public files)
  ['https://connect.meriplex.com/v4_6_release/services/system_io/router/openrecord.rails?recordType=AgreementFV&recid=19064&companyName=Meriplex',
    { screenHint: 'agreement', recordId: 19064, recordIdSource: 'url', codebase: 'v4_6_release' }],
  [`${NA}/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=CompanyFV&recid=42&companyName=acme`,
    { screenHint: 'company', recordId: 42 }],
  [`${NA}/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=ServiceFv&recid=7`,
    { screenHint: 'ticket', recordId: 7 }],
  [`${NA}/v4_6_release/services/system_io/router/openrecord.rails?recordType=OpportunityFv&recid=7`, { screenHint: 'other' }],
  // the stand-alone ticket page (ATT) and ticket id parameters on any page
  ['https://connect.lancom.co.nz/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=123456&companyName=acme',
    { screenHint: 'ticket', recordId: 123456, recordIdSource: 'url', codebase: 'v4_6_release' }],
  [`${NA}/v2025_1/ConnectWise.aspx?serviceticketid=555`, { screenHint: 'ticket', recordId: 555 }],
  // the time/expense popup
  [`${NA}/v2025_1/timeexpensemodule.html`, { screenHint: 'time-entry', recordId: null, codebase: 'v2025_1' }],
  // old readable hash state (TPI), encoded as a browser would show it, and raw
  [`${NA}/v2025_1/connectwise.aspx?fullscreen=false&locale=en_US#startscreen=sr150&state=${encodeURIComponent('{"p":"sr150","s":{"p":{"pid":184,"rd":123456,"screenid":"sr100"}}}')}`,
    { screenHint: 'ticket', recordId: 123456, recordIdSource: 'hash' }],
  [`${NA}/v2025_1/connectwise.aspx#startscreen=activity_detail&state={"p":"activity_detail","s":{"p":{"pid":3,"rd":77,"compId":0}}}`,
    { screenHint: 'other', recordId: 77 }],
  [`${NA}/v2020_3/connectwise.aspx?fullscreen=false&locale=en_US#startscreen=sr200`,
    { screenHint: 'board', recordId: null, codebase: 'v2020_3' }],
  [`${NA}/v2025_1/connectwise.aspx#startscreen=my_calendar`, { screenHint: 'other', recordId: null }],
  // compressed hash: the two real ones …
  [`${NA}/v2024_1/connectwise.aspx?fullscreen=false&locale=en_US${CALENDAR_HASH}`,
    { screenHint: 'other', recordId: null, codebase: 'v2024_1' }],
  [`https://cw2.dcstopeka.com/v4_6_release/connectwise.aspx?fullscreen=false&locale=en_US${BOARD_HASH}`,
    { screenHint: 'board', recordId: null }], // its pods all say "rd":0
  // … and made ones
  [`${NA}/v2025_1/ConnectWise.aspx?locale=en_US#${TICKET_123456}??ServiceTicket`,
    { screenHint: 'ticket', recordId: 123456, recordIdSource: 'hash' }],
  [`${NA}/v2025_1/ConnectWise.aspx?locale=en_US#${COMPANY_250}??CompanyDetail`,
    { screenHint: 'company', recordId: 250, recordIdSource: 'hash' }],
  [`${NA}/v2025_1/ConnectWise.aspx?locale=en_US#${AGREEMENT_19064}??AgreementDetail`,
    { screenHint: 'agreement', recordId: 19064 }],
  [`${NA}/v2025_1/ConnectWise.aspx?locale=en_US#${TICKET_123456.replaceAll('$', '%24')}??ServiceTicket`,
    { screenHint: 'ticket', recordId: 123456 }],
  // the suffix is a hint even when the blob is unreadable, or holds no id we know
  [`${NA}/v2025_1/ConnectWise.aspx#${COMPANY_250.slice(0, 40)}??CompanyDetail`,
    { screenHint: 'company', recordId: null, recordIdSource: null }],
  [`${NA}/v2025_1/ConnectWise.aspx#${COMPANY_250}??ServiceTicket`, { screenHint: 'ticket', recordId: 250 }],
  [`${NA}/v2025_1/ConnectWise.aspx#${TICKET_123456}??ServiceTicketNew`, { screenHint: 'other' }],
  [`${NA}/v2025_1/ConnectWise.aspx#${TICKET_123456}??TimeEntryDetail`, { screenHint: 'time-entry' }],
  [`${NA}/v2025_1/ConnectWise.aspx#${TICKET_123456}`, { screenHint: 'ticket', recordId: 123456 }], // no suffix: the "p" code
  // the hash the app rewrote wins over the deep link it was opened with
  [`${NA}/v2025_1/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=123456#${COMPANY_250}??CompanyDetail`,
    { screenHint: 'company', recordId: 250, recordIdSource: 'hash' }],
  [`${NA}/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=123456#unrelated`,
    { screenHint: 'ticket', recordId: 123456, recordIdSource: 'url' }],
  // nothing to go on
  [`${NA}/v2025_1/ConnectWise.aspx?fullscreen=false&locale=en_US`,
    { screenHint: null, recordId: null, recordIdSource: null, codebase: 'v2025_1' }],
  [`${NA}/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=0`, { screenHint: 'ticket', recordId: null }],
  [`${NA}/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=12ab`, { screenHint: 'ticket', recordId: null }],
  [`${NA}/v2025_1/ConnectWise.aspx?routeTo=ServiceFV&recid=99999999999999999999`, { recordId: null }],
  [`${NA}/login/companyinfo/northwind`, { screenHint: null, codebase: null }],
  ['not a url', { screenHint: null, recordId: null, recordIdSource: null, codebase: null }],
  // any release segment, and none: on-prem hosts put the app anywhere
  ['https://manage.velomethod.com/v2017_3/ConnectWise.aspx?routeTo=ServiceFV&recid=5', { recordId: 5, codebase: 'v2017_3' }],
  ['https://cw.jexet.com/cw/custom_release/ConnectWise.aspx?routeTo=CompanyFV&recid=5', { screenHint: 'company', codebase: 'custom_release' }],
  ['https://cw.jexet.com/ConnectWise.aspx?routeTo=CompanyFV&recid=5', { screenHint: 'company', codebase: null }],
];

describe('parseManageUrl', () => {
  test.each(cases)('%s', (url, expected) => {
    expect(parseManageUrl(url)).toMatchObject(expected);
  });
});

describe('manageRecordUrl', () => {
  test.each([
    [`${NA}/v2025_1/ConnectWise.aspx?locale=en_US#XQAAC`, 'ticket', 123456,
      `${NA}/v2025_1/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=123456`],
    ['https://cw.jexet.com/cw/custom_release/ConnectWise.aspx?routeTo=CompanyFV&recid=5', 'company', 250,
      'https://cw.jexet.com/cw/custom_release/ConnectWise.aspx?locale=en_US&routeTo=CompanyFV&recid=250'],
    [`${NA}/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=1`, 'agreement', 19064,
      `${NA}/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=AgreementFV&recid=19064`],
    ['http://127.0.0.1:4100/ConnectWise.aspx', 'company', 7, 'http://127.0.0.1:4100/ConnectWise.aspx?locale=en_US&routeTo=CompanyFV&recid=7'],
    ['https://cw.example.com/somewhere/else', 'ticket', 9, 'https://cw.example.com/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=9'],
  ] as const)('%s → %s %i', (page, screen, id, expected) => {
    expect(manageRecordUrl(page, screen, id)).toBe(expected);
  });
});
