/**
 * The webhook side of the storage seam (types and the event names). A user registers URLs; each webhook keeps two
 * cursors into the archive (the last article event and the last new article it has seen), so
 * collecting what happened since is a keyset read and registering a webhook never replays history.
 * Collected deliveries are rows with their payload, unique per webhook and event: collecting twice
 * (a crash between reading and moving the cursors, two processes) queues nothing twice.
 */

/** What a user can subscribe a webhook to. */
export type WebhookEvent = 'new' | 'edit' | 'removal' | 'restore';
export const WEBHOOK_EVENTS: readonly WebhookEvent[] = ['new', 'edit', 'removal', 'restore'];

export interface Webhook {
  id: number;
  userId: number;
  url: string;
  events: WebhookEvent[];
  /** Only articles this feed carries; null: everything the user's subscriptions reach. */
  feedId: number | null;
  /** The signing key, `whsec_` + base64 (the Standard Webhooks form). */
  secret: string;
  enabled: boolean;
  /** Why it was switched off (e.g. the receiver answered 410 Gone), null while enabled or switched off by hand. */
  disabledReason: string | null;
  createdAt: number;
}

export interface NewWebhook {
  userId: number;
  url: string;
  events: readonly WebhookEvent[];
  feedId?: number | null;
  secret: string;
}

/** Something that happened, as collected for one webhook, before it becomes a delivery. */
export interface WebhookOccurrence {
  /** Unique per webhook: `event-<article_events.id>` or `article-<articles.id>`. */
  key: string;
  event: WebhookEvent;
  at: number;
  articleId: number;
  title: string;
  link: string;
  feedId: number | null;
  feedTitle: string | null;
  publishedAt: number;
  revision: number | null;
  source: string | null;
  evidence: Record<string, unknown> | null;
}

export interface WebhookBatch {
  occurrences: WebhookOccurrence[];
  /** Where the cursors stand after this batch (pass to `enqueue`). */
  cursors: { eventId: number; articleId: number };
  /** More is waiting beyond this batch. */
  more: boolean;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDelivery {
  id: number;
  webhookId: number;
  key: string;
  event: WebhookEvent | 'ping';
  articleId: number | null;
  /** The exact JSON body sent (and signed) on every attempt. */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number | null;
  createdAt: number;
  lastAttemptAt: number | null;
  /** The receiver's last HTTP status, null when it never answered. */
  lastStatus: number | null;
  /** What went wrong on the last attempt, or the start of the receiver's answer. */
  lastResult: string | null;
  deliveredAt: number | null;
}

export interface DeliveryAttempt {
  at: number;
  status: number | null;
  result: string;
  /** 'delivered', 'retry' (at nextAttemptAt), 'failed' (for good), 'gone' (failed, and the webhook is switched off). */
  outcome: 'delivered' | 'retry' | 'failed' | 'gone';
  nextAttemptAt?: number;
}

export interface WebhookRepo {
  /** Registers a webhook whose cursors start at the archive's current end. */
  create(input: NewWebhook): Promise<Webhook>;
  get(id: number): Promise<Webhook | null>;
  /** The user's webhooks, or every webhook when `userId` is null. */
  list(userId: number | null): Promise<Webhook[]>;
  /** Deletes the user's webhook and its log; false when the user has none of that id. */
  remove(userId: number, id: number): Promise<boolean>;
  setEnabled(userId: number, id: number, enabled: boolean): Promise<boolean>;
  /** Up to `limit` occurrences after the webhook's cursors that it wants and its user's subscriptions reach, oldest first. */
  collect(webhookId: number, limit: number): Promise<WebhookBatch>;
  /** Stores the batch's deliveries (each once) and moves the cursors, in one transaction; returns how many were new. */
  enqueue(webhookId: number, deliveries: ReadonlyArray<{ key: string; event: WebhookDelivery['event']; articleId: number | null; payload: string }>, cursors: WebhookBatch['cursors'] | null, nowMs: number): Promise<number>;
  /** Pending deliveries due at `nowMs` of enabled webhooks, soonest first. */
  due(nowMs: number, limit: number): Promise<WebhookDelivery[]>;
  delivery(id: number): Promise<WebhookDelivery | null>;
  /** Records one attempt; a 'gone' outcome also switches the webhook off with the reason. */
  recordAttempt(deliveryId: number, attempt: DeliveryAttempt): Promise<void>;
  /** Newest first: one webhook's log, or all of the user's. */
  deliveries(userId: number, opts: { webhookId?: number; limit: number }): Promise<WebhookDelivery[]>;
  /** Puts a failed or delivered delivery of the user's back in line now; false when it is not theirs. */
  redeliver(userId: number, deliveryId: number, nowMs: number): Promise<boolean>;
}
