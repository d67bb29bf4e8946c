/**
 * The web reader's pages, one module per page (lists, article, diff, search, changes, subscriptions, one
 * feed's settings, the user's settings, the admin's users page) and the entry toggles. Mounted by app.ts behind authentication and the CSRF
 * check; nothing here adds middleware. Pages are server-rendered and work without JavaScript.
 */
import { Hono } from 'hono';
import type { AppEnv, ServeDeps } from '../deps.js';
import { apiPasswordRoutes } from './api-password.js';
import { webhookRoutes } from './webhooks-page.js';
import { articleRoutes } from './article.js';
import { changesRoutes } from './changes-page.js';
import { diffRoutes } from './diff-page.js';
import { entryActionRoutes } from './entry-actions.js';
import { feedSettingsRoutes } from './feed-settings.js';
import { listRoutes } from './lists.js';
import { searchRoutes } from './search-page.js';
import { settingsRoutes } from './settings-page.js';
import { subscriptionRoutes } from './subscriptions.js';
import { userRoutes } from './users-page.js';

export function readerRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/', listRoutes(deps));
  app.route('/', articleRoutes(deps));
  app.route('/', diffRoutes(deps));
  app.route('/', entryActionRoutes(deps));
  app.route('/', searchRoutes(deps));
  app.route('/', changesRoutes(deps));
  // Before the settings routes: /subscriptions/export.opml is not a feed id (ids are digits anyway).
  app.route('/', subscriptionRoutes(deps));
  app.route('/', feedSettingsRoutes(deps));
  app.route('/', settingsRoutes(deps));
  app.route('/', userRoutes(deps));
  app.route('/', apiPasswordRoutes(deps));
  app.route('/', webhookRoutes(deps));
  return app;
}
