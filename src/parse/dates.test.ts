import { describe, it, expect } from 'vitest';
import { seededRandom } from '../../test/random.js';
import { hasCjkDateMarkers, parseDate, toIsoUtc } from './dates.js';

// Most rows name the same instant: 2024-01-31 19:33 at UTC+8.
const T = '2024-01-31T11:33:00.000Z';
type Row = [text: string, iso: string, zoneAssumed: boolean];

function expectParsed(text: string, iso: string, zoneAssumed: boolean, offset?: number): void {
  const got = parseDate(text, offset);
  expect(got, `parseDate(${JSON.stringify(text)})`).not.toBeNull();
  expect({ iso: toIsoUtc(got?.ms ?? NaN), zoneAssumed: got?.zoneAssumed }).toEqual({ iso, zoneAssumed });
}

describe('parseDate: RFC 822 / 1123 / 2822 / 850', () => {
  it.each<Row>([
    ['Wed, 31 Jan 2024 19:33:00 +0800', T, false],
    ['Wed, 31 Jan 2024 11:33:00 GMT', T, false],
    ['31 Jan 2024 11:33:00 GMT', T, false],
    ['Fri, 31 Jan 2024 11:33:00 GMT', T, false], // wrong weekday is ignored
    ['wed, 31 jan 2024 11:33:00 gmt', T, false],
    ['WED, 31 JAN 2024 11:33:00 GMT', T, false],
    ['Wednesday, 31 January 2024 11:33:00 GMT', T, false],
    ['Weds, 31 Jan 2024 11:33:00 GMT', T, false],
    ['Sun, 01 Sept 2024 08:00:00 GMT', '2024-09-01T08:00:00.000Z', false],
    ['Sun, 1 Sep 2024 08:00:00 GMT', '2024-09-01T08:00:00.000Z', false],
    ['Thu, 1 Feb 2024 8:05:09 GMT', '2024-02-01T08:05:09.000Z', false],
    ['Wed, 31 Jan 2024 11:33 GMT', T, false],
    ['Wed, 31 Jan 24 11:33:00 GMT', T, false],
    ['Sat, 01 Jan 00 00:00:00 GMT', '2000-01-01T00:00:00.000Z', false],
    ['Fri, 31 Dec 49 23:59:59 GMT', '2049-12-31T23:59:59.000Z', false],
    ['Sun, 01 Jan 50 00:00:00 GMT', '1950-01-01T00:00:00.000Z', false],
    ['Fri, 31 Dec 99 12:00:00 GMT', '1999-12-31T12:00:00.000Z', false],
    ['Wed, 31 Jan 2024 19:33:00 +08:00', T, false],
    ['Wed, 31 Jan 2024 19:33:00 0800', T, false], // sign forgotten: read as east
    ['Wed, 31 Jan 2024 06:33:00 -0500', T, false],
    ['Wed, 31 Jan 2024 06:33:00 \u22120500', T, false], // U+2212 minus sign
    ['Wed, 31 Jan 2024 17:03:00 +0530', T, false],
    ['Wed, 31 Jan 2024 11:33:00 -0000', T, false],
    ['Wed, 31 Jan 2024 11:33:00 UT', T, false],
    ['Wed, 31 Jan 2024 11:33:00 UTC', T, false],
    ['Wed, 31 Jan 2024 11:33:00 Z', T, false],
    ['Wed, 31 Jan 2024 06:33:00 EST', T, false],
    ['Wed, 31 Jan 2024 07:33:00 EDT', T, false],
    ['Wed, 31 Jan 2024 05:33:00 CST', T, false], // US Central at the default offset
    ['Wed, 31 Jan 2024 06:33:00 CDT', T, false],
    ['Wed, 31 Jan 2024 04:33:00 MST', T, false],
    ['Wed, 31 Jan 2024 05:33:00 MDT', T, false],
    ['Wed, 31 Jan 2024 03:33:00 PST', T, false],
    ['Wed, 31 Jan 2024 04:33:00 PDT', T, false],
    ['Wed, 31 Jan 2024 12:33:00 CET', T, false],
    ['Wed, 31 Jan 2024 20:33:00 JST', T, false],
    ['Wed, 31 Jan 2024 12:33:00 A', T, false], // military: A = +1
    ['Wed, 31 Jan 2024 23:33:00 M', T, false], // M = +12
    ['Wed, 31 Jan 2024 10:33:00 N', T, false], // N = -1
    ['Wed, 31 Jan 2024 19:33:00 GMT+8', T, false],
    ['Wed, 31 Jan 2024 19:33:00 GMT+08:00', T, false],
    ['Wed, 31 Jan 2024 19:33:00 UTC+0800', T, false],
    ['Wed, 31 Jan 2024 06:33:00 GMT-5', T, false],
    ['Wed, 31 Jan 2024 19:33:00 +0800 (CST)', T, false],
    ['Wed, 31 Jan 2024 11:33:00 +0000 GMT', T, false],
    ['Wed,  31 Jan  2024,  19:33:00   +0800 ', T, false],
    ['Wed,, 31 Jan 2024 19:33:00 +0800', T, false],
    ['Wed, 31 Jan. 2024 19:33:00 +0800', T, false],
    ['Wed, 31 Jan 2024 11:33:00', T, true],
    ['Wed, 31 Jan 2024', '2024-01-31T00:00:00.000Z', true],
    ['31 Jan 2024 GMT', '2024-01-31T00:00:00.000Z', false],
    ['Wed, 31 Jan 2024 11:33:00 IST', T, true], // ambiguous name: default offset, flagged
    ['Wednesday, 31-Jan-24 11:33:00 GMT', T, false], // RFC 850
    ['31st January 2024 11:33 GMT', T, false],
    ['Thu, 29 Feb 2024 00:00:00 GMT', '2024-02-29T00:00:00.000Z', false],
    ['Wed, 31 Dec 1969 23:59:59 GMT', '1969-12-31T23:59:59.000Z', false],
    ['Mon, 01 Jan 1000 00:00:00 GMT', '1000-01-01T00:00:00.000Z', false],
  ])('%s', (text, iso, assumed) => expectParsed(text, iso, assumed));
});

