// The URL's parameters on republished feeds: opencc, include/exclude, fulltext=0 and limit,
// their 400s, the 404s of unknown feeds and formats, search feeds, and republishing a stored
// article that was never cleaned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeHarness, T0, type ServeHarness } from '../../../test/serve-harness.js';
import { FORMATS, readBack, seedArchive, storedEntries, type Archive } from './test-kit.js';

let h: ServeHarness;
let archive: Archive;

beforeAll(async () => {
  h = await startServeHarness();
  archive = await seedArchive(h);
});
afterAll(() => h.close());

const titles = async (path: string, format: (typeof FORMATS)[number] = 'json') => (await readBack(await h.api(path), format)).items.map((i) => i.title);

describe('opencc', () => {
  it.each(FORMATS)('s2t converts titles and text but never URLs (%s)', async (format) => {
    const plain = await readBack(await h.api(`/feeds/${archive.metro.id}.${format}`), format);
    const converted = await readBack(await h.api(`/feeds/${archive.metro.id}.${format}?opencc=s2t`), format);
    const subway = converted.items.find((i) => i.title?.startsWith('港城'));
    const before = plain.items.find((i) => i.title?.startsWith('港城'));
    expect(subway?.title).toBe('港城地鐵新線今日開通');
    expect(subway?.content).toContain('港城地鐵三號線');
    expect(subway?.summary).toContain('港城地鐵');
    expect(subway?.link).toBe(before?.link);
    expect(subway?.id).toBe(before?.id);
    // The href in the content is byte for byte the stored one.
    const href = (html: string | null | undefined) => /href="([^"]+)"/.exec(html ?? '')?.[1];
    expect(href(subway?.content)).toBe(href(before?.content));
    expect(subway?.categories).toEqual(['交通', '城市']);
  });

  it('the language follows the conversion', async () => {
    const parsed = await readBack(await h.api('/feeds/all.atom?opencc=s2tw'), 'atom');
    expect(parsed.feed.language).toBe('zh-TW');
  });

  it.each([['zh2en'], ['t2s,s2t'], ['']])('rejects opencc=%j with a 400 naming it', async (value) => {
    const res = await h.api(`/feeds/all.rss?opencc=${encodeURIComponent(value)}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('USAGE');
    expect(body.error.message).toMatch(/^opencc: expected one of s2t, t2s, s2tw, s2hk/);
  });
});

describe('include and exclude', () => {
  it.each([
    ['a title term', 'include=ferry', ['Ferry timetable changes']],
    ['a term only in the text', `include=${encodeURIComponent('十二座')}`, ['港城地铁新线今日开通']],
    ['several terms, any matching', `include=${encodeURIComponent('ferry,大桥')}`, ['跨海大桥完成检修', 'Ferry timetable changes']],
    ['exclusion', `exclude=${encodeURIComponent('港城,marker,market')}`, ['跨海大桥完成检修', 'Ferry timetable changes']],
    ['both', `include=the&exclude=ferry`, ['Q&A: <b> tags & the ]]> marker', 'Night market returns']],
    ['a Traditional term against Simplified text when converting', `include=${encodeURIComponent('地鐵')}&opencc=s2t`, ['港城地鐵新線今日開通']],
  ])('%s', async (_case, query, expected) => {
    expect(await titles(`/feeds/all.json?${query}`)).toEqual(expected);
  });

  it('finds matches beyond the newest `limit` entries, then applies the limit', async () => {
    expect(await titles('/feeds/all.json?limit=1&include=market')).toEqual(['Night market returns']);
    expect(await titles('/feeds/all.json?limit=1&include=the')).toEqual(['Q&A: <b> tags & the ]]> marker']);
  });

  it('rejects an empty term list', async () => {
    const res = await h.api('/feeds/all.json?include=,');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^include: /);
  });
});

describe('fulltext=0', () => {
  it.each(FORMATS)('drops the full text and keeps the summary (%s)', async (format) => {
    const res = await h.api(`/feeds/${archive.harbour.id}.${format}?fulltext=0`);
    const text = await res.clone().text();
    const parsed = await readBack(res, format);
    expect(text).not.toMatch(format === 'rss' ? /<content:encoded>/ : format === 'atom' ? /<content/ : /"content_html"/);
    expect(parsed.items.find((i) => i.title === 'Night market returns')?.summary).toBe('Stalls are back.');
    expect(parsed.items.every((i) => !(i.content ?? '').includes('<p>'))).toBe(true);
  });
});

describe('limit', () => {
  it('defaults to 50 and takes the newest first', async () => {
    const all = await storedEntries(h);
    expect(await titles('/feeds/all.json')).toEqual(all.slice(0, 50).map((e) => e.title));
    expect(await titles('/feeds/all.json?limit=2')).toEqual(all.slice(0, 2).map((e) => e.title));
  });

  it.each([['0'], ['501'], ['abc'], ['2.5']])('rejects limit=%s with a 400 naming it', async (value) => {
    const res = await h.api(`/feeds/all.rss?limit=${value}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(`limit: expected a whole number from 1 to 500, got "${value}"`);
  });
});

