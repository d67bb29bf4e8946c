import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/random.js';
import { isFeedkeeperError } from '../core/index.js';
import { parseQuery } from './query.js';
import type { QueryField, QueryNode, TermsLeaf } from './query.js';

const leaf = (terms: string[], field: QueryField = 'any', phrase = terms.length > 1): TermsLeaf => ({ kind: 'terms', field, phrase, terms });
const or = (...children: TermsLeaf[]): QueryNode => ({ kind: 'or', children });

describe('parseQuery: terms', () => {
  it.each<[string, string, QueryNode[]]>([
    ['1-char CJK is its unigram', '军', [leaf(['军'])]],
    ['2-char CJK is its bigram', '董军', [leaf(['董军'])]],
    ['3-char CJK is a phrase of two bigrams', '国防部', [leaf(['国防', '防部'])]],
    ['4-char Traditional folds before bigrams', '國防部長', [leaf(['国防', '防部', '部长'])]],
    ['words and CJK sequences are ANDed', '董军 国防', [leaf(['董军']), leaf(['国防'])]],
    ['mixed Latin + CJK word is a phrase', 'iPhone手机', [leaf(['iphone', '手机'])]],
    ['a CJK run before a word keeps its last unigram', '手机iPhone', [leaf(['手机', '机', 'iphone'])]],
    ['quoted English phrase', '"Security Council"', [leaf(['security', 'council'])]],
    ['quoted single term is still a phrase', '"军"', [leaf(['军'], 'any', true)]],
    ['quoted CJK with a space in it', '"军事 演习"', [leaf(['军事', '事', '演习'])]],
    ['full-width and curly quotes', '＂军事演习＂ “defence minister”', [leaf(['军事', '事演', '演习']), leaf(['defence', 'minister'])]],
    ['hyphenated word is a phrase', 'e-mail', [leaf(['e', 'mail'])]],
    ['plural folding on the query', 'missiles', [leaf(['missile'])]],
    ['lowercase or is a word', 'a or b', [leaf(['a']), leaf(['or']), leaf(['b'])]],
  ])('%s', (_case, query, must) => {
    const ast = parseQuery(query);
    expect(ast.must).toEqual(must);
    expect(ast.mustNot).toEqual([]);
    expect(ast.notes).toEqual([]);
  });
});

describe('parseQuery: operators and fields', () => {
  it.each<[string, string, QueryNode[], TermsLeaf[]]>([
    ['OR binds tighter than AND', 'a b OR c', [leaf(['a']), or(leaf(['b']), leaf(['c']))], []],
    ['OR chains', 'a OR b OR c d', [or(leaf(['a']), leaf(['b']), leaf(['c'])), leaf(['d'])], []],
    ['exclusion', '国防 -部长', [leaf(['国防'])], [leaf(['部长'])]],
    ['excluded phrase', '国防 -"国防部长"', [leaf(['国防'])], [leaf(['国防', '防部', '部长'])]],
    ['full-width minus excludes', '国防 －部长', [leaf(['国防'])], [leaf(['部长'])]],
    ['title field', 'title:董军', [leaf(['董军'], 'title')], []],
    ['author field with a quoted value', 'author:"Jane Doe"', [leaf(['jane', 'doe'], 'author')], []],
    ['feed and tag fields', 'feed:中央社 tag:軍事', [leaf(['中央', '央社'], 'feed'), leaf(['军事'], 'tag')], []],
    ['field names ignore case, full-width colon works', 'TITLE：国防', [leaf(['国防'], 'title')], []],
    ['excluded field', 'a -tag:military', [leaf(['a'])], [leaf(['military'], 'tag')]],
    ['unknown field is plain text', 'foo:bar', [leaf(['foo', 'bar'])], []],
    ['OR between fields', 'title:a OR author:b', [or(leaf(['a'], 'title'), leaf(['b'], 'author'))], []],
  ])('%s', (_case, query, must, mustNot) => {
    const ast = parseQuery(query);
    expect(ast.must).toEqual(must);
    expect(ast.mustNot).toEqual(mustNot);
  });

  it.each<[string, string, number | null, number | null]>([
    ['after: is inclusive from 00:00 UTC', 'a after:2024-03-01', Date.UTC(2024, 2, 1), null],
    ['before: is exclusive at 00:00 UTC', 'a before:2024-03-01', null, Date.UTC(2024, 2, 1)],
    ['both', 'after:2024-01-01 a before:2024-02-01', Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1)],
    ['the tightest of repeated bounds wins', 'a after:2024-01-01 after:2024-02-01 before:2024-06-01 before:2024-05-01', Date.UTC(2024, 1, 1), Date.UTC(2024, 4, 1)],
    ['29 February in a leap year', 'a after:2024-02-29', Date.UTC(2024, 1, 29), null],
    ['full-width digits in a date', 'a after:２０２４-０３-０１', Date.UTC(2024, 2, 1), null],
  ])('%s', (_case, query, from, before) => {
    const ast = parseQuery(query);
    expect([ast.publishedFrom, ast.publishedBefore]).toEqual([from, before]);
    expect(ast.must).toEqual([leaf(['a'])]);
  });
});

