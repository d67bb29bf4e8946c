/**
 * Full text and the clean version, for the articles of a refresh that are new or changed:
 * - fulltext 'never': the feed's HTML is the article;
 * - 'always': the article page is fetched and extracted (site rule first, then Readability);
 * - 'auto': the page is fetched only when the feed's HTML does not look like a whole article
 *   (short, or a single paragraph), and the extraction is used only when it is clearly longer.
 * Then every article's HTML goes through the clean stage. Page fetches go through the same
 * fetcher (politeness, size cap, private-address refusal) and run a few at a time; a page that
 * cannot be fetched or read leaves the feed's HTML in place and says why in `extraction`.
 */
import { cleanHtml, type CleanRules } from '../clean/index.js';
import { describeError } from '../core/index.js';
import { charsetFromContentType, decodeBytes } from '../encoding/index.js';
import { articleText, extractArticle, rewriteUrl, ruleFor, type RuleSet } from '../extract/index.js';
import type { Fetcher } from '../fetch/index.js';
import type { FulltextMode, IncomingArticle } from '../store/index.js';

export interface ArticleStages {
  siteRules: RuleSet;
  cleanRules?: CleanRules;
}

/** Feed HTML with at least this much text in more than one paragraph already is the article. */
// A summary is a paragraph of 50–120 CJK characters or 200–400 Latin ones; an article is longer, in paragraphs.
const FULL_TEXT_CHARS = { cjk: 150, other: 600 };
/** An extraction replaces the feed's HTML in 'auto' mode only when it has this much more text. */
const LONGER_BY = 1.5;
const PARALLEL_PAGES = 4;

export async function expandAndClean(
  articles: readonly IncomingArticle[],
  mode: FulltextMode,
  stages: ArticleStages,
  fetcher: Fetcher,
): Promise<IncomingArticle[]> {
  const out: IncomingArticle[] = new Array(articles.length);
  for (let i = 0; i < articles.length; i += PARALLEL_PAGES) {
    const batch = articles.slice(i, i + PARALLEL_PAGES);
    const done = await Promise.all(batch.map((a) => prepare(a, mode, stages, fetcher)));
    done.forEach((a, k) => (out[i + k] = a));
  }
  return out;
}

async function prepare(article: IncomingArticle, mode: FulltextMode, stages: ArticleStages, fetcher: Fetcher): Promise<IncomingArticle> {
  const feedText = articleText(article.html);
  const wanted = mode === 'always' || (mode === 'auto' && !looksComplete(article.html, feedText));
  let fullHtml: string | null = null;
  let extraction = 'feed';
  let warcDigest = article.warcDigest ?? null;
  if (wanted && /^https?:\/\//i.test(article.link)) {
    const page = await fetchArticle(article.link, stages.siteRules, fetcher);
    if (!page.ok) extraction = `failed: ${page.reason}`;
    else if (mode === 'always' || page.textLength >= feedText.length * LONGER_BY) {
      fullHtml = page.html;
      extraction = page.method;
      warcDigest = page.captured;
    }
  }
  const clean = cleanHtml(fullHtml ?? article.html, { baseUrl: article.link || null, ...(stages.cleanRules ? { rules: stages.cleanRules } : {}) });
  return { ...article, fullHtml, extraction, clean, warcDigest };
}

/** Enough text, in more than one paragraph, for the feed's HTML to be the whole article. */
function looksComplete(html: string, text: string): boolean {
  const cjk = (text.match(/[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/gu) ?? []).length;
  const long = cjk > text.length / 3 ? cjk >= FULL_TEXT_CHARS.cjk : text.length >= FULL_TEXT_CHARS.other;
  return long && text.split(/\n\s*\n/).length >= 2;
}

type Page = { ok: true; html: string; textLength: number; method: string; captured: string | null } | { ok: false; reason: string };

async function fetchArticle(link: string, rules: RuleSet, fetcher: Fetcher): Promise<Page> {
  const rule = ruleFor(rules, link);
  const url = rewriteUrl(rule, link);
  try {
    const res = await fetcher.fetch(url, { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' });
    if (res.kind !== 'ok') return { ok: false, reason: `${url}: ${res.kind}` };
    const { text } = decodeBytes(res.body, { httpCharset: charsetFromContentType(res.contentType), kind: 'html' });
    const found = extractArticle(text, { url: res.finalUrl, rule: ruleFor(rules, res.finalUrl) ?? rule });
    return found.ok ? { ok: true, html: found.contentHtml, textLength: found.textLength, method: found.method, captured: res.captured } : { ok: false, reason: found.reason };
  } catch (err) {
    return { ok: false, reason: describeError(err) };
  }
}
