/**
 * /settings/api-password: the user's API password for feed clients. The page says whether one is
 * set and where each API answers on this server; creating one generates it (random, never chosen),
 * stores only its hashes (auth/api-password.ts) and shows it this once, in the answer to the POST
 * and never in a URL. Removing it signs every feed client out. Forms carry the CSRF token like
 * every reader form.
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { apiPasswordSecrets, newApiPassword } from '../auth/api-password.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { csrfField, notice } from './components.js';
import { render } from './shell.js';
import { viewOf } from './view.js';

export function apiPasswordRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/settings/api-password', (c) => show(c, deps, { created: null, removed: c.req.query('done') === 'removed' }));
  app.post('/settings/api-password', async (c) => {
    const user = c.get('user');
    const password = newApiPassword();
    await deps.store.users.setApiPassword(user.id, await apiPasswordSecrets(user.username, password));
    return show(c, deps, { created: password, removed: false });
  });
  app.post('/settings/api-password/remove', async (c) => {
    await deps.store.users.setApiPassword(c.get('user').id, null);
    return c.redirect('/settings/api-password?done=removed', 303);
  });
  return app;
}

async function show(c: Context<AppEnv>, deps: ServeDeps, state: { created: string | null; removed: boolean }): Promise<Response> {
  const view = viewOf(c);
  const has = (await deps.store.users.apiPasswordHash(view.user.id)) !== null;
  const origin = new URL(c.req.url).origin;
  const created = state.created === null ? '' : html`<div class="notice" role="status"><p>${view.tr('apiPassword.created')}</p><p><code class="api-password">${state.created}</code></p></div>`;
  const body = html`<section class="api-password-page">
<h1>${view.tr('apiPassword.title')}</h1>
${state.removed ? notice(view.tr('apiPassword.removed')) : ''}
${created}
<p>${view.tr('apiPassword.intro')}</p>
<h2>${view.tr('apiPassword.servers')}</h2>
<dl>
<dt>${view.tr('apiPassword.username')}</dt><dd><code>${view.user.username}</code></dd>
<dt>${view.tr('apiPassword.greader')}</dt><dd><code>${origin}/api/greader</code></dd>
<dt>${view.tr('apiPassword.fever')}</dt><dd><code>${origin}/api/fever</code></dd>
</dl>
<p>${view.tr(has ? 'apiPassword.set' : 'apiPassword.none')}</p>
<form method="post" action="/settings/api-password">${csrfField(view)}<button type="submit">${view.tr('apiPassword.create')}</button></form>
${has ? html`<form method="post" action="/settings/api-password/remove">${csrfField(view)}<button type="submit">${view.tr('apiPassword.remove')}</button></form>` : ''}
</section>`;
  return render(c, deps, { title: view.tr('apiPassword.title'), body, current: 'settings' });
}
