/**
 * /search?q=&sort=relevance|date&cursor=: the search language of src/search, results with their
 * matches marked (snippet() escapes the text and adds only our <mark>s, so its output may be
 * raw()), the total, and pages by the store's cursor. A query the parser refuses is shown beside
 * the form with status 400: it is the reader's typing, not a crash. Latency goes to the metrics.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { isFeedkeeperError } from '../../core/index.js';
import { parseQuery, snippet, type QueryAst } from '../../search/index.js';
import type { SearchPage } from '../../store/index.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { searchScope } from '../scope.js';
import { errorBox, hitRow, olderLink, type EntryState } from './components.js';
import { withQuery } from './format.js';
import type { MessageKey } from './i18n.js';
import type { Html } from './layout.js';
import { render } from './shell.js';
import { viewOf, type View } from './view.js';
import { searchArchive } from '../search.js';

const PAGE_SIZE = 20;
const MAX_QUERY = 500;
const MARK = ['<mark>', '</mark>'] as const;
/** The query language in one line each: what to type, what it does. */
const SYNTAX: ReadonlyArray<readonly [string, MessageKey]> = [
  ['"…"', 'search.help.phrase'],
  ['OR', 'search.help.or'],
  ['-…', 'search.help.exclude'],
  ['title:', 'search.help.title'],
  ['author:', 'search.help.author'],
  ['feed:', 'search.help.feed'],
  ['tag:', 'search.help.tag'],
  ['after:2024-03-01', 'search.help.after'],
  ['before:2024-03-01', 'search.help.before'],
];

type Sort = 'relevance' | 'date';

export function searchRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/search', async (c) => {
    const view = viewOf(c);
    const q = (c.req.query('q') ?? '').trim();
    const sortParam = c.req.query('sort') ?? '';
    const sort: Sort = sortParam === 'date' ? 'date' : 'relevance';
    const cursor = c.req.query('cursor') || null;
    // Admins may search the whole archive (a box on the form); everyone else searches their subscriptions.
    const archive = view.user.isAdmin && c.req.query('scope') === 'archive';
    let error: string | null = null;
    let results: Html = html``;
    if (sortParam !== '' && sortParam !== 'date' && sortParam !== 'relevance') error = view.tr('search.badSort', { value: sortParam });
    else if (q.length > MAX_QUERY) error = view.tr('search.tooLong', { max: MAX_QUERY, length: q.length });
    else if (q !== '') {
      try {
        results = await runSearch(deps, view, q, sort, cursor, archive);
      } catch (err) {
        if (!isFeedkeeperError(err) || (err.code !== 'QUERY_INVALID' && err.code !== 'USAGE')) throw err;
        error = err.message;
      }
    }
    const body = html`<section class="search-page">
<h1>${view.tr('search.title')}</h1>
${searchForm(view, q, sort, archive)}
${errorBox(error)}
${results}
${queryHelp(view)}
</section>`;
    return render(c, deps, { title: q === '' ? view.tr('search.title') : `${q} · ${view.tr('search.title')}`, body, current: 'search', hideSearch: true, status: error === null ? 200 : 400 });
  });
  return app;
}

async function runSearch(deps: ServeDeps, view: View, q: string, sort: Sort, cursor: string | null, archive: boolean): Promise<Html> {
  const ast = parseQuery(q);
  const found = await searchArchive(deps, ast, { scope: searchScope(view.user, archive), limit: PAGE_SIZE, sort, cursor });
  const states = await entryStates(deps, view.user.id, found);
  const next = found.nextCursor === null ? null : withQuery('/search', { q, sort: sort === 'relevance' ? null : sort, scope: archive ? 'archive' : null, cursor: found.nextCursor });
  return html`<p class="total">${view.tr('search.total', { count: found.total })}</p>
${ast.notes.length > 0 ? html`<ul class="notes">${ast.notes.map((n) => html`<li>${n}</li>`)}</ul>` : ''}
${found.hits.length === 0 ? html`<p class="empty">${view.tr('search.none')}</p>` : found.hits.map((hit) => hitRow(view, highlighted(hit, ast), states.get(hit.articleId)))}
${olderLink(view, next)}`;
}

function highlighted(hit: SearchPage['hits'][number], ast: QueryAst) {
  return {
    id: hit.articleId,
    titleHtml: snippet(hit.title, ast, { maxLength: 300, mark: MARK, field: 'title' }),
    snippetHtml: snippet(hit.text, ast, { maxLength: 200, mark: MARK }),
    feed: hit.feed,
    publishedAt: hit.publishedAt,
  };
}

/** The reader's read and starred marks on the hits, so they get the same toggles as a list. */
async function entryStates(deps: ServeDeps, userId: number, found: SearchPage): Promise<Map<number, EntryState>> {
  if (found.hits.length === 0) return new Map();
  const ids = found.hits.map((h) => h.articleId);
  const page = await deps.store.entries.list({ userId, ids }, { limit: ids.length, cursor: null });
  return new Map(page.entries.map((e) => [e.id, { id: e.id, read: e.read, starred: e.starred }]));
}

function searchForm(view: View, q: string, sort: Sort, archive: boolean): Html {
  const option = (value: Sort, label: string) => html`<option value="${value}"${value === sort ? html` selected` : ''}>${label}</option>`;
  const scope = view.user.isAdmin ? html`<label class="check"><input type="checkbox" name="scope" value="archive"${archive ? html` checked` : ''}> ${view.tr('search.wholeArchive')}</label>` : '';
  return html`<form class="search-form" method="get" action="/search" role="search">
<input type="search" name="q" id="q" value="${q}" placeholder="${view.tr('search.placeholder')}" aria-label="${view.tr('nav.search')}" maxlength="${MAX_QUERY}">
<label>${view.tr('search.sort')} <select name="sort">${option('relevance', view.tr('search.relevance'))}${option('date', view.tr('search.date'))}</select></label>
${scope}
<button type="submit">${view.tr('search.submit')}</button>
</form>`;
}

function queryHelp(view: View): Html {
  return html`<section class="query-help">
<h2>${view.tr('search.helpHeading')}</h2>
<dl>${SYNTAX.map(([code, key]) => html`<dt><code>${code}</code></dt><dd>${view.tr(key)}</dd>`)}</dl>
</section>`;
}
