/**
 * The Fever API replayed as Fever clients (Reeder Classic, Unread, Fiery Feeds) speak it, written
 * from the Fever API's public description: api_key in a form body (or multipart, or the query),
 * `?api&…` to say what to read, 50 items per call paged by since_id and max_id, marks with
 * `before`. Over real HTTP to the app on loopback; state is checked in the store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import { giveApiPassword, NEWS, storyHtml, subscribeNews, wire, type Wire } from '../greader/test-kit.js';
import { groupId } from './shapes.js';

let h: ServeHarness;
let w: Wire;
let key: string;
let feeds: number[];
let articles: number[][];

const unread = async () => (await h.store.entries.list({ userId: h.admin.id, read: false }, { limit: 500, cursor: null })).entries.map((e) => e.id).sort((a, b) => a - b);
const starred = async () => (await h.store.entries.list({ userId: h.admin.id, starred: true }, { limit: 500, cursor: null })).entries.map((e) => e.id).sort((a, b) => a - b);
const all = () => articles.flat().sort((a, b) => a - b);
const fever = async (query: string, fields: Record<string, string> = {}) => {
  const res = await w.send('POST', `/api/fever/?api${query}`, { body: new URLSearchParams({ api_key: key, ...fields }).toString() });
  expect(res.status).toBe(200);
  return res.json();
};

beforeEach(async () => {
  h = await startServeHarness();
  key = await giveApiPassword(h.store, h.admin);
  ({ feeds, articles } = await subscribeNews(h, h.admin));
  w = wire((await h.listen()).url.replace(/\/$/, ''));
});
afterEach(async () => {
  await h.close();
});

describe('Fever clients', () => {
  it('authenticate by key, and a bad key is auth 0 with status 200', async () => {
    expect(await fever('')).toEqual({ api_version: 3, auth: 1, last_refreshed_on_time: Math.floor(h.clock.now() / 1000) });
    const bad = await w.send('POST', '/api/fever?api', { body: 'api_key=0123456789abcdef0123456789abcdef' });
    expect([bad.status, bad.json()]).toEqual([200, { api_version: 3, auth: 0 }]);
    const none = await w.send('GET', '/api/fever?api');
    expect(none.json()).toEqual({ api_version: 3, auth: 0 });
    // Some clients send the key in the query, and some post multipart forms.
    expect((await w.send('GET', `/api/fever?api&api_key=${key.toUpperCase()}`)).json().auth).toBe(1);
    const multipart = new FormData();
    multipart.set('api_key', key);
    const res = await fetch(`${w.origin}/api/fever?api&groups`, { method: 'POST', body: multipart });
    expect(((await res.json()) as { auth: number }).auth).toBe(1);
  });

  it('read groups, feeds, favicons and links (Reeder Classic first sync)', async () => {
    const out = await fever('&groups&feeds&favicons&links');
    expect(out.groups).toEqual([{ id: groupId('City'), title: 'City' }, { id: groupId('Sport'), title: 'Sport' }]);
    expect(out.feeds_groups).toEqual([{ group_id: groupId('City'), feed_ids: `${feeds[0]},${feeds[1]}` }, { group_id: groupId('Sport'), feed_ids: `${feeds[1]}` }]);
    expect(out.feeds.map((f: { id: number; title: string; url: string }) => [f.id, f.title, f.url])).toEqual(NEWS.map((n, i) => [feeds[i], n.title, n.url]));
    expect(out.favicons[0].data).toMatch(/^image\/gif;base64,/);
    expect(out.links).toEqual([]);
  });

  it('page items forward by since_id and back by max_id, 50 at a time, with the full text', async () => {
    const more = await h.addArticles(feeds[2] as number, Array.from({ length: 60 }, (_, k) => ({ title: `Star chart ${k}`, html: storyHtml(`Star chart ${k}`) })));
    const everything = [...all(), ...more].sort((a, b) => a - b);
    const seen: number[] = [];
    let since = 0;
    for (let guard = 0; guard < 10; guard++) {
      const page = await fever(`&items&since_id=${since}`);
      expect(page.items.length).toBeLessThanOrEqual(50);
      if (page.items.length === 0) break;
      expect(page.total_items).toBe(everything.length);
      seen.push(...page.items.map((i: { id: number }) => i.id));
      since = Math.max(...page.items.map((i: { id: number }) => i.id));
    }
    expect(seen).toEqual(everything);
    const back = await fever(`&items&max_id=${everything[55]}`);
    expect(back.items.map((i: { id: number }) => i.id)).toEqual(everything.slice(5, 55).reverse());
    const some = await fever(`&items&with_ids=${everything[0]},${everything[3]}`);
    expect(some.items).toHaveLength(2);
    expect(some.items[0]).toMatchObject({ feed_id: feeds[0], html: storyHtml(NEWS[0]?.stories[0] ?? ''), is_read: 0, is_saved: 0 });
    const sport = await fever(`&items&group_ids=${groupId('Sport')}`);
    expect(sport.items.map((i: { id: number }) => i.id)).toEqual(articles[1]);
    expect((await fever(`&items&feed_ids=${feeds[0]}`)).items.map((i: { id: number }) => i.id)).toEqual(articles[0]);
  });

  it('mark items read, unread, saved and unsaved, setting and never toggling (Unread)', async () => {
    const [a, b] = articles[0] as [number, number];
    await fever('', { mark: 'item', as: 'read', id: String(a) });
    await fever('', { mark: 'item', as: 'saved', id: String(b) });
    await fever('', { mark: 'item', as: 'saved', id: String(b) });
    expect(await unread()).toEqual(all().filter((id) => id !== a));
    expect(await starred()).toEqual([b]);
    const ids = await fever('&unread_item_ids&saved_item_ids');
    expect(ids.unread_item_ids).toBe(all().filter((id) => id !== a).join(','));
    expect(ids.saved_item_ids).toBe(String(b));
    await fever('', { mark: 'item', as: 'unread', id: String(a) });
    await fever('', { mark: 'item', as: 'unsaved', id: String(b) });
    await fever('', { mark: 'item', as: 'unsaved', id: String(b) });
    expect(await unread()).toEqual(all());
    expect(await starred()).toEqual([]);
  });

  it('mark a feed and a group read up to before, and everything without it (Fiery Feeds)', async () => {
    const before = Math.floor(h.clock.now() / 1000) + 1;
    h.clock.advance(5_000);
    const late = await h.addArticles(feeds[0] as number, [{ title: 'Tide tables updated', html: storyHtml('Tide tables updated') }]);
    await fever('', { mark: 'feed', as: 'read', id: String(feeds[0]), before: String(before) });
    expect(await unread()).toEqual([...(articles[1] as number[]), ...(articles[2] as number[]), ...late].sort((x, y) => x - y));
    await fever('', { mark: 'group', as: 'read', id: String(groupId('Sport')), before: String(before) });
    expect(await unread()).toEqual([...(articles[2] as number[]), ...late].sort((x, y) => x - y));
    await fever('', { mark: 'group', as: 'read', id: '0' });
    expect(await unread()).toEqual([]);
  });

  it('refuse bad input with a JSON error and change nothing', async () => {
    const state = JSON.stringify([await unread(), await starred()]);
    const cases: Array<[string, Record<string, string>, number]> = [
      ['&items&since_id=abc', {}, 400],
      [`&items&with_ids=${Array.from({ length: 51 }, (_, k) => k + 1).join(',')}`, {}, 400],
      ['', { mark: 'feed', as: 'saved', id: String(feeds[0]) }, 400],
      ['', { mark: 'item', as: 'toggle', id: '1' }, 400],
      ['', { mark: 'feed', as: 'read', id: '424242' }, 404],
      ['', { mark: 'group', as: 'read', id: '12345' }, 404],
    ];
    for (const [query, fields, status] of cases) {
      const res = await w.send('POST', `/api/fever?api${query}`, { body: new URLSearchParams({ api_key: key, ...fields }).toString() });
      expect([query, fields, res.status]).toEqual([query, fields, status]);
      expect(res.json().error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect((await w.send('PUT', '/api/fever?api', { body: `api_key=${key}` })).status).toBe(405);
    expect((await w.send('POST', '/api/fever', { body: `api_key=${key}` })).status).toBe(400);
    expect(JSON.stringify([await unread(), await starred()])).toBe(state);
  });
});
