/**
 * The installed entry point, spawned once: `node bin/feedkeeper.js` runs the compiled dist/ build
 * (`npm test` builds it first). Everything else is tested in-process, which is much faster.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot, RSS_FIXTURE } from '../../test/cli-harness.js';

const MAIN = join(repoRoot, 'dist/src/main.js');

describe('bin/feedkeeper.js', () => {
  // Skipped, not failed, when dist/ has not been built: run `npm run build` (or `npm test`) to include it.
  it.skipIf(!existsSync(MAIN))('parse FIXTURE --jsonl exits 0 and prints one JSON line (needs dist/src/main.js from `npm run build`)', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['bin/feedkeeper.js', 'parse', RSS_FIXTURE, '--jsonl'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ file: RSS_FIXTURE, ok: true, error: null, feed: { title: '城东晨报' } });
  });
});
