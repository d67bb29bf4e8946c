/**
 * `feedkeeper verify` on a small archive fetched from a loopback site: intact it is clean; on
 * damaged copies (a byte flipped in a record file, a revision row edited with SQL, a WARC truncated
 * or a WARC payload changed) it finds each break, names the part, and exits 1.
 */
import { cp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packTexts, unpackTexts, type RevisionTexts } from '../../archive/index.js';
import { removeTempDirs, runFeedkeeper, tempDataDir } from '../../../test/cli-harness.js';
import { startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';
import { buildHarbourArchive, fk, serveHarbourSite } from '../../evidence/testdata/harbour-site.js';

let server: FixtureServer;
let intact = '';
beforeAll(async () => {
  server = await startFixtureServer();
  intact = await buildHarbourArchive(server);
});
afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

interface Row { article_id: number; revision: number; warc_digest: string | null; chain_hash: string; feed_slug: string; record_id: string; published_at: number }
const rows = (dataDir: string): Row[] => {
  const db = new Database(join(dataDir, 'feedkeeper.db'), { readonly: true });
  try {
    return db.prepare('select r.article_id, r.revision, r.warc_digest, r.chain_hash, a.feed_slug, a.record_id, r.published_at from revisions r join articles a on a.id = r.article_id order by 1, 2').all() as Row[];
  } finally {
    db.close();
  }
};
const recordFile = (dataDir: string, r: Row): string => {
  const d = new Date(r.published_at);
  const name = r.revision === 0 ? `${r.record_id}.txt` : `${r.record_id}.r${r.revision}.txt`;
  return join(dataDir, 'archive', r.feed_slug, String(d.getUTCFullYear()), String(d.getUTCMonth() + 1).padStart(2, '0'), name);
};
interface Capture { url: string; digest: string; filename: string; offset: number; length: number; type: string }
const captures = async (dataDir: string): Promise<Capture[]> =>
  (await readFile(join(dataDir, 'warc', 'index.cdxj'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l.slice(l.indexOf('{'))) as Capture);

interface Json { breaks: { part: string; articleId: number | null; revision: number | null; what: string; expected: string | null; found: string | null }[]; revisions: number; warcRecords: number }
async function verifyJson(dataDir: string, ...args: string[]): Promise<{ code: number; report: Json }> {
  const run = await fk(dataDir, 'verify', '--json', ...args);
  return { code: run.code, report: JSON.parse(run.stdout) as Json };
}

async function damagedCopy(damage: (dataDir: string) => Promise<void>): Promise<string> {
  const copy = await tempDataDir('feedkeeper-damaged-');
  await cp(intact, copy, { recursive: true });
  await damage(copy);
  return copy;
}

describe('verify', () => {
  it('finds an intact archive clean, each revision naming the WARC capture of its page', async () => {
    const run = await fk(intact, 'verify');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ok: 3 revision\(s\) of 2 article\(s\), 3 record file\(s\), \d+ WARC record\(s\) in 2 file\(s\)\n$/);
    const pages = new Map((await captures(intact)).filter((c) => c.url.includes('/news/')).map((c) => [c.digest, c.url]));
    expect(rows(intact).map((r) => [r.article_id, r.revision, pages.get(r.warc_digest ?? '')])).toEqual([
      [1, 0, server.url('/news/1.html')], [1, 1, server.url('/news/1.html')], [2, 0, server.url('/news/2.html')],
    ]);
    expect((await fk(intact, 'verify', '--article', '1')).stdout).toMatch(/^ok: 2 revision\(s\) of 1 article\(s\)/);
  });

  it.each([
    [
      'a byte flipped in a record file',
      async (dir: string) => {
        const file = recordFile(dir, rows(dir)[0] as Row);
        const bytes = await readFile(file);
        bytes.writeUInt8((bytes.at(-3) ?? 0) ^ 0x01, bytes.length - 3);
        await writeFile(file, bytes);
      },
      [{ part: 'record-file', articleId: 1, revision: 0, what: expect.stringContaining('record file changed') }],
    ],
    [
      'a record file deleted',
      async (dir: string) => rm(recordFile(dir, rows(dir)[2] as Row)),
      [{ part: 'record-file', articleId: 2, revision: 0, what: 'record file is missing' }],
    ],
    [
      'the HTML of a revision row edited with SQL',
      async (dir: string) => editTexts(dir, 1, 1, (t) => ({ ...t, fullHtml: (t.fullHtml ?? '').replace('四十二', '五十') })),
      [{ part: 'row', articleId: 1, revision: 1, what: expect.stringContaining('revision row edited') }],
    ],
    [
      'the fetch time of a revision row edited with SQL',
      async (dir: string) => sql(dir, 'update revisions set fetched_at = fetched_at - 86400000 where article_id = 2 and revision = 0'),
      [{ part: 'chain', articleId: 2, revision: 0, what: expect.stringContaining('chain hash does not match the row') }],
    ],
    [
      'a chain hash rewritten with SQL (only that link breaks, not the next)',
      async (dir: string) => sql(dir, `update revisions set chain_hash = '${'e'.repeat(64)}' where article_id = 1 and revision = 0`),
      [{ part: 'chain', articleId: 1, revision: 0, found: 'e'.repeat(64) }],
    ],
  ])('finds %s', async (_case, damage, expected) => {
    const copy = await damagedCopy(damage);
    const { code, report } = await verifyJson(copy);
    expect(code).toBe(1);
    expect(report.breaks).toEqual(expected.map((e) => expect.objectContaining(e)));
  });

  it('finds a truncated WARC file and says where it was cut', async () => {
    const copy = await damagedCopy(async (dir) => {
      const file = join(dir, 'warc', (await captures(dir))[0]?.filename ?? '');
      const { size } = await stat(file);
      await truncate(file, size - 40);
    });
    const { code, report } = await verifyJson(copy);
    expect(code).toBe(1);
    expect(report.breaks).toEqual([expect.objectContaining({ part: 'warc', articleId: null, what: expect.stringMatching(/^WARC file truncated at offset \d+: gzip .* cut short/) })]);
  });

  it('finds a WARC response whose payload was changed, and the revision that came from it', async () => {
    const copy = await damagedCopy(async (dir) => {
      const page = (await captures(dir)).find((c) => c.url === server.url('/news/2.html') && c.type === 'response') as Capture;
      const file = join(dir, 'warc', page.filename);
      const bytes = await readFile(file);
      const record = gunzipSync(bytes.subarray(page.offset, page.offset + page.length));
      const at = record.indexOf('east pier');
      record.write('west', at, 'latin1');
      await writeFile(file, Buffer.concat([bytes.subarray(0, page.offset), gzipSync(record), bytes.subarray(page.offset + page.length)]));
    });
    const { code, report } = await verifyJson(copy);
    expect(code).toBe(1);
    expect(report.breaks).toEqual([
      expect.objectContaining({ part: 'warc', articleId: null, what: expect.stringContaining('WARC block digest mismatch') }),
      expect.objectContaining({ part: 'warc', articleId: null, what: expect.stringContaining('WARC payload digest mismatch') }),
      expect.objectContaining({ part: 'warc', articleId: 2, revision: 0, what: expect.stringContaining('missing or damaged') }),
    ]);
    // Asked about one article, only its own responses are read (through the index): article 1's
    // two pages are intact; article 2's is the damaged one.
    const one = await verifyJson(copy, '--article', '1');
    expect([one.code, one.report.warcRecords, one.report.breaks]).toEqual([0, 2, []]);
    const two = await verifyJson(copy, '--article', '2');
    expect(two.code).toBe(1);
    expect(two.report.breaks.map((b) => [b.part, b.articleId])).toEqual([['warc', null], ['warc', null], ['warc', 2]]);
  });

  it('finds a gzip member whose CRC32 does not match, and goes on with the records after it', async () => {
    const copy = await damagedCopy(async (dir) => {
      const page = (await captures(dir)).find((c) => c.url === server.url('/news/2.html') && c.type === 'response') as Capture;
      const file = join(dir, 'warc', page.filename);
      const bytes = await readFile(file);
      const crcAt = page.offset + page.length - 8;
      bytes.writeUInt8((bytes[crcAt] ?? 0) ^ 0xff, crcAt);
      await writeFile(file, bytes);
    });
    const { code, report } = await verifyJson(copy);
    expect(code).toBe(1);
    expect(report.breaks).toEqual([
      expect.objectContaining({ part: 'warc', what: expect.stringMatching(/^WARC record unreadable at offset \d+: gzip CRC32 or size does not match/) }),
      expect.objectContaining({ part: 'warc', articleId: 2, revision: 0 }),
    ]);
    expect(report.warcRecords).toBe((await verifyJson(intact)).report.warcRecords - 1);
  });

  it('prints each break for people with what was expected and found', async () => {
    const copy = await damagedCopy((dir) => sql(dir, 'update revisions set fetched_at = fetched_at + 1 where article_id = 1 and revision = 1'));
    const run = await fk(copy, 'verify');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^BREAK \[chain\] article 1 revision 1: chain hash does not match the row.*\n {4}expected [0-9a-f]{64}\n {4}found {4}[0-9a-f]{64}\n1 break\(s\): 3 revision\(s\)/);
  });
});

