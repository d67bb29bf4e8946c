/**
 * One run of Mozilla Readability over a prepared document. Two passes exist:
 *  - 'readability': Readability's defaults except charThreshold, which is our own article minimum
 *    (250 weighted characters, not 500). Below charThreshold Readability retries without stripping
 *    "unlikely" boxes and keeps the longest attempt; for a short article that longest attempt is
 *    the one that swallowed the comments (zh-short-brief measured F1 0.53 at 500, 1.00 at 250).
 *  - 'readability-relaxed': tried when the first result is not an article (too short, mostly
 *    links), on a document prepared without our pinyin class hints (extract-article.ts), in case
 *    they misfired on this site. More top candidates are compared (so content spread over several boxes is more often
 *    joined under their common parent) and links weigh less in conditional cleaning (Chinese
 *    portals link keywords inside paragraphs, which makes honest body boxes look "linky").
 * In both passes Readability measures text with CJK characters weighted (cjk.ts) and counts the
 * Chinese commas "，" and "、" wherever it counts ",". That patches three private methods (_grabArticle,
 * _getInnerText, _getCharCount) of @mozilla/readability 0.6, so it is applied only if all exist;
 * without them extraction still works, only without the CJK help, and the zh-pinyin-short-sentences
 * and zh-keyword-links fixtures fail to tell us.
 */
import { Readability } from '@mozilla/readability';
import { MIN_ARTICLE_WEIGHT } from './article-check.js';
import { widenForScoring } from './cjk.js';
import type { DomDocument, DomElement } from './dom.js';

export type ReadabilityPass = 'readability' | 'readability-relaxed';

export interface ReadabilityResult {
  /** Whatever the serializer returned for the article element. */
  content: string;
  title: string | null;
  byline: string | null;
  published: string | null;
  lang: string | null;
}

const PASS_OPTIONS: Record<ReadabilityPass, { charThreshold: number; nbTopCandidates: number; linkDensityModifier: number }> = {
  readability: { charThreshold: MIN_ARTICLE_WEIGHT, nbTopCandidates: 5, linkDensityModifier: 0 },
  'readability-relaxed': { charThreshold: MIN_ARTICLE_WEIGHT, nbTopCandidates: 10, linkDensityModifier: 0.25 },
};

interface ReadabilityInternals {
  _grabArticle?: (this: unknown, page?: unknown) => unknown;
  _getInnerText?: (this: unknown, el: unknown, normalizeSpaces?: boolean) => string;
  _getCharCount?: (this: unknown, el: unknown, s?: string) => number;
  REGEXPS?: { adWords?: RegExp; loadingWords?: RegExp };
}

/** Readability compares whole texts with these ("广告", "正在加载…"); padding would hide a match. */
function isExactLabel(reader: ReadabilityInternals, text: string): boolean {
  return Boolean(reader.REGEXPS?.adWords?.test(text) || reader.REGEXPS?.loadingWords?.test(text));
}

/** True when the running Readability has the methods the CJK patch wraps. */
export function canWeightCjk(): boolean {
  const proto = Readability.prototype as unknown as ReadabilityInternals;
  return typeof proto._grabArticle === 'function' && typeof proto._getInnerText === 'function' && typeof proto._getCharCount === 'function';
}

/** Widens CJK text, but only while the article is being scored: titles and metadata are read unwidened. */
function weightCjkWhileScoring(reader: object): void {
  if (!canWeightCjk()) return;
  const internals = reader as ReadabilityInternals;
  const grab = internals._grabArticle as NonNullable<ReadabilityInternals['_grabArticle']>;
  const innerText = internals._getInnerText as NonNullable<ReadabilityInternals['_getInnerText']>;
  const charCount = internals._getCharCount as NonNullable<ReadabilityInternals['_getCharCount']>;
  let scoring = false;
  // Conditional cleaning spares a box with 10 or more commas. Chinese writes "，" between clauses
  // and "、" between listed items, where English writes "," for both.
  internals._getCharCount = function (el, s) {
    const count = charCount.call(this, el, s);
    return (s ?? ',') === ',' ? count + charCount.call(this, el, '，') + charCount.call(this, el, '、') : count;
  };
  internals._getInnerText = function (el, normalizeSpaces) {
    const text = innerText.call(this, el, normalizeSpaces);
    return scoring && !isExactLabel(internals, text) ? widenForScoring(text) : text;
  };
  internals._grabArticle = function (page) {
    scoring = true;
    try {
      return grab.call(this, page);
    } finally {
      scoring = false;
    }
  };
}

function orNull(value: string | null | undefined): string | null {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : null;
}

/** Runs Readability; `serialize` turns the article element into the content it returns. Mutates `doc`. */
export function runReadability(doc: DomDocument, pass: ReadabilityPass, serialize: (article: DomElement) => string): ReadabilityResult | null {
  // linkDensityModifier exists in Readability 0.6 but not in its type declarations.
  const options: Record<string, unknown> = { ...PASS_OPTIONS[pass], serializer: (node: unknown) => serialize(node as DomElement) };
  const reader = new Readability(doc as never, options as ConstructorParameters<typeof Readability<string>>[1]);
  weightCjkWhileScoring(reader);
  const article = reader.parse();
  if (article === null || typeof article.content !== 'string') return null;
  return {
    content: article.content,
    title: orNull(article.title),
    byline: orNull(article.byline),
    published: orNull(article.publishedTime),
    lang: orNull(article.lang),
  };
}
