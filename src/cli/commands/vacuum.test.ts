/**
 * `feedkeeper vacuum [--full]` on a fetched archive: each step is announced and timed, the file
 * sizes are reported, and the archive answers searches as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runFeedkeeper, serveNewsSite, tempDataDir } from '../../../test/cli-harness.js';
import { startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
  serveNewsSite(server);
});
afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

describe('feedkeeper vacuum', () => {
  it('runs the quick and the full maintenance and leaves the archive as it was', async () => {
    const dataDir = await tempDataDir();
    const fk = (...args: string[]) => runFeedkeeper([...args, '--data-dir', dataDir, '--allow-private-networks']);
    expect((await fk('add', server.url('/rss.xml'))).code).toBe(0);
    expect((await fk('fetch')).code).toBe(0);
    const before = (await fk('search', '--json', '机场')).stdout;
    expect(before).toContain('轻轨二号线延长至机场站');

    const quick = await fk('vacuum');
    expect(quick.code).toBe(0);
    expect(quick.stderr).toContain('[1/3] merge the search index segments…');
    expect(quick.stdout).toMatch(/ {2}merge the search index segments: \d+ ms\n {2}refresh the query planner statistics: \d+ ms\n {2}checkpoint and truncate the write-ahead log: \d+ ms\ndatabase on disk: [\d.]+ MB before, [\d.]+ MB after\n/);

    const full = await fk('vacuum', '--full');
    expect(full.code).toBe(0);
    expect(full.stderr).toContain('[3/4] rewrite the database file…');
    expect(full.stdout).toContain('rebuild the query planner statistics');
    expect((await fk('search', '--json', '机场')).stdout).toBe(before);
  });
});