describe('not found', () => {
  it.each([
    ['an unknown feed id', '/feeds/999.rss'],
    ['a feed id that is not a number', '/feeds/abc.atom'],
    ['an unknown extension', '/feeds/all.xml'],
    ['no extension', '/feeds/all'],
    ['an unknown extension on a tag', '/tags/%E6%B8%AF%E9%97%BB.html'],
  ])('%s is a JSON 404', async (_case, path) => {
    const res = await h.api(path);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});

describe('search feeds', () => {
  it.each(FORMATS)('/search.%s?q=地铁 carries only the matching articles', async (format) => {
    const parsed = await readBack(await h.api(`/search.${format}?q=${encodeURIComponent('地铁')}`), format);
    expect(parsed.items.map((i) => i.title)).toEqual(['港城地铁新线今日开通']);
    expect(parsed.feed.title).toBe('feedkeeper · search: 地铁');
  });

  it('a search with no matches is an empty feed', async () => {
    expect(await titles(`/search.json?q=${encodeURIComponent('火星基地')}`)).toEqual([]);
  });

  it.each([
    ['a missing q', '', 'USAGE', /^q: expected a search query/],
    ['a blank q', '?q=%20', 'USAGE', /^q: expected a search query/],
    ['two q', '?q=a&q=b', 'USAGE', /^q: given 2 times/],
    ['an unclosed quote', `?q=${encodeURIComponent('"地铁')}`, 'QUERY_INVALID', /^q: /],
  ])('%s is a 400 naming q', async (_case, query, code, message) => {
    const res = await h.api(`/search.atom${query}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
  });
});

describe('an entry stored before the clean stage', () => {
  it.each(FORMATS)('is cleaned before it is republished, so its script is gone (%s)', async (format) => {
    const feed = await h.store.feeds.getByUrl('https://legacy.example.com/feed') ?? (await h.addFeed('https://legacy.example.com/feed', { title: 'Legacy Times' }));
    if ((await storedEntries(h, { feedId: feed.id })).length === 0) {
      const html = '<p>旧文章正文保留。</p><script>alert("legacy")</script><p onclick="steal()">第二段。</p>';
      await h.store.articles.applyRefresh(
        feed.id,
        [{ key: 'legacy-1', title: '旧文章', link: 'https://legacy.example.com/a/1', author: null, publishedAt: T0 - 86_400_000, updatedAt: null, summary: null, html, categories: [], contentHash: 'legacy-hash-1', recordId: '00000000000000aa', extraction: 'feed', clean: null }],
        { status: 'ok', fetchedAt: T0, error: null, consecutiveFailures: 0, nextCheckAt: T0 + 3_600_000, scheduleReason: 'test' },
      );
    }
    const [stored] = await storedEntries(h, { feedId: feed.id });
    expect(stored?.contentHtml).toBeNull();
    const res = await h.api(`/feeds/${feed.id}.${format}`);
    const text = await res.clone().text();
    const [item] = (await readBack(res, format)).items;
    expect(item?.content).toContain('旧文章正文保留。');
    expect(item?.content).toContain('第二段。');
    expect(text).not.toMatch(/<script|alert\(|onclick|steal\(/);
    expect(item?.summary).toBe('旧文章正文保留。 第二段。');
  });
});
