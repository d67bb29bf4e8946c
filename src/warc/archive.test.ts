import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { readWarcIndependently } from '../../test/warc-check.js';
import { silentLogger } from '../core/logger.js';
import type { Exchange } from '../fetch/index.js';
import { openWarcArchive } from './archive.js';
import { warcFiles } from './repair.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempWarcDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'feedkeeper-warc-'));
  dirs.push(dir);
  return join(dir, 'warc');
}

function exchange(url: string, body: string, status = 200): Exchange {
  return {
    url,
    method: 'GET',
    requestHeaders: { 'user-agent': 'feedkeeper-test', accept: '*/*' },
    status,
    responseHeaders: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip', etag: '"v1"' },
    body: new TextEncoder().encode(body),
    remoteAddress: '127.0.0.1',
    date: new Date(),
  };
}

describe('WARC archive', () => {
  it('writes request/response pairs that an independent reader parses, with every digest right', async () => {
    const dir = await tempWarcDir();
    const archive = await openWarcArchive({ dir, maxFileBytes: 1024 ** 2, logger: silentLogger });
    archive.capture(exchange('http://news.test/a', '<p>第一篇 article one</p>'));
    archive.capture(exchange('http://news.test/feed.xml', '<rss version="2.0"></rss>'));
    await archive.close();
    const [file] = await warcFiles(dir);
    expect(file).toMatch(/warc\/\d{4}\/\d{2}\/feedkeeper-\d{17}-00001\.warc\.gz$/);
    const records = await readWarcIndependently(file as string);
    expect(records.map((r) => r.warcType)).toEqual(['warcinfo', 'response', 'request', 'response', 'request']);
    const [, response, request] = records;
    expect(request?.warcConcurrentTo).toBe(response?.warcRecordID);
    expect(response?.warcTargetURI).toBe('http://news.test/a');
    expect(response?.warcIPAddress).toBe('127.0.0.1');
    expect(response?.warcPayloadDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(response?.payload.toString()).toBe('<p>第一篇 article one</p>');
  });

  it('has its independent check catch a payload byte changed after writing', async () => {
    const dir = await tempWarcDir();
    const archive = await openWarcArchive({ dir, maxFileBytes: 1024 ** 2, logger: silentLogger });
    archive.capture(exchange('http://news.test/a', 'the original words'));
    await archive.close();
    const [file] = await warcFiles(dir);
    const text = gunzipSync(await readFile(file as string)).toString('latin1').replace('original', 'altered!');
    await writeFile(file as string, gzipSync(Buffer.from(text, 'latin1')));
    await expect(readWarcIndependently(file as string)).rejects.toThrow(/digest of response http:\/\/news.test\/a does not match/);
  });

  it('finds a response from the index alone, at its offset', async () => {
    const dir = await tempWarcDir();
    const archive = await openWarcArchive({ dir, maxFileBytes: 1024 ** 2, logger: silentLogger });
    archive.capture(exchange('http://news.test/a', 'one'));
    archive.capture(exchange('http://news.test/b', 'two'));
    archive.capture(exchange('http://news.test/a', 'three'));
    await archive.close();
    const reopened = await openWarcArchive({ dir, maxFileBytes: 1024 ** 2, logger: silentLogger });
    expect(reopened.captures('http://news.test/a').map((c) => c.status)).toEqual([200, 200]);
    const latest = reopened.latest('http://news.test/a');
    expect(latest).not.toBeNull();
    const bytes = await readFile(join(dir, latest?.filename ?? ''));
    const slice = bytes.subarray(latest?.offset, (latest?.offset ?? 0) + (latest?.length ?? 0));
    const one = join(dir, 'one.warc.gz');
    await writeFile(one, slice);
    const [record] = await readWarcIndependently(one);
    expect(record?.payload.toString()).toBe('three');
    expect(record?.warcRecordID).toBe(latest?.recordId);
    expect((await readFile(join(dir, 'index.cdxj'), 'utf8')).split('\n')[0]).toMatch(/^test,news\)\/a \d{14} \{/);
  });

  it('writes a 304 and an identical body as revisit records pointing at the stored response', async () => {
    const dir = await tempWarcDir();
    const archive = await openWarcArchive({ dir, maxFileBytes: 1024 ** 2, logger: silentLogger });
    archive.capture(exchange('http://news.test/feed', 'same body'));
    archive.capture(exchange('http://news.test/feed', 'same body'));
    archive.capture(exchange('http://news.test/feed', '', 304));
    archive.capture(exchange('http://news.test/feed', 'changed body'));
    await archive.close();
    const records = (await readWarcIndependently((await warcFiles(dir))[0] as string)).filter((r) => r.warcType !== 'request');
    const [, first, identical, notModified, changed] = records;
    expect(identical?.warcType).toBe('revisit');
    expect(identical?.warcProfile).toBe('http://netpreserve.org/warc/1.1/revisit/identical-payload-digest');
    expect(identical?.warcRefersTo).toBe(first?.warcRecordID);
    expect(identical?.warcPayloadDigest).toBe(first?.warcPayloadDigest);
    expect(identical?.payload.length).toBe(0);
    expect(notModified?.warcType).toBe('revisit');
    expect(notModified?.warcProfile).toBe('http://netpreserve.org/warc/1.1/revisit/server-not-modified');
    expect(changed?.warcType).toBe('response');
    const index = (await openWarcArchive({ dir, maxFileBytes: 1024 ** 2, logger: silentLogger })).captures('http://news.test/feed');
    expect(index.map((c) => c.type)).toEqual(['response', 'revisit', 'revisit', 'response']);
    expect(index[1]?.refersTo).toBe(first?.warcRecordID);
  });

  it('rotates to a new file, opened by a warcinfo record, when the size cap is reached', async () => {
    const dir = await tempWarcDir();
    const archive = await openWarcArchive({ dir, maxFileBytes: 4096, logger: silentLogger });
    for (let i = 0; i < 12; i++) archive.capture(exchange(`http://news.test/${String(i)}`, `${String(i)} `.repeat(400)));
    await archive.close();
    const files = await warcFiles(dir);
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const records = await readWarcIndependently(file);
      expect(records[0]?.warcType).toBe('warcinfo');
      expect((await stat(file)).size).toBeLessThanOrEqual(4096 + 1200);
    }
  });

  it('repairs a newest file cut mid-record at start, keeping every complete record and its index', async () => {
    const dir = await tempWarcDir();
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (_: object, msg?: string) => void warnings.push(msg ?? ''), child: () => logger };
    const archive = await openWarcArchive({ dir, maxFileBytes: 1024 ** 2, logger });
    archive.capture(exchange('http://news.test/a', 'kept'));
    archive.capture(exchange('http://news.test/b', 'cut '.repeat(200)));
    await archive.close();
    const [file] = await warcFiles(dir);
    const size = (await stat(file as string)).size;
    await truncate(file as string, size - 150); // inside the last member (b's request)
    const reopened = await openWarcArchive({ dir, maxFileBytes: 1024 ** 2, logger });
    expect(warnings.join('\n')).toMatch(/truncated to its last complete record/);
    const records = await readWarcIndependently(file as string);
    expect(records.map((r) => r.warcTargetURI ?? r.warcType)).toEqual(['warcinfo', 'http://news.test/a', 'http://news.test/a', 'http://news.test/b']);
    expect(reopened.latest('http://news.test/a')).not.toBeNull();
    reopened.capture(exchange('http://news.test/c', 'after the repair'));
    await reopened.close();
    expect((await warcFiles(dir)).length).toBe(2);
  });

  it('repairs a cut tail after the last indexed record, reading only from there', async () => {
    const dir = await tempWarcDir();
    const archive = await openWarcArchive({ dir, maxFileBytes: 1024 ** 2, logger: silentLogger });
    archive.capture(exchange('http://news.test/a', 'first'));
    archive.capture(exchange('http://news.test/b', 'second'));
    await archive.close();
    const [file] = await warcFiles(dir);
    const whole = await readFile(file as string);
    await writeFile(file as string, Buffer.concat([whole, gzipSync('WARC/1.1\r\nWARC-Type: response\r\n').subarray(0, 25)])); // a write cut mid-member
    const reopened = await openWarcArchive({ dir, maxFileBytes: 1024 ** 2, logger: silentLogger });
    expect(await readFile(file as string)).toEqual(whole);
    expect(reopened.latest('http://news.test/b')?.status).toBe(200);
    await reopened.close();
  });

  it('quarantines a newest file with no complete record at all', async () => {
    const dir = await tempWarcDir();
    const archive = await openWarcArchive({ dir, maxFileBytes: 1024 ** 2, logger: silentLogger });
    archive.capture(exchange('http://news.test/a', 'soon cut'));
    await archive.close();
    const [file] = await warcFiles(dir);
    await truncate(file as string, 20); // inside the warcinfo member
    const reopened = await openWarcArchive({ dir, maxFileBytes: 1024 ** 2, logger: silentLogger });
    expect(await warcFiles(dir)).toEqual([]);
    expect((await stat(`${file as string}.quarantined`)).size).toBe(20);
    expect(reopened.captures('http://news.test/a')).toEqual([]);
    await reopened.close();
  });

  it('logs a failed write and goes on', async () => {
    const dir = await tempWarcDir();
    const errors: string[] = [];
    const logger = { ...silentLogger, error: (_: object, msg?: string) => void errors.push(msg ?? ''), child: () => logger };
    const archive = await openWarcArchive({ dir, maxFileBytes: 1024 ** 2, logger });
    await rm(dir, { recursive: true });
    await writeFile(dir, 'a file where the directory was');
    archive.capture(exchange('http://news.test/a', 'lost'));
    await archive.flush();
    expect(errors).toEqual(['warc: write failed; the fetch went on without its capture']);
  });
});
