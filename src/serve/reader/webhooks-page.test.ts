/**
 * The webhooks settings page: add a webhook (secret shown), ping it against a loopback receiver,
 * switch it off and on, see the delivery log and send a delivery again, remove it; bad input gets
 * a 400 naming what was wrong; another user's webhook is NOT_FOUND.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Receiver } from '../../../test/receiver.js';
import { startServeHarness, type ServeHarness } from '../../../test/serve-harness.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('the webhooks page', () => {
  let h: ServeHarness;
  let receiver: Receiver;
  let receiverUrl: string;
  const bodies = () => receiver.received.map((r) => r.body);
  beforeEach(async () => {
    h = await startServeHarness();
    receiver = new Receiver();
    await receiver.start();
    receiverUrl = `${receiver.url}/hook`;
  });
  afterEach(async () => {
    await receiver.stop();
    await h.close();
  });
  const post = (path: string, fields: Record<string, string | string[]> = {}) => {
    const form = new URLSearchParams({ _csrf: h.session.csrf });
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one);
    return h.browser(path, { method: 'POST', headers: FORM, body: form.toString() });
  };

  it('adds a webhook with its secret, pings it, switches it off and on, logs and resends deliveries, and removes it', async () => {
    expect(await (await h.browser('/settings')).text()).toContain('<a href="/settings/webhooks">Webhooks</a>');
    expect(await (await h.browser('/settings/webhooks')).text()).toContain('You have no webhooks yet.');
    const harbour = await h.addFeed('https://harbour.example.org/feed.xml', { name: '港口' });

    const added = await post('/settings/webhooks', { url: receiverUrl, events: ['edit', 'removal'], feed: String(harbour.id) });
    expect(added.status).toBe(200);
    const page = await added.text();
    const secret = /<code class="webhook-secret">(whsec_[A-Za-z0-9+/=]+)<\/code>/.exec(page)?.[1];
    expect(secret).toBeDefined();
    const [hook] = await h.store.webhooks.list(h.admin.id);
    expect(hook).toMatchObject({ url: receiverUrl, events: ['edit', 'removal'], feedId: harbour.id, secret });
    expect(page).toContain('an article is edited, an article is taken down · 港口');

    const pinged = await (await post(`/settings/webhooks/${hook?.id}/test`)).text();
    expect(pinged).toContain('The ping was delivered (HTTP 200');
    expect(JSON.parse(bodies()[0] ?? '{}')).toMatchObject({ type: 'ping', data: { webhook_id: hook?.id, url: receiverUrl, events: ['edit', 'removal'] } });
    const log = await (await h.browser('/settings/webhooks')).text();
    expect(log).toMatch(/<tr data-delivery="\d+" class="delivery-delivered">/);
    expect(log).toContain('delivered (HTTP 200, 1 attempts)');

    const off = await post(`/settings/webhooks/${hook?.id}/disable`);
    expect([off.status, off.headers.get('location')]).toEqual([303, '/settings/webhooks?done=disable']);
    expect((await h.store.webhooks.get(hook?.id ?? 0))?.enabled).toBe(false);
    await post(`/settings/webhooks/${hook?.id}/enable`);
    expect((await h.store.webhooks.get(hook?.id ?? 0))?.enabled).toBe(true);

    const [delivery] = await h.store.webhooks.deliveries(h.admin.id, { limit: 1 });
    const again = await post(`/settings/webhooks/deliveries/${delivery?.id}/redeliver`);
    expect(again.status).toBe(303);
    expect((await h.store.webhooks.delivery(delivery?.id ?? 0))?.status).toBe('pending');

    await post(`/settings/webhooks/${hook?.id}/remove`);
    expect(await h.store.webhooks.list(h.admin.id)).toEqual([]);
  });

  it('says what was wrong with a bad URL or feed, and keeps other users’ webhooks out of reach', async () => {
    const bad = await post('/settings/webhooks', { url: 'ftp://files.example.org/x', events: ['new'] });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('expected http or https, got ftp');
    const notMine = await post('/settings/webhooks', { url: receiverUrl, feed: '999' });
    expect(notMine.status).toBe(404);
    expect(await notMine.text()).toContain('you have no feed 999');
    expect(await h.store.webhooks.list(h.admin.id)).toEqual([]);

    const mei = await h.addUser('mei');
    const hers = await h.store.webhooks.create({ userId: mei.user.id, url: receiverUrl, events: ['new'], secret: 'whsec_aGVycw==' });
    for (const action of ['remove', 'disable', 'test']) expect((await post(`/settings/webhooks/${hers.id}/${action}`)).status).toBe(404);
    expect(await (await h.browser('/settings/webhooks')).text()).not.toContain('whsec_aGVycw==');
    expect(await h.store.webhooks.get(hers.id)).toMatchObject({ enabled: true });
    expect(bodies()).toEqual([]);
  });
});
