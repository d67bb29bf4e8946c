/**
 * `feedkeeper webhook add URL [--events edit,removal,new,restore] [--feed F] | list | remove ID |
 * enable ID | disable ID | test ID | log [ID] | deliver`: a user's webhooks. The signing secret is
 * printed once, at `add` (receivers need it; the reader shows it too). `deliver` collects and sends
 * what is due now, as `run` does every tick; `fetch` does the same after refreshing.
 */
import { redactUrl } from '../../fetch/index.js';
import type { Webhook, WebhookDelivery } from '../../store/index.js';
import { deliverWebhook, dispatchWebhooks, pingWebhook, registerWebhook } from '../../webhooks/index.js';
import { actingUser, readingUser } from '../acting-user.js';
import type { App } from '../app.js';
import { findFeed } from '../feed-ref.js';
import { UsageError, type CliIo } from '../io.js';
import { renderTable } from '../table.js';

interface UserOpt {
  user?: string;
}

export async function webhookAddCommand(app: App, url: string, opts: UserOpt & { events?: string; feed?: string }, io: CliIo): Promise<number> {
  const store = await app.store();
  const user = await actingUser(store, opts.user);
  const feedId = opts.feed === undefined ? null : (await findFeed(store, opts.feed)).id;
  const hook = await registerWebhook(store, { userId: user.id, url, ...(opts.events !== undefined ? { events: opts.events } : {}), feedId }, { allowPrivateNetworks: app.allowPrivateNetworks });
  await io.stdout(`${hook.secret}\n`);
  io.stderr(`webhook ${hook.id} added for ${user.username}: ${redactUrl(hook.url)} (${hook.events.join(', ')}${feedId === null ? '' : `, feed ${feedId}`}).\n` +
    'The line above is its signing secret (Standard Webhooks: check webhook-signature with it); `feedkeeper webhook test ' + String(hook.id) + '` sends a ping.\n');
  return 0;
}

export async function webhookListCommand(app: App, opts: UserOpt & { json?: boolean }, io: CliIo): Promise<number> {
  const store = await app.store();
  const user = await readingUser(store, opts.user);
  const hooks = user === null ? [] : await store.webhooks.list(user.id);
  if (opts.json) {
    await io.stdout(`${JSON.stringify(hooks.map((h) => ({ ...h, url: redactUrl(h.url), secret: undefined })))}\n`);
    return 0;
  }
  if (hooks.length === 0) {
    await io.stdout('no webhooks; add one with `feedkeeper webhook add URL --events edit,removal,new`\n');
    return 0;
  }
  const rows = hooks.map((h) => [String(h.id), redactUrl(h.url), h.events.join(','), h.feedId === null ? 'all' : String(h.feedId), stateOf(h)]);
  await io.stdout(`${renderTable(['id', 'url', 'events', 'feed', 'state'].map((header) => ({ header })), rows)}\n`);
  return 0;
}

export async function webhookRemoveCommand(app: App, ref: string, opts: UserOpt, io: CliIo): Promise<number> {
  const { store, user, hook } = await ownWebhook(app, ref, opts);
  await store.webhooks.remove(user, hook.id);
  await io.stdout(`removed webhook ${hook.id} (${redactUrl(hook.url)}) and its delivery log\n`);
  return 0;
}

export async function webhookEnableCommand(app: App, ref: string, enabled: boolean, opts: UserOpt, io: CliIo): Promise<number> {
  const { store, user, hook } = await ownWebhook(app, ref, opts);
  await store.webhooks.setEnabled(user, hook.id, enabled);
  await io.stdout(`webhook ${hook.id} ${enabled ? 'enabled: what happened meanwhile is delivered too' : 'disabled'}\n`);
  return 0;
}

export async function webhookTestCommand(app: App, ref: string, opts: UserOpt, io: CliIo): Promise<number> {
  const { store, hook } = await ownWebhook(app, ref, opts);
  const attempt = await pingWebhook({ store, fetcher: app.fetcher(), clock: app.clock, logger: app.logger }, hook);
  const ok = attempt.outcome === 'delivered';
  await io.stdout(`ping to ${redactUrl(hook.url)}: ${ok ? 'delivered' : 'failed'} (${attempt.status === null ? 'no answer' : `HTTP ${attempt.status}`}): ${attempt.result}\n`);
  return ok ? 0 : 1;
}

