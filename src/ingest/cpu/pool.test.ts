/**
 * The worker-thread pool gives what the inline path gives (it runs the same task code), keeps a
 * failure's FeedkeeperError code across the thread, and carries the rules into the threads.
 * The threads load the build (dist/), which `npm test` makes first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCleanRules, DEFAULT_RULES } from '../../clean/index.js';
import { isFeedkeeperError } from '../../core/index.js';
import { loadRules } from '../../extract/index.js';
import { articleStreams } from '../../search/index.js';
import { rss, STORIES } from '../testdata/feeds.js';
import { inlineCpu, threadedCpu } from './pool.js';
import type { FeedArticleInput } from './tasks.js';

const promo = compileCleanRules([{ name: 'promo-footer', textPattern: '订阅本报' }], 'test rules');
const rules = { siteRules: loadRules([]), cleanRules: [...DEFAULT_RULES, ...promo] };
const threaded = threadedCpu(rules, 2);
const inline = inlineCpu(rules);
// Until the threads have loaded, tasks run inline; these tests are about the threads.
beforeAll(() => threaded.whenReady());
afterAll(() => threaded.close());

const ARTICLES: FeedArticleInput[] = [
  { html: `${'<p>南延段全长八公里，设五座车站，沿线居民步行十分钟即可到达最近的车站，早晚高峰每四分钟一班。</p>'.repeat(4)}<p>訂閱本報 订阅本报，每天早上送达。</p><script>track()</script>`, link: 'https://city.example.cn/news/2', title: '地铁四号线南延段试运行', author: '王小明', summary: '南延段试运行' },
  { html: '<p>One short summary.</p>', link: 'https://city.example.cn/news/9', title: 'A summary', author: null, summary: null },
];

describe('ingest CPU work in worker threads', () => {
  it('runs tasks inline until the threads have loaded, then in the threads', async () => {
    const fresh = threadedCpu(rules, 1);
    try {
      expect((await fresh.run({ kind: 'ready' })).value).toBe(0);
      await fresh.whenReady();
      expect((await fresh.run({ kind: 'ready' })).value).toBeGreaterThan(0);
    } finally {
      await fresh.close();
    }
    expect((await threaded.run({ kind: 'ready' })).value).toBeGreaterThan(0);
  });

  it('parses a feed exactly as inline, with the stage time measured', async () => {
    const body = new TextEncoder().encode(rss(STORIES));
    const task = { kind: 'parse', body, httpCharset: null, baseUrl: 'https://city.example.cn/feed' } as const;
    const [a, b] = await Promise.all([threaded.run(task), inline.run(task)]);
    expect(a.value).toEqual(b.value);
    expect(a.value.items.map((i) => i.title)).toEqual(STORIES.map((s) => s.title));
    expect(a.spent.parse).toBeGreaterThan(0);
  });

  it('judges, cleans (with the user rules given to the threads) and analyzes as inline', async () => {
    const task = { kind: 'articles', mode: 'auto', items: ARTICLES } as const;
    const [a, b] = await Promise.all([threaded.run(task), inline.run(task)]);
    expect(a.value).toEqual(b.value);
    const [first, second] = a.value;
    // The full story is done here; a one-line summary with an http link wants its page.
    expect(second).toEqual({ kind: 'page', feedTextLength: 'One short summary.'.length });
    if (first?.kind !== 'done') throw new Error(`expected the first article done, got ${JSON.stringify(first)}`);
    expect(first.finished.clean.html).not.toContain('script');
    expect(first.finished.clean.firedRules).toContain('promo-footer');
    expect(first.finished.clean.text).not.toContain('订阅本报');
    expect(first.finished.streams).toEqual(articleStreams({ title: ARTICLES[0]!.title, author: '王小明', cleanText: first.finished.clean.text }));
    expect(first.finished.streams[0]?.phrase).toContain('地铁');
  });

  it('extracts a fetched page in a thread and keeps the feed HTML when the page is no longer', async () => {
    const page = `<html><head><title>t</title></head><body><nav>首页 国际 财经</nav><article><h1>A summary</h1>${'<p>The whole story, told at length with every detail the summary left out of it.</p>'.repeat(8)}</article></body></html>`;
    const input = ARTICLES[1]!;
    const task = { kind: 'page', page: { article: input, mode: 'auto', feedTextLength: 18, body: new TextEncoder().encode(page), contentType: 'text/html; charset=utf-8', finalUrl: input.link } } as const;
    const [a, b] = await Promise.all([threaded.run(task), inline.run(task)]);
    expect(a.value).toEqual(b.value);
    expect(a.value.fullHtml).toContain('The whole story');
    expect(a.value.extraction).toBe('readability');
    const longFeed = await threaded.run({ ...task, page: { ...task.page, feedTextLength: 100_000 } });
    expect(longFeed.value).toMatchObject({ fullHtml: null, extraction: 'feed' });
  });

  it('rethrows a failure with its FeedkeeperError code, and the pool keeps working', async () => {
    const task = { kind: 'parse', body: new TextEncoder().encode('<html><body>not a feed</body></html>'), httpCharset: null, baseUrl: 'https://city.example.cn/' } as const;
    const inlineError = await inline.run(task).catch((err: unknown) => err);
    const threadError = await threaded.run(task).catch((err: unknown) => err);
    expect(isFeedkeeperError(inlineError)).toBe(true);
    expect(isFeedkeeperError(threadError)).toBe(true);
    if (!isFeedkeeperError(threadError) || !isFeedkeeperError(inlineError)) return;
    expect(threadError.code).toBe(inlineError.code);
    expect(threadError.message).toBe(inlineError.message);
    expect((await threaded.run({ kind: 'parse', body: new TextEncoder().encode(rss(STORIES)), httpCharset: null, baseUrl: 'https://city.example.cn/' })).value.items).toHaveLength(3);
  });
});
