/**
 * Small named questions the clean passes ask about one element or one URL, in the manner of
 * Miniflux's sanitizer: is this image a tracking pixel, is this element hidden, is this src a
 * lazy-loading placeholder. Each reads attributes only; none changes the tree.
 */
import type { Element } from './dom.js';

/** Images a feed or analytics service adds to count readers. A row matches a host, or a domain and its subdomains, and optionally a path prefix. */
const TRACKERS: ReadonlyArray<{ host?: string; domain?: string; paths?: readonly string[] }> = [
  { host: 'feeds.feedburner.com', paths: ['/~r/', '/~ff/', '/~a/'] },
  { host: 'feedproxy.google.com', paths: ['/~r/', '/~ff/', '/~a/'] },
  { host: 'pixel.wp.com' },
  { host: 'stats.wordpress.com' },
  { host: 'feeds.wordpress.com' },
  { host: 'mf.feeds.reuters.com' },
  { host: 'pixel.quantserve.com' },
  { host: 'hm.baidu.com' },
  { host: 'bat.bing.com' },
  { host: 'www.facebook.com', paths: ['/tr'] },
  { domain: 'google-analytics.com' },
  { domain: 'doubleclick.net' },
  { domain: 'scorecardresearch.com' },
  { domain: 'feedsportal.com' },
  { domain: 'statcounter.com' },
  { domain: 'cnzz.com' },
];

/** A 1×1 or 0×0 image, by its width and height attributes or its inline style. */
export function isPixelTracker(img: Element): boolean {
  const style = readStyle(img);
  const width = readPixels(img.attribs.width) ?? readPixels(style.get('width'));
  const height = readPixels(img.attribs.height) ?? readPixels(style.get('height'));
  return width !== null && height !== null && width <= 1 && height <= 1;
}

/** An image served by a known reader-counting host (the src may be relative to nothing: then it is not one). */
export function isTrackerImage(img: Element): boolean {
  const src = img.attribs.src?.trim();
  if (!src) return false;
  let url: URL;
  try {
    url = new URL(src, 'https://relative.invalid/');
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return TRACKERS.some((t) => {
    const hostMatches = t.host !== undefined ? host === t.host : host === t.domain || host.endsWith(`.${t.domain}`);
    return hostMatches && (t.paths === undefined || t.paths.some((p) => url.pathname.startsWith(p)));
  });
}

/** Hidden by the `hidden` attribute or an inline `display: none` / `visibility: hidden`. */
export function isHidden(el: Element): boolean {
  const hidden = el.attribs.hidden;
  // hidden="until-found" content is meant to be found by the reader: it is body text.
  if (hidden !== undefined && hidden.trim().toLowerCase() !== 'until-found') return true;
  const style = readStyle(el);
  return style.get('display') === 'none' || style.get('visibility') === 'hidden';
}

/** A src that only holds the place of a lazily loaded image: empty, a data: URL, or a named placeholder file. */
export function isPlaceholderSrc(src: string | undefined): boolean {
  const value = (src ?? '').trim().toLowerCase();
  if (value === '' || value === '#' || value === 'about:blank' || value.startsWith('data:')) return true;
  return PLACEHOLDER_WORDS.some((word) => value.includes(word));
}

const PLACEHOLDER_WORDS = ['blank.gif', 'blank.png', 'spacer.gif', 'pixel.gif', 'grey.gif', 'gray.gif', 'transparent.gif', 'transparent.png', 'loading.gif', 'placeholder', 'lazy'];

/** Inline style declarations, property → value, lower-cased and without `!important`. */
function readStyle(el: Element): Map<string, string> {
  const declarations = new Map<string, string>();
  for (const part of (el.attribs.style ?? '').split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const prop = part.slice(0, colon).trim().toLowerCase();
    const value = part.slice(colon + 1).replace(/!important/i, '').trim().toLowerCase();
    if (prop !== '') declarations.set(prop, value);
  }
  return declarations;
}

function readPixels(value: string | undefined): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/i.exec(value ?? '');
  return m?.[1] === undefined ? null : Number(m[1]);
}
