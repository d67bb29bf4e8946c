/**
 * What did we get? Binary formats by their magic bytes, JSON by its first character, and for
 * XML the feed format from the root element and its namespace.
 */
import type { FeedFormat } from '../core/index.js';
import { attr, childNamed } from './xml/dom.js';
import type { XmlElement } from './xml/tree.js';

const MAGIC: Array<[string, number[]]> = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip-compressed data (the server did not say Content-Encoding: gzip)', [0x1f, 0x8b]],
  ['a WebP or other RIFF file', [0x52, 0x49, 0x46, 0x46]],
];

/** A description of a binary file type, or null when the bytes may be text. */
export function sniffBinary(bytes: Uint8Array): string | null {
  for (const [what, magic] of MAGIC) {
    if (magic.every((b, i) => bytes[i] === b)) return what;
  }
  return null;
}

export function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}

/** True when the first non-blank byte opens a JSON object or array. */
export function looksLikeJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x7b || bytes[i] === 0x5b;
}

export function xmlFeedFormat(root: XmlElement): FeedFormat | null {
  switch (root.name) {
    case 'rss': {
      const version = attr(root, 'version')?.trim() ?? '';
      return /^0\.9/.test(version) ? 'rss0.9x' : 'rss2.0';
    }
    case 'channel': // a bare Netscape-era channel without the <rss> wrapper
      return 'rss0.9x';
    case 'rdf:rdf':
      if (childNamed(root, 'rss1:channel', 'rss1:item')) return 'rss1.0';
      if (childNamed(root, 'rss090:channel', 'rss090:item')) return 'rss0.9x';
      return childNamed(root, 'channel', 'item') ? 'rss1.0' : null;
    case 'atom:feed':
      return 'atom1.0';
    case 'atom03:feed':
      return 'atom0.3';
    case 'feed': // no namespace declared at all: read it as Atom, by its version if it gives one
      return attr(root, 'version')?.trim() === '0.3' ? 'atom0.3' : 'atom1.0';
    default:
      return null;
  }
}

export function isHtmlRoot(root: XmlElement | null, text: string): boolean {
  if (root !== null && /(^|:)html$/i.test(root.qname)) return true;
  return /^\s*(?:<!--[\s\S]*?-->\s*)*<!doctype\s+html/i.test(text);
}
