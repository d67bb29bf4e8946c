/**
 * Guessing a legacy encoding from the bytes alone, for documents that are not UTF-8 and carry no
 * label that fits. Each candidate decodes a sample and is scored (score.ts); the best mean wins, and
 * it is "plausible" only if it clears its profile's bar. Candidates are the legacy encodings our
 * feeds actually use; ties go to the earlier one, so Chinese wins over Japanese over Korean.
 */
import iconv from 'iconv-lite';
import { codecFor, type CanonicalEncoding } from './labels.js';
import { isPlausible, profileFor, scoreText, type TextScore } from './score.js';

export const SNIFF_CANDIDATES: readonly CanonicalEncoding[] = [
  'gb18030',
  'big5',
  'shift_jis',
  'euc-jp',
  'euc-kr',
  'windows-1252',
];

/** Bytes sampled for sniffing: plenty for a verdict, and six decodes of it stay cheap. */
export const SNIFF_SAMPLE_BYTES = 65_536;

export interface SniffResult {
  encoding: CanonicalEncoding;
  score: TextScore;
  plausible: boolean;
  /** True when the sample was the whole document, so a caller can skip decoding it again. */
  sampledAll: boolean;
}

export function sniffLegacyEncoding(bytes: Uint8Array): SniffResult {
  const sample = sampleOf(bytes);
  const scored = SNIFF_CANDIDATES.map((encoding) => ({
    encoding,
    score: scoreText(iconv.decode(sample, codecFor(encoding), { stripBOM: false }), profileFor(encoding)),
  }));
  const chosen = scored.reduce((best, next) => (next.score.mean > best.score.mean ? next : best));
  return {
    ...chosen,
    plausible: isPlausible(chosen.score, profileFor(chosen.encoding)),
    sampledAll: sample.length === bytes.length,
  };
}

/**
 * The first SNIFF_SAMPLE_BYTES, cut back to just after an ASCII byte so no candidate sees a
 * multi-byte character split in half at the end (which would count against all of them).
 */
function sampleOf(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= SNIFF_SAMPLE_BYTES) return bytes;
  let end = SNIFF_SAMPLE_BYTES;
  const floor = SNIFF_SAMPLE_BYTES - 64;
  while (end > floor && (bytes[end - 1] as number) >= 0x80) end--;
  return bytes.subarray(0, end > floor ? end : SNIFF_SAMPLE_BYTES);
}
