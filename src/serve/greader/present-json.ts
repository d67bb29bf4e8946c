/**
 * Items and streams as Google Reader's JSON (`output=json`, the default). Field by field, what
 * clients read:
 * - `id` is the long form; `timestampUsec` and `crawlTimeMsec` are the crawl time (clients keep the
 *   newest as their next `ot`, and date arrivals from it); `published`/`updated` are the article's.
 * - `summary.content` carries the clean full text, like `content.content`: NetNewsWire, Fluent
 *   Reader and Read You read only `summary.content` as the article, so a short summary there
 *   would cut every article down to a teaser in exactly the clients feedkeeper serves best.
 * - `canonical` and `alternate` are both given (Fluent Reader reads canonical[0], NetNewsWire
 *   alternate); `origin.streamId` is one of the user's own subscriptions, as subscription/list
 *   names it, or clients drop the item.
 * - `categories`: reading-list, then read or fresh (unread), starred, and the user's labels.
 */
import { longItemId, shortItemId } from './item-id.js';
import { feedStreamId, labelStreamId, stateStreamId } from './stream-id.js';
import { seconds, type SyncItem } from './sync-item.js';

export interface JsonItem {
  id: string;
  crawlTimeMsec: string;
  timestampUsec: string;
  published: number;
  updated: number;
  title: string;
  author?: string;
  canonical: Array<{ href: string }>;
  alternate: Array<{ href: string; type: string }>;
  categories: string[];
  origin: { streamId: string; title: string; htmlUrl: string };
  summary: { direction: 'ltr'; content: string };
  content: { direction: 'ltr'; content: string };
}

export function itemCategories(item: Pick<SyncItem, 'read' | 'starred' | 'labels'>): string[] {
  return [
    stateStreamId('reading-list'),
    stateStreamId(item.read ? 'read' : 'fresh'),
    ...(item.starred ? [stateStreamId('starred')] : []),
    ...item.labels.map(labelStreamId),
  ];
}

export function jsonItem(item: SyncItem): JsonItem {
  const text = { direction: 'ltr' as const, content: item.html };
  return {
    id: longItemId(item.id),
    crawlTimeMsec: String(item.crawledAt),
    timestampUsec: String(item.crawledAt * 1000),
    published: seconds(item.publishedAt),
    updated: seconds(item.updatedAt ?? item.publishedAt),
    title: item.title,
    ...(item.author === null || item.author === '' ? {} : { author: item.author }),
    canonical: [{ href: item.link }],
    alternate: [{ href: item.link, type: 'text/html' }],
    categories: itemCategories(item),
    origin: { streamId: feedStreamId(item.origin.feedId), title: item.origin.title, htmlUrl: item.origin.siteUrl ?? item.origin.url },
    summary: text,
    content: text,
  };
}

export interface JsonStream {
  direction: 'ltr';
  id: string;
  title: string;
  self: Array<{ href: string }>;
  updated: number;
  updatedUsec: string;
  items: JsonItem[];
  continuation?: string;
}

export function jsonStream(stream: { id: string; title: string; selfUrl: string; nowMs: number }, items: readonly SyncItem[], continuation: string | null): JsonStream {
  return {
    direction: 'ltr',
    id: stream.id,
    title: stream.title,
    self: [{ href: stream.selfUrl }],
    updated: seconds(stream.nowMs),
    updatedUsec: String(stream.nowMs * 1000),
    items: items.map(jsonItem),
    ...(continuation === null ? {} : { continuation }),
  };
}

export interface ItemRef {
  id: string;
  directStreamIds: string[];
  timestampUsec: string;
}

/** stream/items/ids: short (decimal) ids with their crawl time. */
export function itemRefs(refs: ReadonlyArray<{ id: number; crawledAt: number }>, continuation: string | null): { itemRefs: ItemRef[]; continuation?: string } {
  return {
    itemRefs: refs.map((r) => ({ id: shortItemId(r.id), directStreamIds: [], timestampUsec: String(r.crawledAt * 1000) })),
    ...(continuation === null ? {} : { continuation }),
  };
}
