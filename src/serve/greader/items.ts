/**
 * Entries → SyncItems for the presenters, for ids already chosen and ordered (by crawlIds or by
 * the client's `i` list). One list query loads them with their clean HTML; each item's origin is
 * its home feed when the user subscribes to it, else one of the user's subscriptions that carries
 * it (one entry lookup, only for such items). Ids the user cannot reach are left out. HTML stored
 * before the clean stage is cleaned here (serve/content.ts), so raw feed HTML never goes out.
 */
import type { EntrySummary, Subscription } from '../../store/index.js';
import { feedName } from '../../store/index.js';
import { cleanContent } from '../content.js';
import type { ServeDeps } from '../deps.js';
import type { SyncItem } from './sync-item.js';

/** entries.list takes at most this many per call. */
const LIST_MAX = 500;

export async function loadSyncItems(deps: ServeDeps, userId: number, ids: readonly number[], subs: readonly Subscription[]): Promise<SyncItem[]> {
  const byFeed = new Map(subs.map((s) => [s.id, s]));
  const found = new Map<number, EntrySummary>();
  for (let i = 0; i < ids.length; i += LIST_MAX) {
    const slice = ids.slice(i, i + LIST_MAX);
    const page = await deps.store.entries.list({ userId, ids: slice }, { limit: slice.length, cursor: null, withContent: true });
    for (const e of page.entries) found.set(e.id, e);
  }
  const items: SyncItem[] = [];
  for (const id of ids) {
    const e = found.get(id);
    if (e === undefined) continue;
    let origin = e.feedId === null ? undefined : byFeed.get(e.feedId);
    let html = e.contentHtml ?? null;
    if (origin === undefined || html === null) {
      const full = await deps.store.entries.get({ userId }, id);
      if (full === null) continue;
      origin ??= full.feeds.map((f) => byFeed.get(f.id)).find((s) => s !== undefined);
      html ??= cleanContent(full.contentHtml, full.html, full.link, deps.cleanRules);
    }
    if (origin === undefined) continue;
    items.push(toSyncItem(e, html, origin));
  }
  return items;
}

function toSyncItem(e: EntrySummary, html: string, sub: Subscription): SyncItem {
  return {
    id: e.id,
    title: e.title,
    link: e.link,
    author: e.author,
    publishedAt: e.publishedAt,
    updatedAt: e.updatedAt,
    crawledAt: e.createdAt,
    html,
    read: e.read,
    starred: e.starred,
    origin: { feedId: sub.id, title: feedName(sub), siteUrl: sub.siteUrl, url: sub.url },
    labels: sub.tags,
  };
}
