// Tolerant date parsing for feed items: RFC 822/1123/2822 and RFC 850, ISO 8601/RFC 3339 (extended and
// basic), Chinese-locale dates (年月日, 时分, 上午/下午), US/EU numeric dates, English month-first dates
// (including JavaScript's Date.toString and Unix `date`/Java output), and epoch seconds/milliseconds.
//
// Pure and dependency-free. It never calls Date.parse (implementation-dependent); Date.UTC only does the
// calendar arithmetic, after every field has been range-checked here. One function per family of layouts;
// the most common families (RFC 822, ISO 8601) are tried first, and all regexes are compiled once. Their
// canonical forms take a fast path that skips normalizing (about 4× cheaper; see parseCanonical).
//
// Decisions (each one has rows in dates.test.ts):
// - No zone in the text: the caller's default offset is used and `zoneAssumed` is true. A date without a
//   time is midnight at that offset. An unknown 2–5 letter zone name (IST, ambiguous) is treated the same way.
// - CST is US Central (-0600) as RFC 822 defines it, except when the caller's default offset is UTC+8 (a
//   Chinese feed): there CST means China Standard Time (+0800), as Java's Date.toString prints it.
// - Military single-letter zones use their NATO meaning (A = +1 … M = +12, N = -1 … Y = -12, Z = 0).
//   RFC 2822 notes RFC 822 had the signs backwards; feeds in practice only ever use Z.
// - A 4-digit zone without a sign (`0800`) is read as east of UTC; `GMT+8`, `UTC+0800`, `+08` also work.
// - Two-digit years follow RFC 2822: 00–49 → 20xx, 50–99 → 19xx. Years outside 1000–9999 are rejected.
// - Numeric dates with `/` or `-` (`01/02/2024`): a field above 12 decides which one is the day; when both
//   are ≤ 12 the month comes first (US order, the common one in English feeds). With `.` (`31.01.2024`)
//   the day always comes first, as in German and Russian usage.
// - Wrong weekdays are ignored; weekday words must still be real day names (so garbage does not parse).
// - Zone names and offsets are read by dates-zones.ts.
// - Fractional seconds are truncated to milliseconds. Leap second :60 rolls over into the next minute;
//   hour 24 (ISO "24:00") is rejected with the other out-of-range fields.
import { makeOffset, readZone, UTC_ZONE, type ZoneReading } from './dates-zones.js';

export interface ParsedDate {
  ms: number;
  zoneAssumed: boolean;
}

interface TimeOfDay extends ZoneReading {
  hour: number;
  minute: number;
  second: number;
  milli: number;
}

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
] as const;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const MONTH_WORDS = indexPrefixes(MONTHS);
const WEEKDAY_WORDS = new Set([...indexPrefixes(WEEKDAYS).keys(), 'weds']);

// Shared pieces. Text reaching these is already lowercased, comma-free and single-spaced (see normalize).
const WD = '(?:([a-z]+)\\.? )?';
const TIME_TAIL = /^(?:(\d{1,2})(?::(\d{2})(?::(\d{2})(?:\.(\d+))?)?)? ?(am|pm|noon)?)? ?(.*)$/;

const CANONICAL_RFC1123 =
  /^(?:([A-Za-z]{3}), )?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (?:([+-])(\d{2})(\d{2})|GMT|UTC|UT|Z)$/;
