/**
 * Bad input to the Google Reader API, over loopback: bad credentials, unknown stream ids,
 * malformed item ids, n out of range, a huge i list, a wrong method, an unknown endpoint. Each is a
 * clear refusal in the API's own form (text for ClientLogin, `{"error": …}` elsewhere), never a
 * 500, and leaves every read and starred state as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import { feverKey } from '../auth/api-password.js';
import { giveApiPassword, API_PASSWORD, subscribeNews, wire, type Wire } from './test-kit.js';

const READ = 'user/-/state/com.google/read';
const BASE = '/api/greader/reader/api/0';

let h: ServeHarness;
let w: Wire;
let auth: string;
let before: string;

const state = async () => JSON.stringify((await h.store.entries.list({ userId: h.admin.id }, { limit: 500, cursor: null })).entries.map((e) => [e.id, e.read, e.starred]));

beforeAll(async () => {
  h = await startServeHarness();
  await giveApiPassword(h.store, h.admin);
  await subscribeNews(h, h.admin);
  w = wire((await h.listen()).url.replace(/\/$/, ''));
  auth = /Auth=(\S+)/.exec((await w.send('POST', '/api/greader/accounts/ClientLogin', { body: `Email=admin&Passwd=${API_PASSWORD}` })).text)?.[1] ?? '';
  before = await state();
});
afterAll(async () => {
  expect(await state()).toBe(before);
  await h.close();
});

describe('ClientLogin refusals', () => {
  it.each([
    ['a wrong password', `Email=admin&Passwd=wrong`],
    ['the web password', `Email=admin&Passwd=correct horse battery`],
    ['an unknown user', `Email=nobody&Passwd=${API_PASSWORD}`],
    ['no password', `Email=admin`],
  ])('%s: 401 Error=BadAuthentication as text', async (_case, body) => {
    const res = await w.send('POST', '/api/greader/accounts/ClientLogin', { body });
    expect([res.status, res.text, res.type]).toEqual([401, 'Error=BadAuthentication\n', 'text/plain; charset=utf-8']);
  });
});

describe('refusals after login', () => {
  it.each([
    ['no Authorization header', 'GET', `${BASE}/subscription/list`, undefined, null, 401, 'AUTH_REQUIRED'],
    ['a bearer token', 'GET', `${BASE}/subscription/list`, undefined, 'Bearer fk_x', 401, 'AUTH_FAILED'],
    ['an unknown Auth', 'GET', `${BASE}/subscription/list`, undefined, 'GoogleLogin auth=admin/0123456789abcdef0123456789abcdef', 401, 'AUTH_FAILED'],
    ['an unknown stream id', 'GET', `${BASE}/stream/contents/user/-/state/com.google/everything`, undefined, '', 400, 'USAGE'],
    ['another user\'s stream', 'GET', `${BASE}/stream/items/ids?s=user/99/state/com.google/reading-list`, undefined, '', 400, 'USAGE'],
    ['a feed not subscribed', 'GET', `${BASE}/stream/contents/feed/424242`, undefined, '', 404, 'NOT_FOUND'],
    ['n = 0', 'GET', `${BASE}/stream/items/ids?s=user/-/state/com.google/reading-list&n=0`, undefined, '', 400, 'USAGE'],
    ['n over 10,000', 'GET', `${BASE}/stream/items/ids?s=user/-/state/com.google/reading-list&n=10001`, undefined, '', 400, 'USAGE'],
    ['n of contents over 1,000', 'GET', `${BASE}/stream/contents?n=5000`, undefined, '', 400, 'USAGE'],
    ['a continuation of nothing', 'GET', `${BASE}/stream/contents?c=garbage`, undefined, '', 400, 'USAGE'],
    ['a malformed item id among good ones', 'POST', `${BASE}/edit-tag`, `i=00000000000000aa&i=not-an-id&a=${READ}`, '', 400, 'USAGE'],
    ['an edit without a tag', 'POST', `${BASE}/edit-tag`, `i=00000000000000aa`, '', 400, 'USAGE'],
    ['a contradictory edit', 'POST', `${BASE}/edit-tag`, `i=00000000000000aa&a=${READ}&r=${READ}`, '', 400, 'USAGE'],
    ['a huge i list', 'POST', `${BASE}/edit-tag`, `a=${READ}&${Array.from({ length: 10_001 }, (_, k) => `i=${k * 16 + 26}`).join('&')}`, '', 400, 'USAGE'],
    ['mark all read of an unknown stream', 'POST', `${BASE}/mark-all-as-read`, 's=splice/1', '', 400, 'USAGE'],
    ['mark all read with a ts that is no time', 'POST', `${BASE}/mark-all-as-read`, 's=user/-/state/com.google/reading-list&ts=yesterday', '', 400, 'USAGE'],
    ['an edit by GET', 'GET', `${BASE}/edit-tag?i=00000000000000aa&a=${READ}`, undefined, '', 405, 'METHOD_NOT_ALLOWED'],
    ['a read by DELETE', 'DELETE', `${BASE}/subscription/list`, undefined, '', 405, 'METHOD_NOT_ALLOWED'],
    ['an unknown endpoint', 'GET', `${BASE}/everything`, undefined, '', 404, 'NOT_FOUND'],
    ['subscribing to something that is not a URL', 'POST', `${BASE}/subscription/edit`, 'ac=subscribe&s=feed/javascript:alert(1)', '', 400, 'USAGE'],
    ['an unknown subscription action', 'POST', `${BASE}/subscription/edit`, 'ac=explode&s=feed/1', '', 400, 'USAGE'],
    ['renaming a label nobody has', 'POST', `${BASE}/rename-tag`, 's=user/-/label/Nope&dest=user/-/label/Other', '', 404, 'NOT_FOUND'],
    ['ids as Atom', 'GET', `${BASE}/stream/items/ids?output=atom`, undefined, '', 400, 'USAGE'],
  ])('%s', async (_case, method, path, body, authorization, status, code) => {
    const headers: Record<string, string> = authorization === null ? {} : { authorization: authorization === '' ? `GoogleLogin auth=${auth}` : authorization };
    const res = await w.send(method, path, { ...(body === undefined ? {} : { body }), headers });
    expect(res.status).toBe(status);
    expect(res.type).toContain('application/json');
    expect(res.json().error).toMatchObject({ code, message: expect.any(String) });
  });
});

describe('another user', () => {
  it('syncs only their own subscriptions and cannot change anyone else\'s marks', async () => {
    const tom = await h.store.users.create({ username: 'tom', passwordHash: 'scrypt$unused', isAdmin: false });
    await giveApiPassword(h.store, tom, 'Tom-only-API-password-1');
    const tomAuth = /Auth=(\S+)/.exec((await w.send('POST', '/api/greader/accounts/ClientLogin', { body: 'Email=tom&Passwd=Tom-only-API-password-1' })).text)?.[1] ?? '';
    const as = (path: string, body?: string) => w.send(body === undefined ? 'GET' : 'POST', path, { ...(body === undefined ? {} : { body }), headers: { authorization: `GoogleLogin auth=${tomAuth}` } });
    expect((await as(`${BASE}/subscription/list`)).json()).toEqual({ subscriptions: [] });
    expect((await as(`${BASE}/stream/items/ids?s=user/-/state/com.google/reading-list&n=1000`)).json().itemRefs).toEqual([]);
    const adminIds = (await h.store.entries.list({ userId: h.admin.id }, { limit: 500, cursor: null })).entries.map((e) => e.id);
    const items = adminIds.map((id) => `i=${id * 16 + 10}`).join('&');
    expect((await as(`${BASE}/stream/items/contents`, items)).json().items).toEqual([]);
    expect((await as(`${BASE}/edit-tag`, `${items}&a=${READ}`)).text).toBe('OK');
    expect((await as(`${BASE}/mark-all-as-read`, 's=user/-/state/com.google/reading-list')).text).toBe('OK');
    const fever = await w.send('POST', '/api/fever?api&unread_item_ids&items', { body: `api_key=${feverKey('tom', 'Tom-only-API-password-1')}` });
    expect(fever.json()).toMatchObject({ auth: 1, unread_item_ids: '', items: [] });
  });
});
