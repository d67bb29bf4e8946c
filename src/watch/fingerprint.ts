/**
 * What a re-check compares: the article's cleaned text, not its HTML, so a new share bar, ad
 * slot or related-links box (which extraction and cleaning already drop) is not an edit. A few
 * widgets survive inside article bodies: view counters and relative times ("3 hours ago",
 * "阅读 12,034"). Short lines that are only such a widget are left out of the comparison;
 * everything else counts, down to one character.
 */
import { createHash } from 'node:crypto';

/** Lines longer than this are prose, whatever they contain. */
const WIDGET_MAX_CHARS = 40;
/** A count as widgets print it: 12,345 · 1.2k · 3M · 1.2万 · 3亿. */
const COUNT = String.raw`[\d,.]+\s*(?:[kKmM]|万|萬|亿|億)?`;
const WIDGETS: readonly RegExp[] = [
  new RegExp(String.raw`^${COUNT}\s*(views?|reads?|comments?|shares?|likes?)$`, 'i'),
  new RegExp(String.raw`^(views?|reads?|likes?)[:：]?\s*${COUNT}$`, 'i'),
  new RegExp(String.raw`^${COUNT}\s*(次|人)?(阅读|閱讀|浏览|瀏覽|观看|觀看|评论|評論|点赞|點讚)$`),
  new RegExp(String.raw`^(阅读|閱讀|浏览|瀏覽|阅读量|閱讀量)[:：]?\s*${COUNT}\s*(次)?$`),
  /^(updated\s+)?(\d+|an?|one)\s*(seconds?|minutes?|mins?|hours?|days?|weeks?)\s+ago$/i,
  /^(更新于\s*)?\d+\s*(秒|分钟|分鐘|小时|小時|天)前$/,
  /^(just now|刚刚|剛剛)$/i,
];

export function comparableText(text: string): string {
  return text
    .normalize('NFKC')
    .split(/\n+/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '' && !(line.length <= WIDGET_MAX_CHARS && WIDGETS.some((w) => w.test(line))))
    .join('\n');
}

export function textFingerprint(text: string): string {
  return createHash('sha256').update(comparableText(text)).digest('hex');
}
