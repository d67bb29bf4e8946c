/**
 * The extract stage's contract: an article found in a page, or the reason there is none.
 * `ok` tells them apart. Missing values are null, never undefined or empty strings.
 */
import type { SiteRule } from './site-rules.js';

export type ExtractMethod = 'rule' | 'readability' | 'readability-relaxed';

export interface Extracted {
  ok: true;
  title: string | null;
  byline: string | null;
  /** ISO-8601 UTC (`2024-01-31T11:33:00.000Z`). */
  published: string | null;
  /** As the page declares it (`zh-CN`, `en-GB`, `zh-Hant-HK`); og:locale's `_` becomes `-`. */
  lang: string | null;
  /** Absolute URL. */
  leadImage: string | null;
  /** The article body as HTML, URLs absolute, lazy images resolved; not yet sanitized (that is clean/'s job). */
  contentHtml: string;
  /** Characters of articleText(contentHtml). */
  textLength: number;
  method: ExtractMethod;
}

export interface NoArticle {
  ok: false;
  /** For people: `no article content found: the page has 40 characters of text`. */
  reason: string;
}

export interface ExtractOptions {
  /** The page's URL (after redirects), for relative links; null when unknown. */
  url: string | null;
  /** The site rule for this URL (see ruleFor), if any. */
  rule?: SiteRule | null;
}
