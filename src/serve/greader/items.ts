/**
 * Entries → SyncItems for the presenters, for ids already chosen and ordered (by crawlIds or by
 * the client's `i` list). One list query loads them with their clean HTML; each item's origin is
 * the feed the store shows it under, always one of the user's. Ids the user cannot reach are left
 * out. HTML stored before the clean stage is cleaned now (feeds/entry-content.ts, as republished
 * feeds do), so raw feed HTML never goes out.
 */
import type { EntrySummary, Subscription } from '../../store/index.js';
import { feedName } from '../../store/index.js';
import { EntryDetails } from '../feeds/entry-content.js';
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
  // A list row's feed is already one of the user's (the store shows each entry under a feed of
  // theirs); only rows stored before the clean stage need their whole entry, loaded together.
  const details = new EntryDetails(deps, userId);
  await details.load(ids.filter((id) => found.get(id)?.contentHtml === null));
  const items: SyncItem[] = [];
  for (const id of ids) {
    const e = found.get(id);
    const origin = e?.feedId === null || e === undefined ? undefined : byFeed.get(e.feedId);
    if (e === undefined || origin === undefined) continue;
    const html = e.contentHtml ?? details.cleaned(id)?.html ?? null;
    if (html === null) continue;
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