describe('parseDate: ISO 8601 / RFC 3339', () => {
  it.each<Row>([
    ['2024-01-31T19:33:00+08:00', T, false],
    ['2024-01-31T11:33:00Z', T, false],
    ['2024-01-31T11:33:00.123Z', '2024-01-31T11:33:00.123Z', false],
    ['2024-01-31T11:33:00.5Z', '2024-01-31T11:33:00.500Z', false],
    ['2024-01-31T11:33:00.123456789Z', '2024-01-31T11:33:00.123Z', false], // truncated, not rounded
    ['2024-01-31T11:33:00,25Z', '2024-01-31T11:33:00.250Z', false], // decimal comma
    ['2024-01-31T11:33Z', T, false],
    ['2024-01-31T19:33+08:00', T, false],
    ['2024-01-31 19:33:00+08:00', T, false],
    ['2024-01-31 19:33:00 +08:00', T, false],
    ['20240131T193300+0800', T, false],
    ['20240131T113300Z', T, false],
    ['20240131T1133Z', T, false],
    ['20240131', '2024-01-31T00:00:00.000Z', true],
    ['2024-01-31', '2024-01-31T00:00:00.000Z', true],
    ['2024/01/31 11:33', T, true],
    ['2024/1/31 19:33 +0800', T, false],
    ['2024-01-31t11:33:00z', T, false],
    ['2024-01-31T19:33:00+0800', T, false],
    ['2024-01-31T19:33:00+08:00[Asia/Shanghai]', T, false], // Java ZonedDateTime
    ['2024-01-31T19:33:00+08:00(CST)', T, false],
    ['2024-01-31T19:33:00+08', T, false],
    ['2024-01-31T06:33:00-05:00', T, false],
    ['2024-01-31T11:33:00', T, true],
    ['2024-01-31 11:33:00 +0000 UTC', T, false], // Go's time.String
    ['2024-01-31 19:33:00.123456789 +0800 CST', '2024-01-31T11:33:00.123Z', false], // offset beats the name
    ['2024-01-31T23:59:60Z', '2024-02-01T00:00:00.000Z', false], // leap second rolls over
    ['  2024-01-31T11:33:00Z\n', T, false],
    ['１９７０-０１-０１Ｔ００：００：００Ｚ', '1970-01-01T00:00:00.000Z', false], // full-width
  ])('%s', (text, iso, assumed) => expectParsed(text, iso, assumed));

  it('uses the default offset for a date alone (midnight there)', () => {
    expectParsed('2024-01-31', '2024-01-30T16:00:00.000Z', true, 480);
  });
});

