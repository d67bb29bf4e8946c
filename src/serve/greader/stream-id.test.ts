import { describe, expect, it } from 'vitest';
import { feedStreamId, labelStreamId, parseStreamId, stateStreamId, type StreamRef } from './stream-id.js';

const ME = 7;

describe('stream ids', () => {
  it.each<[string, string, StreamRef]>([
    ['the reading list', 'user/-/state/com.google/reading-list', { kind: 'state', state: 'reading-list' }],
    ['read', 'user/-/state/com.google/read', { kind: 'state', state: 'read' }],
    ['starred', 'user/-/state/com.google/starred', { kind: 'state', state: 'starred' }],
    ['kept unread', 'user/-/state/com.google/kept-unread', { kind: 'state', state: 'kept-unread' }],
    ['my own numeric user id', 'user/7/state/com.google/starred', { kind: 'state', state: 'starred' }],
    ['a label', 'user/-/label/Tech', { kind: 'label', label: 'Tech' }],
    ['a label with spaces and CJK', 'user/7/label/本地 新闻', { kind: 'label', label: '本地 新闻' }],
    ['a feed by id', 'feed/12', { kind: 'feed', feedId: 12 }],
    ['a feed by URL', 'feed/https://news.example.org/rss?lang=en', { kind: 'feed-url', url: 'https://news.example.org/rss?lang=en' }],
    ['a feed by URL encoded once more', 'feed/https%3A%2F%2Fnews.example.org%2Frss', { kind: 'feed-url', url: 'https://news.example.org/rss' }],
    ['a state newsboat adds on unread', 'user/-/state/com.google/tracking-kept-unread', { kind: 'ignored', name: 'tracking-kept-unread' }],
    ['fresh', 'user/-/state/com.google/fresh', { kind: 'ignored', name: 'fresh' }],
  ])('%s', (_case, raw, ref) => {
    expect(parseStreamId(raw, ME)).toEqual(ref);
  });

  it.each([
    ['empty', ''],
    ['another user', 'user/8/state/com.google/read'],
    ['an unknown state', 'user/-/state/com.google/everything'],
    ['an empty label', 'user/-/label/ '],
    ['feed id zero', 'feed/0'],
    ['a feed that is neither id nor URL', 'feed/abc'],
    ['a feed URL of another scheme', 'feed/javascript:alert(1)'],
    ['a splice path', 'splice/123'],
    ['an item id', 'tag:google.com,2005:reader/item/000000000000002a'],
  ])('%s names no stream', (_case, raw) => {
    expect(parseStreamId(raw, ME)).toBeNull();
  });

  it('writes ids it reads back', () => {
    expect(parseStreamId(feedStreamId(3), ME)).toEqual({ kind: 'feed', feedId: 3 });
    expect(parseStreamId(labelStreamId('World'), ME)).toEqual({ kind: 'label', label: 'World' });
    expect(parseStreamId(stateStreamId('read'), ME)).toEqual({ kind: 'state', state: 'read' });
  });
});
