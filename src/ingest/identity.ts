/**
 * Article identity. A key is, in order of preference: the guid/id when the feed gives one (a URL
 * guid is normalized like a link, so the same story reached through two feeds meets itself; any
 * other guid is scoped to the feed's host, so "1234" from two sites never collides), else the
 * normalized link, else a hash of title and date. Content hashes decide whether a revision changed.
 */
import { createHash } from 'node:crypto';

/** Query parameters that only track the reader; removing them never changes the page. */
const TRACKING_PARAMS = /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|mkt_tok|spm|rss_source)$/i;

/** Host lower-cased, default port, fragment and tracking parameters dropped; other parameters kept in order. */
export function normalizeLink(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) if (TRACKING_PARAMS.test(name)) url.searchParams.delete(name);
  // URL already lower-cases the host and drops default ports; an emptied query leaves a bare "?".
  return url.href.replace(/\?$/, '');
}

export interface KeyInput {
  id: string | null;
  link: string | null;
  title: string | null;
  published: string | null;
}

export function articleKey(item: KeyInput, feedUrl: string): string {
  if (item.id !== null) {
    const asLink = /^https?:\/\//i.test(item.id) ? normalizeLink(item.id) : null;
    return asLink !== null ? `url:${asLink}` : `guid:${hostOf(feedUrl)}:${item.id}`;
  }
  const link = item.link === null ? null : normalizeLink(item.link);
  if (link !== null) return `url:${link}`;
  return `hash:${sha256(`${item.title ?? ''}\n${item.published ?? ''}`)}`;
}

export function contentHash(title: string, html: string): string {
  return sha256(`${title}\u0000${html}`);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
