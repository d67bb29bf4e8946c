/**
 * The reader's language and time zone: Chinese from Accept-Language, the fk_lang cookie over it,
 * the switch link coming back to the same page, dates in the fk_tz zone; and the two message
 * tables agreeing key for key and placeholder for placeholder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';
import { en } from './messages-en.js';
import { zh } from './messages-zh.js';
import { unescapeAttr } from './testdata/reader-kit.js';

let h: ServeHarness;
let id: number;

beforeAll(async () => {
  h = await startServeHarness();
  const feed = await h.addFeed('https://news.example.org/lang.xml', { title: '双语新闻' });
  [id = 0] = await h.addArticles(feed.id, [{ title: '桥梁通车', html: '<p>新桥今天通车。</p>' }]);
});
afterAll(() => h.close());

const withCookies = (cookies: string, headers: Record<string, string> = {}) => ({ headers: { cookie: `fk_session=${h.session.cookie}; ${cookies}`, ...headers } });

describe('language', () => {
  it('is Chinese for Accept-Language zh, in the strings, the lang attribute and the dates', async () => {
    const page = await (await h.browser('/', { headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' } })).text();
    expect(page).toContain('<html lang="zh-Hans"');
    expect(page).toContain('<h1>未读</h1>');
    expect(page).toContain('>全部标为已读</button>');
    expect(page).toContain('<dd>下一篇</dd>');
    expect(page).toMatch(/<time datetime="2024-03-04T08:30:00.000Z">2024年3月4日 08:30<\/time>/);
    expect(page).toContain('>English</a>');
  });

  it('follows the fk_lang cookie over Accept-Language', async () => {
    const page = await (await h.browser('/', withCookies('fk_lang=en', { 'accept-language': 'zh-CN' }))).text();
    expect(page).toContain('<html lang="en"');
    expect(page).toContain('<h1>Unread</h1>');
    const zhPage = await (await h.browser('/', withCookies('fk_lang=zh', { 'accept-language': 'en-GB' }))).text();
    expect(zhPage).toContain('<h1>未读</h1>');
  });

  it('offers a switch that comes back to the same page', async () => {
    const page = await (await h.browser('/all?show=all')).text();
    const href = unescapeAttr(/<a class="lang-switch" href="([^"]+)"/.exec(page)?.[1] ?? '');
    expect(href).toBe(`/lang?to=zh&next=${encodeURIComponent('/all?show=all')}`);
    const res = await h.browser(href);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/all?show=all');
    expect(res.headers.get('set-cookie')).toMatch(/^fk_lang=zh;/);
  });

  it('shows the sign-in page in Chinese too, with its own switch', async () => {
    const page = await (await h.anon('/login?next=%2Fall', { headers: { 'accept-language': 'zh' } })).text();
    expect(page).toContain('<h1>登录</h1>');
    expect(unescapeAttr(page)).toContain(`href="/lang?to=en&next=${encodeURIComponent('/login?next=%2Fall')}"`);
  });
});

describe('time zone', () => {
  it('renders dates in the fk_tz zone and says which on <html>', async () => {
    const page = await (await h.browser(`/entries/${id}?keep=1`, withCookies('fk_tz=Asia/Shanghai'))).text();
    expect(page).toContain('data-tz="Asia/Shanghai"');
    expect(page).toContain('<time datetime="2024-03-04T08:30:00.000Z">4 Mar 2024, 16:30</time>');
  });

  it('falls back to UTC for a zone Intl does not know', async () => {
    const page = await (await h.browser('/', withCookies('fk_tz=Mars/Olympus_Mons'))).text();
    expect(page).toContain('data-tz="UTC"');
  });
});

describe('the message tables', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('have the same keys, none empty, with the same placeholders', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });
});
