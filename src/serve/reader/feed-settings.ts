/**
 * One subscription's page (/subscriptions/:id): its status, its settings form (title, tags,
 * full-text mode, interval bounds, enabled) with validation messages, "fetch now" (a refreshFeed
 * job: serve never fetches) and unsubscribing, which asks for a ticked confirmation and keeps the
 * feed's articles. The fetch settings of a feed shared with others are shown read-only to a
 * non-admin (an admin, or the only subscriber, may change them); another user's feed is a 404.
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { FeedkeeperError } from '../../core/index.js';
import { assertMayChangeFetching, mayChangeFetching } from '../../ingest/index.js';
import type { Subscription } from '../../store/index.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { csrfField, errorBox, notice } from './components.js';
import { checkFeedForm, feedFormValues, MAX_INTERVAL_MINUTES, postedFeedForm, type FeedFormValues } from './feed-form.js';
import { feedName } from '../../store/index.js';
import { safeHref } from '../safe-urls.js';
import { readForm } from './forms.js';
import type { Html } from './layout.js';
import { feedStatus } from './subscription-status.js';
import { render } from './shell.js';
import { idParam, loadChrome, viewOf, type View } from './view.js';
import { refreshJobId } from '../../schedule/index.js';

export function feedSettingsRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/subscriptions/:id{[0-9]+}', (c) => {
    const done = c.req.query('done');
    const key = done === 'added' ? 'settings.added' : done === 'saved' ? 'settings.saved' : done === 'queued' ? 'settings.queued' : null;
    return showSettings(c, deps, { notice: key === null ? null : viewOf(c).tr(key) });
  });
  app.post('/subscriptions/:id{[0-9]+}', async (c) => {
    const id = idParam(c, 'id');
    const user = c.get('user');
    const feed = await requireFeed(deps, user.id, id);
    const values = postedFeedForm(await readForm(c));
    const checked = checkFeedForm(viewOf(c), values, feed);
    if (!checked.ok) return showSettings(c, deps, { values, errors: checked.errors, status: 400 });
    if (Object.keys(checked.fetch).length > 0) {
      await assertMayChangeFetching(deps.store, user, id);
      await deps.store.feeds.update(id, checked.fetch);
    }
    await deps.store.subscriptions.update(user.id, id, checked.own);
    return c.redirect(`/subscriptions/${id}?done=saved`, 303);
  });
  app.post('/subscriptions/:id{[0-9]+}/fetch', async (c) => {
    const id = idParam(c, 'id');
    await requireFeed(deps, c.get('user').id, id);
    await deps.queue.add('refreshFeed', { feedId: id }, { jobId: refreshJobId(id) });
    return c.redirect(`/subscriptions/${id}?done=queued`, 303);
  });
  app.post('/subscriptions/:id{[0-9]+}/remove', async (c) => {
    const id = idParam(c, 'id');
    const form = await readForm(c);
    if (form.text('confirm') === undefined) return showSettings(c, deps, { removeError: viewOf(c).tr('settings.removeConfirmNeeded'), status: 400 });
    const userId = c.get('user').id;
    await requireFeed(deps, userId, id);
    await deps.store.subscriptions.remove(userId, id);
    return c.redirect('/subscriptions?done=removed', 303);
  });
  return app;
}

async function requireFeed(deps: ServeDeps, userId: number, id: number): Promise<Subscription> {
  const feed = await deps.store.subscriptions.get(userId, id);
  if (feed === null) throw new FeedkeeperError('NOT_FOUND', `there is no feed ${id}`);
  return feed;
}

interface SettingsState {
  values?: FeedFormValues;
  errors?: string[];
  removeError?: string;
  notice?: string | null;
  status?: 200 | 400;
}

async function showSettings(c: Context<AppEnv>, deps: ServeDeps, state: SettingsState): Promise<Response> {
  const view = viewOf(c);
  const id = idParam(c, 'id');
  const chrome = await loadChrome(deps, view.user.id);
  const feed = chrome.feeds.find((f) => f.id === id);
  if (feed === undefined) throw new FeedkeeperError('NOT_FOUND', `there is no feed ${id}`);
  const site = feed.siteUrl === null ? null : safeHref(feed.siteUrl);
  const mayFetch = await mayChangeFetching(deps.store, view.user, feed.id);
  const body = html`<section class="feed-settings">
<p class="crumbs"><a href="/subscriptions">${view.tr('nav.subscriptions')}</a></p>
<h1>${feedName(feed)}</h1>
${notice(state.notice)}
<p class="feed-url"><a href="${safeHref(feed.url) ?? '#'}" rel="noopener noreferrer">${feed.url}</a>${site === null ? '' : html` · <a href="${site}" rel="noopener noreferrer">${view.tr('settings.site')}</a>`} · <a href="/feed/${feed.id}">${view.tr('settings.entries')}</a></p>
${feedStatus(view, feed)}
${settingsForm(view, feed, state.values ?? feedFormValues(feed), state.errors ?? [], mayFetch)}
<form method="post" action="/subscriptions/${feed.id}/fetch" class="inline">${csrfField(view)}<button type="submit" data-action="fetch">${view.tr('settings.fetchNow')}</button></form>
${removeForm(view, feed, state.removeError)}
</section>`;
  return render(c, deps, { title: feedName(feed), body, current: 'subscriptions', chrome, status: state.status ?? 200 });
}

function settingsForm(view: View, feed: Subscription, v: FeedFormValues, errors: string[], mayFetch: boolean): Html {
  const mode = (value: string, label: string) => html`<option value="${value}"${v.fulltext === value ? html` selected` : ''}>${label}</option>`;
  // Disabled fields are not sent; the hidden copies keep the feed's values, so nothing changes.
  const locked = mayFetch ? '' : html` disabled`;
  const kept = mayFetch
    ? ''
    : html`<input type="hidden" name="fulltext" value="${v.fulltext}"><input type="hidden" name="min_interval" value="${v.min}"><input type="hidden" name="max_interval" value="${v.max}">${v.enabled ? html`<input type="hidden" name="enabled" value="1">` : ''}<p class="hint">${view.tr('settings.shared')}</p>`;
  return html`<form method="post" action="/subscriptions/${feed.id}" class="stack settings-form">
<h2>${view.tr('settings.title')}</h2>
${errorBox(errors)}
${csrfField(view)}
<label>${view.tr('settings.titleOverride')} <input name="title" value="${v.title}" placeholder="${feed.title ?? ''}" maxlength="400"></label>
<label>${view.tr('settings.tags')} <input name="tags" value="${v.tags}" placeholder="${view.tr('settings.tagsHint')}"></label>
${kept}
<label>${view.tr('settings.fulltext')} <select name="fulltext"${locked}>${mode('auto', view.tr('settings.fulltext.auto'))}${mode('always', view.tr('settings.fulltext.always'))}${mode('never', view.tr('settings.fulltext.never'))}</select></label>
<label>${view.tr('settings.minInterval')} <input name="min_interval" value="${v.min}" inputmode="numeric" placeholder="${view.tr('settings.default')}"${locked}></label>
<label>${view.tr('settings.maxInterval')} <input name="max_interval" value="${v.max}" inputmode="numeric" placeholder="${view.tr('settings.default')}"${locked}></label>
<p class="hint">${view.tr('settings.intervalHint', { max: MAX_INTERVAL_MINUTES })}</p>
<label class="check"><input type="checkbox" name="enabled" value="1"${v.enabled ? html` checked` : ''}${locked}> ${view.tr('settings.enabled')}</label>
<button type="submit">${view.tr('settings.save')}</button>
</form>`;
}

function removeForm(view: View, feed: Subscription, error: string | undefined): Html {
  return html`<form method="post" action="/subscriptions/${feed.id}/remove" class="stack remove-form">
<h2>${view.tr('settings.remove')}</h2>
${errorBox(error)}
${csrfField(view)}
<label class="check"><input type="checkbox" name="confirm" value="1"> ${view.tr('settings.removeConfirm', { count: feed.articleCount })}</label>
<button type="submit" class="danger">${view.tr('settings.removeButton')}</button>
</form>`;
}
