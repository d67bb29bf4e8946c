/**
 * The OpenAPI 3.1 document of /api/v1, generated from the route table (define.ts) and the zod
 * schemas in it with zod's own z.toJSONSchema (JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
 * Response models registered in schemas.ts become components.schemas and are referenced by $ref.
 * Nothing here is written by hand per route: a route added to the table is documented.
 */
import { z } from 'zod';
import type { ApiRoute } from './define.js';
import { models } from './schemas.js';
import { documentedSchema } from './validate.js';

type Json = Record<string, unknown>;

const REF_PREFIX = '#/components/schemas/';
const ERROR_RESPONSES: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'The input was not valid (an unknown query parameter included): the message names the field (USAGE, QUERY_INVALID, NOT_OPML).' },
  401: { name: 'Unauthorized', description: 'No valid token: send `Authorization: Bearer <token>` (AUTH_REQUIRED, AUTH_FAILED).' },
  404: { name: 'NotFound', description: 'No such feed, entry or revision (NOT_FOUND).' },
  409: { name: 'Conflict', description: 'Already subscribed (CONFLICT).' },
  413: { name: 'PayloadTooLarge', description: 'The body is over the limit (INPUT_TOO_LARGE).' },
  415: { name: 'UnsupportedMediaType', description: 'The body is not of a type this route takes (UNSUPPORTED_MEDIA_TYPE).' },
  422: { name: 'Unprocessable', description: 'The URL is not a feed, or its feed cannot be read (NOT_A_FEED, FEED_MALFORMED, FETCH_BAD_URL, …).' },
  502: { name: 'BadGateway', description: 'The site failed to answer (FETCH_TIMEOUT, FETCH_HTTP_STATUS, …).' },
};
const SUCCESS_DESCRIPTIONS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted: queued', 204: 'Done; no content' };

const DESCRIPTION = [
  'The REST API of feedkeeper, a self-hosted full-text news archive.',
  '',
  '- Authenticate with `Authorization: Bearer <token>` (`feedkeeper token create`). A signed-in browser session works too; it must then send its `X-CSRF-Token` on POST, PATCH and DELETE.',
  '- JSON in and out. Keys are snake_case; times are ISO 8601 UTC strings.',
  '- Every error is `{"error": {"code": "...", "message": "..."}}` with a message that names the field and what was expected.',
  '- Lists page with an opaque cursor: pass a response\'s `next_cursor` as `cursor`; it is null on the last page.',
].join('\n');

/** `/feeds/:id` → `/feeds/{id}` (a Hono regex suffix such as `:id{[0-9]+}` is dropped). */
function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
}

export function openApiDocument(routes: readonly ApiRoute[]): Json {
  const schemas = componentSchemas();
  const paths: Record<string, Json> = {};
  const used = new Set<number>();
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route, schemas, used) };
  }
  const responses = Object.fromEntries([...used].sort().map((status) => [ERROR_RESPONSES[status]?.name ?? String(status), errorResponse(status)]));
  return {
    openapi: '3.1.0',
    info: { title: 'feedkeeper API', version: '1.0.0', description: DESCRIPTION },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      responses,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token from `feedkeeper token create`.' } },
    },
  };
}

function operation(route: ApiRoute, schemas: Json, used: Set<number>): Json {
  const parameters = [...parametersOf(route.params, 'path', schemas), ...parametersOf(route.query, 'query', schemas)];
  // Every route refuses unknown query parameters, so every route can answer 400.
  const errors = new Set([400, 401, ...route.errors]);
  if (route.params) errors.add(404);
  for (const status of errors) used.add(status);
  const success: Json = { description: SUCCESS_DESCRIPTIONS[route.status] ?? 'OK' };
  if (route.response) success.content = { 'application/json': { schema: toSchema(route.response, 'output', schemas) } };
  else if (route.responseContent) success.content = route.responseContent;
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    tags: [route.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...requestBody(route, schemas),
    responses: {
      [String(route.status)]: success,
      ...Object.fromEntries([...errors].sort().map((status) => [String(status), { $ref: `#/components/responses/${ERROR_RESPONSES[status]?.name ?? String(status)}` }])),
    },
  };
}

function requestBody(route: ApiRoute, schemas: Json): Json {
  if (route.body) {
    const media: Json = { schema: toSchema(route.body, 'input', schemas) };
    if (route.example !== undefined) media.example = route.example;
    // A body whose fields are all optional may be left out (an empty body counts as {}).
    return { requestBody: { required: !route.body.safeParse({}).success, content: { 'application/json': media } } };
  }
  if (route.requestContent) return { requestBody: { required: true, content: route.requestContent } };
  return {};
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query', schemas: Json): Json[] {
  if (schema === undefined) return [];
  const json = toSchema(schema, 'input', schemas);
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, { description, ...rest }]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof description === 'string' ? { description } : {}),
    schema: rest,
  }));
}

function errorResponse(status: number): Json {
  const doc: Json = {
    description: ERROR_RESPONSES[status]?.description ?? `HTTP ${status}`,
    content: { 'application/json': { schema: { $ref: `${REF_PREFIX}Error` } } },
  };
  if (status === 401) doc.headers = { 'WWW-Authenticate': { schema: { type: 'string' }, description: 'Bearer realm="feedkeeper"' } };
  return doc;
}

/** Every registered model, referencing each other by $ref. */
function componentSchemas(): Json {
  const { schemas } = z.toJSONSchema(models, { uri: (id) => REF_PREFIX + id, io: 'output', unrepresentable: 'any', override });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, strip(schema as Json)]));
}

/** A route's schema: a $ref when it is a model, else inline with its models referenced. */
function toSchema(schema: z.ZodType, io: 'input' | 'output', schemas: Json): Json {
  const id = models.get(schema)?.id;
  if (id !== undefined) return { $ref: REF_PREFIX + id };
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', override }) as Json;
  const defs = (json.$defs ?? {}) as Record<string, Json>;
  for (const [name, def] of Object.entries(defs)) if (!(name in schemas)) schemas[name] = rewriteRefs(def);
  return rewriteRefs(strip(json));
}

function override(ctx: { zodSchema: z.core.$ZodType; jsonSchema: Json }): void {
  const json = ctx.jsonSchema;
  const doc = documentedSchema(ctx.zodSchema);
  if (doc !== undefined) {
    for (const key of Object.keys(json)) if (key !== 'description') delete json[key];
    Object.assign(json, doc);
  }
  // zod spells out what a reader does not need: the date-time regex, the safe-integer bounds.
  if (json.format === 'date-time') delete json.pattern;
  if (json.maximum === Number.MAX_SAFE_INTEGER) delete json.maximum;
  if (json.minimum === Number.MIN_SAFE_INTEGER) delete json.minimum;
}

function strip(schema: Json): Json {
  const { $schema: _schema, $id: _id, $defs: _defs, ...rest } = schema;
  return rest;
}

function rewriteRefs<T>(value: T): T {
  if (Array.isArray(value)) return value.map(rewriteRefs) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof inner === 'string' ? inner.replace(/^#\/\$defs\//, REF_PREFIX) : rewriteRefs(inner);
  }
  return out as T;
}