describe('parseQuery: slips are ignored with a note', () => {
  it.each<[string, string, QueryNode[], string[]]>([
    ['OR at the start and end', 'OR a OR', [leaf(['a'])], [
      '"OR" at character 1 ignored: nothing before it to combine',
      '"OR" at character 6 ignored: nothing after it to combine',
    ]],
    ['doubled OR', 'a OR OR b', [or(leaf(['a']), leaf(['b']))], ['"OR" at character 6 ignored: it repeats the one before']],
    ['OR next to an exclusion', 'a OR -b', [leaf(['a'])], ['"OR" at character 3 ignored: an exclusion cannot be part of OR']],
    ['OR next to a date', 'a OR after:2024-01-01', [leaf(['a'])], ['"OR" at character 3 ignored: a date filter cannot be part of OR']],
    ['a lone minus', 'a - b', [leaf(['a']), leaf(['b'])], ['a lone "-" at character 3 was ignored']],
    ['empty quotes', 'a ""', [leaf(['a'])], ['empty quotes at character 3 ignored']],
    ['field without a value', 'title: a', [leaf(['a'])], ['"title:" with no value at character 1 ignored']],
    ['nothing searchable', '🐼 熊猫 !!!', [leaf(['熊猫'])], [
      '"🐼" at character 1 ignored: nothing searchable in it',
      '"!!!" at character 6 ignored: nothing searchable in it',
    ]],
    ['dates that cannot both hold', 'a after:2024-05-01 before:2024-05-01', [leaf(['a'])], [
      'the after: date is not earlier than the before: date, so nothing can match',
    ]],
  ])('%s', (_case, query, must, notes) => {
    const ast = parseQuery(query);
    expect(ast.must).toEqual(must);
    expect(ast.notes).toEqual(notes);
  });
});

describe('parseQuery: errors say what and where', () => {
  it.each([
    ['unclosed quote', '董军 "国防', 'unclosed quote at character 4'],
    ['unclosed quote after an emoji counts characters, not code units', '🐼 a "b', 'unclosed quote at character 5'],
    ['impossible month', 'a after:2024-13-01', 'after:2024-13-01 at character 3: month 13 does not exist'],
    ['impossible day', 'a before:2023-02-29', 'day 29 does not exist (2023-02 has 28 days)'],
    ['not a date', 'a after:yesterday', 'after:yesterday at character 3: expected a date as YYYY-MM-DD'],
    ['excluded date', 'a -before:2024-01-01', 'a date filter cannot be excluded'],
    ['only exclusions', '-a -"b c"', 'a search needs at least one term to include; this query only excludes'],
    ['only a date', 'after:2024-01-01', 'a search needs at least one term to include; this query has no search terms'],
    ['empty', '   ', 'a search needs at least one term to include'],
  ])('%s', (_case, query, fragment) => {
    let thrown: unknown;
    try {
      parseQuery(query);
    } catch (err) {
      thrown = err;
    }
    expect(isFeedkeeperError(thrown, 'QUERY_INVALID')).toBe(true);
    expect((thrown as Error).message).toContain(fragment);
  });
});

describe('parseQuery never crashes (random strings, seeded)', () => {
  const pieces = ['a', 'b', '国防', '軍', ' ', ' ', '"', '“', '-', 'OR', 'title:', 'tag:', 'after:', '2024-01-01', '2024-13-01', ':', '🐼', '\uD800', '!', '部长', 'x"y'];

  it.each([21, 22, 23, 24, 25])('seed %i: returns an AST with terms, or throws QUERY_INVALID', (seed) => {
    const next = seededRandom(seed);
    for (let round = 0; round < 300; round++) {
      const query = Array.from({ length: Math.floor(next() * 12) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
      try {
        const ast = parseQuery(query);
        expect(ast.must.length).toBeGreaterThan(0);
        const leaves = [...ast.must.flatMap((n) => (n.kind === 'or' ? n.children : [n])), ...ast.mustNot];
        for (const l of leaves) expect(l.terms.length).toBeGreaterThan(0);
      } catch (err) {
        expect(isFeedkeeperError(err, 'QUERY_INVALID'), `${query}: ${String(err)}`).toBe(true);
      }
    }
  });
});
