/**
 * The analyzer: normalized text → tokens. Every backend indexes exactly these tokens and every
 * query is analyzed by the same code, so SQLite and PostgreSQL find the same articles.
 *
 * Runs (a run never crosses whitespace, punctuation, symbols or a change of script):
 * - Han (incl. Ext A/B and 々 〇), hiragana, katakana (ー joins either) and hangul syllables:
 *   every character as a unigram AND every adjacent pair as a bigram. Hangul is treated like Han rather
 *   than split on spaces, because particles stick to words (서울에서 must be found by 서울).
 * - Everything else made of letters, marks and digits (Latin, Cyrillic, Greek, Arabic, Thai…):
 *   one token per word. Apostrophes, hyphens and underscores separate words (China's → china, s).
 * - Numbers are words: a dot between digits stays (3.5, 192.168.0.1, v1.2); a comma followed by
 *   exactly three digits is a thousands separator and is dropped (2,024 → 2024); any other comma
 *   separates (1,2 → 1, 2). 2024年 is the word 2024 then the unigram 年.
 *
 * Positions: each character of a CJK run and each word takes one position, consecutive across runs.
 * A bigram sits at the position of its first character, beside that character's unigram. So the
 * 3-character query ABC is bigram AB at p then BC at p+1, a Latin phrase is consecutive words,
 * and 国防。部长 yields 国@0 国防@0 防@1 部@2 部长@2 长@3: no 防部, and no chain of bigrams runs
 * through the 。 because the last character of a run carries no bigram.
 *
 * Offsets `start`/`end` are UTF-16 offsets into the ORIGINAL text (before normalization).
 *
 * Stemming: light English plural folding (stem.ts), chosen by measurement on testdata/ (86 queries,
 * 179 relevant query–article pairs, judged by hand in queries.json, micro-averaged):
 *   none                   precision 0.988  recall 0.950  (9 relevant hits missed, 2 false hits)
 *   english-plural (kept)  precision 0.994  recall 0.983  (3 missed: movies, taxes, café; 1 false: 乾 → 干)
 * relevance.test.ts recomputes these numbers; update them here when the fixtures change.
 * Accents are significant (cafe does not find café): folding them would also strip kana voicing
 * marks and merge distinct words in other languages.
 */
import { normalizeMapped, normalizeText } from './normalize.js';
import { CJK, CJK_CHAR, HAN, HANGUL, HIRAGANA, KATAKANA } from './scripts.js';
import { foldEnglishPlural } from './stem.js';

/** Bump whenever the tokens for some text change, so stored indexes know to rebuild. */
export const ANALYZER_VERSION = 1;

export interface Token {
  term: string;
  /** Phrase position (see the module comment). */
  position: number;
  /** UTF-16 offsets into the original text. */
  start: number;
  end: number;
}

export interface AnalyzerOptions {
  stemming: 'none' | 'english-plural';
}

export const DEFAULT_ANALYZER_OPTIONS: Readonly<AnalyzerOptions> = Object.freeze({ stemming: 'english-plural' });

const NOT_CJK = `(?![${CJK}])`;
// A word starts with a letter or digit; marks only continue one (a stray mark after 。 is noise).
const WORD_START = `(?:${NOT_CJK}[\\p{L}\\p{N}])`;
const WORD_CHAR = `(?:${NOT_CJK}[\\p{L}\\p{M}\\p{N}])`;
const NUMBER_JOIN = '(?<=\\p{Nd})(?:\\.(?=\\p{Nd})|,(?=\\p{Nd}{3}(?!\\p{Nd})))';
const WORD = `${WORD_START}${WORD_CHAR}*(?:${NUMBER_JOIN}${WORD_CHAR}+)*`;
const RUN = new RegExp(`([${HAN}]+|[${KATAKANA}]+|[${HIRAGANA}]+|[${HANGUL}]+)|(${WORD})`, 'gu');
const THOUSANDS_COMMA = /(?<=\d),(?=\d{3})/g;

/** True for a CJK bigram term (two characters of one run); words never contain CJK characters. */
export function isBigramTerm(term: string): boolean {
  return term.length <= 4 && CJK_CHAR.test(term) && [...term].length === 2;
}

/** Tokens of `text` for indexing or querying, with original offsets and phrase positions. */
export function analyzeText(text: string, options: Readonly<AnalyzerOptions> = DEFAULT_ANALYZER_OPTIONS): Token[] {
  const norm = normalizeMapped(text);
  const tokens: Token[] = [];
  const originOf = (from: number, to: number): { start: number; end: number } => ({
    start: norm.originStart[from] ?? text.length,
    end: norm.originEnd[to - 1] ?? text.length,
  });
  let position = 0;
  RUN.lastIndex = 0;
  for (let m = RUN.exec(norm.text); m !== null; m = RUN.exec(norm.text)) {
    const word = m[2];
    if (word !== undefined) {
      const term = stemWord(word.replace(THOUSANDS_COMMA, ''), options);
      tokens.push({ term, position, ...originOf(m.index, m.index + word.length) });
      position += 1;
    } else {
      position = pushCjkRun(tokens, m[0], m.index, position, originOf);
    }
  }
  return tokens;
}

/**
 * The terms and positions of analyzeText(text), without offsets: what an index stores, for a
 * fraction of the allocation (no offset map, no token objects). A test holds the two equal.
 */
export function forEachTerm(text: string, visit: (term: string, position: number) => void, options: Readonly<AnalyzerOptions> = DEFAULT_ANALYZER_OPTIONS): void {
  const norm = normalizeText(text);
  let position = 0;
  RUN.lastIndex = 0;
  for (let m = RUN.exec(norm); m !== null; m = RUN.exec(norm)) {
    const word = m[2];
    if (word !== undefined) {
      visit(stemWord(word.replace(THOUSANDS_COMMA, ''), options), position);
      position += 1;
      continue;
    }
    let prev: string | null = null;
    for (const ch of m[0]) {
      // The bigram sits at its first character's position, after that character's unigram.
      if (prev !== null) visit(prev + ch, position - 1);
      visit(ch, position);
      prev = ch;
      position += 1;
    }
  }
}

function stemWord(word: string, options: Readonly<AnalyzerOptions>): string {
  return options.stemming === 'english-plural' ? foldEnglishPlural(word) : word;
}

/** Unigram + bigram for every character of a run; returns the next free position. */
function pushCjkRun(
  tokens: Token[],
  run: string,
  runStart: number,
  firstPosition: number,
  originOf: (from: number, to: number) => { start: number; end: number },
): number {
  const chars = [...run];
  let offset = runStart;
  for (let k = 0; k < chars.length; k++) {
    const ch = chars[k] ?? '';
    const next = chars[k + 1];
    const position = firstPosition + k;
    tokens.push({ term: ch, position, ...originOf(offset, offset + ch.length) });
    if (next !== undefined) {
      tokens.push({ term: ch + next, position, ...originOf(offset, offset + ch.length + next.length) });
    }
    offset += ch.length;
  }
  return firstPosition + chars.length;
}

/** The token stream for indexing, as `{ term, position, start, end }` with default options. */
export function analyze(text: string): Token[] {
  return analyzeText(text);
}

/** Just the terms of `analyze(text)`, in token order (duplicates kept: positions matter). */
export function indexTerms(text: string): string[] {
  return analyzeText(text).map((token) => token.term);
}