const CANONICAL_RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):?(\d{2}))$/;
const EPOCH = /^(\d{10}|\d{13})$/;
const RFC822 = new RegExp(`^${WD}(\\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]+)\\.?[ -](\\d{4}|\\d{2})(?: (.*))?$`);
const ISO_EXTENDED = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[t ](.*))?$/;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:t(\d{2})(\d{2})(\d{2})?(\.\d+)?)?(.*)$/;
const CJK_DATE = /^(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号號]?(.*)$/;
const CJK_WEEKDAY = /(?:星期|周|週|礼拜|禮拜)[一二三四五六日天]/g;
const CJK_MERIDIEM = /(上午|早上|早晨|清晨|凌晨|下午|傍晚|晚上|晚间|晚間|夜里|夜裡|中午)/;
const CJK_TIME = /^(\d{1,2}) ?[:时時点點] ?(\d{1,2})? ?分? ?(?:[:]?(\d{1,2}) ?秒?)?(?: (.*))?$/;
const NUMERIC_DMY = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:(?: -| at)? (.*))?$/;
const MONTH_FIRST = new RegExp(`^${WD}([a-z]+)\\.? (\\d{1,2})(?:st|nd|rd|th)? (\\d{4})(?: (?:at )?(.*))?$`);
// asctime, Unix `date` and Java's Date.toString: "Wed Jan 31 19:33:00 CST 2024".
const ASCTIME = new RegExp(`^${WD}([a-z]+) (\\d{1,2}) (\\d{1,2}:\\d{2}(?::\\d{2})?)(?: ([a-z]{1,5}|[+-]\\d{4}))? (\\d{4})$`);
const CJK_MARKERS = /[\d０-９] ?年 ?[\d０-９]{1,2} ?月|[\d０-９]{1,2} ?月 ?[\d０-９]{1,2} ?[日号號]/;

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;
const FULL_WIDTH_ALL = /[\uFF01-\uFF5E\u3000]/g;
// "(Coordinated Universal Time)", "(CST)", and Java's "[Asia/Shanghai]" zone ids.
const COMMENTS = /\([^)]*\)|\[[^\]]*\]/g;
const DOTTED_MERIDIEM = /\b([ap])\.m\.?/g;
const DECIMAL_COMMA = /(:\d\d),(\d)/g;
const ODD_SPACE = /\s\s|[^\S ]/;
const AM_MARKERS = new Set(['上午', '早上', '早晨', '清晨', '凌晨']);
const MAX_INPUT = 200;

/** Parse a date as feeds write them. `defaultOffsetMinutes` is used when the text carries no zone
 *  (e.g. 480 for UTC+8); zoneAssumed tells the caller so it can warn. Returns null when unreadable. */
export function parseDate(text: string, defaultOffsetMinutes = 0): ParsedDate | null {
  const canonical = parseCanonical(text);
  if (canonical !== null) return canonical;
  const s = normalize(text);
  if (s === null) return null;
  return (
    parseEpoch(s) ??
    parseRfc822(s, defaultOffsetMinutes) ??
    parseIsoExtended(s, defaultOffsetMinutes) ??
    parseIsoBasic(s, defaultOffsetMinutes) ??
    parseCjk(s, defaultOffsetMinutes) ??
    parseNumericDmy(s, defaultOffsetMinutes) ??
    parseMonthFirst(s, defaultOffsetMinutes) ??
    parseAsctime(s, defaultOffsetMinutes)
  );
}

/** The instant as an ISO 8601 UTC string (`new Date(ms).toISOString()`); throws RangeError on NaN. */
export function toIsoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/** True when the text reads as a Chinese-locale date (年/月/日 markers), used by the caller to choose UTC+8. */
export function hasCjkDateMarkers(text: string): boolean {
  return CJK_MARKERS.test(text);
}

/** Lowercase, full-width → ASCII, drop "(comments)", commas and extra spaces. Each rewrite runs only when
 *  its trigger character is present: this is on the path of every feed item. */
function normalize(text: string): string | null {
  let s = text.trim();
  if (s.length === 0 || s.length > MAX_INPUT) return null;
  // Full-width digits, colons and letters (Ｚ, ：) appear in hand-typed Chinese pages.
  if (FULL_WIDTH.test(s)) s = s.replace(FULL_WIDTH_ALL, toHalfWidth);
  s = s.toLowerCase();
  if (s.includes('(') || s.includes('[')) s = s.replace(COMMENTS, ' ');
  if (s.includes('\u2212')) s = s.replaceAll('\u2212', '-');
  if (s.includes('.m')) s = s.replace(DOTTED_MERIDIEM, '$1m');
  // A comma between seconds and digits is a decimal mark (ISO 8601 allows it); elsewhere it is noise.
  if (s.includes(',')) s = s.replace(DECIMAL_COMMA, '$1.$2').replaceAll(',', ' ');
  if (ODD_SPACE.test(s)) s = s.replace(/\s+/g, ' ');
  s = s.trim();
  return s === '' ? null : s;
}

