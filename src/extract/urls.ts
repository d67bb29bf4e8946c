/**
 * Absolute URLs in the page, so that extracted HTML works outside its site. The base is the page's
 * <base href> resolved against the page URL (as browsers do), else the page URL. Runs after
 * lazy-images.ts (which moves data-src into src) and before Readability, which cannot resolve
 * links on linkedom (see dom.ts). Fragment-only links (#note-1) stay as they are, so footnotes
 * keep working in the reader.
 */
import { selectAll, type DomDocument } from './dom.js';

const URL_ATTRIBUTES: ReadonlyArray<readonly [selector: string, attribute: string]> = [
  ['a[href], area[href]', 'href'],
  ['img[src], source[src], video[src], audio[src], iframe[src], embed[src], track[src]', 'src'],
  ['video[poster]', 'poster'],
  ['blockquote[cite], q[cite], ins[cite], del[cite]', 'cite'],
];
const SRCSET_SELECTOR = 'img[srcset], source[srcset]';

/** The URL relative URLs in the page resolve against, or null when there is none. */
export function documentBase(doc: DomDocument, pageUrl: string | null): string | null {
  const href = doc.querySelector('base[href]')?.getAttribute('href')?.trim();
  return (href ? resolveUrl(href, pageUrl) : null) ?? (pageUrl !== null && URL.canParse(pageUrl) ? pageUrl : null);
}

/** `href` made absolute against `base`; null when it cannot be (no base, or not a URL). */
export function resolveUrl(href: string, base: string | null): string | null {
  const trimmed = href.trim();
  if (trimmed === '') return null;
  try {
    return new URL(trimmed, base ?? undefined).href;
  } catch {
    return null;
  }
}

export function absolutizeUrls(doc: DomDocument, base: string | null): void {
  if (base === null) return;
  for (const [selector, attribute] of URL_ATTRIBUTES) {
    for (const el of selectAll(doc, selector)) {
      const value = el.getAttribute(attribute) ?? '';
      if (value.startsWith('#') || /^(?:javascript|data|mailto|tel):/i.test(value.trim())) continue;
      const absolute = resolveUrl(value, base);
      if (absolute !== null) el.setAttribute(attribute, absolute);
    }
  }
  for (const el of selectAll(doc, SRCSET_SELECTOR)) {
    const candidates = parseSrcset(el.getAttribute('srcset') ?? '');
    const resolved = candidates.map((c) => ({ ...c, url: resolveUrl(c.url, base) ?? c.url }));
    el.setAttribute('srcset', resolved.map((c) => (c.descriptor ? `${c.url} ${c.descriptor}` : c.url)).join(', '));
  }
}

export interface SrcsetCandidate {
  url: string;
  /** "800w", "2x", or "" */
  descriptor: string;
}

/**
 * The candidates of a srcset, following the HTML algorithm in outline: a URL runs to the next
 * whitespace (so commas inside URLs survive, as CDNs use them), a trailing comma ends it, and the
 * descriptors run to the next comma.
 */
export function parseSrcset(srcset: string): SrcsetCandidate[] {
  const out: SrcsetCandidate[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset[i] as string)) i++;
    const start = i;
    while (i < srcset.length && !/\s/.test(srcset[i] as string)) i++;
    let url = srcset.slice(start, i);
    const endsCandidate = url.endsWith(',');
    url = url.replace(/,+$/, '');
    let descriptor = '';
    if (!endsCandidate) {
      const comma = srcset.indexOf(',', i);
      const end = comma === -1 ? srcset.length : comma;
      descriptor = srcset.slice(i, end).trim();
      i = end + 1;
    }
    if (url !== '') out.push({ url, descriptor });
  }
  return out;
}

/** The widest (or densest) candidate: what a large screen would download. */
export function largestSrcsetUrl(srcset: string): string | null {
  let best: { url: string; size: number } | null = null;
  for (const c of parseSrcset(srcset)) {
    const m = /^(\d+(?:\.\d+)?)([wx])$/i.exec(c.descriptor);
    const size = m ? Number(m[1]) * ((m[2] ?? '').toLowerCase() === 'x' ? 1000 : 1) : 1;
    if (best === null || size > best.size) best = { url: c.url, size };
  }
  return best?.url ?? null;
}
