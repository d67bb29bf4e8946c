/**
 * Properties over generated articles (seeded, so a failure names its seed):
 * - body text is never cut: paragraphs of news-like text with boilerplate blocks mixed in, and
 *   sometimes an article wrapper whose class says "share", come out with every paragraph intact,
 *   and without the boilerplate;
 * - random tag soup never throws and never comes out executable.
 */
import { readFileSync } from 'node:fs';
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/random.js';
import { cleanHtml } from './index.js';

const BASE = 'https://news.example.com/2024/01/31/story.html';
type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;

// Paragraphs start with a subject; words that also appear in boilerplate come later in the sentence.
const SUBJECTS_EN = ['The council', 'Engineers', 'The ministry', 'Residents', 'Police', 'The port authority', 'Researchers'];
const WORDS_EN = ['said', 'share', 'the app', 'follow', 'newsletter', 'download', 'river', 'budget', 'school', 'on Tuesday', 'would', 'new', 'plans', 'subscribe', 'social'];
const SUBJECTS_ZH = ['市政府', '记者', '气象台', '交通运输局', '研究人员', '社区居民', '负责人'];
const WORDS_ZH = ['表示', '分享到', '关注', '下载', '客户端', '公众号', '地铁', '预算', '学校', '周二', '将', '新建', '计划', '订阅', '微博'];

function paragraph(rng: Rng): string {
  const zh = rng() < 0.5;
  const words = [pick(rng, zh ? SUBJECTS_ZH : SUBJECTS_EN)];
  const count = 4 + Math.floor(rng() * 40);
  for (let i = 0; i < count; i++) words.push(pick(rng, zh ? WORDS_ZH : WORDS_EN));
  return words.join(zh ? '' : ' ') + (zh ? '。' : '.');
}

const BOILERPLATE = [
  '<div class="share-bar">分享到：<a href="https://weibo.com/s">微博</a> <a href="https://wx.example/s">微信</a></div>',
  '<ul class="social-links"><li><a href="https://x.example/s">X</a></li></ul>',
  '<p><a href="https://facebook.example/share">Share on Facebook</a> | <a href="https://x.example/share">Share on X</a></p>',
  '<p>Follow us on <a href="https://social.example/@news">Mastodon</a></p>',
  '<p>关注我们的微信公众号</p>',
  '<p><a href="https://app.example.com">点击下载APP</a>，看更多新闻</p>',
  '<aside><p>Subscribe to our newsletter</p><p><a href="/nl">Sign up</a></p></aside>',
  '<img src="https://pixel.wp.com/g.gif" width="1" height="1">',
  '<div hidden>tracking note</div>',
];
const BOILERPLATE_TEXT = ['分享到：', 'Share on', 'Follow us', '关注我们', '点击下载', 'Subscribe to our', 'Sign up', 'tracking note', '获取更多RSS'];
const FOOTER = '<hr><div>获取更多RSS：<br><a href="https://feeds.example.net">https://feeds.example.net</a><br></div>';

function article(rng: Rng): { html: string; paragraphs: string[] } {
  const paragraphs = Array.from({ length: 2 + Math.floor(rng() * 10) }, () => paragraph(rng));
  const blocks: string[] = [];
  for (const p of paragraphs) {
    if (rng() < 0.4) blocks.push(pick(rng, BOILERPLATE));
    blocks.push(rng() < 0.2 ? `<div class="para"><p>${p}</p></div>` : `<p>${p}</p>`);
  }
  if (rng() < 0.3) blocks.push(pick(rng, BOILERPLATE));
  let html = blocks.join('\n');
  if (rng() < 0.3) html = `<div class="${pick(rng, ['article-body share-enabled', 'content social-hooks', 'story'])}">${html}</div>`;
  if (rng() < 0.5) html += FOOTER;
  return { html, paragraphs };
}

describe('body text is never cut', () => {
  it.each(Array.from({ length: 300 }, (_, i) => i + 1))('seed %i', (seed) => {
    const { html, paragraphs } = article(seededRandom(seed));
    const { text } = cleanHtml(html, { baseUrl: BASE });
    for (const p of paragraphs) expect(text).toContain(p);
    for (const leftover of BOILERPLATE_TEXT) expect(text).not.toContain(leftover);
  });
});

const SOUP = [
  '<p>', '</p>', '<div class="share">', '</div>', '<a href="javascript:alert(1)">', '<a href="/ok">', '</a>', '<img src=x onerror=alert(1)>',
  '<script>', '</script>', '<svg onload=alert(1)>', '<noscript>', '</noscript>', '<style>', '<!--', '-->', '<iframe src="//www.youtube.com/embed/x">',
  '<table><tr><td>', '<math>', '<template>', '"', "'", '>', '<', '&#106;avascript:', 'text ', '中文', '<br>', '<hr>', '<textarea>', '<title>',
];
const vectors = (JSON.parse(readFileSync(new URL('./testdata/xss-vectors.json', import.meta.url), 'utf8')) as Array<{ html: string }>).map((v) => v.html);

describe('tag soup', () => {
  it.each(Array.from({ length: 200 }, (_, i) => i + 1))('seed %i: never throws, never executable', (seed) => {
    const rng = seededRandom(seed);
    const parts = Array.from({ length: 5 + Math.floor(rng() * 60) }, () => (rng() < 0.1 ? pick(rng, vectors) : pick(rng, SOUP)));
    const { html } = cleanHtml(parts.join(''), { baseUrl: BASE });
    const elements = DomUtils.findAll(() => true, parseDocument(html).children);
    expect(elements.filter((el) => ['script', 'style', 'svg', 'math', 'template', 'noscript', 'textarea', 'title'].includes(el.name))).toEqual([]);
    for (const el of elements) {
      expect(Object.keys(el.attribs).filter((name) => name.startsWith('on') || name === 'style')).toEqual([]);
      for (const name of ['href', 'src']) if (el.attribs[name] !== undefined) expect(el.attribs[name]).toMatch(/^(https?:\/\/|mailto:)/);
    }
  });
});
