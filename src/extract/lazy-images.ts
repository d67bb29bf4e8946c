/**
 * Lazy-loaded images made real before extraction, so that Readability keeps them and the archive
 * shows them: the URL a script would have swapped in (data-src, data-original, data-lazy-src…) is
 * moved into src/srcset, an <img> with only a srcset gets the largest candidate as src, and a
 * <noscript> fallback replaces the placeholder it stands behind. Readability's own _fixLazyImages
 * only recognises URLs ending in .jpg/.png/.webp, so CDN URLs without an extension
 * (`/photo/5d21c7?w=1200`) are lost without this.
 */
import { selectAll, type DomDocument, type DomElement } from './dom.js';
import { largestSrcsetUrl } from './urls.js';

/** Attributes that hold the real image URL, most specific first. */
const LAZY_SRC_ATTRIBUTES = [
  'data-src', 'data-original', 'data-lazy-src', 'data-lazyload', 'data-original-src', 'data-actualsrc',
  'data-hi-res-src', 'data-url', 'data-echo', 'data-img', 'data-lazy',
];
const LAZY_SRCSET_ATTRIBUTES = ['data-srcset', 'data-lazy-srcset', 'data-original-set'];
// blank.gif, spacer.gif, placeholder-16x9.png, lazy_1x1.gif, grey-2.png; not loading-dock.jpg.
const PLACEHOLDER_FILE = /(?:^|[/_-])(?:blank|spacer|placeholder|loading|lazy|pixel|transparent|grey|gray|1x1|empty)(?:[-_]?(?:\d+x\d+|\d+|img|image))?\.(?:gif|png|jpe?g|svg|webp)(?:[?#]|$)/i;

/** True when src is missing, a tiny inline image, or a known placeholder file. */
export function isPlaceholderSrc(src: string | null): boolean {
  if (src === null || src.trim() === '') return true;
  const s = src.trim();
  if (s.startsWith('data:')) return s.length < 300 && !s.startsWith('data:image/svg');
  return PLACEHOLDER_FILE.test(s);
}

function firstAttribute(el: DomElement, names: readonly string[]): string | null {
  for (const name of names) {
    const value = el.getAttribute(name)?.trim();
    // Some templates leave the attribute with a template expression or the placeholder itself.
    if (value && !value.includes('{{') && !isPlaceholderSrc(value)) return value;
  }
  return null;
}

/**
 * Lazy attributes are removed once used: Readability copies any image-like attribute of an
 * element with "lazy" in its class back into src, which would undo the absolute URL urls.ts sets.
 */
function takeLazy(el: DomElement, names: readonly string[]): string | null {
  const value = firstAttribute(el, names);
  for (const name of names) el.removeAttribute(name);
  return value;
}

function fixImage(img: DomElement): void {
  const lazySrc = takeLazy(img, LAZY_SRC_ATTRIBUTES);
  const lazySrcset = takeLazy(img, LAZY_SRCSET_ATTRIBUTES);
  if (lazySrcset !== null) img.setAttribute('srcset', lazySrcset);
  if (lazySrc !== null) img.setAttribute('src', lazySrc);
  else if (isPlaceholderSrc(img.getAttribute('src'))) {
    const fromSrcset = largestSrcsetUrl(img.getAttribute('srcset') ?? '');
    if (fromSrcset !== null) img.setAttribute('src', fromSrcset);
  }
}

function fixSource(source: DomElement): void {
  const lazySrcset = takeLazy(source, LAZY_SRCSET_ATTRIBUTES);
  if (lazySrcset !== null) source.setAttribute('srcset', lazySrcset);
}

/** The image a <noscript> offers, when that is all it holds. */
function noscriptImage(noscript: DomElement): DomElement | null {
  const imgs = selectAll(noscript, 'img');
  const text = (noscript.textContent ?? '').trim();
  return imgs.length === 1 && text === '' ? (imgs[0] ?? null) : null;
}

/** The placeholder <img> a noscript stands behind: its previous sibling, or the one image inside it. */
function placeholderBefore(noscript: DomElement): DomElement | null {
  const parent = noscript.parentElement;
  if (parent === null) return null;
  const siblings = Array.from(parent.children);
  const prev = siblings[siblings.indexOf(noscript) - 1];
  if (prev === undefined) return null;
  if (prev.localName === 'img') return prev;
  const inner = selectAll(prev, 'img');
  return inner.length === 1 ? (inner[0] ?? null) : null;
}

function unwrapNoscript(noscript: DomElement): void {
  const img = noscriptImage(noscript);
  if (img === null) return;
  const placeholder = placeholderBefore(noscript);
  if (placeholder !== null && !isPlaceholderSrc(placeholder.getAttribute('src'))) {
    noscript.remove(); // The script version already has a real image; the fallback would duplicate it.
    return;
  }
  placeholder?.remove();
  noscript.parentElement?.insertBefore(img, noscript);
  noscript.remove();
}

export function resolveLazyImages(doc: DomDocument): void {
  for (const noscript of selectAll(doc.body, 'noscript')) unwrapNoscript(noscript);
  for (const img of selectAll(doc.body, 'img')) fixImage(img);
  for (const source of selectAll(doc.body, 'picture source')) fixSource(source);
}
