/**
 * Makes every link and media URL in the article absolute against the article's own URL, and
 * takes out the ones that cannot be made safe: a link that does not resolve, or resolves to
 * anything but http(s) or mailto, loses its <a> but keeps its text; an image without a usable
 * http(s) source is removed. data: URLs are never kept, even for images (decision: small inline
 * images are rare in news and data: is a common smuggling route). After this pass every URL the
 * allowlist keeps is absolute, so the sanitizer's scheme check is a second line, not the first.
 */
import type { Document, Element } from './dom.js';
import { elementsNamed, remove, unwrap } from './dom.js';
import { parseSrcset, rewriteSrcset } from './srcset.js';

const LINK_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
const MEDIA_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);

/** The base URL to resolve against, or null when it is missing or not http(s). */
export function toBaseUrl(baseUrl: string | null): URL | null {
  if (baseUrl === null) return null;
  try {
    const url = new URL(baseUrl);
    return MEDIA_PROTOCOLS.has(url.protocol) ? url : null;
  } catch {
    return null;
  }
}

/**
 * `raw` made absolute against `base`, or null when it cannot be resolved or its scheme is not
 * allowed. Without a base, only absolute URLs resolve, and `//host/path` is taken as https.
 * The WHATWG URL parser strips the tabs, newlines and leading controls browsers also ignore, so
 * `java\tscript:` is seen as the javascript: URL it is.
 */
export function resolveUrl(raw: string, base: URL | null, protocols: ReadonlySet<string> = MEDIA_PROTOCOLS): string | null {
  const value = raw.trim();
  if (value === '') return null;
  let url: URL;
  try {
    if (base !== null) url = new URL(value, base);
    else url = new URL(value.startsWith('//') ? `https:${value}` : value);
  } catch {
    return null;
  }
  if (!protocols.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  return url.href;
}

export function rewriteUrls(root: Document, base: URL | null, fired: Set<string>): void {
  for (const a of elementsNamed(root, 'a')) rewriteLink(a, base, fired);
  for (const img of elementsNamed(root, 'img')) {
    rewriteMediaAttributes(img, base, ['src'], ['srcset']);
    const firstCandidate = img.attribs.srcset === undefined ? undefined : parseSrcset(img.attribs.srcset)[0]?.url;
    if (img.attribs.src === undefined && firstCandidate !== undefined) img.attribs.src = firstCandidate;
    if (img.attribs.src === undefined) {
      remove(img);
      fired.add('image-dropped');
    }
  }
  for (const source of elementsNamed(root, 'source')) {
    rewriteMediaAttributes(source, base, ['src'], ['srcset']);
    if (source.attribs.src === undefined && source.attribs.srcset === undefined) remove(source);
  }
  for (const media of elementsNamed(root, 'video', 'audio')) {
    rewriteMediaAttributes(media, base, ['src', 'poster'], []);
    if (media.attribs.src === undefined && elementsNamed(media, 'source').length === 0) {
      remove(media);
      fired.add('media-dropped');
    }
  }
  for (const picture of elementsNamed(root, 'picture')) if (elementsNamed(picture, 'img').length === 0) remove(picture);
}

function rewriteLink(a: Element, base: URL | null, fired: Set<string>): void {
  const href = a.attribs.href?.trim() ?? '';
  const resolved = href === '' ? null : resolveUrl(href, base, LINK_PROTOCOLS);
  if (resolved !== null) {
    a.attribs.href = resolved;
    return;
  }
  // An anchor without an href (a bookmark) is simply unwrapped; a bad href is worth reporting.
  if (href !== '') fired.add('link-unwrapped');
  unwrap(a);
}

function rewriteMediaAttributes(el: Element, base: URL | null, urlAttrs: readonly string[], srcsetAttrs: readonly string[]): void {
  for (const name of urlAttrs) {
    const value = el.attribs[name];
    if (value === undefined) continue;
    const resolved = resolveUrl(value, base);
    if (resolved === null) delete el.attribs[name];
    else el.attribs[name] = resolved;
  }
  for (const name of srcsetAttrs) {
    const value = el.attribs[name];
    if (value === undefined) continue;
    const rewritten = rewriteSrcset(value, (url) => resolveUrl(url, base));
    if (rewritten === null) delete el.attribs[name];
    else el.attribs[name] = rewritten;
  }
}
