/**
 * /settings: the signed-in user's own reader settings (language, time zone, entries per page,
 * default order) and their password. A language or zone left on "from the browser" follows the
 * switch link and the browser's zone as before; a chosen one wins on every device (app.ts applies
 * it after sign-in). Changing the password needs the current one and ends the user's other sessions.
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { checkPassword, isFeedkeeperError, PAGE_SIZE_BOUNDS } from '../../core/index.js';
import type { UserSettings } from '../../store/index.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { createAttemptLimiter } from '../auth/rate-limit.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { validZone } from '../locale.js';
import { csrfField, errorBox, notice } from './components.js';
import { readForm } from './forms.js';
import type { Html } from './layout.js';
import { render } from './shell.js';
import { viewOf, type View } from './view.js';

export function settingsRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/settings', (c) => {
    const done = c.req.query('done');
    const view = viewOf(c);
    return showSettings(c, deps, { notice: done === 'saved' ? view.tr('prefs.saved') : done === 'password' ? view.tr('prefs.passwordChanged') : null });
  });
  app.post('/settings', async (c) => {
    const view = viewOf(c);
    const form = await readForm(c);
    const checked = checkSettings(view, { language: form.text('language') ?? '', timeZone: form.text('time_zone') ?? '', pageSize: form.text('page_size') ?? '', sort: form.text('sort') ?? '' });
    if (!checked.ok) return showSettings(c, deps, { errors: checked.errors, status: 400 });
    await deps.store.users.updateSettings(view.user.id, checked.patch);
    return c.redirect('/settings?done=saved', 303);
  });
  // The current password is guessed here as at sign-in (a session left open is enough to try):
  // the same limit on the same user key.
  const limiter = createAttemptLimiter(deps.store.loginAttempts, deps.options.loginAttempts);
  app.post('/settings/password', async (c) => {
    const view = viewOf(c);
    const form = await readForm(c);
    const key = [`user:${view.user.username.toLowerCase()}`];
    const now = deps.clock.now();
    const wait = await limiter.blockedFor(key, now);
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      return showSettings(c, deps, { passwordErrors: [view.tr('login.limited', { minutes: Math.ceil(wait / 60_000) })], status: 429 });
    }
    const stored = await deps.store.users.byName(view.user.username);
    if (stored === null || !(await verifyPassword(form.text('current') ?? '', stored.passwordHash))) {
      await limiter.fail(key, now);
      return showSettings(c, deps, { passwordErrors: [view.tr('prefs.wrongPassword')], status: 400 });
    }
    const next = form.text('new') ?? '';
    if (next !== (form.text('again') ?? '')) return showSettings(c, deps, { passwordErrors: [view.tr('prefs.mismatch')], status: 400 });
    try {
      checkPassword(next);
    } catch (err) {
      if (!isFeedkeeperError(err, 'USAGE')) throw err;
      return showSettings(c, deps, { passwordErrors: [err.message], status: 400 });
    }
    // Every other device signs in again; this one keeps its session.
    const session = c.get('session');
    await deps.store.users.setPassword(view.user.id, await hashPassword(next), session === null ? {} : { keepSession: session.idHash });
    return c.redirect('/settings?done=password', 303);
  });
  return app;
}

interface SettingsForm {
  language: string;
  timeZone: string;
  pageSize: string;
  sort: string;
}

type Checked = { ok: true; patch: UserSettings } | { ok: false; errors: string[] };

function checkSettings(view: View, form: SettingsForm): Checked {
  const errors: string[] = [];
  const language = form.language === 'en' || form.language === 'zh' ? form.language : form.language === '' ? null : undefined;
  if (language === undefined) errors.push(view.tr('prefs.error.language', { value: form.language }));
  const zoneText = form.timeZone.trim();
  const timeZone = zoneText === '' ? null : validZone(zoneText);
  if (zoneText !== '' && timeZone === null) errors.push(view.tr('prefs.error.zone', { value: zoneText }));
  const pageSize = Number(form.pageSize.trim());
  const sizeOk = /^\d+$/.test(form.pageSize.trim()) && pageSize >= PAGE_SIZE_BOUNDS.min && pageSize <= PAGE_SIZE_BOUNDS.max;
  if (!sizeOk) errors.push(view.tr('prefs.error.pageSize', { min: PAGE_SIZE_BOUNDS.min, max: PAGE_SIZE_BOUNDS.max, value: form.pageSize }));
  const sort = form.sort === 'newest' || form.sort === 'oldest' ? form.sort : undefined;
  if (sort === undefined) errors.push(view.tr('prefs.error.sort', { value: form.sort }));
  if (errors.length > 0 || language === undefined || sort === undefined) return { ok: false, errors };
  return { ok: true, patch: { language, timeZone, pageSize, sort } };
}

interface State {
  notice?: string | null;
  errors?: string[];
  passwordErrors?: string[];
  status?: 200 | 400 | 429;
}

async function showSettings(c: Context<AppEnv>, deps: ServeDeps, state: State): Promise<Response> {
  const view = viewOf(c);
  const s = view.user.settings;
  const option = (value: string, current: string, label: string) => html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`;
  const body = html`<section class="settings-page">
<h1>${view.tr('prefs.title')}</h1>
${notice(state.notice)}
<form method="post" action="/settings" class="stack settings-form">
${errorBox(state.errors)}
${csrfField(view)}
<label>${view.tr('prefs.language')} <select name="language">${option('', s.language ?? '', view.tr('prefs.fromBrowser'))}${option('en', s.language ?? '', 'English')}${option('zh', s.language ?? '', '中文')}</select></label>
<label>${view.tr('prefs.timeZone')} <input name="time_zone" value="${s.timeZone ?? ''}" placeholder="${view.tr('prefs.zoneHint', { zone: view.timeZone })}" maxlength="64"></label>
<label>${view.tr('prefs.pageSize')} <input name="page_size" value="${String(s.pageSize)}" inputmode="numeric"></label>
<label>${view.tr('prefs.sort')} <select name="sort">${option('newest', s.sort, view.tr('prefs.newest'))}${option('oldest', s.sort, view.tr('prefs.oldest'))}</select></label>
<button type="submit">${view.tr('settings.save')}</button>
</form>
${passwordForm(view, state.passwordErrors)}
<p><a href="/settings/api-password">${view.tr('apiPassword.title')}</a>: ${view.tr('apiPassword.link')}</p>
<p><a href="/settings/webhooks">${view.tr('webhooks.title')}</a>: ${view.tr('webhooks.link')}</p>
</section>`;
  return render(c, deps, { title: view.tr('prefs.title'), body, current: 'settings', status: state.status ?? 200 });
}

function passwordForm(view: View, errors: string[] | undefined): Html {
  return html`<form method="post" action="/settings/password" class="stack password-form">
<h2>${view.tr('prefs.password')}</h2>
${errorBox(errors)}
${csrfField(view)}
<label>${view.tr('prefs.currentPassword')} <input type="password" name="current" autocomplete="current-password" required></label>
<label>${view.tr('prefs.newPassword')} <input type="password" name="new" autocomplete="new-password" minlength="12" required></label>
<label>${view.tr('prefs.againPassword')} <input type="password" name="again" autocomplete="new-password" minlength="12" required></label>
<button type="submit">${view.tr('prefs.changePassword')}</button>
</form>`;
}
