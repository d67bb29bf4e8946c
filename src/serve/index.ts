/**
 * serve/: the HTTP front door — the web reader, the REST API, republished feeds, health and
 * metrics — built on Hono and served by @hono/node-server from the `run` process.
 */
export { createApp } from './app.js';
export { DEFAULT_SERVE_OPTIONS, type AppEnv, type OidcOptions, type ServeDeps, type ServeOptions } from './deps.js';
export { createMetrics, type Metrics } from './metrics.js';
export { startServer, type RunningServer } from './server.js';
export { hashPassword } from './auth/passwords.js';
export { hashSecret, newApiToken, newPassword } from './auth/secrets.js';
export { apiPasswordSecrets, newApiPassword } from './auth/api-password.js';
