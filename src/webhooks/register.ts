/**
 * Registering a webhook, for the CLI and the reader alike: the URL must be http(s) and pass the
 * private-address guard (unless private networks are allowed), the events must be known names,
 * and a user has at most MAX_PER_USER. The secret is made here and shown once by the caller.
 */
import { FeedkeeperError } from '../core/index.js';
import { checkPublicUrl, redactUrl } from '../fetch/index.js';
import type { LookupFn } from '../fetch/index.js';
import { WEBHOOK_EVENTS } from '../store/index.js';
import type { Store, Webhook, WebhookEvent } from '../store/index.js';
import { newWebhookSecret } from './sign.js';

const MAX_PER_USER = 20;

export interface RegisterInput {
  userId: number;
  url: string;
  /** Comma-separated names or a list; all events when empty or absent. */
  events?: string | readonly string[];
  feedId?: number | null;
}

export interface RegisterOptions {
  allowPrivateNetworks: boolean;
  lookup?: LookupFn;
}

export async function registerWebhook(store: Store, input: RegisterInput, opts: RegisterOptions): Promise<Webhook> {
  const url = webhookUrl(input.url);
  if (!opts.allowPrivateNetworks) {
    try {
      await checkPublicUrl(url, opts.lookup ? { lookup: opts.lookup } : {});
    } catch (err) {
      throw new FeedkeeperError('USAGE', `webhook URL ${redactUrl(url)}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
  const events = parseWebhookEvents(input.events);
  if ((await store.webhooks.list(input.userId)).length >= MAX_PER_USER) {
    throw new FeedkeeperError('USAGE', `a user has at most ${MAX_PER_USER} webhooks; remove one first`);
  }
  return store.webhooks.create({ userId: input.userId, url, events, feedId: input.feedId ?? null, secret: newWebhookSecret() });
}

function webhookUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new FeedkeeperError('USAGE', `webhook URL ${JSON.stringify(input)}: not a URL (expected https://host/path)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new FeedkeeperError('USAGE', `webhook URL ${redactUrl(url)}: expected http or https, got ${url.protocol.replace(':', '')}`);
  }
  url.hash = '';
  return url.href;
}

/** "edit,removal,new" → the events; every event when nothing is given. */
function parseWebhookEvents(input: string | readonly string[] | undefined): WebhookEvent[] {
  const names = (typeof input === 'string' ? input.split(',') : (input ?? [])).map((n) => n.trim().toLowerCase()).filter((n) => n !== '');
  if (names.length === 0) return [...WEBHOOK_EVENTS];
  const bad = names.find((n) => !(WEBHOOK_EVENTS as readonly string[]).includes(n));
  if (bad !== undefined) throw new FeedkeeperError('USAGE', `webhook events: "${bad}" is not one of ${WEBHOOK_EVENTS.join(', ')}`);
  return WEBHOOK_EVENTS.filter((e) => names.includes(e));
}
