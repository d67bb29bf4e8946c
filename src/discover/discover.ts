/**
 * Feed discovery: the feeds an HTML page announces with
 * `<link rel="alternate" type="application/rss+xml" href="…">` (and Atom, RDF, JSON Feed), in
 * page order, resolved against the page URL (or its `<base href>`). Pure: the caller fetches.
 */
import { Parser } from 'htmlparser2';

export interface DiscoveredFeed {
  url: string;
  type: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
}

const FEED_TYPES: Record<string, DiscoveredFeed['type']> = {
  'application/rss+xml': 'rss',
  'application/atom+xml': 'atom',
  'application/rdf+xml': 'rdf',
  'application/feed+json': 'json',
  'application/json': 'json',
  'application/x.atom+xml': 'atom',
  'application/x-atom+xml': 'atom',
  'text/xml': 'rss',
};

export function discoverFeeds(html: string, pageUrl: string | null): DiscoveredFeed[] {
  const found: Array<{ href: string; type: DiscoveredFeed['type']; title: string | null }> = [];
  let base = pageUrl;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'base' && attrs.href) base = resolve(attrs.href, pageUrl) ?? base;
      if (name !== 'link' || !attrs.href) return;
      const rels = (attrs.rel ?? '').toLowerCase().split(/\s+/);
      const type = FEED_TYPES[(attrs.type ?? '').split(';')[0]?.trim().toLowerCase() ?? ''];
      // application/json is too generic on its own; accept it only when it says it is a feed.
      if (!rels.includes('alternate') || type === undefined) return;
      if (attrs.type?.toLowerCase().startsWith('application/json') && !/feed/i.test(`${attrs.href} ${attrs.title ?? ''}`)) return;
      found.push({ href: attrs.href, type, title: attrs.title?.trim() || null });
    },
  });
  parser.end(html);
  const seen = new Set<string>();
  const out: DiscoveredFeed[] = [];
  for (const f of found) {
    const url = resolve(f.href, base);
    if (url === null || seen.has(url)) continue;
    seen.add(url);
    out.push({ url, type: f.type, title: f.title });
  }
  return out;
}

function resolve(href: string, base: string | null): string | null {
  try {
    return new URL(href.trim(), base ?? undefined).href;
  } catch {
    return null;
  }
}
