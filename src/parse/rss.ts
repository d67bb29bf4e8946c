/**
 * RSS adapter: RSS 0.91/0.92/2.0 (`<rss><channel><item>`) and the RDF family, RSS 0.90 and 1.0
 * (`<rdf:RDF><channel/><item/>`), whose items are siblings of the channel and whose elements live
 * in the RSS namespace. One item mapping serves both; `p` is the element-name prefix.
 */
import type { FeedFormat, FeedInfo, FeedItem } from '../core/index.js';
import { attr, childNamed, childrenNamed, textOf } from './xml/dom.js';
import type { XmlElement } from './xml/tree.js';
import { clean, isoDate, plainText, resolveUrl, unique, parseLength, type Context } from './normalize.js';
import { atomLinkHref, dedupeEnclosures, firstHtml, firstText, joinNames, mediaDescription, mediaEnclosures, texts } from './ns/extensions.js';
import type { Adapted, ScheduleHints } from './types.js';

export function adaptRss(root: XmlElement, format: FeedFormat, ctx: Context): Adapted {
  const rdf = root.name === 'rdf:rdf';
  const p = rdf ? rdfPrefix(root) : '';
  const channel = childNamed(root, `${p}channel`) ?? root;
  const link = resolveUrl(firstText(channel, `${p}link`), [channel.base, ctx.docUrl], ctx)
    ?? resolveUrl(atomLinkHref(channel, 'atom:link', 'alternate'), [channel.base, ctx.docUrl], ctx);
  const image = childNamed(rdf ? root : channel, `${p}image`) ?? childNamed(channel, `${p}image`);
  const itunesImage = childNamed(channel, 'itunes:image');
  const feed: FeedInfo = {
    format,
    title: plainText(firstText(channel, `${p}title`), true),
    link,
    description: firstHtml(channel, `${p}description`, 'itunes:summary'),
    language: firstText(channel, `${p}language`, 'dc:language'),
    updated: isoDate(firstText(channel, `${p}lastbuilddate`, `${p}pubdate`, 'dc:date'), ctx, 'channel date'),
    image: resolveUrl(
      (image && firstText(image, `${p}url`)) ?? (image && attr(image, 'rdf:resource')) ?? (itunesImage && attr(itunesImage, 'href')),
      [channel.base, link, ctx.docUrl],
      ctx,
    ),
  };
  const itemEls = rdf ? [...childrenNamed(root, `${p}item`), ...childrenNamed(channel, `${p}item`)] : childrenNamed(channel, 'item');
  const items = itemEls.map((el) => ({ el, item: rssItem(el, p, link, ctx) }));
  return { feed, items, hints: scheduleHints(channel, p) };
}

/** RDF feeds keep their elements in the RSS 1.0 or 0.90 namespace, or (when broken) in none. */
function rdfPrefix(root: XmlElement): string {
  if (childNamed(root, 'rss1:channel', 'rss1:item')) return 'rss1:';
  if (childNamed(root, 'rss090:channel', 'rss090:item')) return 'rss090:';
  return '';
}

function rssItem(el: XmlElement, p: string, feedLink: string | null, ctx: Context): FeedItem {
  const bases = [el.base, feedLink, ctx.docUrl];
  const guidEl = childNamed(el, `${p}guid`);
  const guid = guidEl ? clean(textOf(guidEl)) : null;
  const id = guid ?? clean(attr(el, 'rdf:about'));
  const permalink = guidEl !== null && guid !== null && attr(guidEl, 'isPermaLink')?.trim().toLowerCase() !== 'false' && /^https?:\/\//i.test(guid);
  const rawLink = firstText(el, `${p}link`) ?? atomLinkHref(el, 'atom:link', 'alternate') ?? (permalink ? guid : null);
  const enclosures = childrenNamed(el, `${p}enclosure`).flatMap((e) => {
    const url = resolveUrl(attr(e, 'url'), [e.base, feedLink, ctx.docUrl], ctx);
    return url === null ? [] : [{ url, type: clean(attr(e, 'type')), length: parseLength(attr(e, 'length')) }];
  });
  return {
    id,
    title: plainText(firstText(el, `${p}title`, 'dc:title'), true),
    link: resolveUrl(rawLink, bases, ctx),
    published: isoDate(firstText(el, `${p}pubdate`, 'dc:date', 'dcterms:issued', 'dcterms:created'), ctx, 'item pubDate'),
    updated: isoDate(firstText(el, 'atom:updated', 'dc:modified', 'dcterms:modified'), ctx, 'item updated'),
    author: firstText(el, `${p}author`) ?? joinNames(texts(el, 'dc:creator')) ?? firstText(el, 'itunes:author'),
    summary: firstHtml(el, `${p}description`) ?? mediaDescription(el) ?? firstHtml(el, 'itunes:summary'),
    content: firstHtml(el, 'content:encoded'),
    categories: unique([...texts(el, `${p}category`), ...texts(el, 'dc:subject')]),
    enclosures: dedupeEnclosures([...enclosures, ...mediaEnclosures(el, [feedLink, ctx.docUrl], ctx)]),
  };
}

function scheduleHints(channel: XmlElement, p: string): ScheduleHints {
  const ttl = parseLength(firstText(channel, `${p}ttl`));
  return {
    ttlMinutes: ttl,
    updatePeriod: firstText(channel, 'sy:updateperiod'),
    updateFrequency: firstText(channel, 'sy:updatefrequency'),
  };
}
