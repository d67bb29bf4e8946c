import { describe, expect, it } from 'vitest';
import { matchEndpoint } from './router.js';

describe('Google Reader paths', () => {
  it.each([
    ['ClientLogin', '/api/greader/accounts/ClientLogin', { name: 'accounts/ClientLogin', stream: null }],
    ['a base typed with a trailing slash', '/api/greader//accounts/ClientLogin', { name: 'accounts/ClientLogin', stream: null }],
    ['the FreshRSS path', '/api/greader.php/reader/api/0/user-info', { name: 'user-info', stream: null }],
    ['the FreshRSS path under /p', '/p/api/greader.php/reader/api/0/subscription/list/', { name: 'subscription/list', stream: null }],
    ['stream contents without a stream', '/api/greader/reader/api/0/stream/contents', { name: 'stream/contents', stream: null }],
    ['stream contents of a label', '/api/greader/reader/api/0/stream/contents/user/-/label/Tech', { name: 'stream/contents', stream: 'user/-/label/Tech' }],
    ['a feed URL kept whole', '/api/greader/reader/api/0/stream/contents/feed/https://a.example/rss', { name: 'stream/contents', stream: 'feed/https://a.example/rss' }],
    ['the Atom form, id encoded as newsboat does', '/api/greader/reader/atom/feed%2Fhttps%3A%2F%2Fa.example%2Frss', { name: 'atom', stream: 'feed/https://a.example/rss' }],
    ['the Atom form of a UTF-8 label', '/api/greader/reader/atom/user%2F-%2Flabel%2F%E6%96%B0%E9%97%BB', { name: 'atom', stream: 'user/-/label/新闻' }],
    ['the Atom reading list', '/api/greader//reader/atom/', { name: 'atom', stream: null }],
    ['items contents', '/api/greader/reader/api/0/stream/items/contents', { name: 'stream/items/contents', stream: null }],
  ])('%s', (_case, path, matched) => {
    expect(matchEndpoint(path)).toEqual(matched);
  });

  it.each([
    ['another API', '/api/v1/entries'],
    ['an unknown endpoint', '/api/greader/reader/api/0/everything'],
    ['a lookalike base', '/api/greaderx/accounts/ClientLogin'],
    ['a broken escape', '/api/greader/reader/atom/feed%2'],
    ['the bare base', '/api/greader'],
    ['a stream path without the word contents', '/api/greader/reader/api/0/stream/contentsx'],
  ])('%s matches nothing', (_case, path) => {
    expect(matchEndpoint(path)).toBeNull();
  });
});