describe('parseDate: Chinese-locale dates at the caller’s UTC+8 default', () => {
  it.each<Row>([
    ['2024年1月31日 19:33', T, true],
    ['2024年01月31日 19时33分', T, true],
    ['2024年01月31日 19時33分', T, true],
    ['2024年1月31日19点33分', T, true],
    ['2024年1月31日 19时33分00秒', T, true],
    ['2024年1月31日 19:33:00', T, true],
    ['2024年1月31日 星期三 下午7:33', T, true],
    ['2024年1月31日 周三 晚上7点33分', T, true],
    ['2024年1月31日 上午7:33', '2024-01-30T23:33:00.000Z', true],
    ['2024年1月31日 凌晨12:10', '2024-01-30T16:10:00.000Z', true],
    ['2024年1月31日 中午12:30', '2024-01-31T04:30:00.000Z', true],
    ['2024年1月31日 中午1点', '2024-01-31T05:00:00.000Z', true],
    ['2024年1月31日', '2024-01-30T16:00:00.000Z', true],
    ['2024 年 1 月 31 日 19:33', T, true],
    ['2024年1月31号 19:33', T, true],
    ['2024年1月31日 19:33 +0800', T, false],
    ['２０２４年１月３１日　１９：３３', T, true], // full-width digits, colon and space
    ['2024-01-31 19:33:00', T, true],
    ['Wed, 31 Jan 2024 19:33:00 CST', T, false], // CST is China Standard Time for a UTC+8 feed
    ['Wed Jan 31 19:33:00 CST 2024', T, false], // Java's Date.toString on a Shanghai server
  ])('%s', (text, iso, assumed) => expectParsed(text, iso, assumed, 480));
});

describe('parseDate: numeric US/EU dates', () => {
  it.each<Row>([
    ['01/31/2024 11:33', T, true], // day > 12 decides: month/day
    ['31/01/2024 - 11:33', T, true], // day > 12 decides: day/month
    ['31/01/2024 11:33', T, true],
    ['02/03/2024', '2024-02-03T00:00:00.000Z', true], // both ≤ 12: month first (US)
    ['1/31/2024 7:33 PM', '2024-01-31T19:33:00.000Z', true],
    ['01/31/2024 11:33 GMT', T, false],
    ['31.01.2024 11:33', T, true],
    ['02.03.2024', '2024-03-02T00:00:00.000Z', true], // dots: always day first
    ['31-01-2024 11:33', T, true],
  ])('%s', (text, iso, assumed) => expectParsed(text, iso, assumed));
});

describe('parseDate: English month-first dates', () => {
  it.each<Row>([
    ['January 31, 2024 7:33 PM EST', '2024-02-01T00:33:00.000Z', false],
    ['January 31, 2024 6:33 AM EST', T, false],
    ['Jan 31 2024 11:33:00 GMT+0000 (Coordinated Universal Time)', T, false],
    ['Wed Jan 31 2024 19:33:00 GMT+0800 (China Standard Time)', T, false],
    ['Wed Jan 31 2024 19:33:00 GMT+0800 (中国标准时间)', T, false],
    ['Wednesday, January 31, 2024 at 11:33 a.m. UTC', T, false],
    ['Jan. 31st, 2024, 11:33am', T, true],
    ['January 31, 2024 12:00 AM', '2024-01-31T00:00:00.000Z', true],
    ['January 31, 2024 12:00 PM', '2024-01-31T12:00:00.000Z', true],
    ['January 31, 2024 7 PM', '2024-01-31T19:00:00.000Z', true],
    ['January 31, 2024', '2024-01-31T00:00:00.000Z', true],
    ['Wed Jan 31 11:33:00 2024', T, true], // asctime
    ['Wed Jan 31 11:33:00 UTC 2024', T, false], // Unix date
    ['Wed Jan 31 05:33:00 CST 2024', T, false], // CST is US Central at the default offset
  ])('%s', (text, iso, assumed) => expectParsed(text, iso, assumed));
});

