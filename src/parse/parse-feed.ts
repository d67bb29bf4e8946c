/**
 * parseFeed: the bytes (or text) of anything a server returned → one normalized ParsedFeed, or a
 * FeedkeeperError that says what we got instead. Pure: no I/O, everything arrives as arguments.
 */
import { FeedkeeperError } from '../core/index.js';
import { discoverFeeds } from '../discover/index.js';
import { decodeBytes } from '../encoding/index.js';
import { adaptAtom } from './atom.js';
import { isBlank, isHtmlRoot, looksLikeJson, sniffBinary, xmlFeedFormat } from './detect.js';
import { adaptJsonFeed, isObject, jsonFeedVersion } from './jsonfeed.js';
import type { Context } from './normalize.js';
import { adaptRss } from './rss.js';
import type { Adapted, ParseOptions, ParseResult } from './types.js';
import { Warnings } from './warnings.js';
import { attr, childNamed, textOf } from './xml/dom.js';
import { readProlog, stripControlCharacters } from './xml/prolog.js';
import { buildTree, type XmlElement } from './xml/tree.js';

export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export function parseFeed(input: Uint8Array | string, opts: ParseOptions = {}): ParseResult {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > maxBytes) {
    throw new FeedkeeperError('INPUT_TOO_LARGE', `input is ${size} bytes; the limit is ${maxBytes} bytes`);
  }
  const warnings = new Warnings();
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeInput(input, opts, warnings);
  if (text.trim() === '') throw new FeedkeeperError('FEED_EMPTY', 'got an empty document, not a feed');
  const ctx: Context = { warnings, docUrl: absoluteOrNull(opts.baseUrl), chineseFeed: false };
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? parseJson(text, ctx) : parseXml(text, ctx);
}

function decodeInput(bytes: Uint8Array, opts: ParseOptions, warnings: Warnings): string {
  if (isBlank(bytes)) throw new FeedkeeperError('FEED_EMPTY', `got ${bytes.byteLength === 0 ? 'an empty body' : 'only whitespace'}, not a feed`);
  const binary = sniffBinary(bytes);
  if (binary) throw new FeedkeeperError('NOT_A_FEED', `got ${binary} (${bytes.byteLength} bytes), not a feed`);
  const decoded = decodeBytes(bytes, { httpCharset: opts.httpCharset ?? null, kind: looksLikeJson(bytes) ? 'json' : 'xml' });
  warnings.addAll(decoded.warnings);
  return decoded.text;
}

function parseXml(input: string, ctx: Context): ParseResult {
  const text = stripControlCharacters(input, ctx.warnings);
  const prolog = readProlog(text, ctx.warnings);
  const root = buildTree(prolog.text, prolog.entities, ctx.warnings, ctx.docUrl);
  if (root === null || isHtmlRoot(root, prolog.text)) {
    if (isHtmlRoot(root, prolog.text)) throw notAFeedHtml(prolog.text, ctx.docUrl);
    throw new FeedkeeperError('NOT_A_FEED', `got text that is not XML, JSON or HTML: "${preview(text)}"`);
  }
  const format = xmlFeedFormat(root);
  if (format === null) {
    throw new FeedkeeperError('NOT_A_FEED', `got XML with root element <${root.qname}>, not an RSS, Atom or RDF feed`);
  }
  ctx.chineseFeed = isChineseFeed(root);
  const adapted: Adapted = format.startsWith('atom') ? adaptAtom(root, format, ctx) : adaptRss(root, format, ctx);
  const complete = adapted.items.filter(({ el }) => !el.truncated);
  const dropped = adapted.items.length - complete.length;
  if (dropped > 0) {
    ctx.warnings.add('TRUNCATED', `the document ends in the middle of an item; ${dropped} incomplete item(s) dropped, ${complete.length} kept`);
  } else if (root.truncated) {
    ctx.warnings.add('TRUNCATED', `the document ends before </${root.qname}>; all ${complete.length} items were complete`);
  }
  return { feed: adapted.feed, items: complete.map(({ item }) => item), warnings: ctx.warnings.toArray(), hints: adapted.hints };
}

function parseJson(text: string, ctx: Context): ParseResult {
  const doc = parseJsonLeniently(text, ctx);
  const format = jsonFeedVersion(doc);
  if (format === null || !isObject(doc)) {
    throw new FeedkeeperError('NOT_A_FEED', 'got JSON, but not a JSON Feed (no "version": "https://jsonfeed.org/version/1.1")');
  }
  ctx.chineseFeed = typeof doc.language === 'string' && /^zh/i.test(doc.language);
  return { ...adaptJsonFeed(doc, format, ctx), warnings: ctx.warnings.toArray() };
}

function parseJsonLeniently(text: string, ctx: Context): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    // The one common breakage worth repairing: trailing commas from hand-rolled generators.
    const repaired = text.replace(/,(\s*[}\]])/g, '$1');
    try {
      const doc: unknown = JSON.parse(repaired);
      ctx.warnings.add('JSON_RECOVERED', 'trailing commas in the JSON were ignored');
      return doc;
    } catch {
      throw new FeedkeeperError('FEED_MALFORMED', `got JSON that cannot be read: ${(err as Error).message}`, { cause: err });
    }
  }
}

function notAFeedHtml(html: string, pageUrl: string | null): FeedkeeperError {
  const feeds = discoverFeeds(html, pageUrl);
  const where = feeds.length === 0
    ? 'and it links to no feeds'
    : `it links to ${feeds.length === 1 ? 'this feed' : 'these feeds'}: ${feeds.map((f) => f.url).join(', ')}`;
  return new FeedkeeperError('NOT_A_FEED', `got an HTML page, not a feed; ${where}`, { details: { feeds } });
}

/** Chinese by its declared language, or, when it declares none, by Han characters in its title. */
function isChineseFeed(root: XmlElement): boolean {
  const channel = childNamed(root, 'channel', 'rss1:channel', 'rss090:channel') ?? root;
  const langEl = childNamed(channel, 'language', 'dc:language', 'rss1:language');
  const lang = (langEl ? textOf(langEl) : attr(root, 'xml:lang'))?.trim() ?? '';
  if (lang !== '') return /^zh/i.test(lang);
  const title = childNamed(channel, 'title', 'rss1:title', 'atom:title', 'atom03:title');
  return title !== null && /\p{Script=Han}/u.test(textOf(title)) && !/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(textOf(title));
}

function absoluteOrNull(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).href;
  } catch {
    return null;
  }
}

function preview(text: string): string {
  return text.trim().slice(0, 40).replace(/\s+/g, ' ');
}
