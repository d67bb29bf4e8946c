/**
 * The images an article references, and the same article with its archived images pointed at a
 * local copy. Both work on the parsed tree of clean HTML (whose URLs clean/ already made
 * absolute and whose lazy sources it already resolved), never on markup as strings.
 *
 * Which URL stands for an image: an <img>'s best srcset candidate (the widest by `w`, else the
 * densest by `x`; a candidate without a descriptor is 1x), else its src; each <source> of a
 * <picture> by the same rule. <figure> needs nothing of its own: its <img> is found like any.
 *
 * Localizing: an <img> or <source> whose chosen URL is archived points at the local copy only
 * (its srcset and sizes go, so the browser never picks a remote candidate: no hotlinking); a
 * remote image that stays gets referrerpolicy="no-referrer", so opening an article leaks nothing.
 * Pure: the caller says which URLs are archived and what their local URL is.
 */
import { elementsNamed, parseHtml, type Element } from './dom.js';
import { renderHtml } from './render.js';
import { parseSrcset } from './srcset.js';

/** The distinct http(s) image URLs of the article, in document order. */
export function articleImages(html: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const el of imageElements(parseHtml(html))) {
    const url = chosenUrl(el);
    if (url === null || seen.has(url)) continue;
    seen.add(url);
    out.push(url);
  }
  return out;
}

/** `html` with every archived image pointing at `local(url)` (null: not archived, stays remote). */
export function localizeImages(html: string, local: (url: string) => string | null): string {
  const doc = parseHtml(html);
  const elements = imageElements(doc);
  if (elements.length === 0) return html;
  for (const el of elements) {
    const url = chosenUrl(el);
    const target = url === null ? null : local(url);
    if (target === null) {
      if (el.name === 'img') el.attribs.referrerpolicy = 'no-referrer';
      continue;
    }
    delete el.attribs.sizes;
    if (el.name === 'img') {
      delete el.attribs.srcset;
      el.attribs.src = target;
    } else {
      delete el.attribs.src;
      el.attribs.srcset = target;
    }
  }
  return renderHtml(doc);
}

function imageElements(root: ReturnType<typeof parseHtml>): Element[] {
  return elementsNamed(root, 'img', 'source').filter((el) => el.name === 'img' || (el.parent !== null && 'name' in el.parent && el.parent.name === 'picture'));
}

/** The URL that stands for the element: best srcset candidate, else src. Only http(s). */
function chosenUrl(el: Element): string | null {
  const best = bestCandidate(el.attribs.srcset ?? '');
  const url = best ?? (el.attribs.src ?? '').trim();
  return /^https?:\/\//i.test(url) ? url : null;
}

function bestCandidate(srcset: string): string | null {
  let best: { url: string; width: number; density: number } | null = null;
  for (const { url, descriptor } of parseSrcset(srcset)) {
    const width = /^(\d+)w$/i.exec(descriptor);
    const density = /^(\d+(?:\.\d+)?)x$/i.exec(descriptor);
    const candidate = { url, width: width ? Number(width[1]) : 0, density: density ? Number(density[1]) : width ? 0 : 1 };
    if (best === null || candidate.width > best.width || (candidate.width === best.width && candidate.density > best.density)) best = candidate;
  }
  return best?.url ?? null;
}
