/**
 * The Fever API's answers, as pure functions over plain data. Every answer carries
 * `api_version: 3`, `auth` and `last_refreshed_on_time` (the archive's real last fetch, in
 * seconds); a bad key is `{"api_version":3,"auth":0}` with status 200, which is how Fever clients
 * tell "wrong password" from "server down". Id lists are comma-separated strings, flags are 0/1,
 * times are Unix seconds: Fever's types, kept exactly, since clients parse them strictly.
 *
 * Groups are the user's tags. Fever needs numeric group ids; a tag's id is a hash of its name
 * (31 bits, never 0 or -1, which Fever reserves for "all" and "sparks"), so it stays the same
 * whatever other tags come and go, with no table to keep.
 */
import { createHash } from 'node:crypto';

const FEVER_API_VERSION = 3;
/** Items per `items` call, as Fever defines it. */
export const FEVER_PAGE = 50;

export interface FeverBase {
  api_version: number;
  auth: 0 | 1;
  last_refreshed_on_time?: number;
}

export function feverBase(auth: boolean, lastRefreshedMs: number | null): FeverBase {
  if (!auth) return { api_version: FEVER_API_VERSION, auth: 0 };
  return { api_version: FEVER_API_VERSION, auth: 1, last_refreshed_on_time: lastRefreshedMs === null ? 0 : Math.floor(lastRefreshedMs / 1000) };
}

export function groupId(tag: string): number {
  const h = createHash('sha256').update(tag, 'utf8').digest().readUInt32BE(0) & 0x7fffffff;
  return h === 0 ? 1 : h;
}

export interface FeverSubscription {
  feedId: number;
  title: string;
  url: string;
  siteUrl: string | null;
  tags: readonly string[];
  lastFetchAt: number | null;
}

/** One favicon for every feed: feedkeeper keeps no icons, and Fever clients want an id to show. */
const FAVICON_ID = 1;
/** A 1×1 transparent GIF, written out byte by byte (GIF89a header, one-colour table, one transparent pixel). */
const BLANK_GIF = Buffer.from([
  0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00,
  0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
]);

export function favicons(): { favicons: Array<{ id: number; data: string }> } {
  return { favicons: [{ id: FAVICON_ID, data: `image/gif;base64,${BLANK_GIF.toString('base64')}` }] };
}

export function groups(subs: readonly FeverSubscription[]): { groups: Array<{ id: number; title: string }>; feeds_groups: Array<{ group_id: number; feed_ids: string }> } {
  const byTag = new Map<string, number[]>();
  for (const sub of subs) for (const tag of sub.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), sub.feedId]);
  const tags = [...byTag.keys()].sort((a, b) => a.localeCompare(b));
  return {
    groups: tags.map((tag) => ({ id: groupId(tag), title: tag })),
    feeds_groups: tags.map((tag) => ({ group_id: groupId(tag), feed_ids: (byTag.get(tag) ?? []).join(',') })),
  };
}

export function feeds(subs: readonly FeverSubscription[]) {
  return {
    feeds: subs.map((s) => ({
      id: s.feedId,
      favicon_id: FAVICON_ID,
      title: s.title,
      url: s.url,
      site_url: s.siteUrl ?? s.url,
      is_spark: 0,
      last_updated_on_time: s.lastFetchAt === null ? 0 : Math.floor(s.lastFetchAt / 1000),
    })),
    feeds_groups: groups(subs).feeds_groups,
  };
}

export interface FeverEntry {
  id: number;
  feedId: number;
  title: string;
  author: string | null;
  /** Clean full text. */
  html: string;
  url: string;
  read: boolean;
  starred: boolean;
  publishedAt: number;
}

export function items(entries: readonly FeverEntry[], total: number) {
  return {
    items: entries.map((e) => ({
      id: e.id,
      feed_id: e.feedId,
      title: e.title,
      author: e.author ?? '',
      html: e.html,
      url: e.url,
      is_saved: e.starred ? 1 : 0,
      is_read: e.read ? 1 : 0,
      created_on_time: Math.floor(e.publishedAt / 1000),
    })),
    total_items: total,
  };
}

export function idList(ids: readonly number[]): string {
  return ids.join(',');
}
