/**
 * cleanHtml: every article's HTML on its way to the reader, the archive and republished feeds.
 * The passes run in this order, each one file:
 *   parse → lazy images → trackers → boilerplate (with its safety valve) → iframes → URLs
 *   → render → allowlist (sanitize-html) → parse → tidy → render, text
 * The passes before the allowlist read what the allowlist will drop (class, id, style, data-*,
 * <noscript>); the allowlist is the only gate for what may reach a browser. Pure: no I/O, no
 * config; the caller passes the article URL and the rules.
 */
import { sanitize } from './allowlist.js';
import { removeBoilerplate } from './boilerplate.js';
import { flattenDeepNesting, parseHtml } from './dom.js';
import { rewriteIframes } from './iframes.js';
import { promoteLazyImages } from './lazy-images.js';
import type { CleanRules } from './rules.js';
import { DEFAULT_RULES } from './rules.js';
import { renderHtml } from './render.js';
import { toPlainText } from './text.js';
import { pruneEmpty, squeezeBlankText, trimEdgeSeparators } from './tidy.js';
import { removeTrackers } from './trackers.js';
import { rewriteUrls, toBaseUrl } from './urls.js';

export interface CleanOptions {
  /** The article's URL: relative links and images resolve against it. Null: only absolute URLs survive. */
  baseUrl: string | null;
  /** Boilerplate rules, compiled by compileCleanRules; DEFAULT_RULES when absent. */
  rules?: CleanRules;
}

export interface CleanResult {
  html: string;
  /** Plain text: paragraphs separated by a blank line. */
  text: string;
  /** What changed the article, in the order it first happened: rule names and built-in passes. */
  firedRules: string[];
}

/** Deeper nesting than this is flattened before any pass recurses into it. */
const MAX_DEPTH = 256;

export function cleanHtml(html: string, opts: CleanOptions): CleanResult {
  const fired = new Set<string>();
  const base = toBaseUrl(opts.baseUrl);
  const doc = parseHtml(html);
  if (flattenDeepNesting(doc, MAX_DEPTH)) fired.add('nesting-flattened');
  promoteLazyImages(doc, fired);
  removeTrackers(doc, fired);
  removeBoilerplate(doc, opts.rules ?? DEFAULT_RULES, fired);
  rewriteIframes(doc, base, fired);
  rewriteUrls(doc, base, fired);

  const clean = parseHtml(sanitize(renderHtml(doc)));
  if (pruneEmpty(clean) > 0) fired.add('empty-element');
  trimEdgeSeparators(clean);
  squeezeBlankText(clean);
  return { html: renderHtml(clean).trim(), text: toPlainText(clean), firedRules: [...fired] };
}
