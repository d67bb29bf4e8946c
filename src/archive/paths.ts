/**
 * Where a record lives in the archive folder: its id, its feed's folder name and its relative path.
 * Pure string work; nothing here touches the file system. Paths always use "/" so they are the same
 * on every platform (Node's fs accepts "/" on Windows too).
 *
 * Layout: `{feedSlug}/{yyyy}/{mm}/{id}.txt` for the first version of an article, with its revisions
 * beside it as `{id}.r1.txt`, `{id}.r2.txt`, … Year and month are the publication time's, in UTC,
 * so a path never depends on the machine's time zone.
 *
 * Feed folder names (feedSlug): `{feedId}` or `{feedId}-{words}`, where words are the feed title's
 * ASCII letters and digits, lowercased, accents dropped (é → e), every other run of characters
 * turned into one "-", at most 40 characters, cut at a word boundary. A title with no ASCII words
 * (e.g. an all-Chinese one) gives just `{feedId}`. The id prefix is what identifies the feed; the words
 * are for people browsing the folder. The slug is a pure function of (feedId, title), so a feed whose
 * title changes gets a new folder: callers that want one folder for a feed's whole life compute the
 * slug once and keep it. Slugs contain only [a-z0-9-], so they are safe on every file system and
 * cannot collide on case-insensitive ones.
 */
import { createHash } from 'node:crypto';
import { FeedkeeperError } from '../core/index.js';
import { isValidPublishedMs, MAX_PUBLISHED_MS } from './record.js';

const RECORD_ID = /^[0-9a-f]{16}$/;
const SAFE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_TITLE_WORDS_LENGTH = 40;

/** The record id of an article: the first 16 hex digits (64 bits) of the SHA-256 of its key, in UTF-8. */
export function recordId(articleKey: string): string {
  return createHash('sha256').update(articleKey, 'utf8').digest('hex').slice(0, 16);
}

/** `{feed}/{yyyy}/{mm}/{id}.txt`, or `{feed}/{yyyy}/{mm}/{id}.r{revision}.txt` for revision ≥ 1. */
export function recordPath(feedSlug: string, publishedMs: number, id: string, revision?: number): string {
  if (!SAFE_SLUG.test(feedSlug)) {
    invalid(`expected a feed slug of lowercase letters, digits and single "-" (from feedSlug()), got ${JSON.stringify(feedSlug)}`);
  }
  if (!isValidPublishedMs(publishedMs)) {
    invalid(`expected publishedMs to be an integer from 0 to ${MAX_PUBLISHED_MS} (epoch ms), got ${String(publishedMs)}`);
  }
  if (!RECORD_ID.test(id)) invalid(`expected a record id of 16 lowercase hex digits (from recordId()), got ${JSON.stringify(id)}`);
  if (revision !== undefined && !(Number.isSafeInteger(revision) && revision >= 1)) {
    invalid(`expected revision to be an integer ≥ 1 (leave it out for the first version), got ${String(revision)}`);
  }
  const date = new Date(publishedMs);
  const yyyy = String(date.getUTCFullYear()).padStart(4, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  const file = revision === undefined ? `${id}.txt` : `${id}.r${revision}.txt`;
  return `${feedSlug}/${yyyy}/${mm}/${file}`;
}

/** The folder name of a feed: `12`, or `12-bbc-news` when the title has ASCII words. */
export function feedSlug(feedId: number, title?: string | null): string {
  if (!(Number.isSafeInteger(feedId) && feedId >= 1)) {
    throw new FeedkeeperError('RECORD_INVALID', `feedSlug: expected a feed id that is an integer ≥ 1, got ${String(feedId)}`);
  }
  const words = titleWords(title ?? '');
  return words === '' ? String(feedId) : `${feedId}-${words}`;
}

function titleWords(title: string): string {
  const words = title
    .toLowerCase() // before NFKD: "İ" lowercases to "i" + a combining dot, which the next step drops
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // combining marks left by NFKD: é → e + ◌́ → e
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (words.length <= MAX_TITLE_WORDS_LENGTH) return words;
  const cut = words.slice(0, MAX_TITLE_WORDS_LENGTH + 1);
  const lastDash = cut.lastIndexOf('-');
  // Cut at the last whole word; a single very long word is cut mid-word.
  return (lastDash > 0 ? cut.slice(0, lastDash) : cut.slice(0, MAX_TITLE_WORDS_LENGTH)).replace(/-+$/, '');
}

function invalid(message: string): never {
  throw new FeedkeeperError('RECORD_INVALID', `recordPath: ${message}`);
}
