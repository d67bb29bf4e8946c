/**
 * parseOpml: an OPML subscription list (bytes or text) → the feeds it names, with its folders and
 * `category` attributes turned into tags. Pure: no I/O. It reads through the same XML layer as
 * parseFeed, so a hand-edited or half-broken export (bare `&`, `&nbsp;`, an unclosed outline, GBK
 * bytes) recovers the same way a feed does, with the same warnings.
 *
 * Decisions:
 * - A feed is any <outline> with an xmlUrl (any letter case), or a `url` on type="rss". An outline
 *   that is a feed is never a folder, so outlines nested inside it by a missing `/>` keep the tags
 *   of the folders around it and nothing more.
 * - An outline without a feed URL is a folder: its title (else text) is a tag for every feed below
 *   it, outermost first. `category="/News/China,Tech"` adds News, China and Tech (each comma-separated
 *   entry split into its path segments).
 * - URLs are trimmed and otherwise kept as written. Only http(s) is accepted. A URL seen again is
 *   kept once (the first outline wins), listed in `duplicates`, and its tags are merged in: an
 *   export that files one feed under two folders means "both".
 */
import { FeedkeeperError, type ParseWarning } from '../core/index.js';
import { decodeBytes } from '../encoding/index.js';
import { isBlank, isHtmlRoot, looksLikeJson, sniffBinary, xmlFeedFormat } from './detect.js';
import { DEFAULT_MAX_BYTES } from './parse-feed.js';
import { Warnings } from './warnings.js';
import { attr, childNamed, childrenNamed, textOf } from './xml/dom.js';
import { readProlog, stripControlCharacters } from './xml/prolog.js';

const OPML_ROOTS: readonly string[] = ['opml'];
import { buildTree, type XmlElement } from './xml/tree.js';

export interface OpmlFeed {
  url: string;
  title: string | null;
  siteUrl: string | null;
  tags: string[];
}

export interface OpmlDocument {
  title: string | null;
  feeds: OpmlFeed[];
  duplicates: string[];
  warnings: ParseWarning[];
}

export interface OpmlOptions {
  /** Inputs larger than this are refused with INPUT_TOO_LARGE (default: parseFeed's limit). */
  maxBytes?: number;
}

export function parseOpml(input: Uint8Array | string, opts: OpmlOptions = {}): OpmlDocument {
  const warnings = new Warnings();
  const root = readRoot(readText(input, opts.maxBytes ?? DEFAULT_MAX_BYTES, warnings), warnings);
  const body = childNamed(root, 'body');
  if (body === null) warnings.add('BAD_VALUE', '<opml> has no <body>; outlines were read directly under <opml>');
  const list = new FeedList(warnings);
  collectOutlines(body ?? root, [], list);
  const head = childNamed(root, 'head');
  const titleEl = head === null ? null : childNamed(head, 'title');
  const title = titleEl === null ? null : cleanText(textOf(titleEl));
  return { title, feeds: list.feeds(), duplicates: list.duplicates(), warnings: warnings.toArray() };
}

function readText(input: Uint8Array | string, maxBytes: number, warnings: Warnings): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > maxBytes) throw new FeedkeeperError('INPUT_TOO_LARGE', `OPML input is ${size} bytes; the limit is ${maxBytes} bytes`);
  if (typeof input === 'string') {
    if (input.trim() === '') throw notOpml(input === '' ? 'an empty document' : 'only whitespace');
    return input.replace(/^\uFEFF/, '');
  }
  if (isBlank(input)) throw notOpml(input.byteLength === 0 ? 'an empty body' : 'only whitespace');
  const binary = sniffBinary(input);
  if (binary !== null) throw notOpml(`${binary} (${input.byteLength} bytes)`);
  if (looksLikeJson(input)) throw notOpml('JSON');
  const decoded = decodeBytes(input, { kind: 'xml' });
  warnings.addAll(decoded.warnings);
  return decoded.text;
}

