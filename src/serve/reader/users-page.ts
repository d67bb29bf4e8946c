/**
 * /settings/users: the admin's page for the archive's people, as `feedkeeper user` does on the
 * command line: add (the generated password is shown once, on the page that answers the form),
 * disable and enable, reset a password (shown once; the user is signed out everywhere), remove
 * (after a ticked confirmation; their subscriptions and marks go, the articles stay). For anyone
 * but an admin these routes do not exist (404), so they cannot even learn which user ids are taken.
 * The store refuses what must never happen whoever asks (the last admin, a taken name).
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { checkUsername, FeedkeeperError, isFeedkeeperError } from '../../core/index.js';
import type { User } from '../../store/index.js';
import { hashPassword } from '../auth/passwords.js';
import { newPassword } from '../auth/secrets.js';
import type { AppEnv, ServeDeps } from '../deps.js';
import { csrfField, errorBox, notice } from './components.js';
import { formatDate } from './format.js';
import { readForm } from './forms.js';
import { render } from './shell.js';
import { idParam, viewOf, type View } from './view.js';

export function userRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/settings/users', adminOnly);
  app.use('/settings/users/*', adminOnly);
  app.get('/settings/users', (c) => showUsers(c, deps, {}));
  app.post('/settings/users', async (c) => {
    const form = await readForm(c);
    const name = form.text('username') ?? '';
    try {
      const username = checkUsername(name);
      const password = newPassword();
      const user = await deps.store.users.create({ username, passwordHash: await hashPassword(password), isAdmin: form.text('admin') !== undefined });
      return showUsers(c, deps, { secret: { user, password } });
    } catch (err) {
      if (!isFeedkeeperError(err, 'USAGE') && !isFeedkeeperError(err, 'CONFLICT')) throw err;
      return showUsers(c, deps, { errors: [err.message], name, status: err.code === 'CONFLICT' ? 409 : 400 });
    }
  });
  app.post('/settings/users/:id{[0-9]+}/disable', (c) => change(c, deps, (id) => deps.store.users.setDisabled(id, true), 'users.disabled'));
  app.post('/settings/users/:id{[0-9]+}/enable', (c) => change(c, deps, (id) => deps.store.users.setDisabled(id, false), 'users.enabled'));
  app.post('/settings/users/:id{[0-9]+}/password', async (c) => {
    const target = await requireUser(c, deps);
    const password = newPassword();
    await deps.store.users.setPassword(target.id, await hashPassword(password));
    return showUsers(c, deps, { secret: { user: target, password } });
  });
  app.post('/settings/users/:id{[0-9]+}/remove', async (c) => {
    const form = await readForm(c);
    if (form.text('confirm') === undefined) return showUsers(c, deps, { errors: [viewOf(c).tr('users.confirmNeeded')], status: 400 });
    return change(c, deps, (id) => deps.store.users.remove(id), 'users.removed');
  });
  return app;
}

const adminOnly = async (c: Context<AppEnv>, next: () => Promise<void>) => {
  if (!c.get('user').isAdmin) throw new FeedkeeperError('NOT_FOUND', `no page ${c.req.path}`);
  await next();
};

async function requireUser(c: Context<AppEnv>, deps: ServeDeps): Promise<User> {
  const id = idParam(c, 'id');
  const user = await deps.store.users.get(id);
  if (user === null) throw new FeedkeeperError('NOT_FOUND', `there is no user ${id}`);
  return user;
}

/** One change to a user, then the list again; a refusal (the last admin) is shown on the page. */
async function change(c: Context<AppEnv>, deps: ServeDeps, apply: (id: number) => Promise<unknown>, done: 'users.disabled' | 'users.enabled' | 'users.removed'): Promise<Response> {
  const target = await requireUser(c, deps);
  try {
    await apply(target.id);
  } catch (err) {
    if (!isFeedkeeperError(err, 'CONFLICT')) throw err;
    return showUsers(c, deps, { errors: [err.message], status: 409 });
  }
  return showUsers(c, deps, { notice: viewOf(c).tr(done, { name: target.username }) });
}

interface State {
  notice?: string;
  errors?: string[];
  name?: string;
  secret?: { user: User; password: string };
  status?: 200 | 400 | 409;
}

async function showUsers(c: Context<AppEnv>, deps: ServeDeps, state: State): Promise<Response> {
  const view = viewOf(c);
  const users = await deps.store.users.list();
  const counts = await deps.store.subscriptions.countsByUser();
  const secret = state.secret === undefined
    ? ''
    : html`<div class="notice secret" role="status">${view.tr('users.secret', { name: state.secret.user.username })} <code>${state.secret.password}</code></div>`;
  const body = html`<section class="users-page">
<h1>${view.tr('users.title')}</h1>
${notice(state.notice)}
${secret}
${errorBox(state.errors)}
<table class="users"><thead><tr><th>${view.tr('users.name')}</th><th>${view.tr('users.role')}</th><th>${view.tr('users.state')}</th><th>${view.tr('users.subscriptions')}</th><th>${view.tr('users.since')}</th><th></th></tr></thead>
<tbody>${users.map((u) => userRow(view, u, counts.get(u.id) ?? 0))}</tbody></table>
<form method="post" action="/settings/users" class="stack add-user">
<h2>${view.tr('users.add')}</h2>
${csrfField(view)}
<label>${view.tr('users.name')} <input name="username" value="${state.name ?? ''}" maxlength="64" required></label>
<label class="check"><input type="checkbox" name="admin" value="1"> ${view.tr('users.admin')}</label>
<p class="hint">${view.tr('users.addHint')}</p>
<button type="submit">${view.tr('users.addButton')}</button>
</form>
</section>`;
  return render(c, deps, { title: view.tr('users.title'), body, current: 'users', status: state.status ?? 200 });
}

function userRow(view: View, u: User, subscriptions: number) {
  const action = (path: string, label: string, extra: unknown = '') =>
    html`<form method="post" action="/settings/users/${u.id}/${path}" class="inline">${csrfField(view)}${extra}<button type="submit">${label}</button></form>`;
  const self = u.id === view.user.id;
  return html`<tr data-user-id="${u.id}"${u.disabled ? html` class="disabled"` : ''}>
<td>${u.username}</td><td>${u.isAdmin ? view.tr('users.roleAdmin') : view.tr('users.roleUser')}</td>
<td>${u.disabled ? view.tr('users.stateDisabled') : view.tr('users.stateActive')}</td><td>${subscriptions}</td><td>${formatDate(u.createdAt, view.lang, view.timeZone, "date")}</td>
<td>${self ? '' : html`${u.disabled ? action('enable', view.tr('users.enable')) : action('disable', view.tr('users.disable'))}${action('password', view.tr('users.resetPassword'))}${action('remove', view.tr('users.remove'), html`<label class="check"><input type="checkbox" name="confirm" value="1"> ${view.tr('users.confirm')}</label>`)}`}</td>
</tr>`;
}
