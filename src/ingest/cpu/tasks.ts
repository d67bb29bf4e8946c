/**
 * The CPU-bound part of a refresh, as tasks that take and return plain data: parsing a feed
 * document, judging whether a feed's HTML is the whole article, extracting an article page, and
 * cleaning and analyzing the chosen HTML for the search index. Pure (no store, no network), so the
 * same functions run inline or in worker threads (pool.ts, worker.ts) and give the same results.
 *
 * Each result carries `spent`: milliseconds per stage, for the per-stage profile of `bench ingest`.
 * Failures come back as values (FailedTask), since an Error crossing a thread loses its class and code.
 */
import { threadId } from 'node:worker_threads';
import { packTexts } from '../../archive/index.js';
import { cleanHtml, type CleanResult, type CleanRules } from '../../clean/index.js';
import { FeedkeeperError, isFeedkeeperError, type ErrorCode } from '../../core/index.js';
import { charsetFromContentType, decodeBytes } from '../../encoding/index.js';
import { articleText, extractArticle, ruleFor, type RuleSet } from '../../extract/index.js';
import { parseFeed, type ParseResult } from '../../parse/index.js';
import { articleStreams, type FieldStreams } from '../../search/index.js';
import type { FulltextMode } from '../../store/index.js';

export type Stage = 'parse' | 'judge' | 'extract' | 'clean' | 'analyze' | 'pack';
export type Spent = Partial<Record<Stage, number>>;

export interface TaskRules {
  siteRules: RuleSet;
  cleanRules?: CleanRules;
}

/** A feed's HTML for one article, and what the index needs besides its clean text. */
export interface FeedArticleInput {
  html: string;
  /** The feed's summary: packed with the texts the store keeps. */
  summary: string | null;
  link: string;
  title: string;
  author: string | null;
}

/** What the store keeps of an article's final version besides the feed's fields. */
export interface Finished {
  /** The extracted article when it replaced the feed's HTML. */
  fullHtml: string | null;
  extraction: string;
  clean: CleanResult;
  streams: FieldStreams[];
  /** The revision's texts as the store keeps them (archive/texts.ts), packed here, off the main thread. */
  packedTexts: Uint8Array;
}

export type JudgedArticle = { kind: 'done'; finished: Finished } | { kind: 'page'; feedTextLength: number };

export interface PageInput {
  article: FeedArticleInput;
  mode: FulltextMode;
  feedTextLength: number;
  /** The page as fetched; the article link's rule applies when the final URL has none. */
  body: Uint8Array;
  contentType: string | null;
  finalUrl: string;
}

export type CpuTask =
  | { kind: 'parse'; body: Uint8Array; httpCharset: string | null; baseUrl: string }
  | { kind: 'articles'; mode: FulltextMode; items: FeedArticleInput[] }
  | { kind: 'page'; page: PageInput }
  /** The page could not be fetched: the feed's HTML is cleaned, with the reason kept. */
  | { kind: 'fallback'; article: FeedArticleInput; extraction: string }
  /** Answers, with the thread's id (0: the main thread), once the thread has loaded its code: the pool's warm-up. */
  | { kind: 'ready' };

export interface FailedTask {
  failed: { code: ErrorCode | null; message: string; details: Record<string, unknown> };
}

export type TaskResult<K extends CpuTask['kind']> = (K extends 'parse'
  ? { value: ParseResult }
  : K extends 'articles'
    ? { value: JudgedArticle[] }
    : K extends 'ready'
      ? { value: number }
      : { value: Finished }) & { spent: Spent };

/** Feed HTML with at least this much text in more than one paragraph already is the article. */
// A summary is a paragraph of 50–120 CJK characters or 200–400 Latin ones; an article is longer, in paragraphs.
const FULL_TEXT_CHARS = { cjk: 150, other: 600 };
/** An extraction replaces the feed's HTML in 'auto' mode only when it has this much more text. */
const LONGER_BY = 1.5;

