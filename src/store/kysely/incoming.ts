/**
 * Checks incoming articles before any of them is written, and drops repeated keys from one batch.
 * Types describe what callers should pass; this guards against what they actually pass (a record
 * read from a file, a parser bug), so a bad article fails the whole refresh with a message naming
 * it instead of storing half a row. Shared by applyRefresh and importRecord.
 *
 * Repeated keys: a feed may list the same guid twice. The FIRST occurrence wins and later ones are
 * ignored and not counted. (Keeping both would store two revisions in one refresh, and then two more
 * on every refresh after that, as the hashes alternate.)
 */
import { FeedkeeperError } from '../../core/index.js';
import type { IncomingArticle } from '../store.js';

type Check = [field: keyof IncomingArticle, expected: string, ok: (value: unknown) => boolean];

const isString = (v: unknown): boolean => typeof v === 'string';
const isNonEmptyString = (v: unknown): boolean => typeof v === 'string' && v !== '';
const isNullableString = (v: unknown): boolean => v === null || typeof v === 'string';
const isEpochMs = (v: unknown): boolean => Number.isSafeInteger(v);
const isNullableEpochMs = (v: unknown): boolean => v === null || Number.isSafeInteger(v);
const isRecordId = (v: unknown): boolean => typeof v === 'string' && /^[0-9a-f]{16}$/.test(v);
const isStringArray = (v: unknown): boolean => Array.isArray(v) && v.every((item) => typeof item === 'string');

const CHECKS: readonly Check[] = [
  ['key', 'a non-empty string', isNonEmptyString],
  ['title', 'a string', isString],
  ['link', 'a string', isString],
  ['author', 'a string or null', isNullableString],
  ['publishedAt', 'an integer (epoch ms)', isEpochMs],
  ['updatedAt', 'an integer (epoch ms) or null', isNullableEpochMs],
  ['summary', 'a string or null', isNullableString],
  ['html', 'a string', isString],
  ['categories', 'an array of strings', isStringArray],
  ['contentHash', 'a non-empty string', isNonEmptyString],
  ['recordId', '16 lowercase hex characters', isRecordId],
  ['packedTexts', 'bytes (archive/texts.ts) or absent', (v) => v === undefined || v instanceof Uint8Array],
];

/** Throws RECORD_INVALID for the first bad field of the first bad article. */
export function validateArticles(articles: readonly IncomingArticle[], doing: string): void {
  if (!Array.isArray(articles)) {
    throw new FeedkeeperError('RECORD_INVALID', `${doing}: expected an array of articles, got ${typeof articles}`);
  }
  articles.forEach((article, index) => validateArticle(article, `${doing}: article ${index + 1}`));
}

export function validateArticle(article: IncomingArticle, where: string): void {
  if (typeof article !== 'object' || article === null) {
    throw new FeedkeeperError('RECORD_INVALID', `${where}: expected an article object, got ${String(article)}`);
  }
  for (const [field, expected, ok] of CHECKS) {
    const value: unknown = article[field];
    if (!ok(value)) {
      const key = typeof article.key === 'string' ? ` (key ${JSON.stringify(article.key)})` : '';
      throw new FeedkeeperError('RECORD_INVALID', `${where}${key}: expected ${field} to be ${expected}, got ${describe(value)}`, {
        details: { field },
      });
    }
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : typeof value;
}

/** The articles with repeated keys removed, first occurrence kept, order otherwise unchanged. */
export function firstOfEachKey(articles: readonly IncomingArticle[]): IncomingArticle[] {
  const seen = new Set<string>();
  return articles.filter((article) => {
    if (seen.has(article.key)) return false;
    seen.add(article.key);
    return true;
  });
}
