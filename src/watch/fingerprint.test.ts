import { describe, expect, it } from 'vitest';
import { comparableText, textFingerprint } from './fingerprint.js';

const EN = [
  'The city council voted on Tuesday to close 12 schools by the end of the year.',
  'Parents protested outside the town hall, saying the plan was rushed.',
  'The mayor said the decision would save money over the next decade.',
].join('\n\n');

const ZH = [
  '市议会周二投票决定，在年底前关闭12所学校。',
  '家长们在市政厅外抗议，称该计划过于仓促。',
  '市长表示，这一决定将在未来十年节省开支。',
].join('\n\n');

const fp = textFingerprint;

describe('textFingerprint', () => {
  it('is a sha-256 hex digest', () => {
    expect(fp(EN)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is stable for the same text and differs for different texts', () => {
    expect(fp(EN)).toBe(fp(EN));
    expect(fp(EN)).not.toBe(fp(ZH));
  });

  it('is the hash of comparableText, so same comparable text means same fingerprint', () => {
    expect(fp('  a  \n\n b ')).toBe(fp('a\nb'));
  });
});

describe('whitespace and NFKC-only differences are not edits', () => {
  it('extra spaces, tabs and non-breaking spaces inside a line', () => {
    const spaced = EN.replace('voted on', 'voted \t on').replace('Parents protested', 'Parents\u00a0\u00a0protested');
    expect(spaced).not.toBe(EN);
    expect(fp(spaced)).toBe(fp(EN));
  });

  it('leading and trailing whitespace on lines and on the text', () => {
    const padded = `\n\n   ${EN.split('\n\n').map((l) => `  ${l}   `).join('\n\n')}  \n\n`;
    expect(fp(padded)).toBe(fp(EN));
  });

  it('one blank line or several between paragraphs, or none', () => {
    expect(fp(EN.replaceAll('\n\n', '\n\n\n\n'))).toBe(fp(EN));
    expect(fp(EN.replaceAll('\n\n', '\n'))).toBe(fp(EN));
  });

  it('CRLF line ends and whitespace-only lines', () => {
    expect(fp(EN.replaceAll('\n\n', '\r\n \t \r\n'))).toBe(fp(EN));
  });

  it('an ideographic space (U+3000) between Chinese words', () => {
    const spaced = ZH.replace('市议会周二', '市议会\u3000周二');
    const plain = ZH.replace('市议会周二', '市议会 周二');
    expect(fp(spaced)).toBe(fp(plain));
  });

  it('full-width digits and letters (NFKC) against ASCII', () => {
    const fullWidth = ZH.replace('12所', '１２所');
    expect(fullWidth).not.toBe(ZH);
    expect(fp(fullWidth)).toBe(fp(ZH));
    expect(fp('ＡＢＣ news')).toBe(fp('ABC news'));
  });

  it('full-width punctuation that NFKC folds (？！：)', () => {
    expect(fp('真的吗？是！时间：下午')).toBe(fp('真的吗?是!时间:下午'));
  });

  it('decomposed and precomposed accents, and ligatures', () => {
    const decomposed = 'Cafe\u0301 owners filed a complaint.';
    const composed = 'Caf\u00e9 owners filed a complaint.';
    expect(decomposed).not.toBe(composed);
    expect(fp(decomposed)).toBe(fp(composed));
    expect(fp('The \ufb01rst \ufb02ight')).toBe(fp('The first flight'));
  });

  it('comparableText collapses whitespace and joins lines with one newline', () => {
    expect(comparableText('  one   two \n\n\n three\t\tfour  ')).toBe('one two\nthree four');
  });
});

describe('widget lines are left out', () => {
  const withWidget = (widget: string, text = EN): string => {
    const [first, ...rest] = text.split('\n\n');
    return [first, widget, ...rest].join('\n\n');
  };

  it.each([
    // [^digits] (views|reads|comments|shares)
    ['12,345 views'],
    ['12,345 Views'],
    ['1 view'],
    ['3.4 reads'],
    ['87 comments'],
    ['1 comment'],
    ['2,001 shares'],
    // (views|reads)[:：] digits
    ['Views: 12,345'],
    ['views 88'],
    ['Reads：1.2'],
    // digits (次)? (阅读|閱讀|浏览|瀏覽|观看|觀看|评论|評論)
    ['12034 阅读'],
    ['12,034次阅读'],
    ['5 閱讀'],
    ['300 浏览'],
    ['300次瀏覽'],
    ['99 观看'],
    ['99 觀看'],
    ['7 评论'],
    ['7 評論'],
    // (阅读|閱讀|浏览|瀏覽|阅读量|閱讀量)[:：]? digits (次)?
    ['阅读 12034'],
    ['阅读：12,034'],
    ['閱讀 12034次'],
    ['浏览 5,000'],
    ['瀏覽：5000 次'],
    ['阅读量：12034'],
    ['閱讀量 12034'],
    // (updated)? N (seconds|minutes|mins|hours|days) ago
    ['3 hours ago'],
    ['1 hour ago'],
    ['Updated 5 minutes ago'],
    ['10 mins ago'],
    ['30 seconds ago'],
    ['2 days ago'],
    ['UPDATED 1 DAY AGO'],
    // (更新于)? N (秒|分钟|分鐘|小时|小時|天)前
    ['3 小时前'],
    ['3小時前'],
    ['更新于 5分钟前'],
    ['5 分鐘前'],
    ['30秒前'],
    ['2天前'],
    // just now
    ['just now'],
    ['Just Now'],
    ['刚刚'],
    ['剛剛'],
  ])('%j', (widget) => {
    expect(comparableText(withWidget(widget))).toBe(comparableText(EN));
    expect(fp(withWidget(widget))).toBe(fp(EN));
  });

  it('a view counter that changed between two checks is not an edit', () => {
    expect(fp(withWidget('12,345 views'))).toBe(fp(withWidget('13,002 views')));
    expect(fp(withWidget('阅读 12034', ZH))).toBe(fp(withWidget('阅读 13598', ZH)));
    expect(fp(withWidget('3 小时前', ZH))).toBe(fp(withWidget('1天前', ZH)));
  });

  it('widgets with extra whitespace or full-width digits are still widgets', () => {
    expect(fp(withWidget('  12,345   views  '))).toBe(fp(EN));
    expect(fp(withWidget('阅读：１２０３４'))).toBe(fp(EN));
  });

  it('a widget of exactly 40 characters is dropped; 41 is kept', () => {
    const forty = `${'1'.repeat(34)} views`;
    const fortyOne = `${'1'.repeat(35)} views`;
    expect(forty).toHaveLength(40);
    expect(fortyOne).toHaveLength(41);
    expect(comparableText(forty)).toBe('');
    expect(comparableText(fortyOne)).toBe(fortyOne);
  });
});

describe('prose that looks like a widget is kept', () => {
  it('a long line containing "views" is not dropped', () => {
    const line = 'Her views on the budget drew 12,345 views online before the vote.';
    expect(comparableText(line)).toBe(line);
    expect(fp(`${EN}\n\n${line}`)).not.toBe(fp(EN));
  });

  it('a long line that ends "N views" is not dropped', () => {
    const line = 'The clip of the minister falling asleep in parliament drew 12,345 views';
    expect(line.length).toBeGreaterThan(40);
    expect(comparableText(line)).toBe(line);
  });

  it.each([
    ['Readers shared their views'],
    ['Views differ.'],
    ['Views from the bridge: 12'],
    ['阅读理解考试取消'],
    ['他在3小时前离开了家'],
    ['3 hours later, he returned'],
    ['Just now, the court ruled.'],
    ['12 people died'],
  ])('a short prose line %j is kept', (line) => {
    expect(comparableText(line)).toBe(line);
  });
});

describe('one-character edits are caught', () => {
  it('English: one letter', () => {
    expect(fp(EN.replace('rushed', 'rusted'))).not.toBe(fp(EN));
  });

  it('English: a digit inside a sentence (12 → 13)', () => {
    const edited = EN.replace('close 12 schools', 'close 13 schools');
    expect(edited).not.toBe(EN);
    expect(fp(edited)).not.toBe(fp(EN));
  });

  it('English: punctuation only', () => {
    expect(fp(EN.replace('rushed.', 'rushed!'))).not.toBe(fp(EN));
  });

  it('English: a removed space between two words (joining them) is an edit', () => {
    expect(fp(EN.replace('town hall', 'townhall'))).not.toBe(fp(EN));
  });

  it('English: case change', () => {
    expect(fp(EN.replace('The mayor', 'The Mayor'))).not.toBe(fp(EN));
  });

  it('Chinese: one character', () => {
    const edited = ZH.replace('抗议', '抗辩');
    expect(edited).not.toBe(ZH);
    expect(fp(edited)).not.toBe(fp(ZH));
  });

  it('Chinese: a digit inside a sentence (12 → 13)', () => {
    expect(fp(ZH.replace('12所', '13所'))).not.toBe(fp(ZH));
  });

  it('Chinese: a Simplified character replaced by its Traditional form (NFKC does not fold it)', () => {
    expect(fp(ZH.replace('议会', '議会'))).not.toBe(fp(ZH));
  });

  it('Chinese: full-width comma to full-width full stop', () => {
    expect(fp(ZH.replace('周二投票决定，', '周二投票决定。'))).not.toBe(fp(ZH));
  });

  it('a paragraph removed or added', () => {
    const [first, , third] = EN.split('\n\n');
    expect(fp([first, third].join('\n\n'))).not.toBe(fp(EN));
    expect(fp(`${EN}\n\nA correction was appended.`)).not.toBe(fp(EN));
  });

  it('paragraphs reordered', () => {
    const [a, b, c] = EN.split('\n\n');
    expect(fp([b, a, c].join('\n\n'))).not.toBe(fp(EN));
  });

  it('a line break moved inside a paragraph is a difference (lines are kept apart)', () => {
    expect(comparableText('one two\nthree')).not.toBe(comparableText('one\ntwo three'));
  });
});

describe('counts and ages widgets print in other ways', () => {
  it.each(['1.2万阅读', '阅读 3.4万', '12k views', '1,234 likes', 'an hour ago', 'a minute ago', '2 weeks ago', '356 人点赞'])('%s is left out', (line) => {
    expect(comparableText(`正文第一段。\n${line}\n正文第二段。`)).toBe('正文第一段。\n正文第二段。');
  });

  it('a sentence that mentions likes or weeks is kept', () => {
    const prose = 'Residents said the bridge would be closed for 2 weeks.';
    expect(comparableText(prose)).toBe(prose);
    expect(comparableText('12万人参加了游行')).toBe('12万人参加了游行');
  });
});
