/**
 * POST /subscriptions/add: a URL the reader typed becomes a subscription. The URL is looked at
 * once (discover): a feed is subscribed to; a page linking one feed subscribes to that feed; a page
 * linking several shows a choice, which posts the chosen feed back here (`chosen=1`: no second
 * discovery). A new feed gets a refresh job at once, so its articles appear without waiting for
 * the scheduler. What went wrong is shown on the subscriptions page with a 4xx status.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import { isFeedkeeperError } from '../../core/index.js';
import type { Discovery } from '../../ingest/index.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { csrfField } from './components.js';
import { checkTags, splitTags } from './feed-form.js';
import { safeHref } from '../safe-urls.js';
import { readForm } from './forms.js';
import { clientStatus, showSubscriptions } from './subscriptions-page.js';
import { render } from './shell.js';
import { viewOf, type View } from './view.js';
import { refreshJobId } from '../../schedule/index.js';

type PageFeeds = Extract<Discovery, { kind: 'page' }>['feeds'];

export async function addSubscription(c: Context<AppEnv>, deps: ServeDeps): Promise<Response> {
  const view = viewOf(c);
  const form = await readForm(c);
  const url = (form.text('url') ?? '').trim();
  const tagsText = form.text('tags') ?? '';
  const tags = splitTags(tagsText);
  const again = { url, tags: tagsText };
  const tagErrors = checkTags(view, tags);
  if (url === '') return showSubscriptions(c, deps, { ...again, status: 400, addError: view.tr('subscriptions.urlRequired') });
  if (tagErrors.length > 0) return showSubscriptions(c, deps, { ...again, status: 400, addError: tagErrors.join(' ') });
  try {
    let target = url;
    // A URL the archive already fetches (for anyone) is shared as it is: nothing to discover.
    const known = await deps.store.feeds.getByUrl(url);
    if (form.text('chosen') !== '1' && known === null) {
      const found = await deps.subscriptions.discover(url);
      if (found.kind === 'page' && found.feeds.length > 1) return choicePage(c, deps, view, url, found.feeds, tagsText);
      target = found.kind === 'feed' ? found.url : (found.feeds[0]?.url ?? url);
    }
    const { feed, shared } = await deps.subscriptions.subscribe(c.get('user').id, target, { check: true, tags });
    // A shared feed is already fetched (the store brings a revived one's next check forward).
    if (!shared) await refreshSoon(deps, feed.id);
    return c.redirect(`/subscriptions/${feed.id}?done=added`, 303);
  } catch (err) {
    if (!isFeedkeeperError(err)) throw err;
    return showSubscriptions(c, deps, { ...again, status: clientStatus(err.code), addError: view.tr('subscriptions.addFailed', { message: err.message }) });
  }
}

/** The feed is stored; a queue that refuses the job only delays its first fetch to the scheduler. */
async function refreshSoon(deps: ServeDeps, feedId: number): Promise<void> {
  try {
    await deps.queue.add('refreshFeed', { feedId }, { jobId: refreshJobId(feedId) });
  } catch (err) {
    deps.logger.warn({ err, feedId }, 'could not queue the first fetch of a new subscription; the scheduler will fetch it');
  }
}

function choicePage(c: Context<AppEnv>, deps: ServeDeps, view: View, page: string, feeds: PageFeeds, tags: string): Promise<Response> {
  const body = html`<section class="feed-choice">
<h1>${view.tr('choice.title')}</h1>
<p>${view.tr('choice.intro', { count: feeds.length })} <a href="${safeHref(page) ?? '#'}" rel="noopener noreferrer">${page}</a></p>
<form method="post" action="/subscriptions/add" class="stack">${csrfField(view)}
<input type="hidden" name="chosen" value="1">
<input type="hidden" name="tags" value="${tags}">
<fieldset><legend>${view.tr('choice.legend')}</legend>
${feeds.map((f, i) => html`<label class="check"><input type="radio" name="url" value="${f.url}"${i === 0 ? html` checked` : ''} required> <span class="feed-title">${f.title ?? f.url}</span> <span class="badge">${f.type.toUpperCase()}</span> <span class="muted url">${f.url}</span></label>`)}
</fieldset>
<button type="submit">${view.tr('subscriptions.addButton')}</button>
</form>
<p><a href="/subscriptions">${view.tr('common.cancel')}</a></p>
</section>`;
  return render(c, deps, { title: view.tr('choice.title'), body, current: 'subscriptions' });
}
