/**
 * The entry lists: unread (/), all, starred, one feed (/feed/:id) and one tag (/tag/:tag), the
 * last two with ?show=unread|all|starred. Newest first, a page at a time by the store's cursor.
 * "Mark all read" posts the list's filter and the highest id shown, so what arrived after the page
 * was rendered stays unread. (/feeds/* and /tags/* are the republished feeds, hence the singular.)
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { FeedkeeperError } from '../../core/index.js';
import type { EntryFilter, EntryPage } from '../../store/index.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { requireOwnFeed, requireOwnTag } from '../scope.js';
import { csrfField, entryRow, olderLink } from './components.js';
import { safePath } from '../safe-urls.js';
import { feedName } from '../../store/index.js';
import { withQuery } from './format.js';
import { readForm, wholeNumber } from './forms.js';
import type { Html } from './layout.js';
import { render } from './shell.js';
import { idParam, loadChrome, viewOf, wantsJsonReply, type Chrome, type View } from './view.js';

const SHOWS = ['unread', 'all', 'starred'] as const;
type Show = (typeof SHOWS)[number];

/** Which list: what it shows and of what. */
interface ListScope {
  show: Show;
  feedId?: number;
  tag?: string;
}

export function listRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => showList(c, deps, { show: 'unread' }, { path: '/', current: 'unread', title: viewOf(c).tr('nav.unread') }));
  app.get('/all', (c) => showList(c, deps, { show: 'all' }, { path: '/all', current: 'all', title: viewOf(c).tr('nav.all') }));
  app.get('/starred', (c) => showList(c, deps, { show: 'starred' }, { path: '/starred', current: 'starred', title: viewOf(c).tr('nav.starred') }));
  app.get('/feed/:id{[0-9]+}', async (c) => {
    const id = idParam(c, 'id');
    // The sidebar's feeds are the user's: the page's feed is found among them (one load, not two).
    const chrome = await loadChrome(deps, c.get('user').id);
    const feed = chrome.feeds.find((f) => f.id === id);
    if (feed === undefined) throw new FeedkeeperError('NOT_FOUND', `there is no feed ${id}`);
    const scope = { show: showParam(c.req.query('show'), 'all'), feedId: id };
    return showList(c, deps, scope, { path: `/feed/${id}`, current: `feed:${id}`, title: feedName(feed), tabs: true, settings: `/subscriptions/${id}`, chrome });
  });
  app.get('/tag/:tag', async (c) => {
    const tag = c.req.param('tag');
    const chrome = await loadChrome(deps, c.get('user').id);
    requireOwnTag(chrome.feeds, tag);
    const scope = { show: showParam(c.req.query('show'), 'all'), tag };
    return showList(c, deps, scope, { path: `/tag/${encodeURIComponent(tag)}`, current: `tag:${tag}`, title: viewOf(c).tr('list.tag', { tag }), tabs: true, chrome });
  });
  app.post('/mark-all-read', async (c) => {
    const form = await readForm(c);
    const scope: ListScope = { show: showParam(form.text('show'), 'all') };
    const userId = c.get('user').id;
    if (form.text('feed')) {
      scope.feedId = wholeNumber('feed', form.text('feed'), 1);
      await requireOwnFeed(deps.store, userId, scope.feedId);
    }
    if (form.text('tag')) {
      scope.tag = form.text('tag');
      requireOwnTag(await deps.store.subscriptions.list(userId), scope.tag as string);
    }
    // "Up to what was shown": stored by the time the page was made (`until`), and in a newest-first
    // list no newer than its top (`max_id`); an oldest-first page's top is its oldest, so it sends no max_id.
    const until = form.text('until');
    const maxId = form.text('max_id');
    if (until === undefined && maxId === undefined) throw new FeedkeeperError('USAGE', 'mark all read: expected max_id or until, the list it marks');
    const marked = await deps.store.entries.markAllRead({
      ...entryFilter(userId, scope),
      ...(maxId === undefined ? {} : { maxId: wholeNumber('max_id', maxId) }),
      ...(until === undefined ? {} : { crawledUntilMs: wholeNumber('until', until) + 1 }),
    });
    if (wantsJsonReply(c)) return c.json({ marked });
    return c.redirect(safePath(form.text('next'), '/'), 303);
  });
  return app;
}

