/**
 * The deterministic article archive the search bench indexes: about 60% Chinese and 40% English
 * news articles, each a headline, an author and 300–1,500 characters of clean body text in
 * paragraphs, spread over a few hundred feeds and two years. Article i depends only on
 * (seed, i), so a suite can regenerate any batch instead of holding 200,000 articles in memory.
 * Chinese bodies open with the usual 本报讯（记者…） byline, which puts rare names in the text.
 */
import { createRng, deriveSeed, type Rng } from './prng.js';
import { writerFor, type Lang, type NewsWriter } from './writer.js';

export interface ArchiveFeed {
  index: number;
  lang: Lang;
  url: string;
  /** The feed's own title, e.g. `晨江日报 · 交通` or `Eastfield Daily · Transit`. */
  title: string;
}

export interface ArchiveArticle {
  index: number;
  /** Index of the feed that brings the article (see feedOf). */
  feed: number;
  lang: Lang;
  key: string;
  title: string;
  author: string;
  /** Paragraphs, as the clean stage's plain text separates them (a blank line). */
  paragraphs: string[];
  publishedAt: number;
}

const BODY_CHARS = { min: 300, max: 1500 } as const;
/** Articles per refresh: feed f brings articles [b × 50, b × 50 + 50) for every batch b ≡ f. */
export const ARCHIVE_BATCH = 50;
const START = Date.UTC(2023, 0, 1);
/** Five minutes apart: 200,000 articles span about two years. */
const SPACING_MS = 5 * 60_000;
// A seed offset so the archive does not share streams with the feed corpus for the same seed.
const ARTICLE_STREAM = 0x5ea4c4;

/** Three feeds in five are Chinese; titles combine a site name and a section, so they differ. */
export function archiveFeeds(seed: number, count: number): ArchiveFeed[] {
  const feeds: ArchiveFeed[] = [];
  for (let index = 0; index < count; index++) {
    const lang: Lang = index % 5 < 3 ? 'zh' : 'en';
    const writer = writerFor(lang);
    const rng = createRng(deriveSeed(seed, index));
    const title = `${writer.siteName(rng)} · ${writer.category(rng)}`;
    feeds.push({ index, lang, url: `https://feeds.example.org/${lang}/${String(index).padStart(3, '0')}.xml`, title });
  }
  return feeds;
}

/** The feed that brings article `index`: refresh batches go round the feeds in turn. */
function feedOf(index: number, feedCount: number): number {
  return Math.floor(index / ARCHIVE_BATCH) % feedCount;
}

export function generateArticle(seed: number, index: number, feeds: readonly ArchiveFeed[]): ArchiveArticle {
  const feed = feeds[feedOf(index, feeds.length)];
  if (feed === undefined) throw new Error(`generateArticle: expected at least one feed, got ${feeds.length}`);
  const rng = createRng(deriveSeed(seed ^ ARTICLE_STREAM, index));
  const writer = writerFor(feed.lang);
  const author = writer.author(rng);
  const byline = feed.lang === 'zh' ? `本报讯（记者${author}）` : '';
  return {
    index,
    feed: feed.index,
    lang: feed.lang,
    key: `${feed.lang}-${index}`,
    title: writer.title(rng),
    author,
    paragraphs: buildParagraphs(rng, writer, byline),
    publishedAt: START + index * SPACING_MS + rng.int(0, SPACING_MS - 1),
  };
}

/** The articles of batch `batch` (ARCHIVE_BATCH of them, fewer at the end of the archive). */
export function generateBatch(seed: number, batch: number, total: number, feeds: readonly ArchiveFeed[]): ArchiveArticle[] {
  const articles: ArchiveArticle[] = [];
  const end = Math.min(total, (batch + 1) * ARCHIVE_BATCH);
  for (let index = batch * ARCHIVE_BATCH; index < end; index++) articles.push(generateArticle(seed, index, feeds));
  return articles;
}

export function bodyText(article: ArchiveArticle): string {
  return article.paragraphs.join('\n\n');
}

/** Paragraphs of 2–5 sentences until the body reaches a length drawn from BODY_CHARS. */
function buildParagraphs(rng: Rng, writer: NewsWriter, byline: string): string[] {
  const target = rng.int(BODY_CHARS.min, BODY_CHARS.max);
  const paragraphs: string[] = [];
  let length = 0;
  let current = byline;
  let sentences = 0;
  let wanted = rng.int(2, 5);
  while (length + current.length < target) {
    const sentence = writer.sentence(rng);
    // Never past the maximum; a body already at the minimum may stop a little short of its target.
    if (length + current.length + sentence.length + 2 > BODY_CHARS.max && length + current.length >= BODY_CHARS.min) break;
    current += (current === '' || current === byline ? '' : writer.joiner) + sentence;
    if (++sentences === wanted) {
      paragraphs.push(current);
      length += current.length + 2;
      current = '';
      sentences = 0;
      wanted = rng.int(2, 5);
    }
  }
  if (current !== '') paragraphs.push(current);
  return paragraphs;
}
