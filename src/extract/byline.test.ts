import { describe, expect, it } from 'vitest';
import { joinNames, normalizeByline } from './byline.js';

describe('normalizeByline', () => {
  it.each([
    ['plain name', 'Maria Okafor', 'Maria Okafor'],
    ['"By" label', 'By Priya Natarajan', 'Priya Natarajan'],
    ['role after the name', 'By Maria Okafor, Transport Correspondent', 'Maria Okafor'],
    ['date and reading time after a middle dot', 'By Olivia Grant · January 27, 2024 · 6 min read', 'Olivia Grant'],
    ['"Words by" with a photographer credit', 'Words by Tom Reyes · Photographs by Ana Lindqvist', 'Tom Reyes'],
    ['a name that starts like the label', 'Byron Hale', 'Byron Hale'],
    ['作者 with a full-width colon', '作者：陈晓', '陈晓'],
    ['作者 with a full-width comma (BBC)', '作者，罗宁', '罗宁'],
    ['记者 without a separator', '记者林海', '林海'],
    ['记者 with a colon', '记者：林海', '林海'],
    ['撰文 with a list of names', '撰文：黃家明、林美玲', '黃家明、林美玲'],
    ['文／ label', '文／周远', '周远'],
    ['a name starting with 文 keeps it', '文静', '文静'],
    ['a date glued to the name', 'MEI LIN2024年3月1日', 'MEI LIN'],
    ['a date after the name', '记者：林海 2024-03-04', '林海'],
  ])('%s', (_case, raw, name) => {
    expect(normalizeByline(raw)).toBe(name);
  });

  it.each([
    ['a URL', 'https://www.example.net/staff/priya-natarajan'],
    ['a sentence', 'This article was written by our staff.'],
    ['too long to be a credit', 'x'.repeat(101)],
    ['only a label', 'By '],
    ['nothing', null],
  ])('gives up on %s', (_case, raw) => {
    expect(normalizeByline(raw)).toBeNull();
  });

  it('joins several people once each', () => {
    expect(joinNames(['黃家明', ' 林美玲 ', '黃家明'])).toBe('黃家明, 林美玲');
    expect(joinNames([])).toBeNull();
  });
});
