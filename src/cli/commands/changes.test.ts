/**
 * `feedkeeper recheck`, `changes` and `set --watch` in-process against the loopback news site of
 * src/watch/testdata: an edit found by a re-check shows in `changes` (text and JSON), a 404 is only
 * a suspicion, and a bad schedule is refused with the step that is wrong.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { removeTempDirs, runFeedkeeper, tempDataDir } from '../../../test/cli-harness.js';
import { startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';
import { NewsSite, story, type Story } from '../../watch/testdata/news-site.js';

let server: FixtureServer;
let site: NewsSite;
let page: Story;
let dataDir: string;
const fk = (...args: string[]) => runFeedkeeper([...args, '--data-dir', dataDir, '--allow-private-networks']);

beforeAll(async () => {
  server = await startFixtureServer();
  site = new NewsSite(server);
  page = site.add(story('cli1'));
});
beforeEach(async () => {
  dataDir = await tempDataDir();
  page.paragraphs = story('cli1').paragraphs;
  page.fate = 'there';
});
afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

describe('feedkeeper recheck and changes', () => {
  it('an edit a re-check finds is listed by changes, in text and as JSON lines', async () => {
    expect((await fk('add', server.url('/feed.xml'))).code).toBe(0);
    expect((await fk('fetch')).code).toBe(0);
    expect((await fk('changes')).stdout).toBe('no changes\n');
    const first = await fk('recheck', '1');
    expect(first.stdout).toBe('re-checked 1 article(s): 1 unchanged\n');
    page.paragraphs[1] = (page.paragraphs[1] ?? '').replace('八十名', '九十名');
    const second = await fk('recheck', '1');
    expect(second.stdout).toBe('re-checked 1 article(s): 1 edited (text)\n');
    const text = await fk('changes');
    expect(text.stdout).toMatch(/edited \(revision 1, found by a page re-check\) {2}#1 新公交计划公布 cli1/);
    const json = await fk('changes', '--json', '--kind', 'edited');
    const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toMatchObject([{ article_id: 1, kind: 'edited', revision: 1, source: 'recheck', feed: '城市日报' }]);
    expect((await fk('changes', '--kind', 'removed')).stdout).toBe('no changes\n');
  });

  it('a 404 is a suspicion, not a removal, until a check hours later agrees', async () => {
    await fk('add', server.url('/feed.xml'));
    await fk('fetch');
    page.fate = 'not-found';
    const r = await fk('recheck', '1');
    expect(r.stdout).toBe('re-checked 1 article(s): 1 suspect\n');
    expect(r.stderr).toContain('#1: suspect: HTTP 404');
    expect((await fk('changes')).stdout).toBe('no changes\n');
  });

  it('set --watch takes a schedule, "off" or "default", and names a bad step', async () => {
    await fk('add', server.url('/feed.xml'), '--no-check');
    expect((await fk('set', '1', '--watch', '30m, 2h, 1d')).code).toBe(0);
    const list = JSON.parse((await fk('list', '--json')).stdout) as Array<Record<string, unknown>>;
    expect(list[0]).toMatchObject({ watch: '30m,2h,1d' });
    const bad = await fk('set', '1', '--watch', '1h,30m');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"30m" does not come after the step before it');
    expect((await fk('set', '1', '--watch', 'off')).code).toBe(0);
    expect((await fk('set', '1', '--watch', 'default')).code).toBe(0);
    const badChanges = await fk('changes', '--since', 'yesterday');
    expect(badChanges.code).toBe(2);
    expect(badChanges.stderr).toContain('--since: expected a date');
  });
});
