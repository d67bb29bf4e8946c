/**
 * What the web reader needs of webhooks, wired once by the front door with the guard setting and
 * the fetcher: registering (the same checks as the CLI) and a ping sent at once.
 */
import type { Clock, Logger } from '../core/index.js';
import type { Fetcher } from '../fetch/index.js';
import type { DeliveryAttempt, Store, Webhook } from '../store/index.js';
import { pingWebhook } from './deliver.js';
import { registerWebhook, type RegisterInput } from './register.js';

export interface WebhookService {
  register(input: RegisterInput): Promise<Webhook>;
  ping(webhook: Webhook): Promise<DeliveryAttempt>;
}

export function webhookService(deps: { store: Store; fetcher: Fetcher; clock: Clock; logger: Logger; allowPrivateNetworks: boolean }): WebhookService {
  return {
    register: (input) => registerWebhook(deps.store, input, { allowPrivateNetworks: deps.allowPrivateNetworks }),
    ping: (webhook) => pingWebhook(deps, webhook),
  };
}
