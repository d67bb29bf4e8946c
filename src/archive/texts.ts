/**
 * A revision's texts as the database keeps them: the HTML as received, the extracted page, the
 * clean HTML and text and the feed's summary, in one brotli stream. The clean HTML and text repeat
 * most of the HTML they came from, and one stream lets brotli's window find that: all five cost
 * about what the HTML alone does compressed (bench ingest's storage table), where the plain
 * columns kept each of them whole (migration 014 moved them here).
 *
 * Layout: one version byte, then brotli (quality 5: past it size barely falls while time rises
 * steeply) of a JSON array. JSON rather than separators because any text may hold any character.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { FeedkeeperError } from '../core/index.js';

export interface RevisionTexts {
  /** The HTML as the feed carried it. */
  html: string;
  /** The article extracted from its page, when it replaced the feed's HTML. */
  fullHtml: string | null;
  cleanHtml: string | null;
  cleanText: string | null;
  summary: string | null;
}

const VERSION = 1;
const QUALITY = 5;

/** A plain Uint8Array of its own (not a view into Buffer's shared pool), so it crosses a thread as just its bytes. */
export function packTexts(texts: RevisionTexts): Uint8Array {
  // The clean HTML is often the HTML itself (nothing to remove): kept as 0, "the same".
  const clean = texts.cleanHtml !== null && texts.cleanHtml === texts.html ? 0 : texts.cleanHtml;
  const json = Buffer.from(JSON.stringify([texts.html, texts.fullHtml, clean, texts.cleanText, texts.summary]), 'utf8');
  const packed = brotliCompressSync(json, {
    params: { [constants.BROTLI_PARAM_QUALITY]: QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: json.length },
  });
  const out = new Uint8Array(1 + packed.length);
  out[0] = VERSION;
  out.set(packed, 1);
  return out;
}

/** `where` names the revision in the error when the bytes are not a pack this version made. */
export function unpackTexts(bytes: Uint8Array, where: string): RevisionTexts {
  if (bytes[0] !== VERSION) throw corrupt(where, `it starts with byte ${bytes[0] ?? 'nothing'}, not format version ${VERSION}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(brotliDecompressSync(bytes.subarray(1)).toString('utf8'));
  } catch (err) {
    throw corrupt(where, (err as Error).message, err);
  }
  if (!Array.isArray(parsed) || parsed.length !== 5 || typeof parsed[0] !== 'string' || !parsed.slice(1).every((v, i) => v === null || typeof v === 'string' || (i === 1 && v === 0))) {
    throw corrupt(where, 'it does not hold the five texts of a revision');
  }
  const [html, fullHtml, clean, cleanText, summary] = parsed as [string, string | null, string | null | 0, string | null, string | null];
  return { html, fullHtml, cleanHtml: clean === 0 ? html : clean, cleanText, summary };
}

function corrupt(where: string, why: string, cause?: unknown): FeedkeeperError {
  return new FeedkeeperError('STORE_IO', `the stored texts of ${where} cannot be read: ${why}`, cause === undefined ? {} : { cause });
}
