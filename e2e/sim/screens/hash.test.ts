import { describe, expect, test } from 'vitest';
import { decodeManageHash } from '../../../lib/manage/hash';
import { parseManageUrl, type ScreenHint } from '../../../lib/manage/url';
import { decodeHash, encodeHashBlob, gwtJson } from './hash';
import { hashFor, manageScreenUrl, type ScreenTarget, type UrlForm } from './routes';

// A real blob (connectwise-screens.md §1.5) and the JSON it holds, exactly.
const REAL_CALENDAR_BLOB =
  'XQAACAAIAQAAAAAAAAA9iIoG07$U9W$XoZrQZV53xmzzTvE8Ibss$VHxl7o9pHfOfx3HsqiLhsuU5XFJlTJz04IgK3drE6m_Ze1vsxLYqBMDWQ0uF4WhvJRxxxYyVMOxUtq$BIlPW0k_jvLCp7qVoEnTD7sTRc5cNkjk_H4RybGIuESdbTgnJsF9BxGNDIEGY3yHs4bx5Ap_ns7$VXoKfTloL4pIyGGYr0oMBre26tgNg8MPNrLDJruZ9flC$eOfgD1YrKOcyf_yZtgA';
const REAL_CALENDAR_STATE = {
  pid: 28,
  p: 'my_calendar',
  s: { p: { pid: 44, sn: { pid: 45, caldt: '1711988916663', calmd: 1, dsp: 3, bb: true, calmbr: 192 }, ss: { pid: 46, slk: null, myCalendarSelectedMemberId: 'ADebenedet' }, os: false, rh: 0, svm: 0 } },
  rnd: 0.661744104411917,
};

describe('the simulator writes blobs the way Manage does', () => {
  test('re-encoding the real calendar state gives the real blob back, byte for byte', () => {
    expect(encodeHashBlob(gwtJson(REAL_CALENDAR_STATE))).toBe(REAL_CALENDAR_BLOB);
  });

  test('its own decoder reads the real blob', () => {
    expect(decodeHash(`#${REAL_CALENDAR_BLOB}??CalendarSchedule`)).toEqual({
      json: gwtJson(REAL_CALENDAR_STATE),
      screenName: 'CalendarSchedule',
    });
  });

  test('GWT JSON spacing', () => {
    expect(gwtJson({ a: 1, b: [1, 2], c: { d: null, e: 'x"y' } })).toBe('{"a":1, "b":[1,2], "c":{"d":null, "e":"x\\"y"}}');
  });
});

describe('the extension reads what the simulator writes', () => {
  const targets: ScreenTarget[] = [
    { screen: 'ticket', id: 123456 },
    { screen: 'company', id: 250 },
    { screen: 'agreement', id: 19064 },
    { screen: 'time-entry', id: 987 },
    { screen: 'board', id: null },
    { screen: 'home', id: null },
  ];
  const hints: Record<ScreenTarget['screen'], ScreenHint> = {
    ticket: 'ticket', company: 'company', agreement: 'agreement', 'time-entry': 'time-entry', board: 'board', home: 'other',
  };

  test.each(targets)('blob round trip for %o', (target) => {
    const decoded = decodeManageHash(hashFor(target));
    expect(decoded).not.toBeNull();
    expect(decoded!.state).toMatchObject({ s: { p: { pid: expect.any(Number) } } });
    if (target.id !== null) expect(decoded!.state).toMatchObject({ s: { p: { rd: target.id } } });
  });

  const forms: Array<[ScreenTarget, UrlForm[]]> = [
    [targets[0]!, ['routeTo', 'routeTo-srRecID', 'openrecord', 'fv_sr100', 'hash', 'startscreen']],
    [targets[1]!, ['routeTo', 'openrecord', 'hash']],
    [targets[2]!, ['routeTo', 'openrecord', 'hash']],
    [targets[3]!, ['routeTo', 'time-expense', 'hash']],
    [targets[4]!, ['startscreen', 'hash']],
    [targets[5]!, ['hash']],
  ];
  test.each(forms.flatMap(([target, list]) => list.map((form) => [target, form] as const)))(
    'parseManageUrl agrees with %o in the %s form',
    (target, form) => {
      const url = `https://na.myconnectwise.net${manageScreenUrl(target, { form, codebase: 'v2024_1' })}`;
      expect(parseManageUrl(url)).toMatchObject({ screenHint: hints[target.screen], recordId: target.id });
    },
  );
});
