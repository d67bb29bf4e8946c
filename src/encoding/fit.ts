/**
 * Does a labelled encoding fit the bytes? A label is a claim; this checks it against the evidence
 * before we believe it. UTF-8 fits when the bytes are valid UTF-8, or valid apart from a few stray
 * bytes (those become U+FFFD). A legacy encoding fits when the bytes are not (mostly) UTF-8, which
 * real GBK, Big5 or Latin-1 text almost never is, and the decoded text scores like text in that
 * encoding's language (see score.ts). UTF-16 fits when the first character is ASCII in that byte
 * order. Pure ASCII fits every ASCII-compatible encoding.
 */
import iconv from 'iconv-lite';
import { codecFor, isUtf16, type CanonicalEncoding } from './labels.js';
import { isPlausible, profileFor, scoreText } from './score.js';
import { decodeUtf8, type ByteFacts } from './utf8.js';

export type Fit =
  | { fits: true; text: string; replacements: number }
  | { fits: false; reason: string; text: string | null; replacements: number };

/** How many decoded characters to score: enough for a verdict, bounded for large documents. */
const SCORE_WINDOW_CHARS = 32_768;

export function decodeAs(encoding: CanonicalEncoding, bytes: Uint8Array): string {
  if (encoding === 'utf-8') return decodeUtf8(bytes);
  return iconv.decode(bytes, codecFor(encoding), { stripBOM: false });
}

export function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) count++;
  return count;
}

export function checkFit(encoding: CanonicalEncoding, bytes: Uint8Array, facts: ByteFacts): Fit {
  if (isUtf16(encoding)) return checkUtf16(encoding, bytes);
  if (facts.ascii) return { fits: true, text: decodeUtf8(bytes), replacements: 0 };
  if (encoding === 'utf-8') {
    if (facts.utf8Valid) return { fits: true, text: decodeUtf8(bytes), replacements: 0 };
    const errors = facts.utf8Errors();
    if (errors && facts.mostlyUtf8()) return { fits: true, text: decodeUtf8(bytes), replacements: errors.invalidSequences };
    return { fits: false, reason: `invalid UTF-8 at byte ${errors?.firstInvalidOffset ?? 0}`, text: null, replacements: 0 };
  }
  if (facts.utf8Valid) return { fits: false, reason: 'the bytes are valid UTF-8', text: null, replacements: 0 };
  if (facts.mostlyUtf8()) {
    const invalid = facts.utf8Errors()?.invalidSequences ?? 0;
    return { fits: false, reason: `the bytes are UTF-8 apart from ${invalid} invalid sequences`, text: null, replacements: 0 };
  }
  const text = decodeAs(encoding, bytes);
  const replacements = countReplacements(text);
  const profile = profileFor(encoding);
  const score = scoreText(text.slice(0, SCORE_WINDOW_CHARS), profile);
  if (isPlausible(score, profile)) return { fits: true, text, replacements };
  const detail = score.replacements > 0 ? `, ${score.replacements} undecodable sequences` : '';
  return {
    fits: false,
    reason: `decoding as ${encoding} does not look like text (score ${score.mean.toFixed(2)}${detail})`,
    text,
    replacements,
  };
}

function checkUtf16(encoding: 'utf-16le' | 'utf-16be', bytes: Uint8Array): Fit {
  const [b0 = 0, b1 = 0] = bytes;
  const [ascii, zero] = encoding === 'utf-16le' ? [b0, b1] : [b1, b0];
  if (bytes.length % 2 !== 0 || zero !== 0 || ascii === 0 || ascii >= 0x80) {
    return { fits: false, reason: 'the bytes do not look like UTF-16 (no zero byte beside the first character)', text: null, replacements: 0 };
  }
  const text = decodeAs(encoding, bytes);
  return { fits: true, text, replacements: countReplacements(text) };
}
