/**
 * `feedkeeper proof`: the bundle is checked without feedkeeper's code, twice: by running the shell
 * procedure its README gives (sha256sum, zcat, jq, cmp), and by recomputing every hash here from
 * the documented layout with node:crypto.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDataDir } from '../../../test/cli-harness.js';
import { startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';
import { buildHarbourArchive, fk } from '../../evidence/testdata/harbour-site.js';

const run = promisify(execFile);
const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

let server: FixtureServer;
let dataDir = '';
let bundle = '';
beforeAll(async () => {
  server = await startFixtureServer();
  dataDir = await buildHarbourArchive(server);
  bundle = join(await tempDataDir('feedkeeper-proof-'), 'article-1');
  const made = await fk(dataDir, 'proof', '1', '--out', bundle);
  expect(made.code, made.stderr).toBe(0);
});
afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

interface Link { revision: number; fetchedAt: number; recordFile: string; warcDigest: string | null; prev: string; hash: string }
interface Chain { article: { recordId: string }; links: Link[]; head: string; captures: { digest: string; offset: number; length: number }[] }
const chainOf = async (dir: string): Promise<Chain> => JSON.parse(await readFile(join(dir, 'chain.json'), 'utf8')) as Chain;

async function runReadme(dir: string): Promise<{ code: number; out: string }> {
  const readme = await readFile(join(dir, 'README.md'), 'utf8');
  const script = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  expect(script).toContain('sha256sum');
  try {
    const { stdout, stderr } = await run('bash', ['-c', script], { cwd: dir });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('proof', () => {
  it('holds every revision’s record file, the WARC of its page, the chain and the sums', async () => {
    expect((await readdir(bundle)).sort()).toEqual(['README.md', 'SHA256SUMS', 'captures.warc.gz', 'chain.json', 'payloads', 'records']);
    const chain = await chainOf(bundle);
    expect(chain.links.map((l) => l.revision)).toEqual([0, 1]);
    const db = new Database(join(dataDir, 'feedkeeper.db'), { readonly: true });
    const heads = db.prepare('select chain_hash from revisions where article_id = 1 order by revision').pluck().all();
    db.close();
    expect(chain.links.map((l) => l.hash)).toEqual(heads);
    expect(chain.head).toBe(heads.at(-1));
  });

  it('checks out by the README’s own shell procedure', async () => {
    const { code, out } = await runReadme(bundle);
    expect(code, out).toBe(0);
    expect(out).toContain(`all checks passed; head ${(await chainOf(bundle)).head}`);
  });

  it('checks out when every hash is recomputed here from the documented layout', async () => {
    const chain = await chainOf(bundle);
    const warc = gunzipSync(await readFile(join(bundle, 'captures.warc.gz')));
    let prev = '0'.repeat(64);
    for (const link of chain.links) {
      const file = sha256(await readFile(join(bundle, link.recordFile)));
      const input = `feedkeeper-chain/1\nrecord ${chain.article.recordId}\nrevision ${link.revision}\nfetched ${link.fetchedAt}\nfile ${file}\nwarc ${link.warcDigest ?? ''}\nprev ${prev}\n`;
      expect(sha256(input)).toBe(link.hash);
      prev = link.hash;
      // The digest is that of a response payload inside the WARC, the page as the site served it.
      const capture = chain.captures.find((c) => c.digest === link.warcDigest);
      const payload = warc.subarray(capture?.offset ?? 0, (capture?.offset ?? 0) + (capture?.length ?? 0));
      expect(`sha256:${sha256(payload)}`).toBe(link.warcDigest);
      expect(payload.toString('utf8')).toContain(link.revision === 0 ? '四十位乘客' : '四十二位乘客');
    }
    expect(prev).toBe(chain.head);
  });

  it.each([
    ['a record file edited (SHA256SUMS catches it)', async (dir: string) => {
      const file = join(dir, (await chainOf(dir)).links[1]?.recordFile ?? '');
      await writeFile(file, (await readFile(file, 'utf8')).replace('四十二', '五十'));
    }, /FAILED|computed checksum did NOT match/],
    ['a record file edited and SHA256SUMS rewritten to match (the chain catches it)', async (dir: string) => {
      const name = (await chainOf(dir)).links[1]?.recordFile ?? '';
      const text = (await readFile(join(dir, name), 'utf8')).replace('四十二', '五十');
      await writeFile(join(dir, name), text);
      const sums = (await readFile(join(dir, 'SHA256SUMS'), 'utf8')).split('\n').map((l) => (l.endsWith(`  ${name}`) ? `${sha256(text)}  ${name}` : l));
      await writeFile(join(dir, 'SHA256SUMS'), sums.join('\n'));
    }, /revision 1: chain hash is [0-9a-f]{64}, chain.json says/],
  ])('fails by the README when %s', async (_case, tamper, message) => {
    const copy = join(await tempDataDir('feedkeeper-proof-copy-'), 'bundle');
    await cp(bundle, copy, { recursive: true });
    await tamper(copy);
    const { code, out } = await runReadme(copy);
    expect(code).not.toBe(0);
    expect(out).toMatch(message);
  });

  it('refuses to vouch for an article whose record file no longer matches its chain', async () => {
    const copy = await tempDataDir('feedkeeper-proof-broken-');
    await cp(dataDir, copy, { recursive: true });
    const db = new Database(join(copy, 'feedkeeper.db'));
    db.exec("update revisions set chain_hash = 'ff' where article_id = 2");
    db.close();
    const made = await fk(copy, 'proof', '2', '--out', join(copy, 'out'));
    expect(made.code).not.toBe(0);
    expect(made.stderr).toContain('does not match its chain');
  });
});
