import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';

describe('the API password page', () => {
  let h: ServeHarness;
  beforeEach(async () => {
    h = await startServeHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const clientLogin = (password: string) => h.anon('/api/greader/accounts/ClientLogin', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ Email: 'admin', Passwd: password }).toString() });

  it('shows the server addresses, creates a password shown once that ClientLogin accepts, and removes it', async () => {
    const page = await (await h.browser('/settings/api-password')).text();
    expect(page).toContain('You have no API password yet.');
    expect(page).toContain('http://127.0.0.1/api/greader');
    expect(page).toContain('http://127.0.0.1/api/fever');
    expect(page).toContain('href="/settings" aria-current="page"');
    expect(await (await h.browser('/settings')).text()).toContain('<a href="/settings/api-password">API password</a>');

    const created = await h.browser('/settings/api-password', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${h.session.csrf}` });
    expect(created.status).toBe(200);
    const password = /<code class="api-password">([A-Za-z0-9]{24})<\/code>/.exec(await created.text())?.[1] ?? '';
    expect(password).toHaveLength(24);
    expect((await clientLogin(password)).status).toBe(200);
    expect((await clientLogin('correct horse battery')).status).toBe(401);
    expect(await (await h.browser('/settings/api-password')).text()).not.toContain(password);

    const removed = await h.browser('/settings/api-password/remove', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${h.session.csrf}` });
    expect([removed.status, removed.headers.get('location')]).toEqual([303, '/settings/api-password?done=removed']);
    expect((await clientLogin(password)).status).toBe(401);
  });

  it('refuses a form without the CSRF token and keeps the password as it was', async () => {
    const res = await h.browser('/settings/api-password', { method: 'POST', csrf: false, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(res.status).toBe(403);
    expect(await h.store.users.apiPasswordHash(h.admin.id)).toBeNull();
  });
});
