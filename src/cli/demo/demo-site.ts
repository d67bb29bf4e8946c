/**
 * A small news site on loopback for `feedkeeper demo`: a home page that links to its feeds (feed
 * discovery), a Chinese RSS feed served in GBK (encoding detection), an English Atom feed and a
 * JSON Feed, all with ETags (conditional GET); the Chinese feed carries summaries and links to
 * article pages (full-text extraction). `revise()` edits a story, as real sites do.
 * The text is our own.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';

const ZH = [
  ['城市图书馆延长夜间开放时间', '市图书馆宣布，自下月起每周五、周六开放至晚上十点，并增设自助借还设备。'],
  ['地铁四号线南延段开始试运行', '南延段全长八公里，设五座车站，试运行期间不载客，预计年底正式开通。'],
  ['本周末气温回升 局部有小雨', '气象台预计周末最高气温十八度，周日午后局部地区有小雨，请市民注意出行安全。'],
  ['老城区改造项目公开征求意见', '改造方案涉及街巷绿化、停车位和排水管网，居民可在社区服务中心查阅并提交建议。'],
  ['中学生科技节展出百余件作品', '今年科技节共收到一百二十件作品，涵盖机器人、环保材料和天文观测等方向。'],
  ['国防教育展览在市博物馆开幕', '展览以图片和实物介绍国防知识，持续一个月，市民可免费预约参观。'],
];
const EN = [
  ['Harbour ferry adds an evening crossing', 'From Monday the ferry company will run an extra crossing at nine in the evening on weekdays.'],
  ['Library opens a repair café for small appliances', 'Volunteers will help residents fix lamps, radios and kettles every second Saturday.'],
  ['Council publishes draft plan for riverside park', 'The draft proposes new footpaths, a playground and more trees along the east bank.'],
  ['Local bakery wins regional bread award', 'Judges praised its rye loaf, made with flour from a mill fifty kilometres away.'],
];

interface Story { id: string; title: string; body: string; published: number }

function stories(list: string[][], prefix: string, start: number): Story[] {
  return list.map(([title, body], i) => ({ id: `${prefix}-${i + 1}`, title: title as string, body: body as string, published: start - i * 3_600_000 }));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface DemoSite {
  url: string;
  /** Changes the first Chinese story's title and text: the next fetch stores a revision. */
  revise(): void;
  close(): Promise<void>;
}

export async function startDemoSite(now: number): Promise<DemoSite> {
  const zh = stories(ZH, 'zh', now);
  const en = stories(EN, 'en', now);
  let version = 1;
  let base = '';
  const rss = () =>
    `<?xml version="1.0" encoding="GBK"?>\n<rss version="2.0"><channel><title>示范新闻网</title><link>${base}/</link><language>zh-cn</language><description>feedkeeper 演示用的本地新闻源</description>` +
    zh.map((s) => `<item><title>${esc(s.title)}</title><link>${base}/zh/${s.id}.html</link><guid>${base}/zh/${s.id}.html</guid><pubDate>${new Date(s.published).toUTCString()}</pubDate><description>${esc(s.body.slice(0, 30))}…</description></item>`).join('') +
    '</channel></rss>';
  const atom = () =>
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Demo Town News</title><id>${base}/en/</id><link href="${base}/en/"/><updated>${new Date(now).toISOString()}</updated>` +
    en.map((s) => `<entry><id>${base}/en/${s.id}</id><title>${esc(s.title)}</title><link href="/en/${s.id}.html"/><published>${new Date(s.published).toISOString()}</published><updated>${new Date(s.published).toISOString()}</updated><author><name>Demo Desk</name></author><content type="html">${esc(`<p>${s.body}</p>`)}</content></entry>`).join('') +
    '</feed>';
  const json = () =>
    JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: '示范新闻 · 简讯', home_page_url: `${base}/`, language: 'zh-CN', items: zh.slice(0, 3).map((s) => ({ id: `brief-${s.id}`, url: `${base}/brief/${s.id}`, title: `简讯：${s.title}`, content_text: s.body, date_published: new Date(s.published).toISOString() })) });
  const home = () => `<!doctype html><html><head><title>示范新闻网</title><link rel="alternate" type="application/rss+xml" title="中文新闻" href="/zh/rss.xml"><link rel="alternate" type="application/atom+xml" title="English" href="/en/atom.xml"></head><body><h1>示范新闻网</h1></body></html>`;

  // The article pages the Chinese feed links to: the feed carries a one-paragraph summary, the page
  // the whole story between a navigation bar, a share bar and a footer (full-text extraction).
  const article = (id: string) => {
    const s = zh.find((x) => x.id === id);
    if (!s) return null;
    const more = ['记者从相关部门了解到，这项安排经过了多轮征求意见，市民普遍表示支持。', '有关负责人表示，后续还将根据实际运行情况进一步优化服务，并及时向社会公布。'];
    return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(s.title)} - 示范新闻网</title><meta property="article:published_time" content="${new Date(s.published).toISOString()}"></head><body><nav><a href="/">首页</a> <a href="/zh/">本地</a> <a href="/en/">English</a></nav><article><h1>${esc(s.title)}</h1><p class="byline">示范新闻网记者 王小明</p><p>${esc(s.body)}</p>${more.map((p) => `<p>${p}</p>`).join('')}<div class="share">分享到微博 分享到微信</div></article><aside><h3>相关新闻</h3><a href="/zh/zh-2.html">地铁四号线南延段开始试运行</a></aside><footer>© 示范新闻网</footer></body></html>`;
  };

  const server: Server = createServer((req, res) => {
    const page = /^\/zh\/(zh-\d+)\.html$/.exec(req.url ?? '');
    if (page) {
      const html = article(page[1] as string);
      return void (html ? res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html) : res.writeHead(404).end('not found'));
    }
    const routes: Record<string, () => [string, Buffer]> = {
      '/': () => ['text/html; charset=utf-8', Buffer.from(home())],
      '/zh/rss.xml': () => ['application/rss+xml', iconv.encode(rss(), 'gbk')],
      '/en/atom.xml': () => ['application/atom+xml; charset=utf-8', Buffer.from(atom())],
      '/feed.json': () => ['application/feed+json', Buffer.from(json())],
    };
    const route = routes[req.url ?? ''];
    if (!route) return void res.writeHead(404).end('not found');
    const [type, body] = route();
    const etag = `"v${version}-${body.length}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': type, etag }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    revise() {
      const first = zh[0] as Story;
      first.title = `${first.title}（更新）`;
      first.body = `${first.body}馆方同时表示，夜间开放期间将提供免费热水。`;
      version++;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
