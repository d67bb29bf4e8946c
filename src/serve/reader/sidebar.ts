/**
 * The reader's navigation: the lists (unread with its count, all, starred), search, subscriptions,
 * then every feed with its unread count and every tag. Beside the body on wide screens; above it,
 * with the feeds and tags as one scrolling row each, on a phone (app.css).
 */
import { html } from 'hono/html';
import type { Chrome, View } from './view.js';
import { feedName } from '../../store/index.js';
import type { Html } from './layout.js';

export function sidebar(view: View, chrome: Chrome, current: string): Html {
  const link = (key: string, href: string, label: string, count?: number) =>
    html`<li><a href="${href}"${key === current ? html` aria-current="page"` : ''}>${label}</a>${count ? html` <span class="count">${count}</span>` : ''}</li>`;
  const feeds = [...chrome.feeds].sort((a, b) => feedName(a).localeCompare(feedName(b), view.lang === 'zh' ? 'zh' : 'en'));
  const tags = [...new Set(chrome.feeds.flatMap((f) => f.tags))].sort();
  return html`<nav class="sidebar" aria-label="${view.tr('nav.lists')}">
<ul class="lists">
${link('unread', '/', view.tr('nav.unread'), chrome.unread.get(0) ?? 0)}
${link('all', '/all', view.tr('nav.all'))}
${link('starred', '/starred', view.tr('nav.starred'))}
${link('search', '/search', view.tr('nav.search'))}
${link('changes', '/changes', view.tr('nav.changes'))}
${link('subscriptions', '/subscriptions', view.tr('nav.subscriptions'))}
${link('settings', '/settings', view.tr('nav.settings'))}
${view.user.isAdmin ? link('users', '/settings/users', view.tr('nav.users')) : ''}
</ul>
${feeds.length === 0 ? '' : html`<h2>${view.tr('nav.feeds')}</h2><ul class="feeds">${feeds.map((f) => link(`feed:${f.id}`, `/feed/${f.id}`, feedName(f), chrome.unread.get(f.id)))}</ul>`}
${tags.length === 0 ? '' : html`<h2>${view.tr('nav.tags')}</h2><ul class="tags">${tags.map((tag) => link(`tag:${tag}`, `/tag/${encodeURIComponent(tag)}`, tag))}</ul>`}
</nav>`;
}
