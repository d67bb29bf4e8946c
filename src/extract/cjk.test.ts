import { describe, expect, it } from 'vitest';
import { addPinyinClassHints, CJK_WEIGHT, countCjk, weightedLength, widenForScoring } from './cjk.js';
import { parseDocument } from './dom.js';

describe('CJK weighting', () => {
  it('counts Han and Kana, not punctuation, Latin or the kana length mark', () => {
    // ー (U+30FC) belongs to no script (Common), like punctuation.
    expect(countCjk('首班车，ニュース。abc')).toBe(6);
    expect(weightedLength('首班车abc')).toBe(6 + 3 * (CJK_WEIGHT - 1));
  });

  it('pads at the end only, so commas and prefixes stay where they were', () => {
    const widened = widenForScoring('你好，世界');
    expect(widened.length).toBe(weightedLength('你好，世界'));
    expect(widened.startsWith('你好，世界')).toBe(true);
    expect(widened.split(/\uFF0C/).length).toBe(2);
    expect(/\s/.test(widened.slice(5))).toBe(false);
    expect(widenForScoring('plain English')).toBe('plain English');
  });
});

describe('addPinyinClassHints', () => {
  it.each([
    ['pinglun (comments)', '<div class="pinglun">', 'pinglun comment'],
    ['pl_list (comments, with a box suffix)', '<div class="pl_list">', 'pl_list comment'],
    ['xgyd_item (相关阅读)', '<div class="xgyd_item">', 'xgyd_item comment'],
    ['an id in pinyin', '<div id="remen-news">', 'comment'],
    ['zhengwen (body text)', '<div class="zhengwen">', 'zhengwen article-content'],
    ['Tailwind padding is not pinyin', '<div class="pl-4 pt-2">', 'pl-4 pt-2'],
    ['English class names are left alone', '<div class="story-body">', 'story-body'],
  ])('%s', (_case, open, className) => {
    const doc = parseDocument(`<body>${open}x</div></body>`);
    addPinyinClassHints(doc);
    expect(doc.body.querySelector('div')?.className).toBe(className);
  });
});
