import { describe, expect, it } from 'vitest';
import { longItemId, NO_ARTICLE, parseItemId, shortItemId } from './item-id.js';

// Article 42 is item 42 × 16 + 10 = 682 = 0x2aa.
describe('item ids', () => {
  it('writes the long and the short form', () => {
    expect(longItemId(42)).toBe('tag:google.com,2005:reader/item/00000000000002aa');
    expect(shortItemId(42)).toBe('682');
  });

  it.each([
    ['the long form', 'tag:google.com,2005:reader/item/00000000000002aa', 42],
    ['the long form in capitals', 'TAG:google.com,2005:reader/item/00000000000002AA', 42],
    ['bare hex with its zeros (newsboat, Read You)', '00000000000002aa', 42],
    ['bare hex without zeros (NetNewsWire)', '2aa', 42],
    ['the short form (decimal)', '682', 42],
    ['decimal with spaces around', ' 682 ', 42],
    ['article 1, whose hex is a single letter', 'a'.padStart(2, '1'), 1],
    ['the short form of article 1', '26', 1],
  ])('%s', (_case, raw, id) => {
    expect(parseItemId(raw)).toBe(id);
  });

  it('never mistakes unpadded hex for decimal, or the other way round', () => {
    for (let id = 1; id <= 5000; id++) {
      const hex = longItemId(id).split('/').at(-1) as string;
      expect(parseItemId(hex.replace(/^0+/, ''))).toBe(id);
      expect(parseItemId(hex)).toBe(id);
      expect(parseItemId(shortItemId(id))).toBe(id);
    }
  });

  it.each([
    ['zero', '0'],
    ['a number that is no item of ours (no tag nibble)', '16'],
    ['hex without the tag nibble', '2ab'],
    ['a signed long with the top bit set', '-1'],
    ['past 2^53 in hex', 'tag:google.com,2005:reader/item/fffffffffffffffa'],
  ])('%s is well formed but no article has it', (_case, raw) => {
    expect(parseItemId(raw)).toBe(NO_ARTICLE);
  });

  it.each([
    ['empty', ''],
    ['words', 'latest'],
    ['17 hex digits', '0000000000000002aa'.slice(1).padStart(17, '0')],
    ['a long form with junk', 'tag:google.com,2005:reader/item/xyz'],
    ['a decimal past 64 bits', '18446744073709551616'],
    ['a negative past 64 bits', '-9223372036854775809'],
    ['a fraction', '68.2'],
    ['a feed id', 'feed/12'],
  ])('%s is refused', (_case, raw) => {
    expect(parseItemId(raw)).toBeNull();
  });

  it('reads the signed decimal a Java client makes of a 64-bit id', () => {
    expect(parseItemId(BigInt.asIntN(64, 682n).toString())).toBe(42);
    expect(parseItemId((-(2n ** 63n) + 10n).toString())).toBe(NO_ARTICLE);
  });
});
