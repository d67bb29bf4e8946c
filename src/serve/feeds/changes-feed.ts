/**
 * /feeds/changes.{rss,atom,json}[?feed=ID][&tag=T][&limit=N]: a feed of what happened to the
 * reader's articles after they were stored, newest first. Each item is one change: an edit (its
 * content the diff of that version against the one before, as the diff page shows it), a
 * confirmed removal with its evidence, or a return. Item ids are the change's own, so a client
 * shows each change once however often the article changes again.
 */
import { diffText, renderDiffHtml } from '../../diff/index.js';
import { FeedkeeperError } from '../../core/index.js';
import type { PublishedFeed, PublishedItem } from '../../publish/index.js';
import { escapeXmlText as escapeHtml, isWritableDate } from '../../publish/index.js';
import type { ChangeFilter, ChangeItem, RevisionContent } from '../../store/index.js';
import type { ServeDeps } from '../deps.js';
import { cleanRevision } from '../api/present.js';
import { requireOwnFeed, requireOwnTag } from '../scope.js';
import { asciiLink } from './feed-ids.js';
import type { FeedFilters } from './feed-request.js';

export interface ChangesFeedContext {
  deps: ServeDeps;
  userId: number;
  selfUrl: string;
  origin: string;
  query: URLSearchParams;
  filters: FeedFilters;
}

export async function buildChangesFeed(ctx: ChangesFeedContext): Promise<{ feed: PublishedFeed; lastChange: number | null }> {
  const filter = await readChangeFilter(ctx);
  const page = await ctx.deps.store.watch.changes(filter, { limit: ctx.filters.limit, cursor: null });
  const items: PublishedItem[] = [];
  for (const change of page.changes) items.push(await itemOf(ctx, change));
  const lastChange = page.changes[0]?.at ?? null;
  const feed: PublishedFeed = {
    id: `${ctx.origin}/changes`,
    title: 'feedkeeper: changes',
    description: 'Edits, removals and returns of archived articles',
    homeUrl: `${ctx.origin}/changes`,
    selfUrl: ctx.selfUrl,
    language: null,
    updated: lastChange ?? ctx.deps.clock.now(),
    items,
  };
  return { feed, lastChange };
}

async function readChangeFilter(ctx: ChangesFeedContext): Promise<ChangeFilter> {
  const filter: ChangeFilter = { scope: { userId: ctx.userId } };
  const feed = ctx.query.get('feed');
  if (feed !== null) {
    const id = Number(feed);
    if (!/^\d+$/.test(feed)) throw new FeedkeeperError('NOT_FOUND', `feed: expected a feed id, got ${JSON.stringify(feed)}`);
    await requireOwnFeed(ctx.deps.store, ctx.userId, id);
    filter.feedId = id;
  }
  const tag = ctx.query.get('tag');
  if (tag !== null) {
    requireOwnTag(await ctx.deps.store.subscriptions.list(ctx.userId), tag);
    filter.tag = tag;
  }
  return filter;
}

async function itemOf(ctx: ChangesFeedContext, change: ChangeItem): Promise<PublishedItem> {
  const at = isWritableDate(change.at) ? change.at : ctx.deps.clock.now();
  return {
    id: `${ctx.origin}/changes/${change.id}`,
    title: `${LABELS[change.kind]}: ${change.title}`,
    link: asciiLink(change.link),
    author: null,
    published: at,
    updated: null,
    summary: null,
    contentHtml: await contentOf(ctx, change),
    categories: [change.kind],
    enclosures: [],
  };
}

const LABELS: Record<ChangeItem['kind'], string> = { edited: 'Edited', removed: 'Removed', restored: 'Back online' };

async function contentOf(ctx: ChangesFeedContext, change: ChangeItem): Promise<string> {
  const entryLink = `<p><a href="${ctx.origin}/entries/${change.articleId}">${escapeHtml(change.title)}</a></p>`;
  if (change.kind !== 'edited' || change.revision === null || change.revision === 0) {
    const detail = change.kind === 'removed' ? evidenceHtml(change.evidence) : '';
    return `${entryLink}${detail}`;
  }
  const scope = { userId: ctx.userId };
  const [before, after] = await Promise.all([ctx.deps.store.entries.revision(scope, change.articleId, change.revision - 1), ctx.deps.store.entries.revision(scope, change.articleId, change.revision)]);
  if (before === null || after === null) return entryLink;
  const text = (r: RevisionContent) => cleanRevision(r, ctx.deps.cleanRules).text;
  const title = before.title === after.title ? '' : `<h2>Title</h2><div class="diff">${renderDiffHtml(diffText(before.title, after.title))}</div>`;
  const source = change.source === 'recheck' ? 'found by a re-check of the page' : change.source === 'reextract' ? 're-extracted from the stored page by new rules, not an edit by the publisher' : 'seen in the feed';
  return `${entryLink}<p>Version ${change.revision + 1}, ${source}.</p>${title}<div class="diff">${renderDiffHtml(diffText(text(before), text(after)))}</div>`;
}

function evidenceHtml(evidence: Record<string, unknown> | null): string {
  const confirmed = evidence?.confirmed;
  const first = evidence?.first;
  const line = (label: string, e: unknown) =>
    typeof e === 'object' && e !== null ? `<p>${label}: ${escapeHtml(String((e as Record<string, unknown>).detail ?? ''))} (${escapeHtml(String((e as Record<string, unknown>).finalUrl ?? ''))})</p>` : '';
  return `${line('First seen', first)}${line('Confirmed', confirmed)}`;
}
