import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isFeedkeeperError } from '../core/index.js';
import { formatRecord, MAX_PUBLISHED_MS, parseRecord, readRecordFile } from './index.js';
import type { ArchiveRecord } from './index.js';

const T = 1706726701000;
const rec = (over: Partial<ArchiveRecord>): ArchiveRecord => ({
  publishedMs: T,
  title: 'Harbour ferry timetable changes',
  link: 'https://example.org/news/2024/01/31/ferry',
  html: '<p>The ferry now leaves at seven.</p>',
  ...over,
});
/** The file a record must become: header lines as given, then the HTML and one newline. */
const file = (titleLine: string, html = '<p>The ferry now leaves at seven.</p>', ms = T): string =>
  `<!--${ms}-->\n${titleLine}\n------\n\n${html}\n`;
const DEFAULT_LINK = 'https://example.org/news/2024/01/31/ferry';

describe('formatRecord / parseRecord round trip', () => {
  it.each<[string, ArchiveRecord, string]>([
    ['plain ASCII', rec({}), file(`[Harbour ferry timetable changes](${DEFAULT_LINK})`)],
    ['Chinese title', rec({ title: '台风“海燕”逼近，沿海渡轮全部停航' }), file(`[台风“海燕”逼近，沿海渡轮全部停航](${DEFAULT_LINK})`)],
    ['emoji and surrogate pairs in title and link', rec({ title: '🎉 Festival 𠮷野家 👩‍👩‍👧', link: 'https://example.org/🎉/𠮷' }), file('[🎉 Festival 𠮷野家 👩‍👩‍👧](https://example.org/🎉/𠮷)')],
    ['"]" in the title is escaped', rec({ title: 'Markets ] close' }), file(`[Markets \\] close](${DEFAULT_LINK})`)],
    ['"[" and "]" in the title', rec({ title: '[Live] Vote count [update 2]' }), file(`[\\[Live\\] Vote count \\[update 2\\]](${DEFAULT_LINK})`)],
    ['backslash in the title', rec({ title: 'C:\\reports\\' }), file(`[C:\\\\reports\\\\](${DEFAULT_LINK})`)],
    ['a literal backslash-n in the title stays two characters', rec({ title: 'use \\n here' }), file(`[use \\\\n here](${DEFAULT_LINK})`)],
    ['LF, CR and CRLF in the title are escaped, not folded', rec({ title: 'line one\nline two\rthree\r\nfour' }), file(`[line one\\nline two\\rthree\\r\\nfour](${DEFAULT_LINK})`)],
    ['leading and trailing spaces and a tab in the title', rec({ title: '  spaced\tout  ' }), file(`[  spaced\tout  ](${DEFAULT_LINK})`)],
    ['"(", ")" and "](" in the title are written as is, "]" escaped', rec({ title: 'a](b) (c)' }), file(`[a\\](b) (c)](${DEFAULT_LINK})`)],
    ['empty title', rec({ title: '' }), file(`[](${DEFAULT_LINK})`)],
    ['")" in the link', rec({ link: 'https://en.example.org/wiki/Mercury_(planet)' }), file('[Harbour ferry timetable changes](https://en.example.org/wiki/Mercury_\\(planet\\))')],
    ['"(" and spaces in the link', rec({ link: 'https://example.org/a b/(draft' }), file('[Harbour ferry timetable changes](https://example.org/a\\ b/\\(draft)')],
    ['backslash, LF and CR in the link', rec({ link: 'https://example.org/x\\y\nz\r' }), file('[Harbour ferry timetable changes](https://example.org/x\\\\y\\nz\\r)')],
    ['"[" and "]" in the link are written as is', rec({ link: 'https://example.org/?q[]=1' }), file('[Harbour ferry timetable changes](https://example.org/?q[]=1)')],
    ['non-ASCII link kept raw, not percent-encoded', rec({ link: 'https://example.cn/新闻/台风' }), file('[Harbour ferry timetable changes](https://example.cn/新闻/台风)')],
    ['percent-encoded link stays percent-encoded', rec({ link: 'https://example.cn/%E6%96%B0%E9%97%BB' }), file('[Harbour ferry timetable changes](https://example.cn/%E6%96%B0%E9%97%BB)')],
    ['empty link', rec({ link: '' }), file('[Harbour ferry timetable changes]()')],
    ['CRLF inside the HTML kept byte-exact', rec({ html: '<p>one</p>\r\n<p>two</p>\r\n\r\n<p>three</p>' }), file(`[Harbour ferry timetable changes](${DEFAULT_LINK})`, '<p>one</p>\r\n<p>two</p>\r\n\r\n<p>three</p>')],
    ['empty HTML', rec({ html: '' }), `<!--${T}-->\n[Harbour ferry timetable changes](${DEFAULT_LINK})\n------\n\n\n`],
    ['HTML ending in "\\n" keeps it: the file ends "\\n\\n"', rec({ html: '<p>x</p>\n' }), file(`[Harbour ferry timetable changes](${DEFAULT_LINK})`, '<p>x</p>\n')],
    ['HTML ending in "\\n\\n"', rec({ html: '<p>x</p>\n\n' }), file(`[Harbour ferry timetable changes](${DEFAULT_LINK})`, '<p>x</p>\n\n')],
    ['HTML ending in "\\r\\n"', rec({ html: '<p>x</p>\r\n' }), file(`[Harbour ferry timetable changes](${DEFAULT_LINK})`, '<p>x</p>\r\n')],
    ['HTML that is only newlines', rec({ html: '\n\n' }), file(`[Harbour ferry timetable changes](${DEFAULT_LINK})`, '\n\n')],
    ['HTML that looks like another record header', rec({ html: '<!--1-->\n[a](b)\n------\n\n<p>inner</p>' }), file(`[Harbour ferry timetable changes](${DEFAULT_LINK})`, '<!--1-->\n[a](b)\n------\n\n<p>inner</p>')],
    ['time 0', rec({ publishedMs: 0 }), file(`[Harbour ferry timetable changes](${DEFAULT_LINK})`, undefined, 0)],
    ['largest time', rec({ publishedMs: MAX_PUBLISHED_MS }), file(`[Harbour ferry timetable changes](${DEFAULT_LINK})`, undefined, MAX_PUBLISHED_MS)],
    ['U+2028, BOM and NUL inside the title are written as is', rec({ title: 'a\u2028b\uFEFFc\u0000d' }), file(`[a\u2028b\uFEFFc\u0000d](${DEFAULT_LINK})`)],
  ])('%s', (_case, record, expected) => {
    const text = formatRecord(record);
    expect(text).toBe(expected);
    expect(parseRecord(text)).toEqual(record);
    expect(formatRecord(parseRecord(expected))).toBe(expected);
    expect(Buffer.from(Buffer.from(text, 'utf8').toString('utf8'), 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
  });
});

describe('formatRecord refuses records it cannot write', () => {
  it.each<[string, Partial<ArchiveRecord>, string]>([
    ['negative time', { publishedMs: -1 }, 'formatRecord: expected publishedMs to be an integer from 0 to 8640000000000000 (epoch ms), got -1'],
    ['fractional time', { publishedMs: 1.5 }, 'formatRecord: expected publishedMs to be an integer from 0 to 8640000000000000 (epoch ms), got 1.5'],
    ['NaN time', { publishedMs: Number.NaN }, 'got NaN'],
    ['infinite time', { publishedMs: Number.POSITIVE_INFINITY }, 'got Infinity'],
    ['time past the largest Date', { publishedMs: MAX_PUBLISHED_MS + 1 }, 'got 8640000000000001'],
    ['time given as a string', { publishedMs: '1706726701000' as unknown as number }, 'got 1706726701000'],
    ['title not a string', { title: null as unknown as string }, 'formatRecord: expected title to be a string, got object'],
    ['lone high surrogate in the title', { title: 'ab\uD83D' }, 'formatRecord: expected well-formed Unicode in the title, got a lone surrogate U+D83D at index 2; it cannot be written as UTF-8'],
    ['lone low surrogate in the link', { link: '\uDE00x' }, 'in the link, got a lone surrogate U+DE00 at index 0'],
    ['lone surrogate in the HTML', { html: '<p>\uD800</p>' }, 'in the html, got a lone surrogate U+D800 at index 3'],
  ])('%s', (_case, over, message) => {
    const attempt = (): string => formatRecord(rec(over));
    expect(attempt).toThrow(message);
    expect(catchError(attempt)).toSatisfy((e: unknown) => isFeedkeeperError(e, 'RECORD_INVALID'));
  });
});

describe('parseRecord rejects malformed files with the line and what it expected', () => {
  const good = formatRecord(rec({}));
  const titleLine = `[Harbour ferry timetable changes](${DEFAULT_LINK})`;
  it.each<[string, string, string]>([
    ['empty file', '', 'f.txt: line 1: expected "<!--{epoch ms}-->", got end of file'],
    ['missing comment line', good.slice(good.indexOf('\n') + 1), `f.txt: line 1: expected "<!--{epoch ms}-->", got ${JSON.stringify(titleLine)}`],
    ['non-numeric time', good.replace(String(T), '2024-01-31'), 'f.txt: line 1: expected the time as epoch milliseconds (digits only, no sign, no leading zeros) inside "<!--…-->", got "<!--2024-01-31-->"'],
    ['negative time', good.replace(String(T), '-5'), 'line 1: expected the time as epoch milliseconds (digits only, no sign, no leading zeros) inside "<!--…-->", got "<!---5-->"'],
    ['leading zero', good.replace(String(T), `0${T}`), `got "<!--0${T}-->"`],
    ['empty time', good.replace(String(T), ''), 'got "<!---->"'],
    ['time too large', good.replace(String(T), '9999999999999999'), 'f.txt: line 1: expected epoch milliseconds no larger than 8640000000000000, got "<!--9999999999999999-->"'],
    ['spaces in the comment', good.replace(`<!--${T}-->`, `<!-- ${T} -->`), `got "<!-- ${T} -->"`],
    ['byte-order mark', `\uFEFF${good}`, `got "\uFEFF<!--${T}-->" (the file starts with a byte-order mark)`],
    ['CRLF header', good.replace(/\n/g, '\r\n'), `f.txt: line 1: expected "<!--{epoch ms}-->", got "<!--${T}-->\\r" (CRLF line endings are not allowed in the header)`],
    ['only the comment line, no newline', `<!--${T}-->`, 'f.txt: line 1: expected a newline to end line 1, got end of file'],
    ['missing title line', `<!--${T}-->\n`, 'f.txt: line 2: expected "[title](link)", got end of file'],
    ['title line without "["', good.replace(titleLine, 'Harbour ferry'), 'f.txt: line 2: expected "[title](link)" starting with "[", got "Harbour ferry"'],
    ['unknown escape in the title', good.replace(titleLine, '[a\\qb](x)'), 'f.txt: line 2: expected one of "\\\\", "\\[", "\\]", "\\n", "\\r" in the title (column 3), got "\\\\q"'],
    ['raw "[" in the title', good.replace(titleLine, '[a[b](x)'), 'f.txt: line 2: expected "[" in the title to be escaped with a backslash (column 3), got a raw "["'],
    ['raw CR in the title', good.replace(titleLine, '[a\rb](x)'), 'line 2: expected "\\r" in the title to be escaped with a backslash (column 3), got a raw "\\r"'],
    ['title never closed', good.replace(titleLine, '[abc'), 'f.txt: line 2: expected "]" to close the title, got end of line'],
    ['backslash ends the title line', good.replace(titleLine, '[abc\\'), 'f.txt: line 2: expected one of "\\\\", "\\[", "\\]", "\\n", "\\r" in the title (column 5), got a backslash at the end of the line'],
    ['no link after the title', good.replace(titleLine, '[abc]'), 'f.txt: line 2: expected "(" at column 6, right after the "]" that closes the title, got end of line'],
    ['space between title and link', good.replace(titleLine, '[abc] (x)'), 'f.txt: line 2: expected "(" at column 6, right after the "]" that closes the title, got " (x)"'],
    ['raw space in the link', good.replace(titleLine, '[abc](a b)'), 'f.txt: line 2: expected " " in the link to be escaped with a backslash (column 8), got a raw " "'],
    ['raw "(" in the link', good.replace(titleLine, '[abc](a(b)'), 'expected "(" in the link to be escaped with a backslash (column 8), got a raw "("'],
    ['unknown escape in the link', good.replace(titleLine, '[abc](a\\]b)'), 'f.txt: line 2: expected one of "\\\\", "\\(", "\\)", "\\ ", "\\n", "\\r" in the link (column 8), got "\\\\]"'],
    ['link never closed', good.replace(titleLine, '[abc](http://x'), 'f.txt: line 2: expected ")" to close the link, got end of line'],
    ['text after the link', good.replace(titleLine, '[abc](x) extra'), 'f.txt: line 2: expected the line to end after the ")" that closes the link at column 8, got " extra"'],
    ['columns count characters, not UTF-16 units', good.replace(titleLine, '[🎉中[x](y)'), 'expected "[" in the title to be escaped with a backslash (column 4)'],
    ['missing ------', good.replace('------\n', ''), 'f.txt: line 3: expected "------", got ""'],
    ['short dash line', good.replace('------', '-----'), 'f.txt: line 3: expected "------", got "-----"'],
    ['file ends after the title line', `<!--${T}-->\n${titleLine}\n`, 'f.txt: line 3: expected "------", got end of file'],
    ['missing blank line', good.replace('------\n\n', '------\n'), 'f.txt: line 4: expected an empty line, got "<p>The ferry now leaves at seven.</p>"'],
    ['file ends after ------', `<!--${T}-->\n${titleLine}\n------\n`, 'f.txt: line 4: expected an empty line, got end of file'],
    ['no final newline', good.slice(0, -1), 'f.txt: line 5: expected the file to end with a newline after the HTML, got end of file after "<p>The ferry now leaves at seven.</p>"'],
    ['no final newline after multi-line HTML', good.replace('</p>\n', '</p>\n<p>b</p>\n<p>c</p>'), 'f.txt: line 7: expected the file to end with a newline after the HTML'],
    ['nothing after the blank line', `<!--${T}-->\n${titleLine}\n------\n\n`, 'f.txt: line 5: expected the file to end with a newline after the HTML, got end of file'],
    ['lone surrogate in the HTML', good.replace('</p>', '\uD800</p>\n'), 'f.txt: line 5: expected well-formed Unicode, got a lone surrogate U+D800'],
  ])('%s', (_case, text, message) => {
    const attempt = (): unknown => parseRecord(text, 'f.txt');
    expect(attempt).toThrow(message);
    expect(catchError(attempt)).toSatisfy((e: unknown) => isFeedkeeperError(e, 'RECORD_MALFORMED'));
  });

  it('names "record" when no location is given', () => {
    expect(() => parseRecord('')).toThrow('record: line 1: expected "<!--{epoch ms}-->", got end of file');
  });

  it('shortens a long offending line', () => {
    const err = catchError(() => parseRecord(`x${'y'.repeat(500)}\n`, 'f.txt'));
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message.length).toBeLessThan(200);
    expect((err as Error).message).toMatch(/yyyy"…$/);
  });
});

// The real-world example beside the repository: read, never copied into it.
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const SEED = resolve(repoRoot, '../shared/seeds/000_e9893f6b2829f703.txt');

describe('the seed record from ../shared/seeds', () => {
  it.skipIf(!existsSync(SEED))('parses and formats back byte-exact', async () => {
    const bytes = await readFile(SEED);
    const text = bytes.toString('utf8');
    const record = parseRecord(text, SEED);
    expect(record.publishedMs).toBe(1706726701000);
    expect(record.title.startsWith('中国新防长')).toBe(true);
    expect(record.link).toMatch(/^https:\/\/www\.rfi\.fr\/cn\/%E5%9B%BD/);
    expect(record.html).not.toContain('\n');
    expect(formatRecord(record)).toBe(text);
    expect(Buffer.from(formatRecord(record), 'utf8').equals(bytes)).toBe(true);
    expect(await readRecordFile(SEED)).toEqual(record);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to throw');
}
