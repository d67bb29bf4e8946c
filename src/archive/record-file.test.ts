import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFeedkeeperError } from '../core/index.js';
import { formatRecord, readRecordFile, recordPath, walkRecordFiles, writeFileAtomic } from './index.js';
import type { ArchiveRecord } from './index.js';

const TESTDATA = fileURLToPath(new URL('./testdata/', import.meta.url));
const TREE = join(TESTDATA, 'tree');

async function collect(dir: string): Promise<string[]> {
  const paths: string[] = [];
  for await (const path of walkRecordFiles(dir)) paths.push(relative(dir, path).split('\\').join('/'));
  return paths;
}

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => undefined, (err: unknown) => err);
  if (!(error instanceof Error)) throw new Error('expected the promise to reject with an Error');
  return error;
}

let scratch = '';
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'feedkeeper-records-'));
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('walkRecordFiles', () => {
  it('lists every *.txt in folder order, revisions after their article in number order, hidden and other files skipped', async () => {
    expect(await collect(TREE)).toEqual([
      '3-harbour-city-daily/2024/01/d097d10ee1a3975a.txt',
      '3-harbour-city-daily/2024/01/d097d10ee1a3975a.r1.txt',
      '3-harbour-city-daily/2024/01/d097d10ee1a3975a.r2.txt',
      '3-harbour-city-daily/2024/01/d097d10ee1a3975a.r10.txt',
      '3-harbour-city-daily/2024/02/4b0363a9830a264c.txt',
      '8/2023/12/3c3ceb0dd080b6b9.txt',
    ]);
  });

  it('every fixture record reads back and formats to the same bytes', async () => {
    for await (const path of walkRecordFiles(TREE)) {
      const bytes = await readFile(path);
      expect(Buffer.from(formatRecord(await readRecordFile(path)), 'utf8').equals(bytes), path).toBe(true);
    }
  });

  it('follows links to files but not links to folders, and skips temporary files', async () => {
    await mkdir(join(scratch, 'a'));
    await writeFile(join(scratch, 'a', 'real.txt'), 'x');
    await writeFile(join(scratch, 'a', '.real.txt.0a1b2c3d4e5f.tmp'), 'half');
    await symlink(join(scratch, 'a', 'real.txt'), join(scratch, 'a', 'linked.txt'));
    await symlink(join(scratch, 'a'), join(scratch, 'loop'));
    expect(await collect(scratch)).toEqual(['a/linked.txt', 'a/real.txt']);
  });

  it('an empty folder lists nothing', async () => {
    expect(await collect(scratch)).toEqual([]);
  });

  it('a missing folder is a STORE_IO error naming it', async () => {
    const missing = join(scratch, 'nope');
    const error = await errorOf(collect(missing));
    expect(isFeedkeeperError(error, 'STORE_IO')).toBe(true);
    expect(error.message).toBe(`list ${missing}: no such file or directory (ENOENT)`);
  });
});

