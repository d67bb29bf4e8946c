/**
 * Golden fixtures: every folder in testdata/ holds an input feed and the normalized result we
 * expect (expected.json) or the error (expected-error.json). `UPDATE_GOLDEN=1 npm test` rewrites
 * expected.json from the parser's output, so the diff of the expected file is what gets reviewed.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FeedkeeperError } from '../core/index.js';
import { parseFeed } from './index.js';

const root = fileURLToPath(new URL('./testdata/', import.meta.url));
const cases = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const update = process.env.UPDATE_GOLDEN === '1';

function load(name: string) {
  const dir = join(root, name);
  const input = ['input.xml', 'input.json', 'input.bin'].map((f) => join(dir, f)).find(existsSync);
  if (input === undefined) throw new Error(`${name}: no input.xml, input.json or input.bin`);
  const metaPath = join(dir, 'meta.json');
  const meta = existsSync(metaPath) ? (JSON.parse(readFileSync(metaPath, 'utf8')) as { httpCharset?: string | null; baseUrl?: string | null }) : {};
  return { dir, bytes: new Uint8Array(readFileSync(input)), meta };
}

describe('parser golden fixtures', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(30);
  });

  it.each(cases)('%s', (name) => {
    const { dir, bytes, meta } = load(name);
    const errorPath = join(dir, 'expected-error.json');
    if (existsSync(errorPath)) {
      const expected = JSON.parse(readFileSync(errorPath, 'utf8')) as { code: string; messageIncludes?: string[] };
      let caught: unknown;
      try {
        parseFeed(bytes, meta);
      } catch (err) {
        caught = err;
      }
      expect(caught, 'expected the parser to fail').toBeInstanceOf(FeedkeeperError);
      const err = caught as FeedkeeperError;
      expect(err.code).toBe(expected.code);
      for (const part of expected.messageIncludes ?? []) expect(err.message).toContain(part);
      return;
    }
    const result = parseFeed(bytes, meta);
    const actual = {
      feed: result.feed,
      items: result.items,
      warningCodes: [...new Set(result.warnings.map((w) => w.code))].sort(),
    };
    const expectedPath = join(dir, 'expected.json');
    if (update) writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
});
