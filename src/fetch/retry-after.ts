/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, turned into milliseconds from now.
 * Pure and strict: anything that is neither form gives null (the caller falls back to its own
 * backoff) rather than a guess. A date in the past means "now" (0). HTTP-dates are read in the
 * three forms RFC 9110 §5.6.7 requires recipients to accept, always as GMT; we do not hand them
 * to Date.parse, which accepts almost anything and reads the asctime form in local time.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Sun, 06 Nov 1994 08:49:37 GMT
const IMF_FIXDATE = /^[a-z]{3}, (\d{2}) ([a-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) gmt$/i;
// Sunday, 06-Nov-94 08:49:37 GMT
const RFC850_DATE = /^[a-z]{6,9}, (\d{2})-([a-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) gmt$/i;
// Sun Nov  6 08:49:37 1994
const ASCTIME_DATE = /^[a-z]{3} ([a-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/i;

/** Milliseconds to wait from `nowMs`, or null when `value` is missing or malformed. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = parseHttpDate(text, nowMs);
  return at === null ? null : Math.max(0, at - nowMs);
}

/** Epoch milliseconds of an HTTP-date, or null. `nowMs` places two-digit RFC 850 years. */
export function parseHttpDate(text: string, nowMs: number): number | null {
  let m = IMF_FIXDATE.exec(text);
  if (m) return utc(m[3], m[2], m[1], m[4], m[5], m[6]);
  m = RFC850_DATE.exec(text);
  if (m) return utc(fourDigitYear(m[3], nowMs), m[2], m[1], m[4], m[5], m[6]);
  m = ASCTIME_DATE.exec(text);
  if (m) return utc(m[6], m[1], m[2], m[3], m[4], m[5]);
  return null;
}

type Part = string | undefined;

function utc(year: Part, month: Part, day: Part, hour: Part, minute: Part, second: Part): number | null {
  const monthIndex = MONTHS.indexOf((month ?? '').toLowerCase());
  const [y, d, h, mi, s] = [year, day, hour, minute, second].map((p) => Number((p ?? '').trim()));
  if (monthIndex < 0 || y === undefined || d === undefined || h === undefined || mi === undefined || s === undefined) return null;
  if (d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const ms = Date.UTC(y, monthIndex, d, h, mi, Math.min(s, 59));
  // Date.UTC rolls 31 Feb over into March; a real date keeps its day of month.
  return new Date(ms).getUTCDate() === d ? ms : null;
}

/** RFC 9110: a two-digit year that would be more than 50 years in the future is in the past century. */
function fourDigitYear(yy: Part, nowMs: number): string {
  const thisYear = new Date(nowMs).getUTCFullYear();
  let year = Math.floor(thisYear / 100) * 100 + Number(yy);
  if (year > thisYear + 50) year -= 100;
  return String(year);
}
