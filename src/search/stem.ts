/**
 * Light English plural folding (Harman's "S" stemmer, trimmed): the only stemming feedkeeper does.
 * Applied to lowercase ASCII words longer than three letters, identically at index and query time.
 *
 *   policies → policy   missiles → missile   talks → talk   (ies → y, else drop a final s)
 *   kept: news, series, species (listed); words ending in ss, us, is (press, census, crisis);
 *         words of three letters or fewer (its, has, was, bus, gas, ads).
 *
 * Known misses, accepted: movies → movy (movie stays movie), taxes → taxe (tax stays tax).
 * The measurement that chose this over no stemming is in analyze.ts.
 */

const KEPT = new Set(['news', 'series', 'species']);
const ASCII_WORD = /^[a-z]+$/;

/** Fold an English plural to its singular; anything else comes back unchanged. */
export function foldEnglishPlural(word: string): string {
  if (word.length <= 3 || !ASCII_WORD.test(word) || KEPT.has(word)) return word;
  if (word.endsWith('ies') && word.length > 4 && !/[ae]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (!word.endsWith('s') || /(?:ss|us|is)$/.test(word)) return word;
  return word.slice(0, -1);
}
