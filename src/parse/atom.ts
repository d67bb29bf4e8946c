/**
 * Atom adapter: Atom 1.0 and its predecessor 0.3 (different namespace, `issued`/`modified`,
 * `tagline`, and content `mode="escaped|base64|xml"`). Text constructs become HTML or plain text
 * according to their type.
 */
import type { FeedFormat, FeedInfo, FeedItem } from '../core/index.js';
import { attr, childNamed, childrenNamed, innerHtml, textOf } from './xml/dom.js';
import { isElement, type XmlElement } from './xml/tree.js';
import { clean, htmlToText, isoDate, parseLength, plainText, resolveUrl, textToHtml, unique, type Context } from './normalize.js';
import { atomLinkHref, dedupeEnclosures, firstText, joinNames, mediaDescription, mediaEnclosures } from './ns/extensions.js';
import type { Adapted } from './types.js';

export function adaptAtom(root: XmlElement, format: FeedFormat, ctx: Context): Adapted {
  const p = root.name === 'feed' ? '' : format === 'atom0.3' ? 'atom03:' : 'atom:';
  const link = resolveUrl(atomLinkHref(root, `${p}link`, 'alternate'), [root.base, ctx.docUrl], ctx);
  const feedAuthors = authorNames(root, p);
  const feed: FeedInfo = {
    format,
    title: textConstructText(childNamed(root, `${p}title`)),
    link,
    description: textConstructHtml(childNamed(root, `${p}subtitle`, `${p}tagline`)),
    language: clean(attr(root, 'xml:lang')),
    updated: isoDate(firstText(root, `${p}updated`, `${p}modified`), ctx, 'feed updated'),
    image: resolveUrl(firstText(root, `${p}logo`, `${p}icon`), [root.base, link, ctx.docUrl], ctx),
  };
  const items = childrenNamed(root, `${p}entry`).map((el) => ({ el, item: atomEntry(el, p, link, feedAuthors, ctx) }));
  return { feed, items, hints: { ttlMinutes: null, updatePeriod: null, updateFrequency: null } };
}

function atomEntry(el: XmlElement, p: string, feedLink: string | null, feedAuthors: string | null, ctx: Context): FeedItem {
  const bases = [feedLink, ctx.docUrl];
  const content = childNamed(el, `${p}content`);
  const enclosures = childrenNamed(el, `${p}link`)
    .filter((l) => attr(l, 'rel')?.trim().toLowerCase() === 'enclosure')
    .flatMap((l) => {
      const url = resolveUrl(attr(l, 'href'), [l.base, ...bases], ctx);
      return url === null ? [] : [{ url, type: clean(attr(l, 'type')), length: parseLength(attr(l, 'length')) }];
    });
  return {
    id: firstText(el, `${p}id`),
    title: textConstructText(childNamed(el, `${p}title`)),
    link: resolveUrl(atomLinkHref(el, `${p}link`, 'alternate'), [linkBase(el, `${p}link`), el.base, ...bases], ctx),
    published: isoDate(firstText(el, `${p}published`, `${p}issued`, `${p}created`), ctx, 'entry published'),
    updated: isoDate(firstText(el, `${p}updated`, `${p}modified`), ctx, 'entry updated'),
    author: authorNames(el, p) ?? firstText(el, 'dc:creator') ?? feedAuthors,
    summary: textConstructHtml(childNamed(el, `${p}summary`)) ?? mediaDescription(el),
    content: content !== null && attr(content, 'src') === null ? textConstructHtml(content) : null,
    categories: unique(childrenNamed(el, `${p}category`).map((c) => clean(attr(c, 'term')) ?? clean(attr(c, 'label')))),
    enclosures: dedupeEnclosures([...enclosures, ...mediaEnclosures(el, bases, ctx)]),
  };
}


function linkBase(el: XmlElement, name: string): string | null {
  const l = childrenNamed(el, name).find((c) => (clean(attr(c, 'rel'))?.toLowerCase() ?? 'alternate') === 'alternate');
  return l?.base ?? null;
}

function authorNames(el: XmlElement, p: string): string | null {
  return joinNames(childrenNamed(el, `${p}author`).flatMap((a) => firstText(a, `${p}name`) ?? []));
}

type Kind = 'text' | 'html' | 'xhtml' | 'base64-html' | 'base64-text' | 'other';

/** Atom 1.0 `type` (text|html|xhtml|MIME) and 0.3 `type` (MIME) + `mode` (xml|escaped|base64). */
function constructKind(el: XmlElement): Kind {
  const type = (clean(attr(el, 'type')) ?? 'text').toLowerCase();
  const mode = clean(attr(el, 'mode'))?.toLowerCase() ?? null;
  const htmlish = type === 'html' || type === 'xhtml' || type.includes('html');
  const textish = type === 'text' || type.startsWith('text/');
  if (mode === 'base64') return htmlish ? 'base64-html' : textish ? 'base64-text' : 'other';
  if (type === 'xhtml' || type === 'application/xhtml+xml' || (mode === 'xml' && htmlish)) return 'xhtml';
  if (htmlish) return 'html';
  return textish ? 'text' : 'other';
}

function textConstructHtml(el: XmlElement | null): string | null {
  if (el === null) return null;
  switch (constructKind(el)) {
    case 'text':
      return clean(textToHtml(textOf(el)));
    case 'html':
      return clean(textOf(el));
    case 'xhtml':
      return clean(xhtmlInner(el));
    case 'base64-html':
      return clean(fromBase64(textOf(el)));
    case 'base64-text':
      return clean(textToHtml(fromBase64(textOf(el))));
    default:
      return null;
  }
}

function textConstructText(el: XmlElement | null): string | null {
  if (el === null) return null;
  const kind = constructKind(el);
  if (kind === 'text') return plainText(textOf(el), false);
  const html = textConstructHtml(el);
  return html === null ? null : plainText(htmlToText(html), false);
}

/** Inline XHTML sits in one wrapping xhtml:div, which is not part of the content. */
function xhtmlInner(el: XmlElement): string {
  const elements = el.children.filter(isElement);
  const only = elements.length === 1 ? elements[0] : undefined;
  const wrapper = only !== undefined && /(^|:)div$/i.test(only.qname) && el.children.every((c) => c === only || (typeof c === 'string' && c.trim() === ''));
  return innerHtml(wrapper ? only : el);
}

function fromBase64(text: string): string {
  return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
}