function readRoot(input: string, warnings: Warnings): XmlElement {
  const first = input.trimStart()[0];
  if (first === '{' || first === '[') throw notOpml('JSON');
  const text = stripControlCharacters(input, warnings);
  const prolog = readProlog(text, warnings, OPML_ROOTS);
  const root = buildTree(prolog.text, prolog.entities, warnings, null);
  if (isHtmlRoot(root, prolog.text)) throw notOpml('an HTML page');
  if (root === null) throw notOpml(`text that is not XML: "${text.trim().slice(0, 40).replace(/\s+/g, ' ')}"`);
  if (root.name === 'opml') return root;
  const feedFormat = xmlFeedFormat(root);
  if (feedFormat !== null) throw notOpml(`a feed (${feedFormat}, root element <${root.qname}>); add it as a feed instead of importing it`);
  throw notOpml(`XML with root element <${root.qname}>`);
}

function notOpml(got: string): FeedkeeperError {
  return new FeedkeeperError('NOT_OPML', `got ${got}, not an OPML subscription list (expected an <opml> root element)`);
}

function collectOutlines(parent: XmlElement, folders: readonly string[], list: FeedList): void {
  for (const el of childrenNamed(parent, 'outline')) {
    const url = feedUrlOf(el);
    if (url !== null) list.add(el, url, folders);
    const folder = url === null ? outlineTitle(el) : null;
    collectOutlines(el, folder === null ? folders : [...folders, folder], list);
  }
}

/** The outline's feed URL as written, or null when the outline names no feed (a folder). */
function feedUrlOf(el: XmlElement): string | null {
  const xmlUrl = attr(el, 'xmlUrl');
  if (xmlUrl !== null) return xmlUrl;
  return attr(el, 'type')?.trim().toLowerCase() === 'rss' ? attr(el, 'url') : null;
}

function outlineTitle(el: XmlElement): string | null {
  return cleanText(attr(el, 'title')) ?? cleanText(attr(el, 'text'));
}

/** Whitespace collapsed and trimmed; null when nothing is left. */
function cleanText(value: string | null): string | null {
  const s = value?.replace(/\s+/g, ' ').trim() ?? '';
  return s === '' ? null : s;
}

function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** "/News/China,Tech" → News, China, Tech. */
function categoryTags(el: XmlElement): string[] {
  const tags: string[] = [];
  for (const entry of (attr(el, 'category') ?? '').split(',')) {
    for (const segment of entry.split('/')) {
      const tag = cleanText(segment);
      if (tag !== null) tags.push(tag);
    }
  }
  return tags;
}

/** Feeds by URL, in document order, with duplicates noted and their tags merged. */
class FeedList {
  private readonly byUrl = new Map<string, OpmlFeed>();
  private readonly seenTwice = new Set<string>();

  constructor(private readonly warnings: Warnings) {}

  add(el: XmlElement, rawUrl: string, folders: readonly string[]): void {
    const url = rawUrl.trim();
    const title = outlineTitle(el);
    const name = `outline "${title ?? (url || '(untitled)')}"`;
    if (!isHttpUrl(url)) {
      this.warnings.add('BAD_VALUE', `${name} has feed URL "${url}", which is not an absolute http(s) URL; outline skipped`);
      return;
    }
    const siteUrl = this.siteUrlOf(el, name);
    let feed = this.byUrl.get(url);
    if (feed === undefined) {
      feed = { url, title, siteUrl, tags: [] };
      this.byUrl.set(url, feed);
    } else {
      // The first outline wins; a later one only fills in what the first left empty, and adds tags.
      this.seenTwice.add(url);
      feed.title ??= title;
      feed.siteUrl ??= siteUrl;
    }
    for (const tag of [...folders, ...categoryTags(el)]) if (!feed.tags.includes(tag)) feed.tags.push(tag);
  }

  private siteUrlOf(el: XmlElement, name: string): string | null {
    const siteUrl = attr(el, 'htmlUrl')?.trim() ?? '';
    if (siteUrl === '') return null;
    if (isHttpUrl(siteUrl)) return siteUrl;
    this.warnings.add('BAD_VALUE', `${name} has htmlUrl "${siteUrl}", which is not an absolute http(s) URL; site URL left empty`);
    return null;
  }

  feeds(): OpmlFeed[] {
    return [...this.byUrl.values()];
  }

  duplicates(): string[] {
    return [...this.seenTwice];
  }
}
