/**
 * Google Reader item ids, in every form clients send them back: the long form
 * `tag:google.com,2005:reader/item/<16 hex>`, its bare hex (16 digits with leading zeros, as
 * newsboat and Read You send it, or without them, as NetNewsWire does in stream/items/contents),
 * and the short form, a signed decimal (Google's ids were 64-bit and Java clients hold them as
 * signed longs). `stream/items/ids` answers decimal.
 *
 * Bare hex without its zeros and a decimal look alike whenever the hex has no letter ("10" is 16
 * or ten), which with small ids is one in ten. So an item's id is not its article id but
 * `article id × 16 + 10`: its hex always ends in `a`. A bare number with a letter is hex, one
 * without is decimal, and the two forms of one item can never be mistaken for another item. The
 * mapping keeps the crawl order and stays far below 2^53 for every article id we will see.
 */
const ITEM_ID_PREFIX = 'tag:google.com,2005:reader/item/';

const HEX = /^[0-9a-f]{1,16}$/i;
const DECIMAL = /^-?[0-9]{1,20}$/;
const UINT64 = 2n ** 64n;
const TAG = 10n;

/** An id in a valid form that no article can have: found nowhere, refused nowhere. */
export const NO_ARTICLE = 0;

function itemNumber(articleId: number): bigint {
  return BigInt(articleId) * 16n + TAG;
}

/** `tag:google.com,2005:reader/item/00000000000002aa` for article 42. */
export function longItemId(articleId: number): string {
  return ITEM_ID_PREFIX + itemNumber(articleId).toString(16).padStart(16, '0');
}

/** The short form, as `stream/items/ids` answers it: `"682"` for article 42. */
export function shortItemId(articleId: number): string {
  return itemNumber(articleId).toString();
}

/**
 * The article id an item id names; NO_ARTICLE for a well-formed id that is not one of ours;
 * null when the text is no item id in any form (the caller refuses the request).
 */
export function parseItemId(raw: string): number | null {
  const text = raw.trim();
  const long = text.toLowerCase().startsWith(ITEM_ID_PREFIX);
  const body = long ? text.slice(ITEM_ID_PREFIX.length) : text;
  let value: bigint;
  if (long || /[a-f]/i.test(body)) {
    if (!HEX.test(body)) return null;
    value = BigInt('0x' + body);
  } else if (DECIMAL.test(body)) {
    value = BigInt(body);
    if (value < -(2n ** 63n) || value >= UINT64) return null;
    if (value < 0n) value += UINT64; // a signed long: the same 64 bits
  } else {
    return null;
  }
  if (value % 16n !== TAG) return NO_ARTICLE;
  const id = value / 16n;
  return id >= 1n && id <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(id) : NO_ARTICLE;
}
