/**
 * A loopback news site whose pages change while the tests move a fake clock: each story has a
 * text that can be edited, page noise that changes on its own (share bar, ad slot, related
 * links, a "N minutes ago" widget, a view counter), and a fate (there, 404, 410, redirect to the
 * front or section page, a soft 404, a login wall, 503, 429). Its feed lists only the stories
 * still "in the feed". All text is written for these tests.
 */
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import type { FixtureServer } from '../../../test/fixture-server.js';

export type Fate = 'there' | 'not-found' | 'gone' | 'front' | 'section' | 'soft-404' | 'login' | 'outage' | 'slow-down' | 'huge' | 'loop' | 'hang' | 'gbk';

export interface Story {
  slug: string;
  title: string;
  paragraphs: string[];
  inFeed: boolean;
  fate: Fate;
  /** Changes the page's noise, never its article text. */
  noise: number;
}

export const PARAGRAPHS = [
  '市政府今天公布了新的公共交通计划，将在未来三年内新增十二条公交线路，并延长地铁末班车的运营时间。负责交通的副市长在记者会上说，这些措施是根据去年收集的四万多份市民意见制定的。',
  '根据计划，城市东部的新住宅区将首先获得两条快速公交线路，预计在明年春季开通。交通部门表示，新线路将采用电动公交车，每辆车可以搭载八十名乘客，高峰时段每五分钟一班。',
  '一些市民对计划表示欢迎，但也有人担心施工期间的交通拥堵。住在老城区的一位退休教师说，她希望政府在施工前公布详细的绕行方案，让居民提前做好准备。',
  '交通部门还宣布，从下个月起，六十五岁以上的老人乘坐公交车和地铁将全部免费。官员说，这一政策每年大约需要两亿元的财政支出，资金将来自停车费收入的增加。',
];

export function story(slug: string, over: Partial<Story> = {}): Story {
  return { slug, title: `新公交计划公布 ${slug}`, paragraphs: [...PARAGRAPHS], inFeed: true, fate: 'there', noise: 0, ...over };
}

export class NewsSite {
  readonly stories = new Map<string, Story>();

  constructor(private readonly server: FixtureServer) {
    server.route('/feed.xml', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(this.feed()));
    server.route('/', (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(front()));
    server.route('/news/', (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(front()));
    server.route('/login', (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage()));
  }

  add(s: Story): Story {
    this.stories.set(s.slug, s);
    this.server.route(`/news/2024/${s.slug}.html`, (req, res) => {
      const now = this.stories.get(s.slug) ?? s;
      switch (now.fate) {
        case 'not-found':
          return res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
        case 'gone':
          return res.writeHead(410, { 'content-type': 'text/html' }).end('<h1>Gone</h1>');
        case 'front':
          return res.writeHead(302, { location: '/' }).end();
        case 'section':
          return res.writeHead(301, { location: '/news/' }).end();
        case 'login':
          return res.writeHead(302, { location: `/login?next=/news/2024/${s.slug}.html` }).end();
        case 'outage':
          return res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
        case 'slow-down':
          return res.writeHead(429, { 'retry-after': '7200', 'content-type': 'text/plain' }).end('too many requests');
        case 'huge':
          return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body>${'<p>很长的页面。</p>'.repeat(40_000)}</body></html>`);
        case 'loop':
          return res.writeHead(302, { location: `/news/2024/${s.slug}.html` }).end();
        case 'hang':
          // Headers, then nothing: the fetcher's deadline has to end it.
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          return res.write('<html><body><p>');
        case 'gbk':
          return res.writeHead(200, { 'content-type': 'text/html; charset=gbk' }).end(iconv.encode(articlePage(now), 'gbk'));
        case 'soft-404':
          return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(softGone());
        case 'there': {
          const body = articlePage(now);
          // The ETag follows the whole page, noise included, as a real CMS's would.
          const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
          if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
          return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag }).end(body);
        }
      }
    });
    return s;
  }

  url(s: Story): string {
    return this.server.url(`/news/2024/${s.slug}.html`);
  }

  feed(): string {
    const items = [...this.stories.values()]
      .filter((s) => s.inFeed)
      .map((s) => `<item><guid>${this.url(s)}</guid><link>${this.url(s)}</link><title>${s.title}</title><pubDate>Thu, 01 Feb 2024 08:00:00 GMT</pubDate><description>${s.paragraphs[0]?.slice(0, 30) ?? ''}…</description></item>`)
      .join('');
    return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>城市日报</title><link>${this.server.url('/')}</link>${items}</channel></rss>`;
  }
}

/** The article page: the story inside a template whose noise changes with `noise`. */
function articlePage(s: Story): string {
  const n = s.noise;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${s.title} - 城市日报</title>
<meta property="og:title" content="${s.title}"></head><body>
<header><nav><a href="/">首页</a> <a href="/news/">新闻</a> <a href="/sport/">体育</a></nav></header>
<div class="ad-slot">广告 ${n % 2 === 0 ? '夏季家电大促销' : '新款手机预订中'}</div>
<main><article>
<h1>${s.title}</h1>
<p class="meta"><span class="time">${n + 3} 分钟前</span></p>
${s.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
<p class="views">阅读 ${1000 + n * 137}</p>
<div class="share-bar">分享到： <a href="https://share.example/weibo?n=${n}">微博</a> <a href="https://share.example/wechat?n=${n}">微信</a></div>
</article></main>
<aside class="related"><h2>相关新闻</h2><ul>${[0, 1, 2].map((i) => `<li><a href="/news/2024/related-${n + i}.html">相关报道第${n + i}篇</a></li>`).join('')}</ul></aside>
<footer>城市日报 版权所有</footer></body></html>`;
}

function front(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>城市日报</title></head><body>
<nav><a href="/news/">新闻</a></nav><ul>${[1, 2, 3, 4, 5].map((i) => `<li><a href="/news/2024/x${i}.html">今日要闻 ${i}</a></li>`).join('')}</ul></body></html>`;
}

function softGone(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>城市日报</title></head><body>
<nav><a href="/">首页</a></nav><main><p>抱歉，您访问的页面不存在或已被删除。</p></main></body></html>`;
}

function loginPage(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>登录</title></head><body>
<form method="post" action="/login"><label>用户名 <input name="u"></label><label>密码 <input name="p" type="password"></label><button>登录</button></form></body></html>`;
}
