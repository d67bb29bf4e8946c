/**
 * Builds the binary RSS fixtures in this folder from the invented texts in samples.ts, encoding
 * them with iconv-lite. The committed files must equal what this builds; fixtures.test.ts checks
 * that, and rewrites them when UPDATE_GOLDEN=1 is set:
 *
 *   UPDATE_GOLDEN=1 npx vitest run src/encoding/fixtures.test.ts
 *   npx jiti src/encoding/testdata/gen.ts          (same thing, without the test runner)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { ENGLISH, JAPANESE, KOREAN, SIMPLIFIED_CHINESE, TRADITIONAL_CHINESE, type Sample } from './samples.js';

export interface FixtureSpec {
  file: string;
  sample: Sample;
  /** The encoding="…" the XML declaration states, or null for no encoding pseudo-attribute. */
  declared: string | null;
  /** iconv-lite codec the bytes are really written in. */
  writtenIn: string;
  /** What decodeBytes must report for the file with no HTTP charset. */
  expected: { encoding: string; source: 'declaration' | 'sniffed'; warns: boolean };
}

export const FIXTURES: readonly FixtureSpec[] = [
  {
    file: 'gbk.rss.xml',
    sample: SIMPLIFIED_CHINESE,
    declared: 'GBK',
    writtenIn: 'gbk',
    expected: { encoding: 'gb18030', source: 'declaration', warns: false },
  },
  {
    file: 'big5.rss.xml',
    sample: TRADITIONAL_CHINESE,
    declared: 'Big5',
    writtenIn: 'big5',
    expected: { encoding: 'big5', source: 'declaration', warns: false },
  },
  {
    file: 'gbk-declared-utf8.rss.xml',
    sample: SIMPLIFIED_CHINESE,
    declared: 'UTF-8',
    writtenIn: 'gbk',
    expected: { encoding: 'gb18030', source: 'sniffed', warns: true },
  },
  {
    file: 'windows-1252-declared-iso-8859-1.rss.xml',
    sample: ENGLISH,
    declared: 'ISO-8859-1',
    writtenIn: 'windows-1252',
    expected: { encoding: 'windows-1252', source: 'declaration', warns: false },
  },
  {
    file: 'shift_jis.rss.xml',
    sample: JAPANESE,
    declared: 'Shift_JIS',
    writtenIn: 'shift_jis',
    expected: { encoding: 'shift_jis', source: 'declaration', warns: false },
  },
  {
    file: 'euc-kr.rss.xml',
    sample: KOREAN,
    declared: 'EUC-KR',
    writtenIn: 'euc-kr',
    expected: { encoding: 'euc-kr', source: 'declaration', warns: false },
  },
];

/** A small complete RSS 2.0 document for a sample; the same markup for every language. */
export function renderRss(sample: Sample, declared: string | null): string {
  const declaration = declared === null ? '<?xml version="1.0"?>' : `<?xml version="1.0" encoding="${declared}"?>`;
  const items = sample.items.map(
    (item, i) => `    <item>
      <title>${item.title}</title>
      <link>https://news.example.org/${sample.language.toLowerCase()}/2024/03/0${i + 1}/story-${i + 1}</link>
      <guid isPermaLink="false">example-${sample.language.toLowerCase()}-${i + 1}</guid>
      <pubDate>Fri, 0${i + 1} Mar 2024 08:30:00 +0800</pubDate>
      <description>${item.description}</description>
    </item>`,
  );
  return `${declaration}
<rss version="2.0">
  <channel>
    <title>${sample.channelTitle}</title>
    <link>https://news.example.org/${sample.language.toLowerCase()}/</link>
    <description>${sample.channelTitle}</description>
    <language>${sample.language}</language>
${items.join('\n')}
  </channel>
</rss>
`;
}

export function buildFixture(spec: FixtureSpec): Uint8Array {
  return new Uint8Array(iconv.encode(renderRss(spec.sample, spec.declared), spec.writtenIn));
}

export function fixtureUrl(file: string): URL {
  return new URL(file, import.meta.url);
}

export function writeFixtures(): string[] {
  return FIXTURES.map((spec) => {
    const path = fileURLToPath(fixtureUrl(spec.file));
    writeFileSync(path, buildFixture(spec));
    return path;
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const path of writeFixtures()) console.log(`wrote ${path}`);
}
