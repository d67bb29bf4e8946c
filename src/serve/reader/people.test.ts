/**
 * The people pages: a user's own Settings (language, zone, page size, order, password) and the
 * admin's Users page (add with a password shown once, disable, new password, remove), plus the
 * sign-in rules around them: a disabled user cannot sign in and their open session stops at once,
 * names sign in without letter case, and failed sign-ins stay counted across a restart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, startServeHarness, type ServeHarness, type UserClients } from '../../../test/serve-harness.js';
import { createAttemptLimiter } from '../auth/rate-limit.js';

let h: ServeHarness;
let tom: UserClients;
beforeEach(async () => {
  h = await startServeHarness({ options: { loginAttempts: { max: 3, windowMs: 60_000 } } });
  tom = await h.addUser('tom');
});
afterEach(async () => {
  await h.close();
});

const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

async function login(username: string, password: string): Promise<Response> {
  const page = await h.anon('/login');
  const cookie = /fk_login=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return h.anon('/login', { ...form({ _csrf: csrf, username, password, next: '/' }), headers: { cookie: `fk_login=${cookie}`, 'content-type': 'application/x-www-form-urlencoded' } });
}

describe('Settings', () => {
  it('saves language, zone, page size and order, and the reader follows them', async () => {
    const feed = await h.store.feeds.add({ url: 'https://a.example/feed' });
    await tom.subscribe(feed.id);
    await h.addArticles(feed.id, Array.from({ length: 12 }, (_, i) => ({ title: `Story ${i}`, html: `<p>Story ${i}</p>`, publishedAt: Date.UTC(2024, 0, 1 + i) })), tom.user);
    const saved = await tom.browser('/settings', form({ language: 'zh', time_zone: 'Asia/Taipei', page_size: '10', sort: 'oldest' }));
    expect(saved.status).toBe(303);
    expect((await h.store.users.get(tom.user.id))?.settings).toEqual({ language: 'zh', timeZone: 'Asia/Taipei', pageSize: 10, sort: 'oldest' });
    const page = await (await tom.browser('/all')).text();
    expect(page).toContain('<html lang="zh-Hans" data-tz="Asia/Taipei">');
    // The switch link is this device's own choice and wins over the account's language.
    expect(await (await tom.browser('/all', { headers: { cookie: `fk_session=${tom.session.cookie}; fk_lang=en` } })).text()).toContain('<html lang="en" data-tz="Asia/Taipei">');
    const titles = [...page.matchAll(/Story (\d+)/g)].map((m) => Number(m[1]));
    expect([...new Set(titles)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The next page continues oldest first from where this one stopped.
    const next = /href="(\/all\?cursor=[^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, '&');
    const rest = await (await tom.browser(next ?? '/all')).text();
    expect([...new Set([...rest.matchAll(/Story (\d+)/g)].map((m) => Number(m[1])))]).toEqual([10, 11]);
  });

  it('"mark all read" on an oldest-first page marks the whole list as it stood, not only the page', async () => {
    const feed = await h.store.feeds.add({ url: 'https://b.example/feed' });
    await tom.subscribe(feed.id);
    await h.addArticles(feed.id, Array.from({ length: 12 }, (_, i) => ({ title: `Item ${i}`, html: `<p>Item ${i}</p>`, publishedAt: Date.UTC(2024, 0, 1 + i) })), tom.user);
    await h.store.users.updateSettings(tom.user.id, { pageSize: 10, sort: 'oldest' });
    const page = await (await tom.browser('/')).text();
    const fields = Object.fromEntries([...page.matchAll(/<input type="hidden" name="(show|until|max_id)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
    expect(fields.max_id).toBeUndefined();
    h.clock.advance(1_000);
    await h.addArticles(feed.id, [{ title: 'Late arrival', html: '<p>late</p>', publishedAt: Date.UTC(2023, 0, 1) }], tom.user);
    const marked = await tom.browser('/mark-all-read', { ...form(fields as Record<string, string>), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' } });
    expect(await marked.json()).toEqual({ marked: 12 });
    expect((await h.store.entries.unreadCounts(tom.user.id)).get(0)).toBe(1);
  });

  it.each([
    [{ language: 'fr' }, 'Language: expected English, 中文 or "from the browser", got "fr".'],
    [{ time_zone: 'Mars/Olympus' }, 'Time zone: "Mars/Olympus" is not a time zone this server knows'],
    [{ page_size: '500' }, 'Entries per page: expected a whole number from 10 to 200, got "500".'],
    [{ sort: 'random' }, 'Order: expected newest or oldest first, got "random".'],
  ])('refuses %j with a message that says what was wrong, changing nothing', async (bad, message) => {
    const res = await tom.browser('/settings', form({ language: '', time_zone: '', page_size: '50', sort: 'newest', ...bad }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message.replace(/"/g, '&quot;'));
    expect((await h.store.users.get(tom.user.id))?.settings).toEqual({ language: null, timeZone: null, pageSize: 50, sort: 'newest' });
  });

  it('changes the password with the current one, and signs out the other sessions but this one', async () => {
    const phone = await h.store.sessions.create({ idHash: 'phone', userId: tom.user.id, csrfToken: 'c', createdAt: h.clock.now(), expiresAt: h.clock.now() + 60_000 });
    expect(phone).toBeUndefined();
    const wrong = await tom.browser('/settings/password', form({ current: 'not it', new: 'a brand new password', again: 'a brand new password' }));
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('The current password is not right.');
    const weak = await tom.browser('/settings/password', form({ current: ADMIN.password, new: 'short', again: 'short' }));
    expect(await weak.text()).toContain('the password is too weak: it has 5 characters, at least 12 are needed');
    const ok = await tom.browser('/settings/password', form({ current: ADMIN.password, new: 'a brand new password', again: 'a brand new password' }));
    expect(ok.headers.get('location')).toBe('/settings?done=password');
    expect(await h.store.sessions.get('phone', h.clock.now())).toBeNull();
    expect((await tom.browser('/settings')).status).toBe(200);
    expect((await login('tom', 'a brand new password')).status).toBe(303);
  });
});

describe('Settings: guessing the current password', () => {
  it('is limited like signing in, on the same user key', async () => {
    const wrong = form({ current: 'not the password', new: 'a brand new password', again: 'a brand new password' });
    for (let i = 0; i < 3; i++) expect((await tom.browser('/settings/password', wrong)).status).toBe(400);
    const blocked = await tom.browser('/settings/password', form({ current: ADMIN.password, new: 'a brand new password', again: 'a brand new password' }));
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await login('tom', ADMIN.password)).status).toBe(429);
  });
});

describe('Users (admin)', () => {
  it('adds a user whose password is shown once, then disables, resets and removes them', async () => {
    const added = await h.browser('/settings/users', form({ username: 'Lin' }));
    const page = await added.text();
    const password = /The password of Lin, shown only now: <code>(\w+)<\/code>/.exec(page)?.[1];
    expect(password).toMatch(/^\w{20}$/);
    expect((await login('lin', password ?? '')).status).toBe(303);
    expect(await (await h.browser('/settings/users')).text()).not.toContain(password ?? '-');

    const lin = await h.store.users.byName('Lin');
    const id = lin?.id ?? 0;
    expect(await (await h.browser(`/settings/users/${id}/disable`, form({}))).text()).toContain('Lin is disabled');
    expect((await login('Lin', password ?? '')).status).toBe(401);
    expect(await (await h.browser(`/settings/users/${id}/enable`, form({}))).text()).toContain('Lin may sign in again.');
    const reset = /The password of Lin, shown only now: <code>(\w+)<\/code>/.exec(await (await h.browser(`/settings/users/${id}/password`, form({}))).text())?.[1];
    expect((await login('Lin', password ?? '')).status).toBe(401);
    expect((await login('Lin', reset ?? '')).status).toBe(303);
    expect((await h.browser(`/settings/users/${id}/remove`, form({}))).status).toBe(400);
    expect(await (await h.browser(`/settings/users/${id}/remove`, form({ confirm: '1' }))).text()).toContain('Lin is removed');
    expect(await h.store.users.byName('Lin')).toBeNull();
  });

  it('says what is wrong with a name, and refuses to disable the last admin', async () => {
    const taken = await h.browser('/settings/users', form({ username: 'TOM' }));
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('is taken (by &quot;tom&quot;');
    expect((await h.browser('/settings/users', form({ username: '' }))).status).toBe(400);
    const adminOnly = await h.store.users.setDisabled(tom.user.id, false);
    expect(adminOnly.isAdmin).toBe(false);
    // The admin's own row offers no buttons; asked directly, the store refuses.
    const self = await h.browser(`/settings/users/${h.admin.id}/disable`, form({}));
    expect(self.status).toBe(409);
    expect(await self.text()).toContain('it is the last enabled admin');
  });

  it('is not there for a reader: the menu has no Users link and the pages are 404', async () => {
    expect(await (await tom.browser('/')).text()).not.toContain('/settings/users');
    expect(await (await h.browser('/')).text()).toContain('/settings/users');
    expect((await tom.browser('/settings/users')).status).toBe(404);
  });
});

describe('signing in as one of several users', () => {
  it('a disabled user is refused with the same answer as a wrong password, and an open session stops at once', async () => {
    expect((await tom.browser('/')).status).toBe(200);
    await h.store.users.setDisabled(tom.user.id, true);
    const refused = await login('tom', ADMIN.password);
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('Wrong username or password.');
    expect((await tom.browser('/')).headers.get('location')).toMatch(/^\/login/);
    expect((await tom.api('/api/v1/feeds')).status).toBe(401);
  });

  it('names sign in without letter case', async () => {
    expect((await login('TOM', ADMIN.password)).status).toBe(303);
  });

  it('failed sign-ins are kept in the store: a limiter made after a restart still blocks', async () => {
    for (let i = 0; i < 3; i++) expect((await login('tom', 'wrong password!')).status).toBe(401);
    expect((await login('tom', ADMIN.password)).status).toBe(429);
    const afterRestart = createAttemptLimiter(h.store.loginAttempts, { max: 3, windowMs: 60_000 });
    expect(await afterRestart.blockedFor(['user:tom'], h.clock.now())).toBeGreaterThan(0);
  });
});