export function runTask(task: CpuTask, rules: TaskRules): TaskResult<CpuTask['kind']> | FailedTask {
  const spent: Spent = {};
  try {
    switch (task.kind) {
      case 'parse':
        return { value: timed(spent, 'parse', () => parseFeed(task.body, { httpCharset: task.httpCharset, baseUrl: task.baseUrl })), spent };
      case 'articles':
        return { value: task.items.map((item) => judge(item, task.mode, rules, spent)), spent };
      case 'page':
        return { value: fromPage(task.page, rules, spent), spent };
      case 'fallback':
        return { value: finish(task.article, null, task.extraction, rules, spent), spent };
      case 'ready':
        return { value: threadId, spent };
    }
  } catch (err) {
    return failed(err);
  }
}

/** A failure as a value; `rethrow` turns it back into the error on the caller's thread. */
function failed(err: unknown): FailedTask {
  if (isFeedkeeperError(err)) return { failed: { code: err.code, message: err.message, details: { ...err.details } } };
  return { failed: { code: null, message: err instanceof Error ? (err.stack ?? err.message) : String(err), details: {} } };
}

export function rethrow(f: FailedTask): never {
  if (f.failed.code !== null) throw new FeedkeeperError(f.failed.code, f.failed.message, { details: f.failed.details });
  throw new Error(`in an ingest worker thread: ${f.failed.message}`);
}

export const isFailed = (r: object): r is FailedTask => 'failed' in r;

/** 'never' or a feed HTML that is the whole article: done here; else the page is wanted. */
function judge(item: FeedArticleInput, mode: FulltextMode, rules: TaskRules, spent: Spent): JudgedArticle {
  const feedText = timed(spent, 'judge', () => articleText(item.html));
  const wanted = mode === 'always' || (mode === 'auto' && !timed(spent, 'judge', () => looksComplete(feedText)));
  if (wanted && /^https?:\/\//i.test(item.link)) return { kind: 'page', feedTextLength: feedText.length };
  return { kind: 'done', finished: finish(item, null, 'feed', rules, spent) };
}

/** Enough text, in more than one paragraph, for the feed's HTML to be the whole article. */
function looksComplete(text: string): boolean {
  const cjk = (text.match(/[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/gu) ?? []).length;
  const long = cjk > text.length / 3 ? cjk >= FULL_TEXT_CHARS.cjk : text.length >= FULL_TEXT_CHARS.other;
  return long && text.split(/\n\s*\n/).length >= 2;
}

function fromPage(page: PageInput, rules: TaskRules, spent: Spent): Finished {
  const found = timed(spent, 'extract', () => {
    const { text } = decodeBytes(page.body, { httpCharset: charsetFromContentType(page.contentType), kind: 'html' });
    const rule = ruleFor(rules.siteRules, page.finalUrl) ?? ruleFor(rules.siteRules, page.article.link);
    return extractArticle(text, { url: page.finalUrl, rule });
  });
  if (!found.ok) return finish(page.article, null, `failed: ${found.reason}`, rules, spent);
  if (page.mode === 'always' || found.textLength >= page.feedTextLength * LONGER_BY) return finish(page.article, found.contentHtml, found.method, rules, spent);
  return finish(page.article, null, 'feed', rules, spent);
}

function finish(article: FeedArticleInput, fullHtml: string | null, extraction: string, rules: TaskRules, spent: Spent): Finished {
  const clean = timed(spent, 'clean', () => cleanHtml(fullHtml ?? article.html, { baseUrl: article.link || null, ...(rules.cleanRules ? { rules: rules.cleanRules } : {}) }));
  const streams = timed(spent, 'analyze', () => articleStreams({ title: article.title, author: article.author, cleanText: clean.text }));
  const packedTexts = timed(spent, 'pack', () => packTexts({ html: article.html, fullHtml, cleanHtml: clean.html, cleanText: clean.text, summary: article.summary }));
  return { fullHtml, extraction, clean, streams, packedTexts };
}

function timed<T>(spent: Spent, stage: Stage, run: () => T): T {
  const start = performance.now();
  try {
    return run();
  } finally {
    spent[stage] = (spent[stage] ?? 0) + performance.now() - start;
  }
}
