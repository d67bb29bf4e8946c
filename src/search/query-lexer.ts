/**
 * Splits a raw search string into lexemes: OR keywords and atoms (an optional `-`, an optional
 * `field:` prefix, then a bare word or a quoted phrase). Offsets stay in the raw string so every
 * message can say "at character N". Harmless slips (a lone `-`, empty quotes, `title:` with
 * nothing after it) become notes; an unclosed quote is an error because guessing where the
 * phrase ends would silently change what is searched.
 */
import { FeedkeeperError } from '../core/index.js';

export type AtomField = 'any' | 'title' | 'author' | 'feed' | 'tag' | 'after' | 'before';

export type Lexeme =
  | { kind: 'or'; at: number }
  | { kind: 'atom'; at: number; negated: boolean; field: AtomField; quoted: boolean; text: string };

// Straight, full-width and curly double quotes; any of them closes a phrase.
const QUOTES = new Set(['"', '\uFF02', '\u201C', '\u201D']);
const DASHES = new Set(['-', '\uFF0D']);
const FIELD_PREFIX = /(title|author|feed|tag|after|before)[:\uFF1A]/iy;
const SPACE = /\s/;

/** 1-based character (code point) number of UTF-16 offset `at`, as people count. */
export function characterNumber(text: string, at: number): number {
  return [...text.slice(0, at)].length + 1;
}

export function queryError(query: string, message: string, at: number): FeedkeeperError {
  return new FeedkeeperError('QUERY_INVALID', `search "${query}": ${message}`, { details: { at } });
}

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && SPACE.test(ch);
}

function isQuote(ch: string | undefined): boolean {
  return ch !== undefined && QUOTES.has(ch);
}

interface Value {
  text: string;
  quoted: boolean;
  end: number;
}

function readValue(query: string, from: number): Value {
  if (isQuote(query[from])) {
    let close = from + 1;
    while (close < query.length && !isQuote(query[close])) close++;
    if (close >= query.length) {
      const where = characterNumber(query, from);
      throw queryError(query, `unclosed quote at character ${where}: add the closing quote or remove this one`, from);
    }
    return { text: query.slice(from + 1, close), quoted: true, end: close + 1 };
  }
  let end = from;
  while (end < query.length && !isSpace(query[end]) && !isQuote(query[end])) end++;
  return { text: query.slice(from, end), quoted: false, end };
}

/** Lexemes of `query`, plus notes about what was ignored. Throws QUERY_INVALID on an unclosed quote. */
export function lexQuery(query: string): { lexemes: Lexeme[]; notes: string[] } {
  const lexemes: Lexeme[] = [];
  const notes: string[] = [];
  let i = 0;
  while (i < query.length) {
    if (isSpace(query[i])) {
      i++;
      continue;
    }
    const at = i;
    let negated = false;
    if (DASHES.has(query[i] ?? '')) {
      if (i + 1 >= query.length || isSpace(query[i + 1])) {
        notes.push(`a lone "-" at character ${characterNumber(query, at)} was ignored`);
        i++;
        continue;
      }
      negated = true;
      i++;
    }
    FIELD_PREFIX.lastIndex = i;
    const prefix = FIELD_PREFIX.exec(query);
    const field = (prefix?.[1]?.toLowerCase() ?? 'any') as AtomField;
    if (prefix !== null) i += prefix[0].length;
    const value = readValue(query, i);
    i = value.end;
    if (value.text === 'OR' && !value.quoted && !negated && prefix === null) {
      lexemes.push({ kind: 'or', at });
    } else if (value.text.trim() === '') {
      const what = prefix !== null ? `"${prefix[0]}" with no value` : 'empty quotes';
      notes.push(`${what} at character ${characterNumber(query, at)} ignored`);
    } else {
      lexemes.push({ kind: 'atom', at, negated, field, quoted: value.quoted, text: value.text });
    }
  }
  return { lexemes, notes };
}
