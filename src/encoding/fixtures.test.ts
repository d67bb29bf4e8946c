import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBytes } from './index.js';
import { FIXTURES, buildFixture, fixtureUrl, writeFixtures } from './testdata/gen.js';

// UPDATE_GOLDEN=1 rewrites the committed fixtures from gen.ts before checking them.
beforeAll(() => {
  if (process.env['UPDATE_GOLDEN'] === '1') writeFixtures();
});

const read = (file: string): Uint8Array => new Uint8Array(readFileSync(fixtureUrl(file)));

describe.each(FIXTURES.map((spec) => [spec.file, spec] as const))('testdata/%s', (_file, spec) => {
  it('is what gen.ts builds, and small', () => {
    const bytes = read(spec.file);
    expect(Buffer.from(bytes).equals(Buffer.from(buildFixture(spec)))).toBe(true);
    expect(bytes.length).toBeLessThan(3 * 1024);
  });

  it(`decodes as ${spec.expected.encoding} (${spec.expected.source})`, () => {
    const decoded = decodeBytes(read(spec.file), { kind: 'xml' });
    expect({ encoding: decoded.encoding, source: decoded.source }).toEqual({
      encoding: spec.expected.encoding,
      source: spec.expected.source,
    });
    expect(decoded.warnings.length > 0).toBe(spec.expected.warns);
    for (const item of spec.sample.items) {
      expect(decoded.text).toContain(`<title>${item.title}</title>`);
      expect(decoded.text).toContain(`<description>${item.description}</description>`);
    }
    expect(decoded.text).not.toContain('\uFFFD');
  });
});

describe('the Windows-1252 fixture', () => {
  it('really uses the 0x80–0x9F range that ISO-8859-1 lacks', () => {
    const bytes = read('windows-1252-declared-iso-8859-1.rss.xml');
    expect([0x93, 0x94, 0x92, 0x97, 0x80, 0x85].every((byte) => bytes.includes(byte))).toBe(true);
    expect(decodeBytes(bytes, { kind: 'xml' }).text).toContain('Council “fast-tracks” café');
  });
});