function showParam(value: string | undefined, fallback: Show): Show {
  if (value === undefined || value === '') return fallback;
  if ((SHOWS as readonly string[]).includes(value)) return value as Show;
  throw new FeedkeeperError('USAGE', `show: expected unread, all or starred, got "${value}"`);
}

function entryFilter(userId: number, scope: ListScope): EntryFilter {
  return {
    userId,
    ...(scope.feedId === undefined ? {} : { feedId: scope.feedId }),
    ...(scope.tag === undefined ? {} : { tag: scope.tag }),
    ...(scope.show === 'unread' ? { read: false } : {}),
    ...(scope.show === 'starred' ? { starred: true } : {}),
  };
}

interface ListPage {
  /** The list's own path, without ?show or ?cursor. */
  path: string;
  current: string;
  title: string;
  /** Feed and tag lists offer unread / all / starred. */
  tabs?: boolean;
  settings?: string;
  /** The sidebar's data when the route loaded it already. */
  chrome?: Chrome;
}

async function showList(c: Context<AppEnv>, deps: ServeDeps, scope: ListScope, list: ListPage): Promise<Response> {
  const view = viewOf(c);
  const cursor = c.req.query('cursor') || null;
  const { pageSize, sort } = view.user.settings;
  const found = await deps.store.entries.list(entryFilter(view.user.id, scope), { limit: pageSize, cursor, order: sort });
  const show = list.tabs ? scope.show : undefined;
  const older = found.nextCursor === null ? null : withQuery(list.path, { show, cursor: found.nextCursor });
  const body = html`<section class="list">
<header class="list-head">
<h1>${list.title}</h1>
${list.settings ? html`<a class="list-settings" href="${list.settings}">${view.tr('list.settings')}</a>` : ''}
${list.tabs ? tabs(view, list.path, scope.show) : ''}
${markAllForm(view, scope, found, withQuery(list.path, { show }), deps.clock.now())}
</header>
${found.entries.length === 0 ? html`<p class="empty">${view.tr(cursor === null ? 'list.empty' : 'list.noMore')}</p>` : found.entries.map((e) => entryRow(view, e))}
${olderLink(view, older)}
</section>`;
  return render(c, deps, { title: list.title, body, current: list.current, ...(list.chrome === undefined ? {} : { chrome: list.chrome }) });
}

function tabs(view: View, path: string, show: Show): Html {
  const label = { unread: view.tr('nav.unread'), all: view.tr('nav.all'), starred: view.tr('nav.starred') };
  return html`<nav class="tabs">${SHOWS.map((s) => html`<a href="${withQuery(path, { show: s })}"${s === show ? html` aria-current="page"` : ''}>${label[s]}</a>`)}</nav>`;
}

function markAllForm(view: View, scope: ListScope, found: EntryPage, back: string, shownAt: number): Html {
  if (found.entries.length === 0 || view.csrf === '') return html``;
  const maxId = view.user.settings.sort === 'newest' ? Math.max(...found.entries.map((e) => e.id)) : null;
  return html`<form method="post" action="/mark-all-read" class="inline mark-all">${csrfField(view)}
<input type="hidden" name="show" value="${scope.show}">
${scope.feedId === undefined ? '' : html`<input type="hidden" name="feed" value="${scope.feedId}">`}
${scope.tag === undefined ? '' : html`<input type="hidden" name="tag" value="${scope.tag}">`}
${maxId === null ? '' : html`<input type="hidden" name="max_id" value="${maxId}">`}
<input type="hidden" name="until" value="${shownAt}">
<input type="hidden" name="next" value="${back}">
<button type="submit" data-action="mark-all-read">${view.tr('list.markAllRead')}</button></form>`;
}
