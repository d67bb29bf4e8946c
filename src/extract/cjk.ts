/**
 * Help for Chinese (and Japanese) pages, where Readability's English-tuned heuristics misjudge:
 *
 *  - Length. Readability ignores paragraphs under 25 characters, gives a point per 100 characters
 *    and wants 500 characters of article; one Han character carries about as much as three Latin
 *    ones (a word is 1–2 characters, with no spaces). A one-sentence Chinese paragraph
 *    (「首班车上坐满了乘客。」, 10 characters) is never scored, so a page written in short paragraphs
 *    loses to its comment section. `weightedLength` counts each Han/Kana character as CJK_WEIGHT.
 *  - Class names. Chinese CMSs name boxes in pinyin or pinyin initials (pinglun = comments,
 *    xgyd = 相关阅读 related reading, zhengwen = body text), which Readability's English class
 *    regexes cannot see. `addPinyinClassHints` adds the English class word Readability knows.
 *
 * Commas need no help: Readability already counts the full-width "，" when scoring paragraphs.
 */
import { selectAll, type DomDocument } from './dom.js';

/** How many Latin characters one Han or Kana character counts as. Measured on the fixtures: see README. */
export const CJK_WEIGHT = 3;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
// A non-space character that none of Readability's text regexes look for.
const FILLER = '\u2060';

export function countCjk(text: string): number {
  return text.match(CJK_CHAR)?.length ?? 0;
}

/** Length with each CJK character counted CJK_WEIGHT times. */
export function weightedLength(text: string): number {
  return text.length + countCjk(text) * (CJK_WEIGHT - 1);
}

/**
 * The text padded to its weighted length, for Readability's measurements only (never for output).
 * Every text is padded, link texts included, so link density stays a ratio of like with like.
 * Padding at the end keeps commas and prefixes where they were; exact-text checks (Readability's
 * "广告" and "正在加载…" patterns) are the caller's to exempt.
 */
export function widenForScoring(text: string): string {
  const cjk = countCjk(text);
  return cjk === 0 ? text : text + FILLER.repeat(cjk * (CJK_WEIGHT - 1));
}

// Pinyin words and initials seen in Chinese CMS markup, mapped to a class Readability understands.
const NEGATIVE_PINYIN = new Set([
  'pinglun', 'gentie', 'liuyan', // comments, replies, guestbook
  'xiangguan', 'xgyd', 'xgxw', 'xgwz', 'xgbd', 'yanshen', // related reading, related news, further reading
  'tuijian', 'remen', 'rdph', 'paihang', 'phb', 'rmtj', 'cnxh', // recommended, hot, rankings, "you may like"
  'daohang', 'guanggao', 'fenxiang', 'banquan', 'mianze', 'bianji', 'laiyuan', // nav, ads, share, copyright, disclaimer, editor, source
]);
// "pl" (评论) alone is too common in Latin markup (Tailwind's pl-4 is padding-left): it counts only with
// the box-name suffixes Chinese templates put after it.
const PL_BOX = /^pl[-_](?:list|item|box|tit|title|nr|con|cont|content|area|wrap|main|name|user)$/;
const POSITIVE_PINYIN = new Set(['zhengwen', 'neirong', 'wenzhang']);
const HINTS = { negative: 'comment', positive: 'article-content' } as const;

function hintFor(words: readonly string[]): string | null {
  if (words.some((w) => NEGATIVE_PINYIN.has(w))) return HINTS.negative;
  if (words.some((w) => POSITIVE_PINYIN.has(w))) return HINTS.positive;
  return null;
}

/** Adds "comment" or "article-content" to the class of elements whose class or id is pinyin for one of those. */
export function addPinyinClassHints(doc: DomDocument): number {
  let hinted = 0;
  for (const el of selectAll(doc.body, '[class], [id]')) {
    const tokens = `${el.className} ${el.getAttribute('id') ?? ''}`.toLowerCase().split(/\s+/).filter(Boolean);
    const words = tokens.flatMap((token) => (PL_BOX.test(token) ? ['pinglun'] : token.split(/[-_]/)));
    const hint = hintFor(words);
    if (hint !== null) {
      el.className = `${el.className} ${hint}`.trim();
      hinted++;
    }
  }
  return hinted;
}
