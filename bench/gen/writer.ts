/**
 * The interface both language generators implement. The article and feed builders only talk to a
 * NewsWriter, so adding a language is one new file and one line in writerFor.
 */
import type { Rng } from './prng.js';
import { chineseWriter } from './text-zh.js';
import { englishWriter } from './text-en.js';

export type Lang = 'zh' | 'en';

export interface NewsWriter {
  readonly lang: Lang;
  /** A headline, plain text. */
  title(rng: Rng): string;
  /** One sentence with its closing punctuation, plain text. */
  sentence(rng: Rng): string;
  /** A short phrase fit for a sub-heading. */
  heading(rng: Rng): string;
  /** A sentence a source could be quoted as saying. */
  quote(rng: Rng): string;
  /** A short noun phrase: link text, image alt text, category. */
  phrase(rng: Rng): string;
  author(rng: Rng): string;
  category(rng: Rng): string;
  siteName(rng: Rng): string;
  /** Joins sentences into a paragraph (Chinese uses no spaces). */
  readonly joiner: string;
}

export function writerFor(lang: Lang): NewsWriter {
  return lang === 'zh' ? chineseWriter : englishWriter;
}