describe('parseDate: epoch numbers', () => {
  it.each<Row>([
    ['1706700780', T, false],
    ['1706700780000', T, false],
    ['1706700780123', '2024-01-31T11:33:00.123Z', false],
    ['  1706700780 \n', T, false],
  ])('%s', (text, iso, assumed) => expectParsed(text, iso, assumed));
});

describe('parseDate: rejects', () => {
  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['garbage', 'not a date'],
    ['garbage with digits', 'abc 123 def'],
    ['zero date', '0000-00-00 00:00:00'],
    ['month 13', '2024-13-01T00:00:00Z'],
    ['day 32', '2024-01-32T00:00:00Z'],
    ['Feb 30', 'Fri, 30 Feb 2024 00:00:00 GMT'],
    ['Feb 29 in a common year', '2023-02-29'],
    ['hour 25', '2024-01-31T25:00:00Z'],
    ['hour 24', '2024-01-31 24:00'],
    ['minute 60', '2024-01-31T11:60:00Z'],
    ['13 PM', 'January 31, 2024 13:00 PM'],
    ['year below 1000', '0999-01-01T00:00:00Z'],
    ['year above 9999', '10000-01-01T00:00:00Z'],
    ['unknown month name', '31 Foo 2024 11:33:00 GMT'],
    ['weekday that is not a day', 'Xyz, 31 Jan 2024 11:33:00 GMT'],
    ['zone offset out of range', '2024-01-31T11:33:00+25:00'],
    ['trailing junk', '2024-01-31T11:33:00Z and more words'],
    ['both slash fields above 12', '31/31/2024'],
    ['CJK month 13', '2024年13月1日'],
    ['lone number after the date', '31 Jan 2024 11'],
    ['epoch of the wrong length', '17067007801'],
    ['very long input', `2024-01-31 ${'x'.repeat(300)}`],
  ])('%s', (_case, text) => {
    expect(parseDate(text)).toBeNull();
  });
});

describe('hasCjkDateMarkers', () => {
  it.each([
    ['2024年1月31日 19:33', true],
    ['1月31日', true],
    ['２０２４年１月３１日', true],
    ['2024-01-31 19:33:00', false],
    ['Wed, 31 Jan 2024 19:33:00 +0800', false],
    ['年月日', false],
  ])('%s → %s', (text, expected) => {
    expect(hasCjkDateMarkers(text)).toBe(expected);
  });
});

describe('parseDate: round trips', () => {
  const lo = Date.UTC(1000, 0, 1);
  const hi = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
  const random = seededRandom(20240131);
  const instants = Array.from({ length: 2000 }, () => lo + Math.floor(random() * (hi - lo)));

  it('reads back toISOString() to the millisecond', () => {
    const bad = instants.filter((ms) => parseDate(new Date(ms).toISOString())?.ms !== ms);
    expect(bad.map((ms) => new Date(ms).toISOString())).toEqual([]);
  });

  it('reads back toUTCString() to the second', () => {
    const bad = instants.filter((ms) => parseDate(new Date(ms).toUTCString())?.ms !== Math.floor(ms / 1000) * 1000);
    expect(bad.map((ms) => new Date(ms).toUTCString())).toEqual([]);
  });

  it('reads the same instant through the general path (lowercase, extra spaces: no fast path)', () => {
    const bad = instants.filter((ms) => {
      const utc = new Date(ms).toUTCString().toLowerCase().replace(' ', '  ');
      const iso = ` ${new Date(ms).toISOString().toLowerCase()} `;
      return parseDate(utc)?.ms !== Math.floor(ms / 1000) * 1000 || parseDate(iso)?.ms !== ms;
    });
    expect(bad.map((ms) => new Date(ms).toISOString())).toEqual([]);
  });

  it('never throws on mangled inputs', () => {
    const alphabet = '0123456789 :-+/.,()TZtzJanFebGMTUTC年月日时分上下午';
    for (let i = 0; i < 2000; i++) {
      const len = Math.floor(random() * 40);
      let s = '';
      for (let j = 0; j < len; j++) s += alphabet[Math.floor(random() * alphabet.length)] ?? '';
      const got = parseDate(s);
      if (got !== null) expect(Number.isFinite(got.ms)).toBe(true);
    }
  });
});
