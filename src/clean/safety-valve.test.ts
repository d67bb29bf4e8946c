/** The safety valve: boilerplate rules never take the article's body with them. */
import { describe, expect, it } from 'vitest';
import { cleanHtml, compileCleanRules, SAFETY_VALVE } from './index.js';

const BASE = 'https://news.example.com/2024/01/31/story.html';
const sentence = 'The harbour authority said the new ferry timetable would start in March and add four daily crossings. ';
const body = (chars: number): string => sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars).trim();

describe('safety valve', () => {
  it('keeps a matched element holding more than MAX_ELEMENT_PROSE characters, and still removes the small matches inside it', () => {
    const html = `<div class="story share-enabled"><p>${body(SAFETY_VALVE.MAX_ELEMENT_PROSE + 50)}</p><div class="share-buttons"><a href="/s">Post</a></div></div>`;
    const result = cleanHtml(html, { baseUrl: BASE });
    expect(result.text).toBe(body(SAFETY_VALVE.MAX_ELEMENT_PROSE + 50));
    expect(result.html).not.toContain('Post');
    expect(result.firedRules).toEqual(['safety-valve:share-bar', 'share-bar']);
  });

  it('does not apply a rule that would take more than MAX_RULE_FRACTION of the text', () => {
    const rules = compileCleanRules([{ name: 'greedy', selector: 'p.note' }]);
    const html = `<p>${body(150)}</p><p class="note">${body(100)}</p>`;
    const result = cleanHtml(html, { baseUrl: BASE, rules });
    expect(result.text).toBe(`${body(150)}\n\n${body(100)}`);
    expect(result.firedRules).toEqual(['safety-valve:greedy']);
  });

  it('does not apply a rule whose many small matches add up to too much', () => {
    const rules = compileCleanRules([{ name: 'sloppy', selector: 'li' }]);
    const items = Array.from({ length: 10 }, (_, i) => `<li>Item ${i}: the ferry leaves at nine.</li>`).join('');
    const result = cleanHtml(`<p>${body(100)}</p><ul>${items}</ul>`, { baseUrl: BASE, rules });
    expect(result.text).toContain('Item 9: the ferry leaves at nine.');
    expect(result.firedRules).toEqual(['safety-valve:sloppy']);
  });

  it('keeps a short article whose wrapper class says "share", and removes the share bar inside it', () => {
    const html = `<div class="story share-enabled"><p>${body(80)}</p><div class="share-buttons">分享到：<a href="https://weibo.com/s">微博</a></div></div>`;
    const result = cleanHtml(html, { baseUrl: BASE });
    expect(result.html).toBe(`<div><p>${body(80)}</p></div>`);
    expect(result.firedRules).toEqual(['safety-valve:share-bar', 'share-bar']);
  });

  it('applies the same rule when its share is small', () => {
    const rules = compileCleanRules([{ name: 'greedy', selector: 'p.note' }]);
    const html = `<p>${body(190)}</p><p>${body(190)}</p><p class="note">${body(100)}</p>`;
    expect(cleanHtml(html, { baseUrl: BASE, rules }).firedRules).toEqual(['greedy']);
  });

  it('lets removals under FRACTION_FLOOR characters through, so a page of nothing but boilerplate comes out empty', () => {
    const html = '<div class="share">分享到：<a href="https://weibo.com/s">微博</a></div><p>下载APP</p><p>Subscribe to our newsletter</p>';
    const result = cleanHtml(html, { baseUrl: BASE });
    expect(result).toEqual({ html: '', text: '', firedRules: ['share-bar', 'app-promo', 'newsletter-promo'] });
  });

  it('keeps a long promo that is the whole page: the valve cannot tell it from a short article', () => {
    const promo = 'Subscribe to our newsletter for a morning briefing on the stories that matter in your city.';
    const result = cleanHtml(`<p>${promo}</p>`, { baseUrl: BASE });
    expect(result.text).toBe(promo);
    expect(result.firedRules).toEqual(['safety-valve:newsletter-promo']);
  });

  it('keeps hidden text that is long enough to be body (collapsed "read more" sections)', () => {
    const html = `<p>${body(120)}</p><div style="display:none"><p>${body(400)}</p></div>`;
    const result = cleanHtml(html, { baseUrl: BASE });
    expect(result.text).toBe(`${body(120)}\n\n${body(400)}`);
    expect(result.firedRules).toEqual(['safety-valve:hidden-element']);
  });

  it("where: 'end' leaves a match that content follows", () => {
    const html = `<div>获取更多RSS：<a href="https://feeds.example.net">https://feeds.example.net</a></div><p>${body(100)}</p>`;
    const result = cleanHtml(html, { baseUrl: BASE });
    expect(result.text).toContain('获取更多RSS');
    expect(result.firedRules).toEqual([]);
  });

  it('rules given in the options replace the defaults', () => {
    const rules = compileCleanRules([{ name: 'byline-box', selector: '.byline' }]);
    const html = `<p class="byline">By A. Writer</p><div class="share">Post</div><p>${body(100)}</p>`;
    const result = cleanHtml(html, { baseUrl: BASE, rules });
    expect(result.html).toBe(`<div>Post</div><p>${body(100)}</p>`);
    expect(result.firedRules).toEqual(['byline-box']);
  });
});
