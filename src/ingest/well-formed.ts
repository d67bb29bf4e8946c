/**
 * Text a feed sends can hold a lone UTF-16 surrogate (a JSON Feed's "\ud800", a mis-decoded
 * byte pair), which no UTF-8 record file can hold. It becomes U+FFFD, as a decoder would make of
 * the bytes, so one broken title never fails the whole refresh it came in.
 * (String.prototype.toWellFormed does this from ES2024; our type library is ES2023.)
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

export function wellFormedOrNull(text: string | null): string | null {
  return text === null ? null : wellFormed(text);
}
