/** The sign-in page: the one page (with /healthz) anyone may see. */
import { html } from 'hono/html';
import type { Lang } from '../deps.js';
import { t } from './i18n.js';
import { page, type Html } from './layout.js';

export interface LoginPageOptions {
  lang: Lang;
  /** The double-submit token of the login form. */
  csrf: string;
  next: string;
  username?: string;
  error?: string | null;
  /** The OpenID Connect provider's name when that sign-in is on (a link beside the form). */
  oidcLabel?: string | null;
}

export function loginPage(opts: LoginPageOptions): Html {
  const body = html`<section class="login">
<h1>${t(opts.lang, 'login.title')}</h1>
${opts.error ? html`<p class="error" role="alert">${opts.error}</p>` : ''}
<form method="post" action="/login">
<input type="hidden" name="_csrf" value="${opts.csrf}">
<input type="hidden" name="next" value="${opts.next}">
<label>${t(opts.lang, 'login.username')} <input name="username" autocomplete="username" required value="${opts.username ?? ''}"></label>
<label>${t(opts.lang, 'login.password')} <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">${t(opts.lang, 'login.submit')}</button>
</form>
${opts.oidcLabel ? html`<p class="login-oidc"><a href="/login/oidc?next=${encodeURIComponent(opts.next)}">${t(opts.lang, 'login.oidc', { label: opts.oidcLabel })}</a></p>` : ''}
</section>`;
  return page({ lang: opts.lang, title: t(opts.lang, 'login.title'), body, path: `/login?next=${encodeURIComponent(opts.next)}` });
}
