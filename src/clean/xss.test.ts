/**
 * The XSS table (testdata/xss-vectors.json, shared with the reader's browser test): every vector
 * is cleaned, then the output is parsed twice, by htmlparser2 and by jsdom (parse5, the HTML
 * standard's parser, which is how a browser will read it), and checked for anything executable:
 * no element outside the allowlist, no event handler or style, no URL that is not absolute
 * http(s) (or mailto for links), no frame outside the video hosts.
 */
import { readFileSync } from 'node:fs';
import { DomUtils, parseDocument } from 'htmlparser2';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { cleanHtml } from './index.js';

interface Vector {
  name: string;
  html: string;
}

const vectors = JSON.parse(readFileSync(new URL('./testdata/xss-vectors.json', import.meta.url), 'utf8')) as Vector[];
const BASE = 'https://news.example.com/2024/01/31/story.html';

const SAFE_ELEMENTS = new Set(
  ('p br h2 h3 h4 h5 h6 a img figure figcaption picture source blockquote q cite ul ol li dl dt dd table caption colgroup col ' +
    'thead tbody tfoot tr th td strong em b i u s del ins sub sup small mark code pre kbd samp hr time abbr span div ruby rt rp ' +
    'video audio iframe details summary').split(' '),
);
const SAFE_ATTRIBUTES = new Set(
  ('lang dir title href target rel src srcset sizes alt width height type media poster controls sandbox allowfullscreen ' +
    'loading referrerpolicy datetime colspan rowspan scope span start reversed value open').split(' '),
);
const VIDEO_HOSTS = new Set(['www.youtube.com', 'youtube.com', 'www.youtube-nocookie.com', 'youtube-nocookie.com', 'player.vimeo.com', 'player.bilibili.com', 'www.dailymotion.com']);

/**
 * Vectors whose raw form a browser reads, in a <body>, as comments, text or nothing (other
 * parsers have read them differently, which is why they are in the table).
 */
const RAW_VECTORS_WITHOUT_ELEMENTS = [
  'script inside an attribute value',
  'conditional comment',
  'CDATA section in HTML',
  'body onload',
  'frameset onload',
  'unclosed attribute quote',
  'iframe text content with entity-encoded markup',
];

interface SeenElement {
  name: string;
  attributes: Array<[string, string]>;
}

/** Every problem found in one element; an empty list means it is inert. */
function problemsOf({ name, attributes }: SeenElement): string[] {
  const problems: string[] = [];
  if (!SAFE_ELEMENTS.has(name)) problems.push(`element <${name}>`);
  for (const [attr, value] of attributes) {
    if (!SAFE_ATTRIBUTES.has(attr)) problems.push(`<${name} ${attr}>`);
    if (attr === 'href' && !isUrl(value, ['http:', 'https:', 'mailto:'])) problems.push(`<${name} href="${value}">`);
    if ((attr === 'src' || attr === 'poster') && !isUrl(value, name === 'iframe' ? ['https:'] : ['http:', 'https:'])) problems.push(`<${name} ${attr}="${value}">`);
    if (attr === 'srcset' && !value.split(/,\s+/).every((c) => isUrl(c.split(/\s+/)[0] ?? '', ['http:', 'https:']))) problems.push(`<${name} srcset="${value}">`);
    if (name === 'iframe' && attr === 'src' && !VIDEO_HOSTS.has(new URL(value).hostname)) problems.push(`<iframe src="${value}">`);
  }
  return problems;
}

function isUrl(value: string, protocols: readonly string[]): boolean {
  if (value !== value.trim()) return false;
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function elementsByHtmlparser2(html: string): SeenElement[] {
  return DomUtils.findAll(() => true, parseDocument(html).children).map((el) => ({ name: el.name, attributes: Object.entries(el.attribs) }));
}

function elementsByJsdom(html: string): SeenElement[] {
  // A silent console: raw vectors hold CSS that jsdom cannot parse, and it would say so on stderr.
  const { document } = new JSDOM(`<!doctype html><html><head></head><body>${html}</body></html>`, { virtualConsole: new VirtualConsole() }).window;
  const wrapper = new Set(['html', 'head', 'body']);
  return [...document.querySelectorAll('*')]
    .filter((el) => !wrapper.has(el.localName))
    .map((el) => ({ name: el.localName, attributes: [...el.attributes].map((a): [string, string] => [a.name, a.value]) }));
}

describe('XSS vectors come out inert', () => {
  it('has the table', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(40);
  });

  it('the checker is not blind: it finds the attack in (nearly) every raw vector', () => {
    const unseen = vectors.filter((v) => elementsByJsdom(v.html).flatMap(problemsOf).length === 0).map((v) => v.name);
    expect(unseen).toEqual(RAW_VECTORS_WITHOUT_ELEMENTS);
  });

  it.each(vectors.map((v) => [v.name, v.html] as const))('%s', (_name, html) => {
    const { html: out } = cleanHtml(html, { baseUrl: BASE });
    expect(elementsByHtmlparser2(out).flatMap(problemsOf)).toEqual([]);
    expect(elementsByJsdom(out).flatMap(problemsOf)).toEqual([]);
    expect(out).not.toMatch(/javascript:|vbscript:|data:/i);
  });

  it('without a base URL too', () => {
    for (const { html } of vectors) {
      const { html: out } = cleanHtml(html, { baseUrl: null });
      expect(elementsByJsdom(out).flatMap(problemsOf)).toEqual([]);
    }
  });

  it('cleaning is stable: cleaning the output again changes nothing', () => {
    for (const { html } of vectors) {
      const once = cleanHtml(html, { baseUrl: BASE }).html;
      expect(cleanHtml(once, { baseUrl: BASE }).html).toBe(once);
    }
  });
});