describe('readRecordFile', () => {
  it('reads a Chinese record with a raw non-ASCII link', async () => {
    expect(await readRecordFile(join(TREE, '8/2023/12/3c3ceb0dd080b6b9.txt'))).toEqual({
      publishedMs: 1702866000000,
      title: '台风“白鹭”今晨登陆 沿海渡轮全线停航',
      link: 'https://zaobao.example.cn/news/2023/12/台风',
      html: '<div><p>受台风影响，本市所有渡轮航线今天停航，预计明天中午恢复。</p><p>气象台提醒市民减少外出。</p></div>',
    });
  });

  it('unescapes the link and keeps an HTML that ends in a newline', async () => {
    const escaped = await readRecordFile(join(TREE, '3-harbour-city-daily/2024/02/4b0363a9830a264c.txt'));
    expect(escaped.link).toBe('https://harbourcity.example/news/2024/02/night market(photos)');
    expect(escaped.title).toBe('Night market returns to Quay Street (with photos)');
    const r2 = await readRecordFile(join(TREE, '3-harbour-city-daily/2024/01/d097d10ee1a3975a.r2.txt'));
    expect(r2.title).toBe('Ferry timetable changes from Monday [updated]');
    expect(r2.html.endsWith('</p>\n')).toBe(true);
    expect((await readRecordFile(join(TREE, '3-harbour-city-daily/2024/01/d097d10ee1a3975a.r10.txt'))).html).toBe('');
  });

  it.each([
    ['missing-dash-line.txt', 'line 3: expected "------", got ""'],
    ['no-final-newline.txt', 'line 5: expected the file to end with a newline after the HTML, got end of file after "<p>Cut short.</p>"'],
  ])('%s is RECORD_MALFORMED and the message starts with its path', async (name, message) => {
    const path = join(TESTDATA, 'malformed', name);
    const error = await errorOf(readRecordFile(path));
    expect(isFeedkeeperError(error, 'RECORD_MALFORMED')).toBe(true);
    expect(error.message).toBe(`${path}: ${message}`);
  });

  it.each<[string, Uint8Array, string]>([
    ['invalid UTF-8 in the HTML', bytesOf('<!--1-->\n[t](l)\n------\n\n<p>ok</p>\n<p>', [0xe4, 0xb8], '</p>\n'), 'line 6: expected UTF-8 text, got bytes that are not valid UTF-8'],
    ['invalid UTF-8 in the title', bytesOf('<!--1-->\n[', [0xff], '](l)\n------\n\n\n'), 'line 2: expected UTF-8 text, got bytes that are not valid UTF-8'],
    ['a byte-order mark is reported, not silently dropped', bytesOf('', [0xef, 0xbb, 0xbf], '<!--1-->\n[t](l)\n------\n\n\n'), 'line 1: expected "<!--{epoch ms}-->", got "\uFEFF<!--1-->" (the file starts with a byte-order mark)'],
    ['CRLF line endings', bytesOf('<!--1-->\r\n[t](l)\r\n------\r\n\r\n<p>x</p>\r\n', [], ''), 'line 1: expected "<!--{epoch ms}-->", got "<!--1-->\\r" (CRLF line endings are not allowed in the header)'],
  ])('%s', async (_case, bytes, message) => {
    const path = join(scratch, 'bad.txt');
    await writeFile(path, bytes);
    const error = await errorOf(readRecordFile(path));
    expect(isFeedkeeperError(error, 'RECORD_MALFORMED')).toBe(true);
    expect(error.message).toBe(`${path}: ${message}`);
  });

  it('a missing file is a STORE_IO error naming it', async () => {
    const path = join(scratch, 'missing.txt');
    const error = await errorOf(readRecordFile(path));
    expect(isFeedkeeperError(error, 'STORE_IO')).toBe(true);
    expect(error.message).toBe(`read ${path}: no such file or directory (ENOENT)`);
  });
});

describe('the whole path: format, write atomically, walk, read', () => {
  it('records written under recordPath come back equal, in order', async () => {
    const records: ArchiveRecord[] = [
      { publishedMs: 1706602500000, title: 'First [draft]', link: 'https://example.org/a (1)', html: '<p>one</p>\r\n' },
      { publishedMs: 1706602500000, title: 'First [final]', link: 'https://example.org/a (1)', html: '<p>one, corrected</p>' },
      { publishedMs: 1702866000000, title: '中文标题 🎉', link: 'https://example.cn/新闻', html: '' },
    ];
    const paths = [
      recordPath('3-harbour', records[0]?.publishedMs ?? 0, 'aaaaaaaaaaaaaaaa'),
      recordPath('3-harbour', records[1]?.publishedMs ?? 0, 'aaaaaaaaaaaaaaaa', 1),
      recordPath('3-harbour', records[2]?.publishedMs ?? 0, 'bbbbbbbbbbbbbbbb'),
    ];
    await Promise.all(records.map((r, i) => writeFileAtomic(join(scratch, paths[i] ?? ''), formatRecord(r))));
    const listed = await collect(scratch);
    expect(listed).toEqual([paths[2], paths[0], paths[1]]);
    for (const [i, path] of paths.entries()) {
      expect(await readRecordFile(join(scratch, path))).toEqual(records[i]);
    }
  });
});

function bytesOf(before: string, middle: number[], after: string): Uint8Array {
  return Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from(middle), Buffer.from(after, 'utf8')]);
}
