import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/random.js';
import { isFeedkeeperError } from '../core/index.js';
import { formatRecord, MAX_PUBLISHED_MS, parseRecord } from './index.js';
import type { ArchiveRecord } from './index.js';


/** Pieces that stress the format: every escaped character, header look-alikes and wide characters. */
const PIECES = [
  '[', ']', '(', ')', '\\', ' ', '\n', '\r', '\r\n', '\t', '\\n', '\\[', '](', ')\n',
  '<!--', '-->', '------', '\n\n', '<p>', '</p>', '&amp;', '%E4%B8%AD', '\u0000', '\u2028', '\uFEFF', '\u0301',
  'a', 'Z', '7', '新', '闻', '台风', '𠮷', '🎉', '👩‍👩‍👧', '🇨🇳', 'é', 'ß', 'العربية', 'Ωμέγα',
];

function randomText(next: () => number, maxPieces: number): string {
  const count = Math.floor(next() * (maxPieces + 1));
  let text = '';
  for (let i = 0; i < count; i++) {
    // Mostly pieces, sometimes any BMP non-surrogate code point or any astral one.
    const roll = next();
    if (roll < 0.8) text += PIECES[Math.floor(next() * PIECES.length)] ?? '';
    else if (roll < 0.9) text += String.fromCodePoint(randomBmp(next));
    else text += String.fromCodePoint(0x10000 + Math.floor(next() * 0xfffff));
  }
  return text;
}

function randomBmp(next: () => number): number {
  const cp = Math.floor(next() * 0xf800);
  return cp >= 0xd800 ? cp + 0x800 : cp; // skip the surrogate range
}

function randomRecord(next: () => number): ArchiveRecord {
  const roll = next();
  const publishedMs = roll < 0.05 ? 0 : roll < 0.1 ? MAX_PUBLISHED_MS : Math.floor(next() * 4_102_444_800_000);
  return { publishedMs, title: randomText(next, 12), link: randomText(next, 12), html: randomText(next, 40) };
}

const SEED = 20240131;

describe('property: random records round-trip', () => {
  it('1,000 random records: parse(format(r)) equals r, and format(parse(x)) equals x', () => {
    const next = seededRandom(SEED);
    for (let i = 0; i < 1000; i++) {
      const record = randomRecord(next);
      const text = formatRecord(record);
      const context = `seed ${SEED}, record ${i}: ${JSON.stringify(record)}`;
      expect(parseRecord(text), context).toEqual(record);
      expect(formatRecord(parseRecord(text)), context).toBe(text);
      // Well-formed text survives UTF-8 encoding unchanged, so the file bytes round-trip too.
      expect(Buffer.from(text, 'utf8').toString('utf8'), context).toBe(text);
    }
  });

  it('1,000 mutated files: each is either rejected as RECORD_MALFORMED or formats back to the same bytes', () => {
    const next = seededRandom(SEED + 1);
    let accepted = 0;
    for (let i = 0; i < 1000; i++) {
      const text = mutate(formatRecord(randomRecord(next)), next);
      let record: ArchiveRecord | undefined;
      try {
        record = parseRecord(text);
      } catch (err) {
        expect(isFeedkeeperError(err, 'RECORD_MALFORMED'), `seed ${SEED + 1}, case ${i}: ${String(err)}`).toBe(true);
        continue;
      }
      accepted++;
      expect(formatRecord(record), `seed ${SEED + 1}, case ${i}: ${JSON.stringify(text)}`).toBe(text);
    }
    // Both outcomes must actually occur, or the property proves nothing.
    expect(accepted).toBeGreaterThan(50);
    expect(accepted).toBeLessThan(950);
  });
});

/** One to three edits: insert a piece, delete a span, or swap in a piece, anywhere in the file. */
function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (out.length + 1));
    const piece = PIECES[Math.floor(next() * PIECES.length)] ?? '';
    const kind = next();
    if (kind < 0.4) out = out.slice(0, at) + piece + out.slice(at);
    else if (kind < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 3));
    else out = out.slice(0, at) + piece + out.slice(at + 1);
  }
  return out;
}
