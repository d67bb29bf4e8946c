/**
 * Golden pages: every folder in testdata/ holds page.html (a page we wrote, modelled on a real
 * news layout) and expected.json: the page URL, then either `"ok": false` (no article) or the
 * metadata, which must match exactly, the article text, which must reach a token F1 of MIN_F1
 * (or the case's own `minF1`), and `images` that must appear in the content. Pages whose host has
 * a shipped rule (rules/*.json) are extracted with it; `method` is checked when given.
 * On a text mismatch the failure names the first differing paragraph and its path in the content.
 * `UPDATE_GOLDEN=1` rewrites title, byline, published, lang, leadImage and text from the output
 * (review the diff: the expected text was written by hand).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { articleText, extractArticle, loadRules, ruleFor, textBlocks, tokenF1, type Extracted } from './index.js';

const MIN_F1 = 0.9;
const root = fileURLToPath(new URL('./testdata/', import.meta.url));
const rulesDir = fileURLToPath(new URL('./rules/', import.meta.url));
const cases = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const rules = loadRules(readdirSync(rulesDir).filter((f) => f.endsWith('.json')).map((name) => ({ name, text: readFileSync(join(rulesDir, name), 'utf8') })));
const update = process.env.UPDATE_GOLDEN === '1';

interface Expected {
  url: string;
  ok: boolean;
  method?: string;
  title?: string | null;
  byline?: string | null;
  published?: string | null;
  lang?: string | null;
  leadImage?: string | null;
  images?: string[];
  minF1?: number;
  note?: string;
  text?: string;
}

/** "paragraph 3 (div > p:nth-of-type(3)): expected …, got …" for the first paragraph that differs. */
function firstDifference(contentHtml: string, expectedText: string): string {
  const actual = textBlocks(contentHtml);
  const expected = expectedText.split(/\n{2,}/);
  const clip = (s: string | undefined) => (s === undefined ? '(nothing)' : JSON.stringify(s.length > 90 ? `${s.slice(0, 90)}…` : s));
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    if (actual[i]?.text !== expected[i]) {
      const where = actual[i]?.path ?? actual[actual.length - 1]?.path ?? '(empty content)';
      return `first differing paragraph: ${i + 1} at ${where}\n  expected ${clip(expected[i])}\n  got      ${clip(actual[i]?.text)}`;
    }
  }
  return 'paragraphs are identical';
}

function imageSources(html: string): string[] {
  return [...html.matchAll(/<img\b[^>]*?\ssrc="([^"]*)"/gi)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
}

function rewrite(path: string, expected: Expected, got: Extracted): void {
  const { title, byline, published, lang, leadImage } = got;
  writeFileSync(path, `${JSON.stringify({ ...expected, title, byline, published, lang, leadImage, text: articleText(got.contentHtml) }, null, 2)}\n`);
}

describe('extract golden pages', () => {
  it('has enough pages, Chinese and English, with and without articles', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
    expect(cases.filter((c) => c.startsWith('zh-') || c.startsWith('rule-')).length).toBeGreaterThanOrEqual(6);
    expect(cases.filter((c) => c.startsWith('en-')).length).toBeGreaterThanOrEqual(4);
  });

  it.each(cases)('%s', (name) => {
    const html = readFileSync(join(root, name, 'page.html'), 'utf8');
    const expectedPath = join(root, name, 'expected.json');
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected;
    const result = extractArticle(html, { url: expected.url, rule: ruleFor(rules, expected.url) });
    if (!expected.ok) {
      expect(result.ok, result.ok ? `expected no article, got ${result.textLength} characters by ${result.method}` : '').toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/^no article content found: /);
      return;
    }
    if (!result.ok) throw new Error(`expected an article, got NoArticle: ${result.reason}`);
    if (update) rewrite(expectedPath, expected, result);
    const { title, byline, published, lang, leadImage } = result;
    expect({ title, byline, published, lang, leadImage }).toEqual({
      title: expected.title, byline: expected.byline, published: expected.published, lang: expected.lang, leadImage: expected.leadImage,
    });
    if (expected.method !== undefined) expect(result.method).toBe(expected.method);
    const f1 = tokenF1(articleText(result.contentHtml), expected.text ?? '');
    expect(f1, `token F1 ${f1.toFixed(3)} < ${expected.minF1 ?? MIN_F1}; ${firstDifference(result.contentHtml, expected.text ?? '')}`).toBeGreaterThanOrEqual(expected.minF1 ?? MIN_F1);
    expect(result.textLength).toBe(articleText(result.contentHtml).length);
    const sources = imageSources(result.contentHtml);
    for (const image of expected.images ?? []) expect(sources, `image ${image} in the content`).toContain(image);
    for (const src of sources) expect(src, 'every image URL is absolute').toMatch(/^https?:\/\//);
  });
});
