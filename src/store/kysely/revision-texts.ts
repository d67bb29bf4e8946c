/**
 * A revision's texts in and out of its row. Since migration 014 a row keeps them packed in
 * `texts` (archive/texts.ts); a row written before keeps them in their own columns until the
 * 'pack-texts' conversion (text-upgrade.ts) reaches it, so every reader goes through here and
 * takes either form. Queries select TEXT_COLUMNS (or R_TEXT_COLUMNS with the usual `r` alias).
 */
import { packTexts, unpackTexts, type RevisionTexts } from '../../archive/index.js';
import { SUMMARY_SOURCE_CHARS, summaryText } from '../../clean/index.js';
import type { IncomingArticle } from '../store.js';

export const TEXT_COLUMNS = ['texts', 'html', 'full_html', 'clean_html', 'clean_text', 'summary'] as const;

/** The same columns under a table name or alias, typed column by column (a mapped tuple). */
type Qualified<T extends string, C extends readonly string[]> = { readonly [K in keyof C]: `${T}.${C[K] & string}` };
const qualified = <T extends string>(table: T): Qualified<T, typeof TEXT_COLUMNS> => TEXT_COLUMNS.map((c) => `${table}.${c}`) as unknown as Qualified<T, typeof TEXT_COLUMNS>;

export const R_TEXT_COLUMNS = qualified('r');
export const REVISIONS_TEXT_COLUMNS = qualified('revisions');

export interface TextColumns {
  texts: Uint8Array | null;
  html: string;
  full_html: string | null;
  clean_html: string | null;
  clean_text: string | null;
  summary: string | null;
}

/** `where` names the revision for the error a damaged pack raises. */
export function textsOf(row: TextColumns, where: string): RevisionTexts {
  if (row.texts !== null) return unpackTexts(row.texts, where);
  return { html: row.html, fullHtml: row.full_html, cleanHtml: row.clean_html, cleanText: row.clean_text, summary: row.summary };
}

/** The texts of an incoming article: what its revision row packs. */
export function incomingTexts(article: IncomingArticle): RevisionTexts {
  return { html: article.html, fullHtml: article.fullHtml ?? null, cleanHtml: article.clean?.html ?? null, cleanText: article.clean?.text ?? null, summary: article.summary };
}

/** The text columns of a row that keeps its texts packed: `packed` when the caller made it already (a worker thread). */
export function packedColumns(texts: RevisionTexts, packed?: Uint8Array): TextColumns {
  // Packs are plain Uint8Arrays (they cross threads); the drivers bind Buffers, a view here, not a copy.
  const bytes = packed ?? packTexts(texts);
  return { texts: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), html: '', full_html: null, clean_html: null, clean_text: null, summary: null };
}

/** The list's summary for an article's latest revision: the feed's summary, else the start of its clean text. */
export function excerptOf(texts: RevisionTexts): string | null {
  return summaryText(texts.summary, texts.cleanText === null ? null : texts.cleanText.slice(0, SUMMARY_SOURCE_CHARS));
}

/** What the record file holds: the extracted page when there is one, else the feed's HTML. */
export const recordHtml = (texts: RevisionTexts): string => texts.fullHtml ?? texts.html;

export const revisionName = (articleId: number, revision: number): string => `article ${articleId} revision ${revision}`;
