/**
 * The article page (/entries/:id) and one stored version of it (/entries/:id/revisions/:n).
 * Opening an article marks it read, on the server, so it works without the script (?keep=1 is
 * where "mark unread" comes back to, so it stays unread). Article HTML goes through content.ts:
 * the sanitizer's output only, with archived images pointed at /media/ and remote ones sent no
 * referrer (at render time: the stored HTML and record files keep the original URLs). Titles and
 * every other field are escaped text.
 */
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { FeedkeeperError } from '../../core/index.js';
import type { ArticleEvent, ArticleImage, Entry, RevisionInfo } from '../../store/index.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { entryScope } from '../scope.js';
import { changeLabel, entryActions, revisionBadge, stateClasses } from './components.js';
import { cleanContent } from '../content.js';
import { localizeImages } from '../../clean/index.js';
import { localImageUrls } from '../media.js';
import { formatDate, timeTag, withQuery } from './format.js';
import { safeHref } from '../safe-urls.js';
import type { Html } from './layout.js';
import { render } from './shell.js';
import { idParam, viewOf, type View } from './view.js';

export function articleRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/entries/:id{[0-9]+}', async (c) => {
    const view = viewOf(c);
    const id = idParam(c, 'id');
    const entry = await deps.store.entries.get(entryScope(view.user), id);
    if (entry === null) throw new FeedkeeperError('NOT_FOUND', `there is no entry ${id}`);
    if (!entry.read && c.req.query('keep') !== '1') {
      await deps.store.entries.mark(view.user.id, [id], { read: true });
      entry.read = true;
    }
    const content = await withLocalImages(deps, id, cleanContent(entry.contentHtml, entry.html, entry.link, deps.cleanRules));
    const events = await deps.store.watch.events(entryScope(view.user), id);
    const images = await deps.store.media.ofArticle(id);
    const body = html`<article class="article ${stateClasses(entry)}" data-id="${entry.id}">
<header class="article-head">
<h1>${entry.title || view.tr('entry.untitled')}${revisionBadge(view, entry)}</h1>
${articleMeta(view, entry)}
${entryActions(view, entry, `/entries/${id}`, `/entries/${id}?keep=1`)}
</header>
<div class="content">${raw(content)}</div>
${revisionList(view, entry)}
${eventList(view, events)}
${failedImages(view, images)}
</article>`;
    return render(c, deps, { title: entry.title || view.tr('entry.untitled'), body, current: entry.feedId === null ? '' : `feed:${entry.feedId}` });
  });

  app.get('/entries/:id{[0-9]+}/revisions/:n{[0-9]+}', async (c) => {
    const view = viewOf(c);
    const id = idParam(c, 'id');
    const n = idParam(c, 'n');
    const rev = await deps.store.entries.revision(entryScope(view.user), id, n);
    if (rev === null) throw new FeedkeeperError('NOT_FOUND', `entry ${id} has no revision ${n}`);
    const content = await withLocalImages(deps, id, cleanContent(rev.cleanHtml, rev.html, rev.link, deps.cleanRules));
    const body = html`<article class="article revision" data-revision="${n}">
<p class="crumbs"><a href="/entries/${id}?keep=1">${view.tr('revision.back')}</a></p>
<header class="article-head">
<h1>${rev.title || view.tr('entry.untitled')}</h1>
<p class="meta">${view.tr('revision.number', { n: n + 1 })} · ${view.tr('revision.fetched')} ${timeTag(rev.fetchedAt, view.lang, view.timeZone)} · ${view.tr('entry.published')} ${timeTag(rev.publishedAt, view.lang, view.timeZone)}</p>
${n > 0 ? html`<p><a href="${withQuery(`/entries/${id}/diff`, { from: n - 1, to: n })}">${view.tr('revision.diffPrevious')}</a></p>` : ''}
</header>
<div class="content">${raw(content)}</div>
</article>`;
    return render(c, deps, { title: rev.title || view.tr('entry.untitled'), body });
  });

  return app;
}

async function withLocalImages(deps: ServeDeps, id: number, html: string): Promise<string> {
  const local = (await localImageUrls(deps, [id])).get(id);
  return localizeImages(html, local ?? (() => null));
}

