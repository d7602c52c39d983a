import { describe, expect, test } from 'vitest';
import { decodeManageHash, splitManageHash } from './hash';
import { BOARD_HASH, CALENDAR_HASH } from './test-fixtures';

describe('decodeManageHash', () => {
  test('decodes the real calendar blob', () => {
    const decoded = decodeManageHash(CALENDAR_HASH);
    expect(decoded?.screenName).toBe('CalendarSchedule');
    expect(decoded?.state).toMatchObject({ pid: 28, p: 'my_calendar', rnd: 0.661744104411917 });
  });

  test('decodes the real service-board blob, with or without # and padding', () => {
    for (const hash of [BOARD_HASH, BOARD_HASH.slice(1), BOARD_HASH.replace('==??', '??')]) {
      const decoded = decodeManageHash(hash);
      expect(decoded?.screenName).toBe('ServiceBoard');
      expect(decoded?.state).toMatchObject({ pid: 20, p: 'sr200', s: { p: { p_1: { rd: 0, rt: 's' } } } });
    }
  });

  test('decodes a percent-encoded hash and one without a screen name', () => {
    expect(decodeManageHash(CALENDAR_HASH.replaceAll('$', '%24'))?.state).toMatchObject({ p: 'my_calendar' });
    expect(decodeManageHash(CALENDAR_HASH.split('??')[0]!)).toMatchObject({ screenName: null, state: { p: 'my_calendar' } });
  });

  test.each([
    ['empty', ''],
    ['just a hash sign', '#'],
    ['the old readable form', '#startscreen=sr200'],
    ['the old JSON form', '#startscreen=sr150&state={"p":"sr150"}'],
    ['too short to hold a header', '#XQAACAAIAQAA??ServiceTicket'],
    ['not base64', '#XQAACAAIAQAA!!!!AAAAAAAA9iIoG07$U9W$XoZ??ServiceTicket'],
    ['a truncated blob', CALENDAR_HASH.slice(0, 120)],
    ['a blob with a flipped character', CALENDAR_HASH.replace('07$U9W', '07$U9X')],
    ['a bad percent escape', '#XQAA%E0%A4%A'],
    ['a screen name that is not a name', `${CALENDAR_HASH.split('??')[0]}??<script>`],
    ['a huge blob', `#${'A'.repeat(100_000)}`],
  ])('returns null for %s', (_, hash) => {
    expect(decodeManageHash(hash)).toBeNull();
  });

  test('never throws on mangled blobs', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789$_';
    for (let i = 20; i < 250; i++) {
      const mangled = BOARD_HASH.slice(0, i) + alphabet[i % alphabet.length] + BOARD_HASH.slice(i + 1);
      expect(() => decodeManageHash(mangled)).not.toThrow();
    }
  });
});

describe('splitManageHash', () => {
  test('splits without decoding', () => {
    expect(splitManageHash('#XQAACAAIAQAAAAAAAAA9iIoG??ServiceTicket')).toEqual({
      blob: 'XQAACAAIAQAAAAAAAAA9iIoG',
      screenName: 'ServiceTicket',
    });
    expect(splitManageHash('#startscreen=sr200')).toBeNull();
  });
});
