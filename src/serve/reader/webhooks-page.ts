/**
 * /settings/webhooks: the user's webhooks and their delivery log. Adding one registers it through
 * the webhook service (the same URL, guard and event checks as `feedkeeper webhook add`) and shows
 * its signing secret in the answer to the POST; the list shows it again behind a disclosure, since
 * receivers need it and it is the user's own. Each webhook can be pinged, switched off and on, or
 * removed; a delivery that failed (or went through) can be sent again.
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { FeedkeeperError, isFeedkeeperError } from '../../core/index.js';
import { redactUrl } from '../../fetch/index.js';
import { feedName, WEBHOOK_EVENTS, type Webhook, type WebhookDelivery, type WebhookEvent } from '../../store/index.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { csrfField, errorBox, notice } from './components.js';
import { readForm, wholeNumber } from './forms.js';
import type { Html } from './layout.js';
import type { MessageKey } from './messages-en.js';
import { render } from './shell.js';
import { viewOf, type View } from './view.js';

const LOG_SIZE = 50;

interface State {
  created?: Webhook;
  notice?: string;
  error?: string;
  status?: 400 | 404;
}

export function webhookRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/settings/webhooks', (c) => show(c, deps, { ...(c.req.query('done') ? { notice: doneText(viewOf(c), c.req.query('done') ?? '') } : {}) }));
  app.post('/settings/webhooks', async (c) => {
    const form = await readForm(c);
    const body = await c.req.parseBody({ all: true });
    const picked = ([] as unknown[]).concat(body.events ?? []).filter((e): e is string => typeof e === 'string');
    const feedText = form.text('feed') ?? '';
    try {
      const feedId = feedText === '' ? null : await ownFeed(deps, c.get('user').id, feedText);
      const created = await deps.webhooks.register({ userId: c.get('user').id, url: form.text('url') ?? '', events: picked, feedId });
      return await show(c, deps, { created });
    } catch (err) {
      if (!isFeedkeeperError(err, 'USAGE') && !isFeedkeeperError(err, 'NOT_FOUND')) throw err;
      return show(c, deps, { error: err.message, status: err.code === 'NOT_FOUND' ? 404 : 400 });
    }
  });
  app.post('/settings/webhooks/:id/:action{remove|enable|disable|test}', async (c) => {
    const user = c.get('user');
    const hook = await ownWebhook(deps, user.id, c.req.param('id'));
    const action = c.req.param('action');
    if (action === 'remove') await deps.store.webhooks.remove(user.id, hook.id);
    if (action === 'enable' || action === 'disable') await deps.store.webhooks.setEnabled(user.id, hook.id, action === 'enable');
    if (action === 'test') {
      const attempt = await deps.webhooks.ping(hook);
      const view = viewOf(c);
      const said = `${attempt.status === null ? '' : `HTTP ${attempt.status}: `}${attempt.result}`;
      return show(c, deps, attempt.outcome === 'delivered' ? { notice: view.tr('webhooks.pingOk', { result: said }) } : { error: view.tr('webhooks.pingFailed', { result: said }) });
    }
    return c.redirect(`/settings/webhooks?done=${action}`, 303);
  });
  app.post('/settings/webhooks/deliveries/:id/redeliver', async (c) => {
    const id = wholeNumber('delivery', c.req.param('id'), 1);
    if (!(await deps.store.webhooks.redeliver(c.get('user').id, id, deps.clock.now()))) throw new FeedkeeperError('NOT_FOUND', `you have no webhook delivery ${id}`);
    return c.redirect('/settings/webhooks?done=redeliver', 303);
  });
  return app;
}

async function ownWebhook(deps: ServeDeps, userId: number, idText: string): Promise<Webhook> {
  const id = wholeNumber('webhook', idText, 1);
  const hook = await deps.store.webhooks.get(id);
  if (hook === null || hook.userId !== userId) throw new FeedkeeperError('NOT_FOUND', `you have no webhook ${id}`);
  return hook;
}

async function ownFeed(deps: ServeDeps, userId: number, text: string): Promise<number> {
  const id = wholeNumber('feed', text, 1);
  if ((await deps.store.subscriptions.get(userId, id)) === null) throw new FeedkeeperError('NOT_FOUND', `you have no feed ${id}`);
  return id;
}

function doneText(view: View, done: string): string | undefined {
  const keys: Record<string, MessageKey> = { remove: 'webhooks.removed', enable: 'webhooks.enabled', disable: 'webhooks.disabled', redeliver: 'webhooks.redelivering' };
  const key = keys[done];
  return key === undefined ? undefined : view.tr(key);
}

async function show(c: Context<AppEnv>, deps: ServeDeps, state: State): Promise<Response> {
  const view = viewOf(c);
  const [hooks, log, subs] = await Promise.all([
    deps.store.webhooks.list(view.user.id),
    deps.store.webhooks.deliveries(view.user.id, { limit: LOG_SIZE }),
    deps.store.subscriptions.list(view.user.id),
  ]);
  const feeds = new Map(subs.map((s) => [s.id, feedName(s)]));
  const created = state.created === undefined ? '' : html`<div class="notice" role="status"><p>${view.tr('webhooks.created', { id: state.created.id })}</p><p><code class="webhook-secret">${state.created.secret}</code></p></div>`;
  const body = html`<section class="webhooks-page">
<h1>${view.tr('webhooks.title')}</h1>
${notice(state.notice)}
${errorBox(state.error)}
${created}
<p>${view.tr('webhooks.intro')}</p>
${hooks.length === 0 ? html`<p>${view.tr('webhooks.none')}</p>` : html`<ul class="webhooks">${hooks.map((h) => webhookItem(view, h, feeds))}</ul>`}
${addForm(view, subs.map((s) => [s.id, feedName(s)] as const))}
<h2>${view.tr('webhooks.log')}</h2>
${log.length === 0 ? html`<p>${view.tr('webhooks.noDeliveries')}</p>` : deliveryTable(view, log)}
</section>`;
  return render(c, deps, { title: view.tr('webhooks.title'), body, current: 'settings', status: state.status ?? 200 });
}

function webhookItem(view: View, h: Webhook, feeds: ReadonlyMap<number, string>): Html {
  const action = (name: string, label: MessageKey) => html`<form method="post" action="/settings/webhooks/${h.id}/${name}" class="inline">${csrfField(view)}<button type="submit">${view.tr(label)}</button></form>`;
  const state = h.enabled ? view.tr('webhooks.on') : h.disabledReason === null ? view.tr('webhooks.off') : view.tr('webhooks.offBecause', { reason: h.disabledReason });
  return html`<li class="webhook" data-webhook="${h.id}">
<p><strong>#${h.id}</strong> <code>${redactUrl(h.url)}</code> · ${h.events.map((e) => eventLabel(view, e)).join(', ')} · ${h.feedId === null ? view.tr('webhooks.allFeeds') : (feeds.get(h.feedId) ?? `#${h.feedId}`)} · <span class="webhook-state">${state}</span></p>
<details><summary>${view.tr('webhooks.secret')}</summary><code class="webhook-secret">${h.secret}</code></details>
${action('test', 'webhooks.test')}${h.enabled ? action('disable', 'webhooks.disable') : action('enable', 'webhooks.enable')}${action('remove', 'webhooks.remove')}
</li>`;
}

function addForm(view: View, feeds: ReadonlyArray<readonly [number, string]>): Html {
  return html`<form method="post" action="/settings/webhooks" class="stack webhook-form">
<h2>${view.tr('webhooks.add')}</h2>
${csrfField(view)}
<label>${view.tr('webhooks.url')} <input name="url" type="url" required placeholder="https://example.net/hooks/feedkeeper" maxlength="2000"></label>
<fieldset><legend>${view.tr('webhooks.events')}</legend>
${WEBHOOK_EVENTS.map((e) => html`<label><input type="checkbox" name="events" value="${e}" checked> ${eventLabel(view, e)}</label> `)}
</fieldset>
<label>${view.tr('webhooks.feed')} <select name="feed"><option value="">${view.tr('webhooks.allFeeds')}</option>${feeds.map(([id, name]) => html`<option value="${id}">${name}</option>`)}</select></label>
<button type="submit">${view.tr('webhooks.addButton')}</button>
</form>`;
}

function deliveryTable(view: View, log: readonly WebhookDelivery[]): Html {
  const row = (d: WebhookDelivery) => html`<tr data-delivery="${d.id}" class="delivery-${d.status}">
<td>${new Date(d.lastAttemptAt ?? d.createdAt).toISOString().slice(0, 16).replace('T', ' ')}</td>
<td>#${d.webhookId}</td>
<td>${d.event === 'ping' ? 'ping' : eventLabel(view, d.event)}</td>
<td>${d.articleId === null ? '' : html`<a href="/entries/${d.articleId}">#${d.articleId}</a>`}</td>
<td>${statusText(view, d)}</td>
<td>${d.lastResult ?? ''}</td>
<td>${d.status === 'pending' ? '' : html`<form method="post" action="/settings/webhooks/deliveries/${d.id}/redeliver" class="inline">${csrfField(view)}<button type="submit">${view.tr('webhooks.redeliver')}</button></form>`}</td>
</tr>`;
  return html`<table class="deliveries"><thead><tr><th>${view.tr('webhooks.when')}</th><th>${view.tr('webhooks.webhook')}</th><th>${view.tr('webhooks.event')}</th><th>${view.tr('webhooks.article')}</th><th>${view.tr('webhooks.status')}</th><th>${view.tr('webhooks.answer')}</th><th></th></tr></thead>
<tbody>${log.map(row)}</tbody></table>`;
}

function statusText(view: View, d: WebhookDelivery): string {
  const vars = { n: d.attempts, status: d.lastStatus === null ? '—' : String(d.lastStatus) };
  if (d.status === 'delivered') return view.tr('webhooks.delivered', vars);
  if (d.status === 'failed') return view.tr('webhooks.failed', vars);
  return d.attempts === 0 ? view.tr('webhooks.waiting') : view.tr('webhooks.retrying', vars);
}

function eventLabel(view: View, e: WebhookEvent): string {
  return view.tr(`webhooks.event.${e}`);
}
