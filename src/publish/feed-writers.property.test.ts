import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/random.js';
import { parseFeed } from '../parse/index.js';
import { writeAtom, writeJsonFeed, writeRss } from './index.js';
import { atomFeedAuthor, expectRawJsonTitles, expectValid, expectedItem, randomFeed } from './testdata/round-trip.js';

// Seeded random feeds (titles, content and categories drawn from Chinese and English words,
// "]]>", "&", "<", entities, emoji, control characters, unpaired surrogates and odd whitespace;
// dates anywhere in the years 1000–9999) must come back from parseFeed item for item.
const SEEDS = Array.from({ length: 150 }, (_, i) => i + 1);

describe.each([
  ['RSS 2.0', 'rss', writeRss],
  ['Atom 1.0', 'atom', writeAtom],
  ['JSON Feed 1.1', 'json', writeJsonFeed],
] as const)('%s round trip (property)', (_name, format, write) => {
  it(`holds for ${SEEDS.length} seeded random feeds`, () => {
    let itemsChecked = 0;
    for (const seed of SEEDS) {
      const feed = randomFeed(seed, seededRandom(seed));
      const out = write(feed);
      try {
        expectValid(format, out);
        const parsed = parseFeed(out);
        expect(parsed.warnings).toEqual([]);
        if (format === 'json') expectRawJsonTitles(out, feed.items);
        expect(parsed.items).toEqual(feed.items.map((item) => expectedItem(item, format, atomFeedAuthor(feed))));
      } catch (err) {
        throw new Error(`seed ${seed}: ${(err as Error).message}`, { cause: err });
      }
      itemsChecked += feed.items.length;
    }
    expect(itemsChecked).toBeGreaterThan(SEEDS.length * 2);
  });
});
