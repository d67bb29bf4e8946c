import { describe, expect, it } from 'vitest';
import { parseFeverRequest } from './params.js';
import { favicons, feeds, feverBase, groupId, groups, idList, items, type FeverSubscription } from './shapes.js';

const T = Date.UTC(2024, 2, 4, 8, 30, 0);

function request(query: string, body: Record<string, string> = {}) {
  const q = new URLSearchParams(query);
  return parseFeverRequest(q, (name) => body[name] ?? q.get(name) ?? undefined);
}

const subs: FeverSubscription[] = [
  { feedId: 3, title: 'Harbour Daily', url: 'https://news.example.org/rss', siteUrl: 'https://news.example.org/', tags: ['City', 'News'], lastFetchAt: T },
  { feedId: 5, title: 'Hill Sports', url: 'https://sport.example.net/feed', siteUrl: null, tags: ['News'], lastFetchAt: null },
];

describe('Fever answers', () => {
  it('say auth 0 and nothing more for a bad key, and the last refresh in seconds for a good one', () => {
    expect(feverBase(false, T)).toEqual({ api_version: 3, auth: 0 });
    expect(feverBase(true, T)).toEqual({ api_version: 3, auth: 1, last_refreshed_on_time: T / 1000 });
    expect(feverBase(true, null)).toEqual({ api_version: 3, auth: 1, last_refreshed_on_time: 0 });
  });

  it('make groups of tags, with stable ids and feed lists as strings', () => {
    expect(groups(subs)).toEqual({
      groups: [{ id: groupId('City'), title: 'City' }, { id: groupId('News'), title: 'News' }],
      feeds_groups: [{ group_id: groupId('City'), feed_ids: '3' }, { group_id: groupId('News'), feed_ids: '3,5' }],
    });
    expect(groupId('News')).toBe(groupId('News'));
    expect(groupId('News')).not.toBe(groupId('news'));
    for (const tag of ['a', 'b', '新闻', '']) expect(groupId(tag)).toBeGreaterThan(0);
  });

  it('list feeds with Fever types', () => {
    expect(feeds(subs).feeds).toEqual([
      { id: 3, favicon_id: 1, title: 'Harbour Daily', url: 'https://news.example.org/rss', site_url: 'https://news.example.org/', is_spark: 0, last_updated_on_time: T / 1000 },
      { id: 5, favicon_id: 1, title: 'Hill Sports', url: 'https://sport.example.net/feed', site_url: 'https://sport.example.net/feed', is_spark: 0, last_updated_on_time: 0 },
    ]);
  });

  it('give favicons as data the clients prefix with data:', () => {
    const [icon] = favicons().favicons;
    expect(icon?.data).toMatch(/^image\/gif;base64,R0lGODlh/);
    expect(Buffer.from(icon?.data.split(',')[1] ?? '', 'base64').subarray(0, 6).toString('latin1')).toBe('GIF89a');
  });

  it('give items with 0/1 flags and seconds', () => {
    const out = items([{ id: 9, feedId: 3, title: 'Tunnel opens', author: null, html: '<p>Full text.</p>', url: 'https://news.example.org/9', read: true, starred: false, publishedAt: T }], 120);
    expect(out).toEqual({ items: [{ id: 9, feed_id: 3, title: 'Tunnel opens', author: '', html: '<p>Full text.</p>', url: 'https://news.example.org/9', is_saved: 0, is_read: 1, created_on_time: T / 1000 }], total_items: 120 });
    expect(idList([1, 2, 3])).toBe('1,2,3');
  });
});

describe('Fever requests', () => {
  it('read what the query names and the item window', () => {
    expect(request('api&items&since_id=40&feed_ids=3,5')).toEqual({ reads: ['items'], items: { sinceId: 40, maxId: undefined, withIds: undefined, feedIds: [3, 5], groupIds: undefined }, mark: null });
    expect(request('api&groups&feeds&unread_item_ids').reads).toEqual(['groups', 'feeds', 'unread_item_ids']);
  });

  it.each([
    ['an item read', { mark: 'item', as: 'read', id: '9' }, { what: 'item', as: 'read', id: 9 }],
    ['an item saved', { mark: 'item', as: 'saved', id: '9' }, { what: 'item', as: 'saved', id: 9 }],
    ['a feed before a time', { mark: 'feed', as: 'read', id: '3', before: '1709541000' }, { what: 'feed', as: 'read', id: 3, beforeMs: 1_709_541_000_000 }],
    ['all (group 0) with no before', { mark: 'group', as: 'read', id: '0' }, { what: 'group', as: 'read', id: 0, beforeMs: null }],
  ])('a mark: %s', (_case, body, mark) => {
    expect(request('api', body).mark).toEqual(mark);
  });

  it.each([
    ['since_id that is no number', 'api&items&since_id=abc', {}, 'since_id: expected a whole number'],
    ['with_ids over 50', `api&items&with_ids=${Array.from({ length: 51 }, (_, k) => k + 1).join(',')}`, {}, 'with_ids: expected at most 50 ids'],
    ['an unknown mark', 'api', { mark: 'everything', as: 'read', id: '1' }, 'mark: expected item, feed or group'],
    ['a feed marked saved', 'api', { mark: 'feed', as: 'saved', id: '1' }, 'as: expected read for a feed'],
    ['a mark without an id', 'api', { mark: 'item', as: 'read' }, 'id: expected the id'],
    ['a toggle Fever never had', 'api', { mark: 'item', as: 'toggle', id: '1' }, 'as: expected read, unread, saved or unsaved'],
  ])('refuses %s', (_case, query, body, message) => {
    expect(() => request(query, body)).toThrow(message);
  });
});
