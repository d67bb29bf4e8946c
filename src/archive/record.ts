/**
 * The archive record: the plain-file form of one article or one revision. This module is the only
 * place that reads or writes the format; it does no I/O (record-file.ts and atomic-write.ts do).
 *
 * A record is, byte for byte (UTF-8, LF line endings):
 *
 *     <!--1706726701000-->          line 1: publication time, epoch milliseconds
 *     [Article title](https://…)    line 2: title and link
 *     ------                        line 3
 *                                   line 4: empty
 *     <p>The article HTML…</p>      line 5 on: the HTML, exactly as given
 *
 * and one newline is added after the HTML. Decisions, each covered by a round-trip test in
 * record.test.ts (formatRecord → parseRecord gives the record back; parseRecord → formatRecord gives
 * the bytes back for every file that parses; anything else is rejected, so every record has exactly
 * one spelling):
 *
 * - Time: an integer from 0 to 8 640 000 000 000 000 (the largest time a JS Date holds, so every
 *   record has a year and month for its path). Written in decimal without leading zeros; negative,
 *   fractional, NaN or out-of-range times are refused on write (RECORD_INVALID), and a file with
 *   leading zeros, a sign or any non-digit is refused on read (RECORD_MALFORMED).
 * - Title: Markdown-style backslash escapes, `\\` `\[` `\]`, plus `\n` and `\r` for line breaks, so
 *   a title stays on one line and reads back exactly (folding newlines to spaces would lose them).
 *   Every other character, including leading and trailing spaces, tabs, `(` and `)`, U+2028 and
 *   NUL, is written as is. (`\n` and `\r` are ours, not CommonMark's; no CommonMark reader sees these
 *   files, and the one-line rule matters more.)
 * - Link: backslash escapes `\\` `\(` `\)` `\ ` (space) plus `\n` and `\r`; the link is kept exactly
 *   as given, never percent-encoded or decoded, so non-ASCII characters are written raw as UTF-8 and an
 *   already percent-encoded link (as feeds usually give them) stays percent-encoded. An empty link is
 *   `[title]()`. Escaping the space keeps the link one Markdown token (`(url "title")` means something
 *   else in Markdown).
 * - Reading is strict: an unknown escape (`\x`), a raw `[` or CR in the title, a raw `(`, space or CR
 *   in the link, or anything after the closing `)` is malformed, because the writer never makes it.
 *   The first unescaped `]` ends the title and the first unescaped `)` ends the link. Real-world
 *   records (../shared/seeds) use none of the escaped characters, so they parse as they are.
 * - HTML: any text, kept byte-exact, CRLF included. The file ends with exactly one added "\n", and the
 *   reader removes exactly one: HTML "" is written as "…------\n\n\n", HTML "<p>x</p>\n" ends the file
 *   with "</p>\n\n". A file that does not end with "\n" is malformed.
 * - Header lines end in LF only; a CRLF header (a file converted by an editor) is malformed, and the
 *   message says so. A byte-order mark before `<!--` is malformed too.
 * - Text must be well-formed Unicode: a lone surrogate cannot be written as UTF-8 (it would silently
 *   become U+FFFD), so it is refused on write and on read.
 *
 * Errors: parseRecord throws FeedkeeperError('RECORD_MALFORMED', '<where>: line N: expected …, got …');
 * formatRecord throws FeedkeeperError('RECORD_INVALID', …) for a record that cannot be written.
 */
import { FeedkeeperError } from '../core/index.js';

export interface ArchiveRecord {
  publishedMs: number;
  title: string;
  link: string;
  html: string;
}

/** The largest epoch time a JS Date can hold (±100 000 000 days). */
export const MAX_PUBLISHED_MS = 8_640_000_000_000_000;

const DASH_LINE = '------';
const TIME_LINE = /^<!--(0|[1-9][0-9]*)-->$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What each field escapes: the character in the text → the character after the backslash. */
const TITLE_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\\', '\\'], ['[', '['], [']', ']'], ['\n', 'n'], ['\r', 'r'],
]);
const LINK_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\\', '\\'], ['(', '('], [')', ')'], [' ', ' '], ['\n', 'n'], ['\r', 'r'],
]);
const TITLE_ESCAPE_PATTERN = /[\\[\]\n\r]/g;
const LINK_ESCAPE_PATTERN = /[\\() \n\r]/g;

