/**
 * `feedkeeper reextract` end to end: an article whose text came from its page is fetched once
 * (and captured as WARC); the site then goes away and a new clean rule is added. Re-extraction reads
 * the page back from the capture (the paragraphs the feed never carried are there), stores a
 * revision marked as a re-extraction (never as the publisher's edit: `changes` says so and no
 * webhook hears of it), writes its record file, and a second run stores nothing.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runFeedkeeper, tempDataDir } from '../../../test/cli-harness.js';
import { startFixtureServer } from '../../../test/fixture-server.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import { NewsSite, PARAGRAPHS, story } from '../../watch/testdata/news-site.js';

afterAll(async () => {
  await removeTempDirs();
});

async function recordFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) if (entry.isFile() && entry.name.endsWith('.txt')) out.push(entry.name);
  return out;
}

describe('feedkeeper reextract', () => {
  it('re-extracts from the stored page without the network, marks the revision as such, and is a no-op the second time', async () => {
    const dataDir = await tempDataDir();
    const fk = (...args: string[]) => runFeedkeeper([...args, '--data-dir', dataDir, '--allow-private-networks']);
    const server = await startFixtureServer();
    new NewsSite(server).add(story('re1'));
    expect((await fk('add', server.url('/feed.xml'))).code).toBe(0);
    expect((await fk('webhook', 'add', 'http://127.0.0.1:9/never', '--events', 'edit')).code).toBe(0);
    expect((await fk('fetch')).code).toBe(0);
    await server.close(); // from here on, any fetch would fail

    // Nothing changed yet: the same rules give the same article.
    expect((await fk('reextract')).stdout).toContain('re-extracted 1 article(s) (1 from stored pages): 0 changed, 1 unchanged');

    // A new clean rule: the paragraph about fares is boilerplate now.
    await writeFile(join(dataDir, 'clean-rules.json'), JSON.stringify([{ name: 'drop-fares-note', textPattern: '六十五岁以上的老人' }]));
    const before = await recordFiles(join(dataDir, 'archive'));
    const run = await fk('reextract');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('re-extracted 1 article(s) (1 from stored pages): 1 changed, 0 unchanged');

    const store = await openSqliteStore({ file: join(dataDir, 'feedkeeper.db') });
    try {
      const revs = [];
      for await (const r of store.articles.revisions()) revs.push(r);
      expect(revs.map((r) => r.revision)).toEqual([0, 1]);
      const latest = await store.entries.revision({ userId: 0, archive: true }, 1, 1);
      // The page's paragraphs (the feed carried only 30 characters of the first), less the one the rule drops.
      expect(latest?.cleanText).toContain(PARAGRAPHS[2]?.slice(0, 20));
      expect(latest?.cleanText).not.toContain(PARAGRAPHS[3]?.slice(0, 20));
      expect(latest?.source).toBe('reextract');
      const [event] = (await store.watch.changes({ scope: { userId: 0, archive: true } }, { limit: 5, cursor: null })).changes;
      expect(event).toMatchObject({ kind: 'edited', revision: 1, source: 'reextract' });
      expect((await store.webhooks.collect(1, 10)).occurrences).toEqual([]);
    } finally {
      await store.close();
    }
    expect((await recordFiles(join(dataDir, 'archive'))).length).toBe(before.length + 1);
    expect((await fk('changes')).stdout).toContain("re-extracted (revision 1, from the stored page; not the publisher's edit)");
    // The re-extraction is a link of the article's revision chain like any other, naming the capture it read.
    const verified = await fk('verify');
    expect([verified.code, verified.stderr.includes('break')]).toEqual([0, false]);

    expect((await fk('reextract', '--since', '2024-01-01')).stdout).toContain('0 changed, 1 unchanged');
    expect((await fk('reextract', '--since', '2030-01-01')).stdout).toContain('re-extracted 0 article(s)');
    expect((await fk('reextract', '--since', 'soon')).stderr).toContain('--since: expected a date like 2024-01-31, got "soon"');
  });
});
