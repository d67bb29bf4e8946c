/**
 * `feedkeeper webhook …` in-process against a loopback receiver: add prints the secret, `fetch`
 * delivers what it stored, `log` and `list` show it, `test` pings, bad input is refused with the
 * reason, and a webhook can be removed.
 */
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { removeTempDirs, runFeedkeeper, tempDataDir } from '../../../test/cli-harness.js';
import { Receiver } from '../../../test/receiver.js';
import { startFixtureServer, type FixtureServer } from '../../../test/fixture-server.js';
import { NewsSite, story } from '../../watch/testdata/news-site.js';

let server: FixtureServer;
let receiver: Receiver;
let hookUrl: string;
let dataDir: string;
const fk = (...args: string[]) => runFeedkeeper([...args, '--data-dir', dataDir, '--allow-private-networks']);

beforeAll(async () => {
  server = await startFixtureServer();
  new NewsSite(server).add(story('hook1'));
  receiver = new Receiver();
  await receiver.start();
  hookUrl = `${receiver.url}/in`;
});
beforeEach(async () => {
  dataDir = await tempDataDir();
  receiver.received.length = 0;
});
afterAll(async () => {
  await receiver.stop();
  await server.close();
  await removeTempDirs();
});

describe('feedkeeper webhook', () => {
  it('adds a webhook, and fetch delivers what it stored, signed, as log and list then show', async () => {
    const added = await fk('webhook', 'add', hookUrl, '--events', 'new,edit');
    expect(added.code).toBe(0);
    const secret = added.stdout.trim();
    expect(secret).toMatch(/^whsec_/);
    expect(added.stderr).toContain('webhook 1 added for admin');

    expect((await fk('add', server.url('/feed.xml'))).code).toBe(0);
    const fetched = await fk('fetch');
    expect(fetched.code).toBe(0);
    expect(fetched.stdout).toContain('webhooks: 1 delivered, 0 to retry, 0 failed');
    expect(receiver.received).toHaveLength(1);
    const body = new StandardWebhook(secret).verify(receiver.received[0]?.body ?? '', receiver.received[0]?.headers as Record<string, string>) as { type: string; data: { article: { title: string } } };
    expect(body.type).toBe('article.new');
    expect(body.data.article.title).toContain('hook1');

    expect((await fk('webhook', 'log')).stdout).toMatch(/1 +1 +\S+ \S+ +new +#1 +delivered HTTP 200 after 1 attempt\(s\)/);
    const log = (await fk('webhook', 'log', '1', '--json')).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log).toMatchObject([{ event: 'new', status: 'delivered', attempts: 1, payload: { type: 'article.new' } }]);
    const list = await fk('webhook', 'list');
    expect(list.stdout).toContain(`${hookUrl}`);
    expect(list.stdout).toMatch(/new,edit +all +enabled/);
    expect(list.stdout).not.toContain(secret);
    expect((await fk('webhook', 'list', '--json')).stdout).not.toContain(secret);

    // Nothing new: nothing more is sent.
    expect((await fk('webhook', 'deliver')).stdout).toBe('webhooks: 0 delivered, 0 to retry, 0 failed\n');
    expect(receiver.received).toHaveLength(1);
  });

  it('pings, refuses bad input with the reason, and removes', async () => {
    expect((await fk('webhook', 'add', hookUrl)).code).toBe(0);
    const ping = await fk('webhook', 'test', '1');
    expect(ping.code).toBe(0);
    expect(ping.stdout).toBe(`ping to ${hookUrl}: delivered (HTTP 200): thanks\n`);
    expect(JSON.parse(receiver.received[0]?.body ?? '{}')).toMatchObject({ type: 'ping', data: { webhook_id: 1, events: ['new', 'edit', 'removal', 'restore'] } });

    const badEvent = await fk('webhook', 'add', hookUrl, '--events', 'new,delete');
    expect(badEvent.code).not.toBe(0);
    expect(badEvent.stderr).toContain('"delete" is not one of new, edit, removal, restore');
    const guarded = await runFeedkeeper(['webhook', 'add', 'http://10.1.2.3/hook', '--data-dir', dataDir]);
    expect(guarded.code).not.toBe(0);
    expect(guarded.stderr).toMatch(/10\.1\.2\.3 \(private network\)/);
    expect((await fk('webhook', 'test', '7')).stderr).toContain('admin has no webhook 7');

    expect((await fk('webhook', 'remove', '1')).stdout).toContain('removed webhook 1');
    expect((await fk('webhook', 'list')).stdout).toContain('no webhooks');
  });
});
