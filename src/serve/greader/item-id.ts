/**
 * Google Reader item ids. An item's id is our article id; clients send it back in every form they
 * have met on some server: the long form `tag:google.com,2005:reader/item/<16 hex>`, its bare hex
 * (16 digits with leading zeros, or fewer without), and the short form, a signed decimal (Google's
 * ids were 64-bit and Java clients hold them as signed longs). `stream/items/ids` answers decimal.
 *
 * The one ambiguous form is a bare string of decimal digits: shorter than 16 characters it is read
 * as decimal (the short form), at exactly 16 as hex (the bare long form, which is always 16 long
 * with its zeros). Hex with a letter in it is hex at any length.
 */
export const ITEM_ID_PREFIX = 'tag:google.com,2005:reader/item/';

const HEX = /^[0-9a-f]{1,16}$/i;
const DECIMAL = /^-?[0-9]{1,20}$/;
const UINT64 = 2n ** 64n;

/** `tag:google.com,2005:reader/item/000000000000002a` for 42. */
export function longItemId(id: number): string {
  return ITEM_ID_PREFIX + id.toString(16).padStart(16, '0');
}

/** The short form, as `stream/items/ids` answers: `"42"`. */
export function shortItemId(id: number): string {
  return String(id);
}

/** An id in a valid form that no article can have (zero, or past 2^53): found nowhere, refused nowhere. */
export const NO_ARTICLE = 0;

/**
 * The article id an item id names; NO_ARTICLE for a well-formed id that cannot be ours; null when
 * the text is no item id in any form (the caller refuses the request).
 */
export function parseItemId(raw: string): number | null {
  const text = raw.trim();
  const body = text.toLowerCase().startsWith(ITEM_ID_PREFIX) ? text.slice(ITEM_ID_PREFIX.length) : null;
  let value: bigint;
  if (body !== null) {
    if (!HEX.test(body)) return null;
    value = BigInt('0x' + body);
  } else if (DECIMAL.test(text) && !(text.length === 16 && !text.startsWith('-'))) {
    value = BigInt(text);
    if (value < -(2n ** 63n) || value >= UINT64) return null;
    if (value < 0n) value += UINT64; // a signed long: the same 64 bits
  } else if (HEX.test(text)) {
    value = BigInt('0x' + text);
  } else {
    return null;
  }
  return value >= 1n && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : NO_ARTICLE;
}
