/**
 * Lazy-loaded images, made real before the sanitizer drops the attributes they hide in. Sites
 * put a placeholder in src and the picture in data-src (or data-original, data-lazy-src, …),
 * and often repeat the picture in a <noscript> fallback after the placeholder. Only the
 * attributes named here are read; nothing is guessed from attribute values.
 */
import type { Document, Element } from './dom.js';
import { collapsedText, elementsNamed, previousElement, remove, replaceWith, unwrap } from './dom.js';
import { isPlaceholderSrc } from './predicates.js';

const LAZY_SRC = ['data-src', 'data-original', 'data-lazy-src', 'data-actualsrc', 'data-original-src', 'data-lazyload'];
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset', 'data-original-srcset'];
const IMAGE_TAGS = new Set(['img', 'picture']);

export function promoteLazyImages(root: Document, fired: Set<string>): void {
  for (const el of elementsNamed(root, 'img', 'source')) {
    const src = promote(el, 'src', LAZY_SRC);
    const srcset = promote(el, 'srcset', LAZY_SRCSET);
    if (src || srcset) fired.add('lazy-image');
  }
  for (const noscript of elementsNamed(root, 'noscript')) {
    if (useNoscriptFallback(noscript)) fired.add('lazy-image');
  }
}

/** Moves the first lazy attribute into `target` when target is missing or a placeholder. */
function promote(el: Element, target: 'src' | 'srcset', lazyNames: readonly string[]): boolean {
  const lazy = lazyNames.map((name) => el.attribs[name]?.trim()).find((v) => v !== undefined && v !== '' && !isPlaceholderSrc(v));
  if (lazy === undefined || !isPlaceholderSrc(el.attribs[target]) || el.attribs[target] === lazy) return false;
  el.attribs[target] = lazy;
  return true;
}

/**
 * A <noscript> that holds only images: it replaces a placeholder image right before it, is
 * dropped as a duplicate after a working image, and otherwise becomes the image itself.
 * Returns true when an image came out of it. Other <noscript> content is left to the sanitizer,
 * which drops it.
 */
function useNoscriptFallback(noscript: Element): boolean {
  const images = elementsNamed(noscript, 'img', 'picture');
  const text = noscript.children.map(collapsedText).join('');
  if (images.length === 0 || text !== '') return false;
  const before = previousElement(noscript);
  if (before !== null && IMAGE_TAGS.has(before.name)) {
    if (!hasPlaceholderSource(before)) {
      remove(noscript);
      return false;
    }
    replaceWith(before, [...noscript.children]);
    remove(noscript);
    return true;
  }
  unwrap(noscript);
  return true;
}

function hasPlaceholderSource(image: Element): boolean {
  const img = image.name === 'img' ? image : elementsNamed(image, 'img')[0];
  return img === undefined || isPlaceholderSrc(img.attribs.src);
}
