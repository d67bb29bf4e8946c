// Time zones as feeds write them: numeric offsets (+0800, +08:00, +08, GMT+8, UTC+0800, and 0800 with the
// sign forgotten), RFC 822 names, a few common regional abbreviations and military letters. Pure; used
// only by dates.ts. Decisions are listed in the header of dates.ts and covered by its tests.

export interface ZoneReading {
  offset: number; // minutes east of UTC
  zoneAssumed: boolean;
}

export const UTC_ZONE: ZoneReading = { offset: 0, zoneAssumed: false };

// Input is lowercased and single-spaced by dates.ts.
const NUMERIC_ZONE = /^(?:(?:gmt|utc|ut|z) ?)?([+-]) ?(\d{1,2})(?::?(\d{2}))?$/;
const UNSIGNED_ZONE = /^(\d{2})(\d{2})$/;
const NAME_ZONE = /^[a-z]{1,5}$/;
// Go's time.String ("+0800 CST") and some RSS generators ("+0000 GMT") add a name after the offset.
const OFFSET_THEN_NAME = /^([+-]\d{2}:?\d{2}) [a-z]{1,5}$/;

// Zone abbreviations seen in feeds, in minutes east of UTC. Ambiguous ones (IST: India, Ireland, Israel)
// are left out on purpose and fall back to the default offset. CST is special-cased in readZone.
const NAMED_ZONES = new Map<string, number>([
  ['ut', 0], ['utc', 0], ['gmt', 0], ['z', 0], ['wet', 0], ['west', 60], ['bst', 60], ['cet', 60],
  ['met', 60], ['cest', 120], ['mest', 120], ['eet', 120], ['eest', 180], ['msk', 180],
  ['est', -300], ['edt', -240], ['cst', -360], ['cdt', -300], ['mst', -420], ['mdt', -360],
  ['pst', -480], ['pdt', -420], ['akst', -540], ['akdt', -480], ['hst', -600], ['ast', -240],
  ['adt', -180], ['nst', -210], ['ndt', -150], ['jst', 540], ['kst', 540], ['hkt', 480], ['sgt', 480],
  ['awst', 480], ['acst', 570], ['aest', 600], ['aedt', 660], ['nzst', 720], ['nzdt', 780],
  // Military letters, NATO meaning: A–I = +1…+9, K–M = +10…+12 (no J), N–Y = -1…-12.
  ...[...'abcdefghiklm'].map((c, i): [string, number] => [c, (i + 1) * 60]),
  ...[...'nopqrstuvwxy'].map((c, i): [string, number] => [c, -(i + 1) * 60]),
]);

/** Offset in minutes east of UTC, or the default (zoneAssumed) when there is none; null when malformed. */
export function readZone(text: string, defaultOffset: number): ZoneReading | null {
  if (text === '') return { offset: defaultOffset, zoneAssumed: true };
  const offsetText = OFFSET_THEN_NAME.exec(text)?.[1] ?? text; // the offset wins over the name
  const signed = NUMERIC_ZONE.exec(offsetText);
  if (signed) return makeOffset(signed[1] === '-' ? -1 : 1, signed[2], signed[3]);
  const unsigned = UNSIGNED_ZONE.exec(text); // "0800": a sign forgotten by the feed, read as east
  if (unsigned) return makeOffset(1, unsigned[1], unsigned[2]);
  if (!NAME_ZONE.test(text)) return null;
  // CST is US Central (RFC 822) unless the caller reads this feed as UTC+8, where CST is China Standard Time.
  if (text === 'cst' && defaultOffset === 480) return { offset: 480, zoneAssumed: false };
  const known = NAMED_ZONES.get(text);
  if (known !== undefined) return { offset: known, zoneAssumed: false };
  // An abbreviation we do not know (or one that is ambiguous, like IST) is not a reason to lose the date.
  return text.length >= 2 ? { offset: defaultOffset, zoneAssumed: true } : null;
}

export function makeOffset(sign: number, hh: string | undefined, mm: string | undefined): ZoneReading | null {
  const hours = Number(hh ?? 0);
  const minutes = Number(mm ?? 0);
  if (hours > 18 || minutes > 59) return null;
  return { offset: sign * (hours * 60 + minutes), zoneAssumed: false };
}
