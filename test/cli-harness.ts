/**
 * Runs the feedkeeper CLI in-process for tests: `runCli` from src/main.ts with an injected CliIo
 * that collects stdout and stderr, sees only the environment the test passes (nothing leaks in
 * from process.env, so a developer's FEEDKEEPER_* variables cannot change a result), and stops
 * `run` only when the test resolves its shutdown promise. Also hands out temporary data folders.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../src/cli/index.js';
import { runCli } from '../src/main.js';
import type { FixtureServer } from './fixture-server.js';

/** The repository root: relative fixture paths (src/parse/testdata/…, samples/…) resolve against it. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface RunOptions {
  /** The whole environment the command sees. */
  env?: Record<string, string>;
  /** Working directory for relative paths; the repository root by default. */
  cwd?: string;
  /** Resolve it (with a signal name) to stop a `run`; never resolves by default. */
  shutdown?: Promise<string>;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runFeedkeeper(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    isTty: false,
    env: { ...opts.env },
    cwd: opts.cwd ?? repoRoot,
    untilShutdown: () => opts.shutdown ?? new Promise<string>(() => {}),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

const created: string[] = [];

/** A new empty folder under the system's temp folder; removeTempDirs() deletes every one made. */
export async function tempDataDir(prefix = 'feedkeeper-cli-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Deletes the folders tempDataDir() made; call it from afterAll. */
export async function removeTempDirs(): Promise<void> {
  const dirs = created.splice(0);
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
}

/** The parse/ golden feeds the CLI tests serve: 3 items (Chinese RSS 2.0) and Atom 1.0. */
export const RSS_FIXTURE = 'src/parse/testdata/rss20-basic/input.xml';
export const ATOM_FIXTURE = 'src/parse/testdata/atom10-basic/input.xml';

/**
 * Registers a small news site on a fixture server:
 * - /rss.xml   RSS 2.0 with an ETag, answering 304 to a matching If-None-Match
 * - /atom.xml  Atom 1.0 without validators (fetched in full every time)
 * - /site/     an HTML page linking to /rss.xml first and /atom.xml second
 * - /moved.xml a permanent redirect to /rss.xml
 * Any other path answers 404.
 */
export function serveNewsSite(server: FixtureServer): void {
  const rss = readFileSync(join(repoRoot, RSS_FIXTURE));
  const atom = readFileSync(join(repoRoot, ATOM_FIXTURE));
  server.route('/rss.xml', (req, res) => {
    if (req.headers['if-none-match'] === '"rss-v1"') return res.writeHead(304, { etag: '"rss-v1"' }).end();
    return res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"rss-v1"' }).end(rss);
  });
  server.route('/atom.xml', (_req, res) => res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom));
  server.route('/site/', (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      '<!doctype html><html><head><title>城东晨报</title>' +
        '<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml">' +
        '<link rel="alternate" type="application/atom+xml" title="Atom" href="/atom.xml">' +
        '</head><body><h1>城东晨报</h1></body></html>',
    ),
  );
  server.route('/moved.xml', (_req, res) => res.writeHead(301, { location: '/rss.xml' }).end());
}

/** One row of `feedkeeper list --json`, as far as the tests read it. */
export interface ListedFeed {
  id: number;
  url: string;
  title: string | null;
  titleOverride: string | null;
  tags: string[];
  enabled: boolean;
  minIntervalMs: number | null;
  maxIntervalMs: number | null;
  fulltext: string;
  lastStatus: string;
  lastError: string | null;
  articleCount: number;
  nextCheckAt: number;
}

/** `feedkeeper list --json` on a data folder, parsed; fails loudly when the command does. */
export async function listFeeds(dataDir: string): Promise<ListedFeed[]> {
  const r = await runFeedkeeper(['list', '--json', '--data-dir', dataDir]);
  if (r.code !== 0) throw new Error(`feedkeeper list --json exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as ListedFeed[];
}