describe('the WARC digest a revision names', () => {
  it('is the feed document’s capture for feed-only content, and nothing with capture off', async () => {
    serveHarbourSite(server);
    const feedOnly = await tempDataDir('feedkeeper-feed-only-');
    expect((await fk(feedOnly, 'add', server.url('/feed.xml'), '--no-check')).code).toBe(0);
    expect((await fk(feedOnly, 'set', '1', '--fulltext', 'never')).code).toBe(0);
    expect((await fk(feedOnly, 'fetch')).code).toBe(0);
    const feedCapture = (await captures(feedOnly)).find((c) => c.url === server.url('/feed.xml'));
    expect(rows(feedOnly).map((r) => r.warc_digest)).toEqual([feedCapture?.digest, feedCapture?.digest]);
    expect((await fk(feedOnly, 'verify')).code).toBe(0);

    const off = await tempDataDir('feedkeeper-capture-off-');
    const env = { FEEDKEEPER_WARC: 'false' };
    const offFk = (...args: string[]) => runFeedkeeper(['--data-dir', off, '--allow-private-networks', ...args], { env });
    expect((await offFk('add', server.url('/feed.xml'), '--no-check')).code).toBe(0);
    expect((await offFk('fetch')).code).toBe(0);
    expect(rows(off).map((r) => r.warc_digest)).toEqual([null, null]);
    const verified = await offFk('verify');
    expect([verified.code, verified.stdout]).toEqual([0, 'ok: 2 revision(s) of 2 article(s), 2 record file(s), 0 WARC record(s) in 0 file(s)\n']);
  });
});

/** Rewrites a revision's packed texts (revisions.texts) as a hand with the database file could. */
async function editTexts(dataDir: string, articleId: number, revision: number, edit: (texts: RevisionTexts) => RevisionTexts): Promise<void> {
  const db = new Database(join(dataDir, 'feedkeeper.db'));
  try {
    const packed = db.prepare('select texts from revisions where article_id = ? and revision = ?').pluck().get(articleId, revision) as Buffer;
    const before = unpackTexts(packed, 'the test');
    const after = edit(before);
    expect(after).not.toEqual(before);
    db.prepare('update revisions set texts = ? where article_id = ? and revision = ?').run(Buffer.from(packTexts(after)), articleId, revision);
  } finally {
    db.close();
  }
}

async function sql(dataDir: string, statement: string): Promise<void> {
  const db = new Database(join(dataDir, 'feedkeeper.db'));
  try {
    db.exec(statement);
  } finally {
    db.close();
  }
}
