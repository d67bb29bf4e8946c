/**
 * One delivery attempt: sign the stored body with a fresh timestamp, POST it through the guarded
 * fetcher (private addresses refused unless allowed, no redirects followed, 10 s in all), and
 * record what the receiver said. A 2xx delivers; 410 Gone switches the webhook off (the receiver
 * says it will never want more); anything else is retried after 30 s, 2 min, 10 min, 1 h, 6 h and
 * 24 h, then given up. Delivery is at least once: a crash after the POST and before the record
 * sends it again, with the same `webhook-id` header for the receiver to drop the repeat.
 */
import { describeError, isFeedkeeperError } from '../core/index.js';
import type { Clock, Logger } from '../core/index.js';
import type { Fetcher } from '../fetch/index.js';
import type { DeliveryAttempt, Store, Webhook } from '../store/index.js';
import { deliveryMessageId, pingPayload } from './payload.js';
import { signedHeaders } from './sign.js';

export const RETRY_DELAYS_MS: readonly number[] = [30_000, 120_000, 600_000, 3_600_000, 21_600_000, 86_400_000];
const TIMEOUT_MS = 10_000;
const RESULT_CHARS = 300;

export interface DeliverDeps {
  store: Store;
  fetcher: Fetcher;
  clock: Clock;
  logger: Logger;
  /** The whole POST, connect to answer; 10 s when not given. */
  timeoutMs?: number;
}

/** Makes one attempt at a pending delivery; null when there is nothing to attempt (done, gone, webhook off). */
export async function deliverWebhook(deps: DeliverDeps, deliveryId: number): Promise<DeliveryAttempt | null> {
  const delivery = await deps.store.webhooks.delivery(deliveryId);
  if (delivery === null || delivery.status !== 'pending') return null;
  const webhook = await deps.store.webhooks.get(delivery.webhookId);
  if (webhook === null || !webhook.enabled) return null;
  const attempt = await attemptPost(deps, webhook, deliveryMessageId(webhook.id, delivery.key), delivery.payload, delivery.attempts + 1);
  await deps.store.webhooks.recordAttempt(deliveryId, attempt);
  deps.logger.debug({ webhook: webhook.id, delivery: deliveryId, outcome: attempt.outcome, status: attempt.status }, 'webhook delivery attempted');
  return attempt;
}

/** `webhook test`: stores a ping as a delivery of its own and attempts it at once. */
export async function pingWebhook(deps: DeliverDeps, webhook: Webhook): Promise<DeliveryAttempt> {
  const now = deps.clock.now();
  const key = `ping-${now}`;
  await deps.store.webhooks.enqueue(webhook.id, [{ key, event: 'ping', articleId: null, payload: pingPayload(webhook, now) }], null, now);
  const delivery = (await deps.store.webhooks.deliveries(webhook.userId, { webhookId: webhook.id, limit: 20 })).find((d) => d.key === key);
  if (delivery === undefined) throw new Error(`webhook ${webhook.id}: the ping delivery was not stored`);
  const attempt = await attemptPost(deps, webhook, deliveryMessageId(webhook.id, key), delivery.payload, 1);
  await deps.store.webhooks.recordAttempt(delivery.id, attempt.outcome === 'retry' ? { ...attempt, outcome: 'failed' } : attempt);
  return attempt;
}

async function attemptPost(deps: DeliverDeps, webhook: Webhook, messageId: string, payload: string, attemptNo: number): Promise<DeliveryAttempt> {
  const at = deps.clock.now();
  const retry = (status: number | null, result: string): DeliveryAttempt => {
    const delay = RETRY_DELAYS_MS[attemptNo - 1];
    return delay === undefined
      ? { at, status, result: `${result}; gave up after ${attemptNo} attempts`, outcome: 'failed' }
      : { at, status, result, outcome: 'retry', nextAttemptAt: at + delay };
  };
  try {
    const answer = await deps.fetcher.post(webhook.url, payload, signedHeaders(webhook.secret, messageId, at, payload), { timeoutMs: deps.timeoutMs ?? TIMEOUT_MS });
    const said = answer.body.trim().slice(0, RESULT_CHARS);
    if (answer.status >= 200 && answer.status < 300) return { at, status: answer.status, result: said === '' ? `HTTP ${answer.status}` : said, outcome: 'delivered' };
    if (answer.status === 410) return { at, status: 410, result: 'the receiver answered 410 Gone: webhook switched off', outcome: 'gone' };
    const redirect = answer.location === null ? '' : ` (redirect to ${answer.location} not followed)`;
    return retry(answer.status, `HTTP ${answer.status}${redirect}${said === '' ? '' : `: ${said}`}`);
  } catch (err) {
    // The guard's refusal does not change with time; everything else (DNS, connect, timeout) may.
    if (isFeedkeeperError(err, 'FETCH_REFUSED_ADDRESS') || isFeedkeeperError(err, 'FETCH_BAD_URL')) {
      return { at, status: null, result: describeError(err), outcome: 'failed' };
    }
    return retry(null, describeError(err));
  }
}