function articleMeta(view: View, entry: Entry): Html {
  const href = safeHref(entry.link);
  const feeds = entry.feeds.map((f, i) => html`${i > 0 ? ', ' : ''}<a href="/feed/${f.id}">${f.title ?? view.tr('entry.noFeedTitle')}</a>`);
  const updated = entry.updatedAt !== null && entry.updatedAt !== entry.publishedAt;
  return html`<p class="meta">
${feeds.length > 0 ? html`<span class="feeds">${feeds}</span> · ` : ''}
${entry.author ? html`<span class="author">${entry.author}</span> · ` : ''}
<span>${view.tr('entry.published')} ${timeTag(entry.publishedAt, view.lang, view.timeZone)}</span>
${updated ? html` · <span>${view.tr('entry.updated')} ${timeTag(entry.updatedAt ?? 0, view.lang, view.timeZone)}</span>` : ''}
</p>
${href === null ? '' : html`<p class="original"><a href="${href}" rel="noopener noreferrer">${view.tr('entry.original')}</a></p>`}`;
}

function revisionList(view: View, entry: Entry): Html {
  const revs = entry.revisions;
  const row = (r: RevisionInfo, i: number) => html`<li>
<a href="/entries/${entry.id}/revisions/${r.revision}">${view.tr('revision.number', { n: r.revision + 1 })}</a>
· ${view.tr('revision.fetched')} ${timeTag(r.fetchedAt, view.lang, view.timeZone)}
${r.source === 'recheck' ? html` · <span class="rev-source">${view.tr('revision.recheck')}</span>` : r.source === 'reextract' ? html` · <span class="rev-source rev-reextract">${view.tr('revision.reextract')}</span>` : ''}
${i > 0 && revs[i - 1]?.title !== r.title ? html` · <span class="rev-title">${r.title}</span>` : ''}
${i > 0 ? html` · <a href="${withQuery(`/entries/${entry.id}/diff`, { from: revs[i - 1]?.revision, to: r.revision })}">${view.tr('revision.diffPrevious')}</a>` : ''}
</li>`;
  return html`<section class="revisions">
<h2>${view.tr('revision.title', { count: revs.length })}</h2>
<ol>${revs.map(row)}</ol>
${revs.length > 1 ? diffForm(view, entry.id, revs, revs.length - 2, revs.length - 1) : ''}
</section>`;
}

/** Removals and returns with their evidence (edits are the revisions above). */
function eventList(view: View, events: readonly ArticleEvent[]): Html {
  const shown = events.filter((e) => e.kind !== 'edited');
  if (shown.length === 0) return html``;
  return html`<section class="events">
<h2>${view.tr('entry.events')}</h2>
<ul>${shown.map((e) => html`<li class="event-${e.kind}">${timeTag(e.at, view.lang, view.timeZone)} · ${changeLabel(view, e)}</li>`)}</ul>
</section>`;
}

/** Images of the latest version that could not be kept, each with why (the rest show from /media/). */
function failedImages(view: View, images: readonly ArticleImage[]): Html {
  const failed = images.flatMap((i) => (i.status === 'failed' ? [i] : []));
  if (failed.length === 0) return html``;
  return html`<section class="images-failed">
<h2>${view.tr('entry.imagesFailed', { count: failed.length })}</h2>
<ul>${failed.map((i) => html`<li><span class="url">${i.url}</span> · ${i.reason}</li>`)}</ul>
</section>`;
}

/** Two selects, defaulting to the last two versions (GET: the diff page is a plain link). */
export function diffForm(view: View, id: number, revs: readonly RevisionInfo[], from: number, to: number): Html {
  const select = (name: string, label: string, chosen: number) => html`<label>${label} <select name="${name}">${revs.map(
    (r) => html`<option value="${r.revision}"${r.revision === chosen ? html` selected` : ''}>${view.tr('revision.number', { n: r.revision + 1 })} · ${formatDate(r.fetchedAt, view.lang, view.timeZone)}</option>`,
  )}</select></label>`;
  return html`<form class="diff-form" method="get" action="/entries/${id}/diff">
${select('from', view.tr('diff.from'), from)}
${select('to', view.tr('diff.to'), to)}
<button type="submit">${view.tr('diff.compare')}</button>
</form>`;
}
