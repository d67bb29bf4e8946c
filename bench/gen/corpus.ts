/**
 * The deterministic feed corpus every parse-related bench runs on: Chinese and English news
 * feeds in RSS 2.0 and Atom 1.0, 20–100 items each, 3–10 KB of article HTML per item. The same
 * seed gives the same bytes on every machine; feed i depends only on (seed, i).
 */
import { buildArticleHtml, randomHex } from './article.js';
import { renderFeed, type FeedStyle, type GeneratedFeed, type GeneratedItem } from './feed-xml.js';
import { createRng, deriveSeed, type Rng } from './prng.js';
import { writerFor, type Lang, type NewsWriter } from './writer.js';

export interface CorpusFeed {
  /** e.g. `07-zh-rss-cdata`: index, language and content style. */
  name: string;
  format: 'rss' | 'atom';
  lang: Lang;
  xml: string;
  /** `xml` encoded as UTF-8, which is what its XML declaration says. */
  bytes: Uint8Array;
  items: number;
  /** The first item's title as plain text, for checking what parsers return. */
  firstTitle: string;
}

interface CorpusOptions {
  seed: number;
  feeds: number;
}

/** Feed counts the bench uses: about 15 MB for a full run, about 3 MB with --quick. */
export const CORPUS_FEEDS = { full: 40, quick: 8 } as const;

// Round-robin over every (language, style) pair so even a small corpus has each kind.
export const KINDS: readonly { lang: Lang; style: FeedStyle }[] = [
  { lang: 'zh', style: 'rss-cdata' },
  { lang: 'en', style: 'rss-escaped' },
  { lang: 'zh', style: 'atom' },
  { lang: 'en', style: 'rss-cdata' },
  { lang: 'zh', style: 'rss-escaped' },
  { lang: 'en', style: 'atom' },
];

export function generateCorpus(options: CorpusOptions): CorpusFeed[] {
  const encoder = new TextEncoder();
  const corpus: CorpusFeed[] = [];
  for (let index = 0; index < options.feeds; index++) {
    const kind = KINDS[index % KINDS.length] ?? { lang: 'en', style: 'rss-cdata' };
    const model = generateFeedModel(createRng(deriveSeed(options.seed, index)), index, kind.lang, kind.style);
    const xml = renderFeed(model);
    corpus.push({
      name: `${String(index).padStart(2, '0')}-${kind.lang}-${kind.style}`,
      format: kind.style === 'atom' ? 'atom' : 'rss',
      lang: kind.lang,
      xml,
      bytes: encoder.encode(xml),
      items: model.items.length,
      firstTitle: model.items[0]?.title ?? '',
    });
  }
  return corpus;
}

/** Total UTF-8 size of a corpus in bytes. */
export function corpusBytes(corpus: readonly CorpusFeed[]): number {
  return corpus.reduce((sum, feed) => sum + feed.bytes.length, 0);
}

/** One feed's model; `itemCount` fixes the number of items (else 20–100, drawn from rng). */
export function generateFeedModel(rng: Rng, index: number, lang: Lang, style: FeedStyle, itemCount?: number): GeneratedFeed {
  const writer = writerFor(lang);
  const host = `news-${index}.example.com`;
  const siteName = writer.siteName(rng);
  const zoneMinutes = lang === 'zh' ? 480 : rng.pick([0, -300, -240, 60]);
  const count = itemCount ?? rng.int(20, 100);
  // Newest first, as feeds are written: start near mid-2024 and step back 20 minutes to 4 hours.
  let published = Date.UTC(2024, 5, 30, 12) - rng.int(0, 30 * 24 * 60) * 60_000;
  const items: GeneratedItem[] = [];
  for (let i = 0; i < count; i++) {
    items.push(generateItem(rng, writer, host, style, published));
    published -= rng.int(20, 240) * 60_000;
  }
  return {
    style,
    lang,
    zoneMinutes,
    title: siteName,
    siteUrl: `https://${host}/`,
    feedUrl: `https://${host}/${style === 'atom' ? 'atom.xml' : 'rss.xml'}`,
    description: writer.sentence(rng),
    items,
    atomCdata: rng.chance(0.5),
  };
}

function generateItem(rng: Rng, writer: NewsWriter, host: string, style: FeedStyle, published: number): GeneratedItem {
  const id = `${new Date(published).toISOString().slice(0, 10).replace(/-/g, '')}-${randomHex(rng, 6)}`;
  const path = `${new Date(published).toISOString().slice(0, 10).replace(/-/g, '/')}/${id}.html`;
  const categories = new Set<string>();
  const categoryCount = rng.int(1, 3);
  while (categories.size < categoryCount) categories.add(writer.category(rng));
  return {
    title: writer.title(rng),
    link: `https://${host}/${path}`,
    guid: style === 'atom' ? `tag:${host},2024:${id}` : `${host}-${id}`,
    published,
    author: writer.author(rng),
    categories: [...categories],
    summary: [writer.sentence(rng), writer.sentence(rng)].join(writer.joiner),
    html: buildArticleHtml(rng, writer, host, rng.int(3_000, 10_000)),
    image: rng.chance(0.4)
      ? { url: `https://img.example.com/2024/${randomHex(rng, 16)}.jpg`, length: rng.int(20_000, 400_000) }
      : null,
  };
}
