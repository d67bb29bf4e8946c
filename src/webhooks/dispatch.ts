/**
 * The webhook job the scheduler runs every tick: for each enabled webhook, collect what happened
 * after its cursors into deliveries (each stored once, the cursors moved in the same transaction),
 * then queue a `deliverWebhook` job for every delivery that is due. Retries are rows with a next
 * attempt time, not delayed jobs, so they survive a restart of an in-process queue; the job id
 * carries the attempt number, so a delivery waiting in the queue is never queued twice.
 */
import type { JobQueue } from '../queue/index.js';
import type { WebhookDelivery } from '../store/index.js';
import type { DeliverDeps } from './deliver.js';
import { occurrencePayload } from './payload.js';

/** Occurrences read per webhook per query; a webhook far behind catches up over a few ticks. */
const BATCH = 200;
const MAX_BATCHES_PER_RUN = 10;
const DUE_PER_RUN = 500;

/** Collecting needs no network: the delivery services less the fetcher. */
export type DispatchDeps = Pick<DeliverDeps, 'store' | 'clock' | 'logger'>;

function deliveryJobId(d: Pick<WebhookDelivery, 'id' | 'attempts'>): string {
  return `delivery-${d.id}-${d.attempts}`;
}

/** Collects new occurrences for every enabled webhook; returns how many deliveries were added. */
async function collectWebhooks(deps: DispatchDeps): Promise<number> {
  let added = 0;
  for (const webhook of await deps.store.webhooks.list(null)) {
    if (!webhook.enabled) continue;
    for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
      const batch = await deps.store.webhooks.collect(webhook.id, BATCH);
      const deliveries = batch.occurrences.map((o) => ({ key: o.key, event: o.event, articleId: o.articleId, payload: occurrencePayload(webhook, o) }));
      added += await deps.store.webhooks.enqueue(webhook.id, deliveries, batch.cursors, deps.clock.now());
      if (!batch.more) break;
    }
  }
  if (added > 0) deps.logger.debug({ added }, 'webhook deliveries collected');
  return added;
}

/** Collects, then queues every due delivery; returns how many were queued. */
export async function dispatchWebhooks(deps: DispatchDeps, queue: JobQueue): Promise<number> {
  await collectWebhooks(deps);
  const due = await deps.store.webhooks.due(deps.clock.now(), DUE_PER_RUN);
  for (const d of due) await queue.add('deliverWebhook', { deliveryId: d.id }, { jobId: deliveryJobId(d) });
  return due.length;
}
