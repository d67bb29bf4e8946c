/**
 * `export DIR` and `import PATH` in-process: export → import → export round trips, importing twice,
 * the shared seed record coming back byte for byte, malformed record files and bad --since dates.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, repoRoot, runFeedkeeper, serveNewsSite, tempDataDir } from '../../../test/cli-harness.js';
import { startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';

const SEED = resolve(repoRoot, '../shared/seeds/000_e9893f6b2829f703.txt');
const GOOD_RECORD = '<!--1707123600000-->\n[Harbour ferry adds a night crossing](https://port.example.org/2024/02/ferry)\n------\n\n<p>From Monday the last ferry leaves at 23:30.</p>\n';

let server: FixtureServer;
const fk = (dataDir: string, ...args: string[]) => runFeedkeeper([...args, '--data-dir', dataDir, '--allow-private-networks']);

/** Every record file under `dir`: relative path (with "/") → its bytes as text, sorted by path. */
async function readTree(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const entries = await Promise.all(
    files.map(async (e) => [join(e.parentPath, e.name).slice(dir.length + 1).split('\\').join('/'), await readFile(join(e.parentPath, e.name), 'latin1')] as const),
  );
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** A data folder with the news site's RSS feed (3 articles, 29–31 Jan 2024) fetched, and its export. */
let fetched: string;
let firstExport: string;

beforeAll(async () => {
  server = await startFixtureServer();
  serveNewsSite(server);
  fetched = await tempDataDir();
  await fk(fetched, 'add', server.url('/rss.xml'));
  expect((await fk(fetched, 'fetch')).code).toBe(0);
  firstExport = join(fetched, 'export-1');
  expect(await fk(fetched, 'export', firstExport)).toMatchObject({ code: 0, stdout: `exported 3 record(s) to ${firstExport}\n` });
});
afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

describe('feedkeeper export and import', () => {
  it('export → import into a fresh data folder → export gives a byte-identical tree (same paths, same bytes)', async () => {
    const fresh = await tempDataDir();
    await fk(fresh, 'import', firstExport);
    const secondExport = join(fresh, 'export-2');
    await fk(fresh, 'export', secondExport);
    expect(await readTree(secondExport)).toEqual(await readTree(firstExport));
  });

  it('export → import → export keeps the bytes of every record', async () => {
    const fresh = await tempDataDir();
    const imported = await fk(fresh, 'import', firstExport);
    expect(imported).toMatchObject({ code: 0, stdout: 'read 3 file(s): 3 new article(s), 0 new revision(s), 0 already archived, 0 failed\n' });
    const secondExport = join(fresh, 'export-2');
    await fk(fresh, 'export', secondExport);
    const contents = async (dir: string) => Object.values(await readTree(dir)).sort();
    expect(await contents(secondExport)).toEqual(await contents(firstExport));
  });

  it('once imported, export and import are a fixed point: the trees are byte-identical', async () => {
    const [b, c] = [await tempDataDir(), await tempDataDir()];
    await fk(b, 'import', firstExport);
    await fk(b, 'export', join(b, 'out'));
    await fk(c, 'import', join(b, 'out'));
    await fk(c, 'export', join(c, 'out'));
    const tree = await readTree(join(c, 'out'));
    expect(Object.keys(tree)).toHaveLength(3);
    expect(tree).toEqual(await readTree(join(b, 'out')));
  });

  it('importing an export back into the archive it came from adds nothing (records keep their ids)', async () => {
    const again = await fk(fetched, 'import', firstExport);
    expect(again).toMatchObject({ code: 0, stdout: 'read 3 file(s): 0 new article(s), 0 new revision(s), 3 already archived, 0 failed\n' });
  });

  it('importing the same folder twice adds nothing the second time', async () => {
    const fresh = await tempDataDir();
    expect((await fk(fresh, 'import', firstExport)).stdout).toContain('3 new article(s)');
    const again = await fk(fresh, 'import', firstExport);
    expect(again).toMatchObject({ code: 0, stdout: 'read 3 file(s): 0 new article(s), 0 new revision(s), 3 already archived, 0 failed\n' });
  });

  it.skipIf(!existsSync(SEED))('imports the shared seed record and exports it back byte for byte', async () => {
    const fresh = await tempDataDir();
    expect((await fk(fresh, 'import', SEED)).stdout).toBe('read 1 file(s): 1 new article(s), 0 new revision(s), 0 already archived, 0 failed\n');
    await fk(fresh, 'export', join(fresh, 'out'));
    const files = Object.values(await readTree(join(fresh, 'out')));
    expect(files).toHaveLength(1);
    expect(files[0]).toBe(await readFile(SEED, 'latin1'));
  });

  it('reports a malformed record file with its path and line, exits 1, and imports the others', async () => {
    const fresh = await tempDataDir();
    const dir = join(fresh, 'incoming', '2024');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'a-good.txt'), GOOD_RECORD);
    await writeFile(join(dir, 'b-bad.txt'), GOOD_RECORD.replace('------', '- - -'));
    await writeFile(join(dir, 'c-good.txt'), GOOD_RECORD.replace('night crossing', 'dawn crossing').replace('/ferry)', '/ferry-dawn)'));
    const r = await runFeedkeeper(['import', 'incoming', '--data-dir', fresh], { cwd: fresh });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('read 3 file(s): 2 new article(s), 0 new revision(s), 0 already archived, 1 failed\n');
    expect(r.stderr).toContain(`  ${join(dir, 'b-bad.txt')}: line 3: expected "------", got "- - -" (RECORD_MALFORMED)`);
  });

  it('--since keeps articles published on or after the date', async () => {
    const out = join(await tempDataDir(), 'since');
    expect(await fk(fetched, 'export', out, '--since', '2024-01-30')).toMatchObject({ code: 0, stdout: `exported 2 record(s) to ${out}\n` });
  });

  it.each([
    ['--since with month 13', ['export', 'out', '--since', '2024-13-01'], '--since: expected a date like 2024-01-31, got "2024-13-01"'],
    ['--since on a day the month does not have', ['export', 'out', '--since', '2023-02-29'], '--since: expected a date like 2024-01-31, got "2023-02-29"'],
    ['--since that is not a date', ['export', 'out', '--since', 'yesterday'], '--since: expected a date like 2024-01-31, got "yesterday"'],
    ['import of a missing path', ['import', 'no/such/records'], 'no such file or directory: '],
  ])('exits 2 on %s', async (_case, args, message) => {
    const fresh = await tempDataDir();
    const r = await runFeedkeeper([...args, '--data-dir', fresh], { cwd: fresh });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(existsSync(join(fresh, 'out'))).toBe(false);
  });
});
