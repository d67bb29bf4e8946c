import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/random.js';
import { extractArticle, loadRules, ruleFor } from './index.js';
import { canWeightCjk } from './readability-pass.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./testdata/${name}/page.html`, import.meta.url)), 'utf8');
const paragraphs = (n: number, text: string) => Array.from({ length: n }, (_, i) => `<p>${text}（第${i + 1}段）</p>`).join('');
const CHINESE = '记者从市交通运输局获悉，南湖大桥将于今晚二十二时起全封闭维修，施工预计持续三个月，市民可以绕行北湖大桥或者乘坐临时轮渡。';

describe('extractArticle', () => {
  it('runs with the CJK help (the Readability internals it wraps exist)', () => {
    expect(canWeightCjk()).toBe(true);
  });

  it.each([
    ['an empty page', '', 'no article content found: the page has 0 characters of text'],
    ['a page with a line of text', '<p>Coming soon.</p>', 'no article content found: the page has 12 characters of text'],
    ['a menu', `<ul>${'<li><a href="/x">A section of the site</a></li>'.repeat(30)}</ul>`, 'no article content found'],
  ])('returns NoArticle with a reason for %s', (_case, html, reason) => {
    const result = extractArticle(html, { url: null });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('reads a fragment without <html> or <body>, and serializes lower-case tags', () => {
    const result = extractArticle(`<h1>桥梁维修</h1><div class="c">${paragraphs(4, CHINESE)}</div>`, { url: 'https://news.example.cn/a.html' });
    expect(result).toMatchObject({ ok: true, method: 'readability' });
    if (result.ok) expect(result.contentHtml).not.toMatch(/<\/?[A-Z]/);
  });

  it('falls back to Readability when the rule selector finds nothing', () => {
    const rules = loadRules([{ name: 'news.example.cn.json', text: '{"host":"news.example.cn","content":".no-such-box","title":"h1"}' }]);
    const url = 'https://news.example.cn/a.html';
    const result = extractArticle(`<h1>桥梁维修</h1><div>${paragraphs(4, CHINESE)}</div>`, { url, rule: ruleFor(rules, url) });
    expect(result).toMatchObject({ ok: true, method: 'readability', title: '桥梁维修' });
  });

  it('falls back to Readability when the rule selects too little to be an article', () => {
    const rules = loadRules([{ name: 'news.example.cn.json', text: '{"host":"news.example.cn","content":".caption"}' }]);
    const url = 'https://news.example.cn/a.html';
    const result = extractArticle(`<p class="caption">图片说明</p><div>${paragraphs(4, CHINESE)}</div>`, { url, rule: ruleFor(rules, url) });
    expect(result).toMatchObject({ ok: true, method: 'readability' });
    if (result.ok) expect(result.contentHtml).toContain('南湖大桥');
  });

  it('uses the rule: content, stripped boxes, title, byline and date', () => {
    const rules = loadRules([{ name: 'news.example.cn.json', text: JSON.stringify({
      host: 'news.example.cn', content: '.body', strip: ['.ad'], title: '.headline', byline: '.who', date: '.when',
    }) }]);
    const url = 'https://m.news.example.cn/a.html';
    const html = `<p class="headline">标题在这里</p><p class="who">记者：李静</p><span class="when">2024-03-07T11:00:00+08:00</span><div class="body">${paragraphs(2, CHINESE)}<div class="ad">广告：买房找我们</div></div>`;
    const result = extractArticle(html, { url, rule: ruleFor(rules, url) });
    expect(result).toMatchObject({ ok: true, method: 'rule', title: '标题在这里', byline: '李静', published: '2024-03-07T03:00:00.000Z' });
    if (result.ok) expect(result.contentHtml).not.toContain('广告');
  });

  it('retries without the pinyin hints when they misfire (method readability-relaxed)', () => {
    // The site named its article box "xiangguan" (相关, related), so the hint hides it, and the first
    // pass settles on the list of headlines, which is not an article.
    const items = Array.from({ length: 4 }, (_, i) => `<li><h3><a href="/n/${i}.html">第${i + 1}条新闻标题在这里写得比较长一些</a></h3><p>这是第${i + 1}条新闻的一句话摘要，简单介绍新闻的主要内容。</p></li>`).join('');
    const html = `<div class="xiangguan-wenben">${paragraphs(5, CHINESE)}</div><ul class="list">${items}</ul>`;
    const result = extractArticle(html, { url: 'https://news.example.cn/a.html' });
    expect(result).toMatchObject({ ok: true, method: 'readability-relaxed' });
    if (result.ok) expect(result.contentHtml).toContain('南湖大桥');
  });

  it('keeps a short Chinese article (135 characters) instead of calling it too short', () => {
    const result = extractArticle(fixture('zh-short-brief'), { url: 'https://www.nanhu-daily.example.cn/local/bridge.html' });
    expect(result).toMatchObject({ ok: true, method: 'readability' });
    if (result.ok) expect(result.contentHtml).not.toContain('读者留言');
  });

  it('never throws, on truncated and shuffled pages', () => {
    const pages = ['en-wire-lazy-lead', 'zh-hant-broken-jsonld', 'rule-bbc-zhongwen', 'en-index-page'].map(fixture);
    const random = seededRandom(20240601);
    for (let i = 0; i < 60; i++) {
      const page = pages[i % pages.length] as string;
      const cut = Math.floor(random() * page.length);
      const other = Math.floor(random() * page.length);
      const mangled = i % 2 === 0 ? page.slice(0, cut) : page.slice(cut) + page.slice(0, other);
      const result = extractArticle(mangled, { url: i % 3 === 0 ? null : 'https://example.com/a' });
      expect(typeof result.ok, `seed 20240601, case ${i}`).toBe('boolean');
    }
  });
});
