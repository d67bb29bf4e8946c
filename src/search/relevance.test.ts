/**
 * The relevance fixtures (testdata/articles.json, testdata/queries.json) run through the reference
 * matcher: every query's hit set must be exact. `expect` is what the analyzer returns; `relevant`
 * (only where it differs) is the hand judgment, used for the precision/recall numbers quoted in
 * analyze.ts. A substring search over normalized text double-checks the n-gram machinery.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seededRandom } from '../../test/random.js';
import { DEFAULT_ANALYZER_OPTIONS } from './analyze.js';
import type { AnalyzerOptions } from './analyze.js';
import { normalizeText } from './normalize.js';
import { parseQuery, parseQueryWith } from './query.js';
import { createReferenceMatcher } from './reference-matcher.js';
import { highlight, snippet } from './snippet.js';

const Article = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  author: z.string(),
  feed: z.string(),
  tags: z.array(z.string()),
  published: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO date'),
});
const Query = z.object({ q: z.string(), expect: z.array(z.string()), why: z.string(), relevant: z.array(z.string()).optional() });

const readFixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));
const articles = z.array(Article).parse(readFixture('articles.json'));
const queries = z.array(Query).parse(readFixture('queries.json'));
const sorted = (ids: readonly string[]): string[] => [...ids].sort();

describe('relevance fixtures', () => {
  it('are big enough and consistent', () => {
    const ids = new Set(articles.map((a) => a.id));
    expect(articles.length).toBeGreaterThanOrEqual(60);
    expect(queries.length).toBeGreaterThanOrEqual(45);
    expect(ids.size).toBe(articles.length);
    for (const query of queries) {
      for (const id of [...query.expect, ...(query.relevant ?? [])]) expect(ids.has(id), `${query.q}: unknown id ${id}`).toBe(true);
    }
  });

  const matcher = createReferenceMatcher(articles);
  it.each(queries.map((query) => [query.q, query] as const))('%s', (_q, query) => {
    expect(sorted(matcher.search(parseQuery(query.q)))).toEqual(sorted(query.expect));
  });
});

interface Score {
  precision: number;
  recall: number;
  missed: number;
  falseHits: number;
}

function score(options: Readonly<AnalyzerOptions>): Score {
  const matcher = createReferenceMatcher(articles, options);
  let truePositives = 0;
  let falseHits = 0;
  let missed = 0;
  for (const query of queries) {
    const hits = new Set(matcher.search(parseQueryWith(query.q, options)));
    const relevant = new Set(query.relevant ?? query.expect);
    for (const id of hits) if (relevant.has(id)) truePositives++;
    else falseHits++;
    for (const id of relevant) if (!hits.has(id)) missed++;
  }
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    precision: round(truePositives / (truePositives + falseHits)),
    recall: round(truePositives / (truePositives + missed)),
    missed,
    falseHits,
  };
}

describe('stemming measurement (the numbers quoted in analyze.ts)', () => {
  it.each<[string, AnalyzerOptions, Score]>([
    ['none', { stemming: 'none' }, { precision: 0.988, recall: 0.95, missed: 9, falseHits: 2 }],
    ['english-plural', { stemming: 'english-plural' }, { precision: 0.994, recall: 0.983, missed: 3, falseHits: 1 }],
  ])('%s', (_name, options, expected) => {
    expect(score(options)).toEqual(expected);
  });

  it('the default is the better of the two', () => {
    expect(DEFAULT_ANALYZER_OPTIONS.stemming).toBe('english-plural');
  });
});

describe('n-gram search agrees with substring search on normalized text', () => {
  const matcher = createReferenceMatcher(articles);
  const normalized = articles.map((a) => ({ id: a.id, texts: [normalizeText(a.title), normalizeText(a.body)] }));
  const hanRuns = articles.flatMap((a) => `${a.title}\n${a.body}`.match(/\p{sc=Han}+/gu) ?? []);

  it.each([41, 42, 43])('seed %i: random Han substrings (1–5 chars, original script) find exactly the articles containing them', (seed) => {
    const next = seededRandom(seed);
    for (let round = 0; round < 150; round++) {
      const run = [...(hanRuns[Math.floor(next() * hanRuns.length)] ?? '')];
      const length = 1 + Math.floor(next() * Math.min(5, run.length));
      const from = Math.floor(next() * (run.length - length + 1));
      const query = run.slice(from, from + length).join('');
      const needle = normalizeText(query);
      const expected = normalized.filter((a) => a.texts.some((t) => t.includes(needle))).map((a) => a.id);
      expect(sorted(matcher.search(parseQuery(query))), query).toEqual(sorted(expected));
    }
  });
});

describe('snippets of fixture articles land on the original characters', () => {
  const byId = new Map(articles.map((a) => [a.id, a]));
  it.each([
    ['s28', 'body', '熊猫', '🐼成都大[熊猫]基地的双胞胎宝宝今天满月，游客排队观…'],
    ['t09', 'body', '猫熊 蛋糕 🎂', '臺北動物園為[貓熊]圓仔慶生🎂，民眾到場祝賀。'],
    ['s29', 'body', 'GDP 5.3', '第一季度[ＧＤＰ]同比增长[５．３]％，国防开支保持稳定…'],
    ['t01', 'body', '国防部长 军事', '[國防部長]今天出席年度[軍事]會議，討論部隊改革。'],
    ['s04', 'body', '防部 国防', '会议最后讨论了[国防]。部长随后离开会场。'],
    ['e10', 'title', "china's", "[China's] exports rise"],
    ['s28', 'title', 'title:满月', '熊猫宝宝[满月]🐼'],
  ])('%s %s: %s', (id, field, query, expected) => {
    const article = byId.get(id);
    if (article === undefined) throw new Error(`no fixture article ${id}`);
    const opts = { maxLength: 24, mark: ['[', ']'] as const };
    const text = field === 'title' ? article.title : article.body;
    const out = field === 'title'
      ? highlight(text, parseQuery(query), { ...opts, field: 'title' })
      : snippet(text, parseQuery(query), opts);
    expect(out.replaceAll('&#39;', "'")).toBe(expected);
  });
});
