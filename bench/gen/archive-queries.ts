/**
 * Query sets for the search bench, drawn from what the generated archive really contains: Chinese
 * sequences of 1–4 characters, English words and two-word phrases, each set a third common, a
 * third medium and a third rare by document frequency in a sample of articles. Queries are
 * ordered common, medium, rare, common… so any prefix of a set still covers every band.
 */
import { bodyText, type ArchiveArticle } from './archive.js';
import { createRng, deriveSeed, type Rng } from './prng.js';

export type Band = 'common' | 'medium' | 'rare';

export interface BenchQuery {
  /** What the user types into feedkeeper's search box. */
  text: string;
  /** The substring LIKE and the trigram index look for. */
  literal: string;
  band: Band;
}

export interface QuerySet {
  name: string;
  /** Characters per query for the Chinese sets, null for English. */
  chars: number | null;
  queries: BenchQuery[];
}

const HAN_RUN = /\p{sc=Han}+/gu;
const LATIN_WORD = /[A-Za-z]+/g;
const BANDS: readonly Band[] = ['common', 'medium', 'rare'];

/** Seven sets of 3 × perBand queries: 1-, 2-, 3-, 4-character Chinese, English words, English phrases. */
export function pickQuerySets(seed: number, sample: readonly ArchiveArticle[], perBand: number): QuerySet[] {
  const rng = createRng(deriveSeed(seed, 0x51e7));
  const zh = sample.filter((a) => a.lang === 'zh').map(articleText);
  const en = sample.filter((a) => a.lang === 'en').map(articleText);
  const sets: QuerySet[] = [];
  for (const chars of [1, 2, 3, 4]) {
    const frequency = documentFrequency(zh, (text) => hanGrams(text, chars));
    sets.push({ name: `Chinese ${chars}-character`, chars, queries: pickBanded(rng, frequency, perBand, (g) => g, (g) => g) });
  }
  const words = documentFrequency(en, (text) => latinWords(text).filter((w) => w.length >= 3));
  sets.push({ name: 'English word', chars: null, queries: pickBanded(rng, words, perBand, (w) => w, (w) => w) });
  const phrases = documentFrequency(en, adjacentPairs);
  sets.push({ name: 'English "two words"', chars: null, queries: pickBanded(rng, phrases, perBand, (p) => `"${p}"`, (p) => p) });
  return sets;
}

function articleText(article: ArchiveArticle): string {
  return `${article.title}\n\n${bodyText(article)}`;
}

/** In how many texts each key occurs (once per text, however often it repeats there). */
function documentFrequency(texts: readonly string[], keysOf: (text: string) => Iterable<string>): Map<string, number> {
  const frequency = new Map<string, number>();
  for (const text of texts) {
    for (const key of new Set(keysOf(text))) frequency.set(key, (frequency.get(key) ?? 0) + 1);
  }
  return frequency;
}

/** Every n-character sequence inside a run of Han characters (punctuation ends a run). */
function hanGrams(text: string, n: number): string[] {
  const grams: string[] = [];
  for (const [run] of text.matchAll(HAN_RUN)) {
    const chars = [...run];
    for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(''));
  }
  return grams;
}

function latinWords(text: string): string[] {
  return [...text.matchAll(LATIN_WORD)].map(([word]) => word.toLowerCase());
}

/** Two words with exactly one space between them, lower-cased: `bus route`. */
function adjacentPairs(text: string): string[] {
  const pairs: string[] = [];
  let previous: { word: string; end: number } | null = null;
  for (const match of text.matchAll(LATIN_WORD)) {
    const [word] = match;
    if (previous !== null && previous.end + 1 === match.index && text[previous.end] === ' ') pairs.push(`${previous.word} ${word}`.toLowerCase());
    previous = { word, end: match.index + word.length };
  }
  return pairs;
}

/**
 * perBand keys from each band of the frequency ranking: the top 2% (at least perBand keys),
 * ranks 20–50%, and the keys seen in one text only (or, when fewer, the lowest ranks).
 */
function pickBanded(rng: Rng, frequency: ReadonlyMap<string, number>, perBand: number, toText: (key: string) => string, toLiteral: (key: string) => string): BenchQuery[] {
  const ranked = [...frequency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key]) => key);
  const onceOnly = ranked.filter((key) => frequency.get(key) === 1);
  const topEnd = Math.max(perBand, Math.ceil(ranked.length * 0.02));
  const pools: Record<Band, string[]> = {
    common: ranked.slice(0, topEnd),
    medium: ranked.slice(Math.max(topEnd, Math.floor(ranked.length * 0.2)), Math.max(topEnd + perBand, Math.floor(ranked.length * 0.5))),
    rare: onceOnly.length >= perBand ? onceOnly : ranked.slice(-perBand),
  };
  const picked = new Set<string>();
  const byBand = BANDS.map((band) => {
    const pool = pools[band].filter((key) => !picked.has(key));
    const chosen = sampleWithoutReplacement(rng, pool, perBand);
    for (const key of chosen) picked.add(key);
    return chosen.map((key): BenchQuery => ({ text: toText(key), literal: toLiteral(key), band }));
  });
  const queries: BenchQuery[] = [];
  for (let i = 0; i < perBand; i++) {
    for (const band of byBand) {
      const query = band[i];
      if (query !== undefined) queries.push(query);
    }
  }
  return queries;
}

function sampleWithoutReplacement(rng: Rng, pool: readonly string[], count: number): string[] {
  const copy = [...pool];
  for (let i = 0; i < Math.min(count, copy.length); i++) {
    const j = rng.int(i, copy.length - 1);
    [copy[i], copy[j]] = [copy[j] as string, copy[i] as string];
  }
  return copy.slice(0, count);
}
