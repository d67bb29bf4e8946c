/**
 * How a feed is doing, in words: the last fetch and its outcome, the last error, the next check
 * (or "paused" when disabled), how many articles it brought. Shared by the subscriptions table
 * and the feed's own page.
 */
import { html } from 'hono/html';
import type { Subscription, FetchStatus } from '../../store/index.js';
import type { MessageKey } from './i18n.js';
import { timeTag } from './format.js';
import type { Html } from './layout.js';
import type { View } from './view.js';

const STATUS_KEYS: Record<FetchStatus, MessageKey> = {
  never: 'status.never',
  ok: 'status.ok',
  'not-modified': 'status.notModified',
  error: 'status.error',
  gone: 'status.gone',
  'rate-limited': 'status.rateLimited',
};

export function statusLabel(view: View, feed: Subscription): Html {
  const bad = feed.lastStatus === 'error' || feed.lastStatus === 'gone';
  const failures = feed.consecutiveFailures > 1 ? ` (${view.tr('status.failures', { count: feed.consecutiveFailures })})` : '';
  return html`<span class="status status-${feed.lastStatus}${bad ? ' bad' : ''}">${view.tr(STATUS_KEYS[feed.lastStatus])}${failures}</span>`;
}

export function lastFetch(view: View, feed: Subscription): Html {
  return feed.lastFetchAt === null ? html`<span class="muted">${view.tr('status.neverFetched')}</span>` : timeTag(feed.lastFetchAt, view.lang, view.timeZone);
}

export function nextFetch(view: View, feed: Subscription): Html {
  return feed.enabled ? timeTag(feed.nextCheckAt, view.lang, view.timeZone) : html`<span class="muted">${view.tr('status.paused')}</span>`;
}

export function feedStatus(view: View, feed: Subscription): Html {
  return html`<dl class="feed-status">
<dt>${view.tr('status.lastFetch')}</dt><dd>${lastFetch(view, feed)}</dd>
<dt>${view.tr('status.lastStatus')}</dt><dd>${statusLabel(view, feed)}</dd>
${feed.lastError === null ? '' : html`<dt>${view.tr('status.lastError')}</dt><dd class="error">${feed.lastError}</dd>`}
<dt>${view.tr('status.nextFetch')}</dt><dd>${nextFetch(view, feed)}</dd>
<dt>${view.tr('status.articles')}</dt><dd>${feed.articleCount}</dd>
<dt>${view.tr('status.enabled')}</dt><dd>${view.tr(feed.enabled ? 'common.yes' : 'common.no')}</dd>
</dl>`;
}
