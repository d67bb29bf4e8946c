/**
 * extract/: an article page (already decoded to a string) → the article: title, byline, date,
 * language, lead image and body HTML, or a reason there is none. Mozilla Readability on linkedom,
 * wrapped with metadata from JSON-LD and <meta>, lazy-image and URL fixes, help for Chinese pages,
 * and per-host rules kept as validated data (rules/README.md). Pure: no file system, no network.
 */
export { extractArticle } from './extract-article.js';
export type { Extracted, ExtractMethod, ExtractOptions, NoArticle } from './types.js';
export { loadRules, ruleFor, rewriteUrl, type RuleSet, type SiteRule, type UrlRewrite } from './site-rules.js';
export { articleText, textBlocks, tokenF1, type TextBlock } from './text.js';