export async function webhookLogCommand(app: App, ref: string | undefined, opts: UserOpt & { json?: boolean; limit?: string }, io: CliIo): Promise<number> {
  const limit = opts.limit === undefined ? 20 : Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError(`--limit: expected a whole number from 1 to 500, got "${opts.limit}"`);
  const store = await app.store();
  const user = await readingUser(store, opts.user);
  const webhookId = ref === undefined ? undefined : (await ownWebhook(app, ref, opts)).hook.id;
  const log = user === null ? [] : await store.webhooks.deliveries(user.id, { limit, ...(webhookId !== undefined ? { webhookId } : {}) });
  if (opts.json) {
    await io.stdout(log.map((d) => `${JSON.stringify({ ...d, payload: JSON.parse(d.payload) as unknown })}\n`).join(''));
    return 0;
  }
  if (log.length === 0) {
    await io.stdout('no deliveries yet\n');
    return 0;
  }
  const rows = log.map((d) => [String(d.id), String(d.webhookId), time(d.createdAt), d.event, d.articleId === null ? '-' : `#${d.articleId}`, describeDelivery(d)]);
  await io.stdout(`${renderTable(['id', 'webhook', 'at', 'event', 'article', 'result'].map((header) => ({ header })), rows)}\n`);
  return 0;
}

/** Collects and sends what is due now; prints a line when anything was sent. */
export async function webhookDeliverCommand(app: App, io: CliIo): Promise<number> {
  const t = await deliverWebhooksNow(app);
  await io.stdout(`webhooks: ${t.delivered} delivered, ${t.retry} to retry, ${t.failed} failed\n`);
  return t.failed > 0 ? 1 : 0;
}

/** `webhook deliver` and `fetch`: one dispatch, then one attempt at every due delivery. */
export async function deliverWebhooksNow(app: App): Promise<{ delivered: number; retry: number; failed: number }> {
  const store = await app.store();
  const t = { delivered: 0, retry: 0, failed: 0 };
  if ((await store.webhooks.list(null)).every((h) => !h.enabled)) return t;
  const deps = { store, fetcher: app.fetcher(), clock: app.clock, logger: app.logger };
  const queue = await app.createQueue();
  queue.process('deliverWebhook', async ({ deliveryId }) => {
    const attempt = await deliverWebhook(deps, deliveryId);
    if (attempt === null) return;
    if (attempt.outcome === 'delivered') t.delivered++;
    else if (attempt.outcome === 'retry') t.retry++;
    else t.failed++;
  }, { concurrency: 4 });
  await dispatchWebhooks(deps, queue);
  await queue.drain();
  await queue.close();
  return t;
}

async function ownWebhook(app: App, ref: string, opts: UserOpt): Promise<{ store: Awaited<ReturnType<App['store']>>; user: number; hook: Webhook }> {
  const id = Number(ref);
  if (!Number.isSafeInteger(id) || id < 1) throw new UsageError(`expected a webhook id (a whole number, see \`feedkeeper webhook list\`), got "${ref}"`);
  const store = await app.store();
  const user = await readingUser(store, opts.user);
  const hook = await store.webhooks.get(id);
  if (user === null || hook === null || hook.userId !== user.id) throw new UsageError(`${user?.username ?? 'nobody'} has no webhook ${id} (see \`feedkeeper webhook list\`)`);
  return { store, user: user.id, hook };
}

function stateOf(h: Webhook): string {
  if (h.enabled) return 'enabled';
  return h.disabledReason === null ? 'disabled' : `disabled: ${h.disabledReason}`;
}

function describeDelivery(d: WebhookDelivery): string {
  const last = d.lastStatus === null ? '' : ` HTTP ${d.lastStatus}`;
  if (d.status === 'delivered') return `delivered${last} after ${d.attempts} attempt(s)`;
  if (d.status === 'failed') return `failed after ${d.attempts} attempt(s): ${d.lastResult ?? ''}`;
  if (d.attempts === 0) return 'waiting';
  return `retry ${d.nextAttemptAt === null ? 'soon' : `at ${time(d.nextAttemptAt)}`} (${d.attempts} attempt(s)${last}): ${d.lastResult ?? ''}`;
}

const time = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