function toHalfWidth(c: string): string {
  return c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0);
}

/** Fast path for the two layouts nearly every feed uses, exactly as generators print them (RFC 1123 and
 *  RFC 3339), read from the raw text with no normalizing. Null means "take the general path", which also
 *  handles (and rejects) anything this one turns down. */
function parseCanonical(text: string): ParsedDate | null {
  const r = CANONICAL_RFC1123.exec(text);
  if (r) {
    const [, wd = '', d, mon = '', y, hh, mi, ss, sign, oh, om] = r;
    if (wd !== '' && !WEEKDAY_WORDS.has(wd.toLowerCase())) return null;
    const zone = sign === undefined ? UTC_ZONE : makeOffset(sign === '-' ? -1 : 1, oh, om);
    return exactInstant([y, readMonthName(mon.toLowerCase()), d, hh, mi, ss], 0, zone);
  }
  const i = CANONICAL_RFC3339.exec(text);
  if (i) {
    const [, y, mo, d, hh, mi, ss, frac, sign, oh, om] = i;
    const zone = sign === undefined ? UTC_ZONE : makeOffset(sign === '-' ? -1 : 1, oh, om);
    return exactInstant([y, mo, d, hh, mi, ss], readMillis(frac), zone);
  }
  return null;
}

function exactInstant(fields: readonly (string | number | undefined)[], milli: number, zone: ZoneReading | null): ParsedDate | null {
  const [year, month, day, hour, minute, second] = fields.map(Number) as [number, number, number, number, number, number];
  if (zone === null || !isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 60) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, milli);
  return { ms: local - zone.offset * 60_000, zoneAssumed: false };
}

function parseEpoch(s: string): ParsedDate | null {
  if (!EPOCH.test(s)) return null;
  const n = Number(s);
  return { ms: s.length === 10 ? n * 1000 : n, zoneAssumed: false };
}

function parseRfc822(s: string, defaultOffset: number): ParsedDate | null {
  const m = RFC822.exec(s);
  if (!m || !isWeekdayOrAbsent(m[1])) return null;
  const month = readMonthName(m[3] ?? '');
  return assemble(readYear(m[4] ?? ''), month, Number(m[2]), m[5], defaultOffset);
}

function parseIsoExtended(s: string, defaultOffset: number): ParsedDate | null {
  const m = ISO_EXTENDED.exec(s);
  if (!m) return null;
  return assemble(Number(m[1]), Number(m[3]), Number(m[4]), m[5], defaultOffset);
}

function parseIsoBasic(s: string, defaultOffset: number): ParsedDate | null {
  const m = ISO_BASIC.exec(s);
  if (!m) return null;
  const [, y, mo, d, hh, mi, ss, frac, zone] = m;
  const time = hh === undefined ? '' : `${hh}:${mi ?? '00'}:${ss ?? '00'}${frac ?? ''}`;
  return assemble(Number(y), Number(mo), Number(d), `${time}${zone ?? ''}`, defaultOffset);
}

/** 2024年1月31日 星期三 下午7:33 / 2024年01月31日 19时33分 / 2024年1月31日 19点33分05秒 */
function parseCjk(s: string, defaultOffset: number): ParsedDate | null {
  const m = CJK_DATE.exec(s);
  if (!m) return null;
  let rest = (m[4] ?? '').replace(CJK_WEEKDAY, ' ').trim();
  let meridiem = '';
  const mer = CJK_MERIDIEM.exec(rest);
  if (mer) {
    const word = mer[1] ?? '';
    meridiem = AM_MARKERS.has(word) ? 'am' : word === '中午' ? 'noon' : 'pm';
    rest = rest.replace(word, ' ').replace(/\s+/g, ' ').trim();
  }
  let tail = rest;
  const t = CJK_TIME.exec(rest);
  if (t) {
    const [, hh, mi, ss, zone] = t;
    tail = `${hh}:${mi ?? '00'}${ss === undefined ? '' : `:${ss}`} ${meridiem} ${zone ?? ''}`;
  } else if (meridiem !== '') {
    return null;
  }
  return assemble(Number(m[1]), Number(m[2]), Number(m[3]), tail.replace(/\s+/g, ' ').trim(), defaultOffset);
}

