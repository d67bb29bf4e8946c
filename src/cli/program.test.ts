/**
 * The command table's outcomes, in-process: exit codes for usage errors and --help, and a data
 * folder that cannot be created (a path under a regular file) reported by path, never as a stack.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDirs, repoRoot, runFeedkeeper, tempDataDir } from '../../test/cli-harness.js';

let blocked: string;
let scratch: string;

beforeAll(async () => {
  scratch = await tempDataDir();
  const file = join(scratch, 'not-a-folder');
  await writeFile(file, 'a regular file where a folder should be\n');
  blocked = join(file, 'data');
});
afterAll(() => removeTempDirs());

describe('a data folder that cannot be created', () => {
  it.each([
    ['list', ['list']],
    ['list --json', ['list', '--json']],
    ['add --no-check', ['add', 'https://news.example.cn/rss.xml', '--no-check']],
    ['fetch', ['fetch']],
    ['import-opml', ['import-opml', join(repoRoot, 'samples/news.opml')]],
    ['export-opml', ['export-opml']],
    ['export', ['export', 'out']],
    ['import', ['import', '../shared/no-such-records']],
    ['run', ['run', '--no-sample']],
  ])('%s exits 1 with a message naming the path', async (_case, args) => {
    const r = await runFeedkeeper([...args, '--data-dir', blocked], { cwd: scratch, shutdown: Promise.resolve('SIGTERM') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^feedkeeper: .+\n$/);
    expect(r.stderr).toContain(blocked);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('usage', () => {
  it.each([
    ['an unknown command', ['subscribe', 'https://news.example.cn/rss.xml'], "unknown command 'subscribe'"],
    ['a missing argument', ['add'], "missing required argument 'url'"],
    ['an unknown global option', ['list', '--data-folder', 'x'], "unknown option '--data-folder'"],
  ])('exits 2 on %s', async (_case, args, message) => {
    const r = await runFeedkeeper(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('(run `feedkeeper --help` for usage)');
  });

  it('--help lists every command and exits 0', async () => {
    const r = await runFeedkeeper(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['add', 'remove', 'list', 'tag', 'set', 'import-opml', 'export-opml', 'fetch', 'run', 'export', 'import', 'demo', 'parse']) {
      expect(r.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
    }
    expect(r.stdout).toContain('--allow-private-networks');
  });
});
