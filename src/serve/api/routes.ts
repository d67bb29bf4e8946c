/**
 * /api/v1: the REST API (JSON), assembled from one route table per resource. The table both
 * registers the Hono routes and generates /api/v1/openapi.json, which documents itself too.
 * Authentication, CSRF for cookie sessions and the JSON error shape come from app.ts; no
 * middleware is added here. Request bodies are capped by the routes themselves (body.ts).
 */
import { Hono } from 'hono';
import type { AppEnv, ServeDeps } from '../deps.js';
import { defineRoute, registerRoutes, type ApiRoute } from './define.js';
import { changeRoutes } from './changes.js';
import { entryRoutes } from './entries.js';
import { feedRoutes } from './feeds.js';
import { openApiDocument } from './openapi.js';
import { opmlRoutes } from './opml.js';
import { revisionRoutes } from './revisions.js';
import { searchRoutes } from './search.js';

export function apiRouteTable(deps: ServeDeps): ApiRoute[] {
  const table: ApiRoute[] = [...feedRoutes(deps), ...entryRoutes(deps), ...revisionRoutes(deps), ...changeRoutes(deps), ...searchRoutes(deps), ...opmlRoutes(deps)];
  let doc: Record<string, unknown> | null = null;
  table.push(
    defineRoute({
      method: 'get',
      path: '/openapi.json',
      operationId: 'openapi',
      summary: 'This document (OpenAPI 3.1)',
      tag: 'meta',
      responseContent: { 'application/json': { schema: { type: 'object', description: 'An OpenAPI 3.1 document' } } },
      handler: async ({ c }) => c.json((doc ??= openApiDocument(table))),
    }),
  );
  return table;
}

export function apiRoutes(deps: ServeDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  registerRoutes(app, apiRouteTable(deps));
  return app;
}
