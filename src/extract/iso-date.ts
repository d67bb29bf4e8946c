/**
 * A deliberately small date reader for page metadata (JSON-LD datePublished, article:published_time,
 * <time datetime>): ISO 8601 / RFC 3339 only, normalized to ISO UTC (`2024-01-31T11:33:00.000Z`, the
 * form parse/ uses). Pages almost always put machine dates in this form; the feed's own date (read by
 * parse/dates.ts, which knows RFC 822 and Chinese layouts) stays the primary one.
 * It stays separate from parse/dates.ts on purpose: feeds' human-written dates need that reader's
 * guesses (zones assumed, Chinese layouts), while a page's machine date without a zone is better
 * rejected than guessed, since the feed's date is there to fall back on.
 *
 * Decisions: a date alone is midnight UTC (as ECMAScript reads it); a date-time without a zone is
 * rejected rather than guessed (a Chinese site's "09:15" is +08:00, an American one's is not);
 * fields out of range (month 13, 30 February, 24:00, :60) are rejected; fractions are cut to ms.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

export function normalizeIsoDate(text: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const hasTime = h !== undefined;
  if (hasTime && zone === undefined) return null;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)] as const;
  const ms = Number((frac ?? '0').padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(...fields, ms);
  const back = new Date(utc);
  const fits =
    back.getUTCFullYear() === fields[0] && back.getUTCMonth() === fields[1] && back.getUTCDate() === fields[2] &&
    back.getUTCHours() === fields[3] && back.getUTCMinutes() === fields[4] && back.getUTCSeconds() === fields[5];
  const offset = offsetMinutes(zone);
  if (!fits || offset === null) return null;
  return new Date(utc - offset * 60_000).toISOString();
}

/** Minutes east of UTC, or null for an offset no zone has (beyond ±14:00, or minutes ≥ 60). */
function offsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4) || '0');
  return hours > 14 || minutes > 59 ? null : sign * (hours * 60 + minutes);
}
