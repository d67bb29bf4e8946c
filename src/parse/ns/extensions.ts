/**
 * Namespace extensions that RSS, RDF and Atom items share: Dublin Core (creator, date, subject),
 * Media RSS (content, thumbnail, description, also inside media:group), iTunes basics, and the
 * enclosure list they all feed into.
 */
import type { Enclosure } from '../../core/index.js';
import { attr, childNamed, childrenNamed, htmlOf, textOf } from '../xml/dom.js';
import type { XmlElement } from '../xml/tree.js';
import { clean, parseLength, resolveUrl, type Context } from '../normalize.js';

export function texts(el: XmlElement, ...names: string[]): string[] {
  const out: string[] = [];
  for (const c of childrenNamed(el, ...names)) {
    const t = clean(textOf(c));
    if (t !== null) out.push(t);
  }
  return out;
}

export function firstText(el: XmlElement, ...names: string[]): string | null {
  for (const name of names) {
    for (const c of childrenNamed(el, name)) {
      const t = clean(textOf(c));
      if (t !== null) return t;
    }
  }
  return null;
}

export function firstHtml(el: XmlElement, ...names: string[]): string | null {
  for (const name of names) {
    const c = childNamed(el, name);
    if (c !== null) {
      const html = clean(htmlOf(c));
      if (html !== null) return html;
    }
  }
  return null;
}

/** Media RSS objects directly in the item and inside its media:group elements. */
function mediaScopes(item: XmlElement): XmlElement[] {
  return [item, ...childrenNamed(item, 'media:group')];
}

export function mediaDescription(item: XmlElement): string | null {
  for (const scope of mediaScopes(item)) {
    const d = firstHtml(scope, 'media:description');
    if (d !== null) return d;
  }
  return null;
}

export function mediaEnclosures(item: XmlElement, bases: Array<string | null>, ctx: Context): Enclosure[] {
  const out: Enclosure[] = [];
  for (const scope of mediaScopes(item)) {
    for (const c of childrenNamed(scope, 'media:content')) {
      const url = resolveUrl(attr(c, 'url'), [c.base, ...bases], ctx);
      if (url !== null) out.push({ url, type: clean(attr(c, 'type')), length: parseLength(attr(c, 'fileSize')) });
    }
  }
  for (const scope of mediaScopes(item)) {
    for (const c of childrenNamed(scope, 'media:thumbnail')) {
      const url = resolveUrl(attr(c, 'url'), [c.base, ...bases], ctx);
      if (url !== null) out.push({ url, type: null, length: null });
    }
  }
  return out;
}

/** Enclosures with the same URL are kept once; the first one wins. */
export function dedupeEnclosures(list: Enclosure[]): Enclosure[] {
  const seen = new Set<string>();
  return list.filter((e) => !seen.has(e.url) && seen.add(e.url));
}

export function joinNames(names: string[]): string | null {
  const unique = [...new Set(names)];
  return unique.length === 0 ? null : unique.join(', ');
}

/** href of the preferred link with the given rel (a missing rel means "alternate"), text/html first. */
export function atomLinkHref(el: XmlElement, name: string, rel: string): string | null {
  const matching = childrenNamed(el, name).filter((l) => (clean(attr(l, 'rel'))?.toLowerCase() ?? 'alternate') === rel);
  const best = matching.find((l) => /html/i.test(attr(l, 'type') ?? '')) ?? matching[0];
  return best ? clean(attr(best, 'href')) : null;
}
