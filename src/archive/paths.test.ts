import { describe, expect, it } from 'vitest';
import { isFeedkeeperError } from '../core/index.js';
import { feedSlug, MAX_PUBLISHED_MS, recordId, recordPath } from './index.js';

describe('recordId', () => {
  it.each([
    // The empty string's SHA-256 is the published test vector e3b0c442…; the rest pin today's ids so a
    // change of hashing (which would orphan every archived file) fails here first.
    ['empty key (SHA-256 test vector)', '', 'e3b0c44298fc1c14'],
    ['URL key', 'https://example.org/news/2024/01/31/ferry', 'e163f7dc341dd45d'],
    ['guid key', 'guid:tag:example.org,2024:ferry-42', '4255182d36372716'],
    ['non-ASCII key hashed as UTF-8', 'https://example.cn/新闻/台风', 'be74bb384c31fca7'],
    ['astral character', '🎉', '6146299cd54818a0'],
  ])('%s', (_case, key, id) => {
    expect(recordId(key)).toBe(id);
    expect(recordId(key)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('differs for keys that differ by one character', () => {
    expect(recordId('https://example.org/a1')).not.toBe(recordId('https://example.org/a2'));
  });
});

describe('recordPath', () => {
  const id = 'e163f7dc341dd45d';
  it.each<[string, string, number, number | undefined, string]>([
    ['first version', '12-bbc-news', 1706726701000, undefined, '12-bbc-news/2024/01/e163f7dc341dd45d.txt'],
    ['first revision', '12-bbc-news', 1706726701000, 1, '12-bbc-news/2024/01/e163f7dc341dd45d.r1.txt'],
    ['tenth revision', '12', 1706726701000, 10, '12/2024/01/e163f7dc341dd45d.r10.txt'],
    ['month in UTC: 23:30 UTC on 31 January is already February in Beijing, still January here', '7', 1706743800000, undefined, '7/2024/01/e163f7dc341dd45d.txt'],
    ['leap day', '7', 1709208000000, undefined, '7/2024/02/e163f7dc341dd45d.txt'],
    ['last millisecond of a year', '7', 1704067199999, undefined, '7/2023/12/e163f7dc341dd45d.txt'],
    ['epoch', '7', 0, undefined, '7/1970/01/e163f7dc341dd45d.txt'],
    ['largest time', '7', MAX_PUBLISHED_MS, undefined, '7/275760/09/e163f7dc341dd45d.txt'],
  ])('%s', (_case, slug, ms, revision, expected) => {
    expect(recordPath(slug, ms, id, revision)).toBe(expected);
  });

  it.each<[string, string, number, string, number | undefined, string]>([
    ['slug with a slash', '12/../x', 0, id, undefined, 'recordPath: expected a feed slug of lowercase letters, digits and single "-" (from feedSlug()), got "12/../x"'],
    ['slug ".."', '..', 0, id, undefined, 'got ".."'],
    ['empty slug', '', 0, id, undefined, 'got ""'],
    ['upper-case slug', '12-BBC', 0, id, undefined, 'got "12-BBC"'],
    ['negative time', '12', -1, id, undefined, 'recordPath: expected publishedMs to be an integer from 0 to 8640000000000000 (epoch ms), got -1'],
    ['fractional time', '12', 0.5, id, undefined, 'got 0.5'],
    ['short id', '12', 0, 'abc', undefined, 'recordPath: expected a record id of 16 lowercase hex digits (from recordId()), got "abc"'],
    ['upper-case id', '12', 0, 'E163F7DC341DD45D', undefined, 'got "E163F7DC341DD45D"'],
    ['revision 0', '12', 0, id, 0, 'recordPath: expected revision to be an integer ≥ 1 (leave it out for the first version), got 0'],
    ['fractional revision', '12', 0, id, 1.5, 'got 1.5'],
  ])('rejects %s', (_case, slug, ms, badId, revision, message) => {
    expect(() => recordPath(slug, ms, badId, revision)).toThrow(message);
    try {
      recordPath(slug, ms, badId, revision);
    } catch (err) {
      expect(isFeedkeeperError(err, 'RECORD_INVALID')).toBe(true);
    }
  });
});

describe('feedSlug', () => {
  it.each<[string, number, string | null | undefined, string]>([
    ['no title', 12, undefined, '12'],
    ['null title', 12, null, '12'],
    ['empty title', 12, '', '12'],
    ['English title', 12, 'BBC News', '12-bbc-news'],
    ['punctuation runs become one dash', 3, '  Harbour -- City: Daily!! ', '3-harbour-city-daily'],
    ['accents dropped', 5, 'Le Monde — Économie', '5-le-monde-economie'],
    ['dotted capital I', 5, 'İstanbul Times', '5-istanbul-times'],
    ['all-Chinese title gives the id alone', 8, '联合早报', '8'],
    ['mixed Chinese and ASCII keeps the ASCII words', 9, 'BBC 中文网', '9-bbc'],
    ['full-width letters fold to ASCII', 10, 'ＢＢＣ　Ｎｅｗｓ', '10-bbc-news'],
    ['emoji only', 11, '🎉🎉', '11'],
    ['long title cut at a word boundary to 40 characters', 4, 'The Quite Remarkably Long Name of a Regional Evening Newspaper', '4-the-quite-remarkably-long-name-of-a'],
    ['a word ending exactly at 40 characters is kept whole', 4, `${'a'.repeat(35)} bcde fgh`, `4-${'a'.repeat(35)}-bcde`],
    ['one very long word cut at 40 characters', 4, 'x'.repeat(60), `4-${'x'.repeat(40)}`],
    ['digits kept', 99, '2024 Election Live', '99-2024-election-live'],
  ])('%s', (_case, id, title, expected) => {
    const slug = feedSlug(id, title);
    expect(slug).toBe(expected);
    expect(slug).toMatch(/^[1-9][0-9]*(-[a-z0-9]+)*$/);
    expect(slug.length - String(id).length).toBeLessThanOrEqual(41);
    expect(recordPath(slug, 0, 'e163f7dc341dd45d')).toMatch(new RegExp(`^${slug}/1970/01/`));
  });

  it('is stable: the same id and title always give the same slug', () => {
    expect(feedSlug(12, 'BBC News')).toBe(feedSlug(12, 'BBC News'));
  });

  it.each([[0], [-3], [1.5], [Number.NaN]])('rejects feed id %s', (id) => {
    expect(() => feedSlug(id, 'x')).toThrow(`feedSlug: expected a feed id that is an integer ≥ 1, got ${String(id)}`);
  });
});
