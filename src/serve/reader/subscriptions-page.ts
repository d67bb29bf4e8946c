/**
 * The subscriptions page itself: the add form (with the reader's input kept after an error), the
 * table of feeds and their status, an OPML import's summary, and the import/export forms. Routes
 * (subscriptions.ts, subscription-add.ts) decide what to show; this only shows it.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { OpmlImportSummary } from '../../ingest/index.js';
import type { Subscription } from '../../store/index.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { statusOf } from '../errors.js';
import { csrfField, errorBox, notice } from './components.js';
import { feedName } from '../../store/index.js';
import type { Html } from './layout.js';
import { lastFetch, nextFetch, statusLabel } from './subscription-status.js';
import { render } from './shell.js';
import { loadChrome, viewOf, type View } from './view.js';

/** The status of a problem with what the reader gave: its own 4xx, or 422 for a site that failed. */
export function clientStatus(code: Parameters<typeof statusOf>[0]): 400 | 409 | 413 | 415 | 422 {
  const status = statusOf(code);
  return status === 400 || status === 409 || status === 413 || status === 415 ? status : 422;
}

export interface SubscriptionsState {
  status?: 200 | 400 | 409 | 413 | 415 | 422;
  notice?: string | null;
  addError?: string;
  importError?: string;
  summary?: OpmlImportSummary;
  /** What the add form held, to show again after an error. */
  url?: string;
  tags?: string;
}

export async function showSubscriptions(c: Context<AppEnv>, deps: ServeDeps, state: SubscriptionsState): Promise<Response> {
  const view = viewOf(c);
  const chrome = await loadChrome(deps, view.user.id);
  const body = html`<section class="subscriptions">
<h1>${view.tr('nav.subscriptions')}</h1>
${notice(state.notice)}
${addForm(view, state)}
${state.summary ? importSummary(view, state.summary) : ''}
${feedTable(view, chrome.feeds)}
<section class="opml">
<h2>${view.tr('import.title')}</h2>
${errorBox(state.importError)}
<form method="post" action="/subscriptions/import" enctype="multipart/form-data" class="stack">${csrfField(view)}
<label>${view.tr('import.file')} <input type="file" name="opml" accept=".opml,.xml,text/x-opml,text/xml,application/xml" required></label>
<button type="submit">${view.tr('import.submit')}</button>
</form>
<p><a href="/subscriptions/export.opml" download>${view.tr('import.export')}</a></p>
</section>
</section>`;
  return render(c, deps, { title: view.tr('nav.subscriptions'), body, current: 'subscriptions', chrome, status: state.status ?? 200 });
}

function addForm(view: View, state: SubscriptionsState): Html {
  return html`<form method="post" action="/subscriptions/add" class="stack add-form">
<h2>${view.tr('subscriptions.add')}</h2>
${errorBox(state.addError)}
${csrfField(view)}
<label>${view.tr('subscriptions.url')} <input type="url" name="url" value="${state.url ?? ''}" required placeholder="https://"></label>
<label>${view.tr('settings.tags')} <input name="tags" value="${state.tags ?? ''}" placeholder="${view.tr('settings.tagsHint')}"></label>
<button type="submit">${view.tr('subscriptions.addButton')}</button>
</form>`;
}

function feedTable(view: View, feeds: readonly Subscription[]): Html {
  if (feeds.length === 0) return html`<p class="empty">${view.tr('subscriptions.none')}</p>`;
  const sorted = [...feeds].sort((a, b) => feedName(a).localeCompare(feedName(b)));
  const row = (f: Subscription) => html`<tr class="${f.enabled ? '' : 'disabled'}" data-feed-id="${f.id}">
<td><a href="/subscriptions/${f.id}">${feedName(f)}</a><br><span class="muted url">${f.url}</span>${f.tags.length > 0 ? html`<br><span class="muted">${f.tags.join(', ')}</span>` : ''}</td>
<td>${lastFetch(view, f)}</td>
<td>${nextFetch(view, f)}</td>
<td>${statusLabel(view, f)}${f.lastError === null ? '' : html`<br><span class="error">${f.lastError}</span>`}</td>
<td class="num"><a href="/feed/${f.id}">${f.articleCount}</a></td>
<td>${view.tr(f.enabled ? 'common.yes' : 'common.no')}</td>
</tr>`;
  return html`<div class="table-wrap"><table class="feeds-table">
<thead><tr><th>${view.tr('subscriptions.feed')}</th><th>${view.tr('status.lastFetch')}</th><th>${view.tr('status.nextFetch')}</th><th>${view.tr('status.lastStatus')}</th><th>${view.tr('status.articles')}</th><th>${view.tr('status.enabled')}</th></tr></thead>
<tbody>${sorted.map(row)}</tbody>
</table></div>`;
}

function importSummary(view: View, s: OpmlImportSummary): Html {
  const list = (key: Parameters<View['tr']>[0], items: readonly string[]) =>
    items.length === 0 ? '' : html`<h3>${view.tr(key, { count: items.length })}</h3><ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;
  return html`<section class="import-summary" role="status">
<h2>${view.tr('import.done', { added: s.added })}</h2>
${list('import.already', s.alreadySubscribed)}
${list('import.duplicates', s.duplicatesInFile)}
${list('import.warnings', s.warnings)}
</section>`;
}
