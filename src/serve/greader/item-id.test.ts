import { describe, expect, it } from 'vitest';
import { longItemId, NO_ARTICLE, parseItemId, shortItemId } from './item-id.js';

describe('item ids', () => {
  it.each([
    ['the long form', 'tag:google.com,2005:reader/item/000000000000002a', 42],
    ['the long form in capitals', 'TAG:google.com,2005:reader/item/000000000000002A', 42],
    ['bare hex with its zeros (16 digits)', '0000000000000042', 0x42],
    ['bare hex without zeros, with a letter', '2a', 42],
    ['the short form (decimal)', '42', 42],
    ['decimal with spaces around', ' 42 ', 42],
    ['a large article id both ways', longItemId(9_007_199_254_740_991), Number.MAX_SAFE_INTEGER],
  ])('%s', (_case, raw, id) => {
    expect(parseItemId(raw)).toBe(id);
  });

  it.each([
    ['zero', '0'],
    ['a signed long with the top bit set', '-1'],
    ['past 2^53 in hex', 'tag:google.com,2005:reader/item/ffffffffffffffff'],
    ['past 2^53 in decimal', '18446744073709551615'],
  ])('%s is well formed but no article has it', (_case, raw) => {
    expect(parseItemId(raw)).toBe(NO_ARTICLE);
  });

  it.each([
    ['empty', ''],
    ['words', 'latest'],
    ['17 hex digits', '00000000000000002a'.padStart(17, '0')],
    ['a long form with junk', 'tag:google.com,2005:reader/item/xyz'],
    ['a decimal past 64 bits', '18446744073709551616'],
    ['a negative past 64 bits', '-9223372036854775809'],
    ['a fraction', '4.2'],
    ['a feed id', 'feed/12'],
  ])('%s is refused', (_case, raw) => {
    expect(parseItemId(raw)).toBeNull();
  });

  it('formats both ways and reads its own output back', () => {
    for (const id of [1, 42, 255, 4096, 123_456_789]) {
      expect(longItemId(id)).toMatch(/^tag:google\.com,2005:reader\/item\/[0-9a-f]{16}$/);
      expect(parseItemId(longItemId(id))).toBe(id);
      expect(parseItemId(longItemId(id).split('/').at(-1) ?? '')).toBe(id);
      expect(parseItemId(shortItemId(id))).toBe(id);
    }
  });

  it('reads the signed decimal a Java client makes of a 64-bit id', () => {
    // An id with the top bit set is negative as a long; its 64 bits are past 2^53, so no article of ours.
    expect(parseItemId((-(2n ** 63n)).toString())).toBe(NO_ARTICLE);
    expect(parseItemId(BigInt.asIntN(64, 0x2an).toString())).toBe(42);
  });
});
