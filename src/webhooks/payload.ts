/**
 * What a delivery says: `{ type, timestamp, data }` (the Standard Webhooks envelope), with the
 * article as the REST API names its fields. The body is built once, when the occurrence is
 * collected, and sent byte for byte on every attempt.
 */
import type { Webhook, WebhookEvent, WebhookOccurrence } from '../store/index.js';

const TYPES: Readonly<Record<WebhookEvent, string>> = {
  new: 'article.new',
  edit: 'article.edited',
  removal: 'article.removed',
  restore: 'article.restored',
};

export function occurrencePayload(webhook: Webhook, o: WebhookOccurrence): string {
  return JSON.stringify({
    type: TYPES[o.event],
    timestamp: new Date(o.at).toISOString(),
    data: {
      webhook_id: webhook.id,
      article: {
        id: o.articleId,
        title: o.title,
        link: o.link,
        published_at: new Date(o.publishedAt).toISOString(),
        feed: o.feedId === null ? null : { id: o.feedId, title: o.feedTitle },
      },
      ...(o.event === 'new' ? {} : { revision: o.revision, source: o.source }),
      ...(o.event === 'removal' || o.event === 'restore' ? { evidence: o.evidence } : {}),
    },
  });
}

export function pingPayload(webhook: Webhook, nowMs: number): string {
  return JSON.stringify({
    type: 'ping',
    timestamp: new Date(nowMs).toISOString(),
    data: { webhook_id: webhook.id, url: webhook.url, events: webhook.events },
  });
}

/** The `webhook-id` header: the same on every attempt, so a receiver can drop a repeat. */
export function deliveryMessageId(webhookId: number, key: string): string {
  return `fk-${webhookId}-${key}`;
}