// ---------------------------------------------------------------------------------------------
// Writing

/** The exact bytes of a record file, as a string (encode as UTF-8). */
export function formatRecord(r: ArchiveRecord): string {
  assertWritable(r);
  const title = r.title.replace(TITLE_ESCAPE_PATTERN, (c) => `\\${TITLE_ESCAPES.get(c) ?? c}`);
  const link = r.link.replace(LINK_ESCAPE_PATTERN, (c) => `\\${LINK_ESCAPES.get(c) ?? c}`);
  return `<!--${String(r.publishedMs)}-->\n[${title}](${link})\n${DASH_LINE}\n\n${r.html}\n`;
}

export function isValidPublishedMs(ms: number): boolean {
  return Number.isInteger(ms) && ms >= 0 && ms <= MAX_PUBLISHED_MS;
}

function assertWritable(r: ArchiveRecord): void {
  if (typeof r.publishedMs !== 'number' || !isValidPublishedMs(r.publishedMs)) {
    throw new FeedkeeperError(
      'RECORD_INVALID',
      `formatRecord: expected publishedMs to be an integer from 0 to ${MAX_PUBLISHED_MS} (epoch ms), got ${String(r.publishedMs)}`,
    );
  }
  for (const field of ['title', 'link', 'html'] as const) {
    const value: unknown = r[field];
    if (typeof value !== 'string') {
      throw new FeedkeeperError('RECORD_INVALID', `formatRecord: expected ${field} to be a string, got ${typeof value}`);
    }
    const lone = LONE_SURROGATE.exec(value);
    if (lone) {
      throw new FeedkeeperError(
        'RECORD_INVALID',
        `formatRecord: expected well-formed Unicode in the ${field}, got a lone surrogate ${codePointName(lone[0])} at index ${lone.index}; it cannot be written as UTF-8`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Reads one record; `where` (a path, usually) starts every error message. */
export function parseRecord(text: string, where = 'record'): ArchiveRecord {
  const fail: Fail = (line, expected, got) => {
    throw new FeedkeeperError('RECORD_MALFORMED', `${where}: line ${line}: expected ${expected}, got ${got}`, {
      details: { where, line },
    });
  };
  const lone = LONE_SURROGATE.exec(text);
  if (lone) fail(1 + countNewlines(text.slice(0, lone.index)), 'well-formed Unicode', `a lone surrogate ${codePointName(lone[0])}`);

  const lines = new HeaderLines(text, fail);
  const publishedMs = readTime(lines.next(1, '"<!--{epoch ms}-->"'), fail);
  lines.endLine();
  const { title, link } = readTitleLine(lines.next(2, '"[title](link)"'), (expected, got) => fail(2, expected, got));
  lines.endLine();
  const dashLine = lines.next(3, `"${DASH_LINE}"`);
  if (dashLine !== DASH_LINE) fail(3, `"${DASH_LINE}"`, quote(dashLine) + crlfHint(dashLine));
  lines.endLine();
  const blankLine = lines.next(4, 'an empty line');
  if (blankLine !== '') fail(4, 'an empty line', quote(blankLine) + crlfHint(blankLine));
  lines.endLine();

  const body = lines.rest();
  if (!body.endsWith('\n')) {
    const got = body === '' ? 'end of file' : `end of file after ${quote(body.slice(-40))}`;
    fail(5 + countNewlines(body), 'the file to end with a newline after the HTML', got);
  }
  return { publishedMs, title, link, html: body.slice(0, -1) };
}

/** Hands out the four header lines one at a time; a line is checked before its missing LF is reported. */
class HeaderLines {
  private pos = 0;
  private lineNo = 0;
  private terminated = true;

  constructor(private readonly text: string, private readonly fail: Fail) {}

  next(lineNo: number, expected: string): string {
    this.lineNo = lineNo;
    if (this.pos >= this.text.length) return this.fail(lineNo, expected, 'end of file');
    const end = this.text.indexOf('\n', this.pos);
    this.terminated = end >= 0;
    const line = this.text.slice(this.pos, this.terminated ? end : undefined);
    this.pos = this.terminated ? end + 1 : this.text.length;
    return line;
  }

  /** Called once the line's content is valid: only then is a missing line ending the problem. */
  endLine(): void {
    if (!this.terminated) this.fail(this.lineNo, `a newline to end line ${this.lineNo}`, 'end of file');
  }

  rest(): string {
    return this.text.slice(this.pos);
  }
}

type Fail = (line: number, expected: string, got: string) => never;

function readTime(line: string, fail: Fail): number {
  const match = TIME_LINE.exec(line);
  if (!match?.[1]) {
    const looksLikeComment = line.startsWith('<!--') && line.endsWith('-->');
    const expected = looksLikeComment
      ? 'the time as epoch milliseconds (digits only, no sign, no leading zeros) inside "<!--…-->"'
      : '"<!--{epoch ms}-->"';
    return fail(1, expected, quote(line) + crlfHint(line) + bomHint(line));
  }
  const ms = Number(match[1]);
  if (ms > MAX_PUBLISHED_MS) return fail(1, `epoch milliseconds no larger than ${MAX_PUBLISHED_MS}`, quote(line));
  return ms;
}

type FailHere = (expected: string, got: string) => never;

/** Line 2: `[title](link)` with the escapes described in the header. */
function readTitleLine(line: string, fail: FailHere): { title: string; link: string } {
  if (!line.startsWith('[')) fail('"[title](link)" starting with "["', quote(line));
  const title = readEscaped(line, 1, ']', TITLE_ESCAPES, 'title', fail);
  if (line[title.end + 1] !== '(') {
    const after = line.slice(title.end + 1);
    fail(`"(" at column ${column(line, title.end + 1)}, right after the "]" that closes the title`, after === '' ? 'end of line' : quote(after));
  }
  const link = readEscaped(line, title.end + 2, ')', LINK_ESCAPES, 'link', fail);
  if (link.end !== line.length - 1) {
    fail(`the line to end after the ")" that closes the link at column ${column(line, link.end)}`, quote(line.slice(link.end + 1)) + crlfHint(line));
  }
  return { title: title.value, link: link.value };
}

/**
 * Reads escaped text from `start` up to the unescaped `close` character. Characters the writer
 * always escapes are refused when they appear raw, so a file has only one valid spelling.
 */
function readEscaped(
  line: string, start: number, close: string, escapes: ReadonlyMap<string, string>, field: string, fail: FailHere,
): { value: string; end: number } {
  const unescape = new Map([...escapes].map(([raw, code]) => [code, raw]));
  let value = '';
  for (let i = start; i < line.length; i++) {
    const c = line[i] ?? '';
    if (c === close) return { value, end: i };
    if (c === '\\') {
      const next = line[i + 1];
      const raw = next === undefined ? undefined : unescape.get(next);
      if (raw === undefined) {
        const allowed = [...unescape.keys()].map((k) => (k === ' ' ? '"\\ "' : `"\\${k}"`)).join(', ');
        fail(`one of ${allowed} in the ${field} (column ${column(line, i)})`, next === undefined ? 'a backslash at the end of the line' : quote(`\\${next}`));
      }
      value += raw;
      i++;
    } else if (escapes.has(c)) {
      fail(`${quote(c)} in the ${field} to be escaped with a backslash (column ${column(line, i)})`, `a raw ${quote(c)}`);
    } else {
      value += c;
    }
  }
  return fail(`${quote(close)} to close the ${field}`, 'end of line');
}

/** 1-based column of a UTF-16 index, counted in characters (code points), as editors show it. */
function column(line: string, index: number): number {
  return [...line.slice(0, index)].length + 1;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** A JSON-quoted, shortened sample of text for an error message. */
function quote(s: string): string {
  const max = 80;
  return s.length > max ? `${JSON.stringify(s.slice(0, max))}…` : JSON.stringify(s);
}

function crlfHint(line: string): string {
  return line.endsWith('\r') ? ' (CRLF line endings are not allowed in the header)' : '';
}

function bomHint(line: string): string {
  return line.startsWith('\uFEFF') ? ' (the file starts with a byte-order mark)' : '';
}

function codePointName(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
