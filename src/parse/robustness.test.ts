/**
 * The parser's promise for any input: it returns a result or throws a FeedkeeperError, never
 * anything else, and never hangs. Thousands of mutated and truncated fixtures, from a seeded
 * generator so a failure is reproducible by its case number.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/random.js';
import { FeedkeeperError } from '../core/index.js';
import { parseFeed } from './index.js';

const root = fileURLToPath(new URL('./testdata/', import.meta.url));
const seeds: Uint8Array[] = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => ['input.xml', 'input.json', 'input.bin'].map((f) => join(root, d.name, f)).filter(existsSync))
  .map((p) => new Uint8Array(readFileSync(p)));


const SNIPPETS = ['<', '>', '&', '&nbsp;', '&#0;', '&#x110000;', ']]>', '<![CDATA[', '<!--', '-->', '</item>', '<item>', '<entry>', '"', "'", '\u0000', '\uFFFD', '<?xml', '<!DOCTYPE x [<!ENTITY a "b">]>', 'xmlns:a="http://www.w3.org/2005/Atom"', '{', '}', '[', ']', ','];

function mutate(input: Uint8Array, rand: () => number): Uint8Array {
  const bytes = Array.from(input);
  const edits = 1 + Math.floor(rand() * 8);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (bytes.length + 1));
    const kind = rand();
    if (kind < 0.3) bytes.splice(at, 1 + Math.floor(rand() * 20));
    else if (kind < 0.6) bytes.splice(at, 0, ...Buffer.from(SNIPPETS[Math.floor(rand() * SNIPPETS.length)] as string));
    else if (kind < 0.8) bytes[at] = Math.floor(rand() * 256);
    else bytes.length = at; // truncate
  }
  return Uint8Array.from(bytes);
}

describe('parser robustness', () => {
  it('has seeds to mutate', () => {
    expect(seeds.length).toBeGreaterThan(10);
  });

  it('never throws anything but a FeedkeeperError on 4,000 mutated or truncated inputs', () => {
    const rand = seededRandom(20240131);
    let parsed = 0;
    let rejected = 0;
    for (let n = 0; n < 4000; n++) {
      const seed = seeds[n % seeds.length] as Uint8Array;
      const input = mutate(seed, rand);
      try {
        const result = parseFeed(input, { baseUrl: 'https://feeds.example.org/x.xml' });
        // Contract: every item field is present; missing values are null, never undefined.
        for (const item of result.items) {
          for (const value of Object.values(item)) expect(value).not.toBeUndefined();
        }
        parsed++;
      } catch (err) {
        if (!(err instanceof FeedkeeperError)) throw new Error(`case ${n}: ${String(err)}`, { cause: err });
        rejected++;
      }
    }
    expect(parsed + rejected).toBe(4000);
    expect(parsed).toBeGreaterThan(1000);
  });

  it('reads every prefix of a feed without failing unexpectedly', () => {
    const seed = seeds[0] as Uint8Array;
    for (let len = 0; len <= seed.length; len += 7) {
      try {
        parseFeed(seed.subarray(0, len));
      } catch (err) {
        expect(err).toBeInstanceOf(FeedkeeperError);
      }
    }
  });

  it('handles deep nesting without exhausting the stack', () => {
    const deep = `<rss><channel><item><title>${'<b>'.repeat(100_000)}深</title></item></channel></rss>`;
    const result = parseFeed(deep);
    expect(result.items).toHaveLength(1);
  });
});
