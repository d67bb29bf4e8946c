/**
 * extractArticle: one page in, an article or a reason out. The steps, in order:
 *  1. parse (linkedom, dom.ts) and read the metadata (JSON-LD, <meta>) before anything is removed;
 *  2. prepare: resolve lazy images, unwrap galleries, drop scripts and styles, absolutize URLs, add
 *     pinyin class hints;
 *  3. with a site rule, take the content its selector names (method 'rule'), else, or when that
 *     finds nothing, run Readability, then Readability relaxed (readability-pass.ts) on a fresh
 *     document without the pinyin hints;
 *  4. accept the first content that passes judgeContent, or return NoArticle with the last reason.
 * Pure: no I/O. Each attempt that follows one which changed the document gets a fresh parse.
 */
import { applyRule } from './apply-rule.js';
import { judgeContent, MIN_ARTICLE_WEIGHT } from './article-check.js';
import { normalizeByline } from './byline.js';
import { addPinyinClassHints, weightedLength } from './cjk.js';
import { finishContent, type FinishedContent } from './content.js';
import { unwrapFigureGroups } from './figures.js';
import { parseDocument, selectAll, textOf, type DomDocument } from './dom.js';
import { normalizeIsoDate } from './iso-date.js';
import { resolveLazyImages } from './lazy-images.js';
import { readPageMetadata, type PageMetadata } from './metadata.js';
import { runReadability, type ReadabilityPass } from './readability-pass.js';
import type { SiteRule } from './site-rules.js';
import type { Extracted, ExtractMethod, ExtractOptions, NoArticle } from './types.js';
import { absolutizeUrls, documentBase } from './urls.js';

const PASSES: readonly ReadabilityPass[] = ['readability', 'readability-relaxed'];

interface Found {
  method: ExtractMethod;
  content: FinishedContent;
  text: string;
  title: string | null;
  byline: string | null;
  published: string | null;
  lang: string | null;
}

/** Pinyin hints are our guess about a site's class names; the relaxed pass runs without them in case they misfired. */
function prepare(html: string, url: string | null, hints = true): { doc: DomDocument; meta: PageMetadata } {
  const doc = parseDocument(html);
  const base = documentBase(doc, url);
  const meta = readPageMetadata(doc, base);
  resolveLazyImages(doc);
  unwrapFigureGroups(doc);
  for (const el of selectAll(doc, 'script, style, template, noscript')) el.remove();
  absolutizeUrls(doc, base);
  if (hints) addPinyinClassHints(doc);
  return { doc, meta };
}

function fromRule(doc: DomDocument, rule: SiteRule, metaTitle: string | null): Found | null {
  const ruled = applyRule(doc, rule);
  if (ruled === null) return null;
  const content = finishContent(ruled.root, ruled.title ?? metaTitle);
  const verdict = judgeContent(content.html);
  if (!verdict.ok) return null;
  return { method: 'rule', content, text: verdict.text, title: ruled.title, byline: ruled.byline, published: ruled.published, lang: null };
}

function fromReadability(doc: DomDocument, pass: ReadabilityPass, title: string | null): Found | { reason: string } {
  const finished: { content: FinishedContent | null } = { content: null };
  const result = runReadability(doc, pass, (article) => {
    finished.content = finishContent(article, title);
    return finished.content.html;
  });
  const content = finished.content;
  if (result === null || content === null) return { reason: 'no article content found: Readability found no candidate' };
  const verdict = judgeContent(result.content);
  if (!verdict.ok) return { reason: verdict.reason };
  return {
    method: pass, content, text: verdict.text, title: result.title, byline: normalizeByline(result.byline),
    published: normalizeIsoDate(result.published), lang: result.lang,
  };
}

function toExtracted(found: Found, meta: PageMetadata): Extracted {
  return {
    ok: true,
    title: (found.method === 'rule' ? found.title : null) ?? meta.title ?? found.title,
    byline: (found.method === 'rule' ? found.byline : null) ?? meta.byline ?? found.byline,
    published: (found.method === 'rule' ? found.published : null) ?? meta.published ?? found.published,
    lang: meta.lang ?? found.lang,
    leadImage: meta.imageCandidates[0] ?? found.content.firstImage,
    contentHtml: found.content.html,
    textLength: found.text.length,
    method: found.method,
  };
}

export function extractArticle(html: string, opts: ExtractOptions): Extracted | NoArticle {
  const first = prepare(html, opts.url);
  const { meta } = first;
  const pageText = textOf(first.doc.body);
  let fresh: DomDocument | null = first.doc;
  // Rules and Readability change the document as they go; a second attempt needs a new one.
  const takeDoc = (pass: ReadabilityPass | 'rule') => {
    const doc = fresh ?? prepare(html, opts.url, pass !== 'readability-relaxed').doc;
    fresh = null;
    return doc;
  };
  if (opts.rule) {
    const found = fromRule(takeDoc('rule'), opts.rule, meta.title);
    if (found !== null) return toExtracted(found, meta);
  }
  let reason = 'no article content found';
  for (const pass of PASSES) {
    const found = fromReadability(takeDoc(pass), pass, meta.title);
    if ('method' in found) return toExtracted(found, meta);
    reason = found.reason;
  }
  if (weightedLength(pageText) < MIN_ARTICLE_WEIGHT) reason = `no article content found: the page has ${pageText.length} characters of text`;
  return { ok: false, reason };
}