function parseNumericDmy(s: string, defaultOffset: number): ParsedDate | null {
  const m = NUMERIC_DMY.exec(s);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const dayFirst = m[2] === '.' || (a > 12 && b <= 12);
  return assemble(Number(m[4]), dayFirst ? b : a, dayFirst ? a : b, m[5], defaultOffset);
}

function parseMonthFirst(s: string, defaultOffset: number): ParsedDate | null {
  const m = MONTH_FIRST.exec(s);
  if (!m || !isWeekdayOrAbsent(m[1])) return null;
  return assemble(Number(m[4]), readMonthName(m[2] ?? ''), Number(m[3]), m[5], defaultOffset);
}

function parseAsctime(s: string, defaultOffset: number): ParsedDate | null {
  const m = ASCTIME.exec(s);
  if (!m || !isWeekdayOrAbsent(m[1])) return null;
  const tail = m[5] === undefined ? m[4] : `${m[4]} ${m[5]}`;
  return assemble(Number(m[6]), readMonthName(m[2] ?? ''), Number(m[3]), tail, defaultOffset);
}

/** Validate the calendar date, read the time and zone from `tail`, and compute the instant. */
function assemble(year: number, month: number, day: number, tail: string | undefined, defaultOffset: number): ParsedDate | null {
  if (!isValidDate(year, month, day)) return null;
  const t = readTimeAndZone(tail ?? '', defaultOffset);
  if (t === null) return null;
  const local = Date.UTC(year, month - 1, day, t.hour, t.minute, t.second, t.milli);
  return { ms: local - t.offset * 60_000, zoneAssumed: t.zoneAssumed };
}

function readTimeAndZone(tail: string, defaultOffset: number): TimeOfDay | null {
  const m = TIME_TAIL.exec(tail);
  if (!m) return null;
  const [, hh, mi, ss, frac, meridiem, zoneText] = m;
  // A lone number is only an hour when a meridiem follows ("7 pm").
  if (hh !== undefined && mi === undefined && meridiem === undefined) return null;
  const hour = applyMeridiem(Number(hh ?? 0), meridiem);
  const minute = Number(mi ?? 0);
  const second = Number(ss ?? 0);
  if (hour === null || minute > 59 || second > 60) return null;
  const zone = readZone(zoneText ?? '', defaultOffset);
  if (zone === null) return null;
  return { hour, minute, second, milli: readMillis(frac), ...zone };
}

/** Fractional seconds are truncated to milliseconds: ".5" → 500, ".123456" → 123. */
function readMillis(frac: string | undefined): number {
  return frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
}

function applyMeridiem(hour: number, meridiem: string | undefined): number | null {
  if (meridiem === undefined) return hour <= 23 ? hour : null;
  if (hour > 12) return null;
  if (meridiem === 'am') return hour === 12 ? 0 : hour;
  if (meridiem === 'pm') return hour === 12 ? 12 : hour + 12;
  return hour >= 1 && hour <= 5 ? hour + 12 : hour; // 中午 (noon): 中午1点 is 13:00, 中午11点 is 11:00
}

function readYear(text: string): number {
  const y = Number(text);
  if (text.length !== 2) return y;
  return y < 50 ? 2000 + y : 1900 + y;
}

/** 1–12 for a month name or a prefix of one (at least 3 letters), also "sept"; 0 when not a month. */
function readMonthName(word: string): number {
  return MONTH_WORDS.get(word) ?? 0;
}

function isWeekdayOrAbsent(word: string | undefined): boolean {
  return word === undefined || WEEKDAY_WORDS.has(word);
}

/** Every prefix of at least three letters of each name ("sep", "sept", "septe", …, "september"). */
function indexPrefixes(names: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  names.forEach((name, i) => {
    for (let len = 3; len <= name.length; len++) map.set(name.slice(0, len), i + 1);
  });
  return map;
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
