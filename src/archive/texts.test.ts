import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packTexts, unpackTexts, type RevisionTexts } from './texts.js';

const article: RevisionTexts = {
  html: '<p>央行周三宣布降息。</p><div class="share">分享</div><p>The bank cut rates on Wednesday.</p>',
  fullHtml: null,
  cleanHtml: '<p>央行周三宣布降息。</p><p>The bank cut rates on Wednesday.</p>',
  cleanText: '央行周三宣布降息。\n\nThe bank cut rates on Wednesday.',
  summary: '央行宣布降息',
};

describe('packTexts / unpackTexts', () => {
  it('gives back every text exactly, nulls and odd characters included', () => {
    expect(unpackTexts(packTexts(article), 'a')).toEqual(article);
    const odd: RevisionTexts = { html: '\u0000"\\\n𠀀\uFEFF', fullHtml: '<main>x</main>', cleanHtml: null, cleanText: null, summary: null };
    expect(unpackTexts(packTexts(odd), 'a')).toEqual(odd);
  });

  it('keeps a clean HTML equal to the HTML once, and gives it back as itself', () => {
    const same = { ...article, cleanHtml: article.html };
    const packed = packTexts(same);
    expect(unpackTexts(packed, 'a')).toEqual(same);
    expect(packed.length).toBeLessThan(packTexts({ ...article, cleanHtml: `${article.html} ` }).length);
  });

  it('costs less than the HTML alone when the texts repeat it', () => {
    const body = Array.from({ length: 40 }, (_, i) => `<p>第${i}段：市场对利率走势的看法出现分歧，分析人士认为通胀仍需观察。</p>`).join('');
    const texts: RevisionTexts = { html: body, fullHtml: null, cleanHtml: body, cleanText: body.replace(/<[^>]+>/g, '\n'), summary: '市场对利率走势的看法出现分歧' };
    const plain = Buffer.byteLength(texts.html) + Buffer.byteLength(texts.cleanText ?? '') + Buffer.byteLength(texts.summary ?? '');
    expect(packTexts(texts).length).toBeLessThan(plain / 4);
  });

  it('names the revision and the fault when the bytes are not a pack', () => {
    expect(() => unpackTexts(Buffer.from('plain'), 'article 7 revision 2')).toThrow(/article 7 revision 2 cannot be read: it starts with byte 112, not format version 1/);
    expect(() => unpackTexts(Buffer.of(1, 9, 9, 9), 'r')).toThrow(/the stored texts of r cannot be read/);
    const notFive = Buffer.concat([Buffer.of(1), brotliCompressSync(Buffer.from('["a", 2]'))]);
    expect(() => unpackTexts(notFive, 'r')).toThrow(/does not hold the five texts/);
    expect(() => unpackTexts(new Uint8Array(0), 'r')).toThrow(/starts with byte nothing/);
  });
});
