/**
 * /changes?kind=&feed=&tag=&cursor=: edits, removals and returns of the articles the reader's
 * subscriptions reach, newest first (store.watch.changes), each with a link to the article and,
 * for an edit, to the diff of that version against the one before. A feed or tag that is not the
 * reader's is NOT_FOUND, as everywhere.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { FeedkeeperError } from '../../core/index.js';
import { feedName, type ChangeItem, type ChangeFilter, type Subscription, type WatchEventKind } from '../../store/index.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { requireOwnTag } from '../scope.js';
import { changeLabel, olderLink } from './components.js';
import { timeTag, withQuery } from './format.js';
import type { Html } from './layout.js';
import { render } from './shell.js';
import { viewOf, type View } from './view.js';

const PAGE_SIZE = 50;
const KINDS: readonly WatchEventKind[] = ['edited', 'removed', 'restored'];

export function changesRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/changes', async (c) => {
    const view = viewOf(c);
    const kindParam = c.req.query('kind') ?? '';
    const kind = (KINDS as readonly string[]).includes(kindParam) ? (kindParam as WatchEventKind) : null;
    const filter: ChangeFilter = { scope: { userId: view.user.id }, ...(kind ? { kinds: [kind] } : {}) };
    const subs = await deps.store.subscriptions.list(view.user.id);
    // An empty choice in the form means "any".
    const feedParam = c.req.query('feed') || undefined;
    if (feedParam !== undefined) {
      const feedId = Number(feedParam);
      if (!/^\d+$/.test(feedParam) || !subs.some((s) => s.id === feedId)) throw new FeedkeeperError('NOT_FOUND', `you have no feed ${JSON.stringify(feedParam)}`);
      filter.feedId = feedId;
    }
    const tag = c.req.query('tag') || undefined;
    if (tag !== undefined) {
      requireOwnTag(subs, tag);
      filter.tag = tag;
    }
    const page = await deps.store.watch.changes(filter, { limit: PAGE_SIZE, cursor: c.req.query('cursor') || null });
    const keep = { kind: kind ?? null, feed: feedParam ?? null, tag: tag ?? null };
    const next = page.nextCursor === null ? null : withQuery('/changes', { ...keep, cursor: page.nextCursor });
    const body = html`<section class="changes-page">
<h1>${view.tr('changes.title')}</h1>
<p class="intro">${view.tr('changes.intro')}</p>
${kindLinks(view, kind, keep)}
${filterForm(view, subs, kind, keep)}
${page.changes.length === 0 ? html`<p class="empty">${view.tr('changes.none')}</p>` : html`<ol class="changes">${page.changes.map((ch) => changeRow(view, ch))}</ol>`}
${olderLink(view, next)}
</section>`;
    return render(c, deps, { title: view.tr('changes.title'), body, current: 'changes' });
  });
  return app;
}

function kindLinks(view: View, kind: WatchEventKind | null, keep: { feed: string | null; tag: string | null }): Html {
  const link = (value: WatchEventKind | null, label: string) =>
    html`<a href="${withQuery('/changes', { ...keep, kind: value })}"${value === kind ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<nav class="change-kinds" aria-label="${view.tr('changes.filter')}">${link(null, view.tr('changes.all'))} · ${link('edited', view.tr('changes.kind.edited'))} · ${link('removed', view.tr('changes.kind.removed'))} · ${link('restored', view.tr('changes.kind.restored'))}</nav>`;
}

/** Narrow to one of the reader's feeds or tags (GET, so the page stays a link). */
function filterForm(view: View, subs: readonly Subscription[], kind: WatchEventKind | null, keep: { feed: string | null; tag: string | null }): Html {
  const tags = [...new Set(subs.flatMap((s) => s.tags))].sort();
  const feeds = [...subs].sort((a, b) => feedName(a).localeCompare(feedName(b)));
  return html`<form class="change-filter" method="get" action="/changes">
${kind ? html`<input type="hidden" name="kind" value="${kind}">` : ''}
<label>${view.tr('nav.feeds')} <select name="feed"><option value="">${view.tr('changes.any')}</option>${feeds.map((f) => html`<option value="${f.id}"${String(f.id) === keep.feed ? html` selected` : ''}>${feedName(f)}</option>`)}</select></label>
<label>${view.tr('nav.tags')} <select name="tag"><option value="">${view.tr('changes.any')}</option>${tags.map((t) => html`<option value="${t}"${t === keep.tag ? html` selected` : ''}>${t}</option>`)}</select></label>
<button type="submit">${view.tr('changes.filter')}</button>
</form>`;
}

function changeRow(view: View, ch: ChangeItem): Html {
  const diff = ch.kind === 'edited' && ch.revision !== null && ch.revision > 0
    ? html` · <a href="${withQuery(`/entries/${ch.articleId}/diff`, { from: ch.revision - 1, to: ch.revision })}">${view.tr('changes.diff')}</a>`
    : '';
  return html`<li class="change change-${ch.kind}">
<p class="change-what">${timeTag(ch.at, view.lang, view.timeZone)} · ${changeLabel(view, ch)}${diff}</p>
<p class="change-title"><a href="/entries/${ch.articleId}?keep=1">${ch.title || view.tr('entry.untitled')}</a>${ch.feedTitle ? html` · <span class="feed">${ch.feedTitle}</span>` : ''}</p>
</li>`;
}
