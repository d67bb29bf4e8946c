/** Webhooks: registering them, collecting what happened into deliveries, and signed POSTs with retries. */
export { registerWebhook, type RegisterInput, type RegisterOptions } from './register.js';
export { dispatchWebhooks, type DispatchDeps } from './dispatch.js';
export { deliverWebhook, pingWebhook, RETRY_DELAYS_MS, type DeliverDeps } from './deliver.js';
export { webhookService, type WebhookService } from './service.js';
