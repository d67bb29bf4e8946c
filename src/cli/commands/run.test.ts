/**
 * `feedkeeper run` in-process: it fetches a due feed, stops cleanly when the shutdown promise
 * resolves (lock released), refuses a data folder another run holds, takes over a stale lock, and
 * stops before starting on a bad setting. Always --no-sample: the sample OPML lists real sites.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listFeeds, removeTempDirs, runFeedkeeper, serveNewsSite, tempDataDir, type RunResult } from '../../../test/cli-harness.js';
import { findClosedPort, startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';
import { Receiver } from '../../../test/receiver.js';

let server: FixtureServer;
let dataDir: string;
const RUN = ['run', '--no-sample', '--allow-private-networks', '--port', '0'];

/** Starts `run` on the data folder; stop() resolves its shutdown promise and waits for the exit. */
function startRun(): { lock: string; done: Promise<RunResult>; stop(): Promise<RunResult> } {
  let signal: (name: string) => void = () => {};
  const shutdown = new Promise<string>((resolve) => (signal = resolve));
  const done = runFeedkeeper([...RUN, '--data-dir', dataDir], { shutdown });
  return { lock: join(dataDir, 'feedkeeper.lock'), done, stop: () => (signal('SIGTERM'), done) };
}

/** Polls `list --json` (which takes no lock) until the first feed's lastStatus is `status`. */
async function waitForStatus(status: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await listFeeds(dataDir))[0]?.lastStatus === status) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`feed 1 did not reach lastStatus "${status}" within ${timeoutMs} ms`);
}

beforeAll(async () => {
  server = await startFixtureServer();
  serveNewsSite(server);
});
beforeEach(async () => {
  dataDir = await tempDataDir();
  expect((await runFeedkeeper(['add', server.url('/rss.xml'), '--data-dir', dataDir, '--allow-private-networks'])).code).toBe(0);
});
afterAll(async () => {
  await server.close();
  await removeTempDirs();
});

describe('feedkeeper run', () => {
  it('fetches the due feed, then exits 0 on shutdown and removes its lock file', async () => {
    const run = startRun();
    await waitForStatus('ok');
    expect(existsSync(run.lock)).toBe(true);
    expect(await readFile(run.lock, 'utf8')).toBe(`${process.pid}\nrun\n`);
    const r = await run.stop();
    expect(r.code).toBe(0);
    expect(existsSync(run.lock)).toBe(false);
    expect(r.stderr).toContain('"msg":"feedkeeper running"');
    expect(r.stderr).toContain('"signal":"SIGTERM"');
    expect((await listFeeds(dataDir))[0]).toMatchObject({ lastStatus: 'ok', articleCount: 3 });
  });

  it('delivers webhooks for what it stored, from its own scheduler', async () => {
    const receiver = new Receiver();
    await receiver.start();
    const got = receiver.received;
    try {
      const url = `${receiver.url}/hook`;
      expect((await runFeedkeeper(['webhook', 'add', url, '--events', 'new', '--data-dir', dataDir, '--allow-private-networks'])).code).toBe(0);
      const run = startRun();
      // The first tick queues the refresh; a later one (5 s apart) collects and sends what it stored.
      const deadline = Date.now() + 20_000;
      while (got.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await run.stop()).code).toBe(0);
      expect(got.map((r) => (JSON.parse(r.body) as { type: string }).type)).toEqual(['article.new', 'article.new', 'article.new']);
    } finally {
      await receiver.stop();
    }
  }, 30_000);

  it('serves the web reader from the same process, and makes the admin account once', async () => {
    const port = await findClosedPort();
    let signal: (name: string) => void = () => {};
    const done = runFeedkeeper([...RUN, '--data-dir', dataDir, '--port', String(port)], { shutdown: new Promise<string>((r) => (signal = r)) });
    await waitForStatus('ok');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/feeds`)).status).toBe(401);
    signal('SIGTERM');
    const r = await done;
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/created the web reader's admin account: user "admin", password \S{16,}/);
    expect(r.stderr).toContain(`feedkeeper is running: open http://127.0.0.1:${port}/`);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    const again = await runFeedkeeper([...RUN, '--data-dir', dataDir], { shutdown: Promise.resolve('SIGTERM') });
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('admin account');
  });

  it('passes the OpenID Connect settings to the web reader, and never logs the client secret', async () => {
    const [port, issuerPort] = [await findClosedPort(), await findClosedPort()];
    const env = {
      FEEDKEEPER_OIDC_ISSUER: `http://127.0.0.1:${issuerPort}`, FEEDKEEPER_OIDC_CLIENT_ID: 'feedkeeper', FEEDKEEPER_OIDC_CLIENT_SECRET: 'the-oidc-client-secret',
      FEEDKEEPER_OIDC_REDIRECT_BASE_URL: `http://127.0.0.1:${port}`, FEEDKEEPER_OIDC_LABEL: 'Harbour ID',
    };
    let signal: (name: string) => void = () => {};
    const done = runFeedkeeper([...RUN, '--data-dir', dataDir, '--port', String(port)], { env, shutdown: new Promise<string>((r) => (signal = r)) });
    await waitForStatus('ok');
    expect(await (await fetch(`http://127.0.0.1:${port}/login`)).text()).toContain('Sign in with Harbour ID');
    signal('SIGTERM');
    const r = await done;
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('"oidcClientSecret":"[redacted]"');
    expect(r.stderr).not.toContain('the-oidc-client-secret');
  });

  it('a second run on the same data folder exits 1 while the first holds it', async () => {
    const first = startRun();
    await waitForStatus('ok');
    const second = await runFeedkeeper([...RUN, '--data-dir', dataDir], { shutdown: Promise.resolve('SIGTERM') });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`data directory ${dataDir} is in use by another feedkeeper run (pid ${process.pid})`);
    expect(existsSync(first.lock)).toBe(true); // the refused run must not remove the lock it does not own
    expect((await first.stop()).code).toBe(0);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const lock = join(dataDir, 'feedkeeper.lock');
    await writeFile(lock, '2147483646\nrun\n'); // far above any real pid limit
    const r = await runFeedkeeper([...RUN, '--data-dir', dataDir], { shutdown: Promise.resolve('SIGINT') });
    expect(r.code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it.each([
    ['environment', { FEEDKEEPER_FETCH_TIMEOUT_SECONDS: '10s' }, [], 'FEEDKEEPER_FETCH_TIMEOUT_SECONDS: expected a whole number of seconds from 1 to 600, got "10s"'],
    ['flag', {}, ['--fetch-timeout-seconds', '0'], '--fetch-timeout-seconds'],
    ['environment (log level)', { FEEDKEEPER_LOG_LEVEL: 'loud' }, [], 'FEEDKEEPER_LOG_LEVEL'],
    ['environment (an OpenID issuer without a client)', { FEEDKEEPER_OIDC_ISSUER: 'https://id.example.org' }, [], 'oidcClientId (FEEDKEEPER_OIDC_CLIENT_ID) is required when oidcIssuer is set'],
  ])('exits 2 naming the setting when the %s holds a bad value, before taking the lock', async (_case, env, flags, message) => {
    const r = await runFeedkeeper([...RUN, '--data-dir', dataDir, ...flags], { env, shutdown: Promise.resolve('SIGTERM') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dataDir, 'feedkeeper.lock'))).toBe(false);
    expect((await listFeeds(dataDir))[0]?.lastStatus).toBe('never');
  });
});
