/**
 * An article's token streams as a database index holds them (the layout is explained in
 * store/kysely/search-terms.ts): per text field the phrase stream (the widest token per position)
 * and the CJK unigram stream. Here, in the pure analyzer, so ingest can compute them off the main
 * thread (ingest/cpu/) and hand them to the store with the article.
 */
import { forEachTerm } from './analyze.js';
import { CJK } from './scripts.js';

/** A term that is exactly one CJK character (the analyzer's classes, scripts.ts): a unigram. */
const ONE_CJK_CHAR = new RegExp(`^[${CJK}]$`, 'u');

export const isCjkChar = (term: string): boolean => ONE_CJK_CHAR.test(term);

export interface FieldStreams { phrase: string[]; unigrams: string[] }

/** The text an index entry is made of: the article's latest title and author, its latest clean text. */
export interface IndexedText { title: string; author: string | null; cleanText: string | null }

function fieldStreams(text: string): FieldStreams {
  const phrase: string[] = [];
  const unigrams: string[] = [];
  let lastPosition = -1;
  forEachTerm(text, (term, position) => {
    if (position === lastPosition) phrase[phrase.length - 1] = term;
    else phrase.push(term);
    lastPosition = position;
    if (isCjkChar(term)) unigrams.push(term);
  });
  return { phrase, unigrams };
}

/** The column pairs of one article: title, body, author (search-terms.ts's INDEX_FIELDS order). */
export function articleStreams(article: IndexedText): FieldStreams[] {
  return [fieldStreams(article.title), fieldStreams(article.cleanText ?? ''), fieldStreams(article.author ?? '')];
}
