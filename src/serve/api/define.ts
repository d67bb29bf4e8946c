/**
 * The API's route table as data (RSSHub's typed route metadata, Hono's router): each route names
 * its method, Hono path, summary, zod schemas for path parameters, query, body and response, and
 * its handler. The same table registers the Hono routes (registerRoutes) and generates the OpenAPI
 * document (openapi.ts), so the two cannot drift. Handlers see parsed, typed input only; they throw
 * FeedkeeperError for refusals and app.ts renders them as `{ error: { code, message } }`.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { User } from '../../store/index.js';
import type { AppEnv } from '../deps.js';
import { parseInput, queryRecord, readJson } from './validate.js';

export type Method = 'get' | 'post' | 'patch' | 'delete';
export type SuccessStatus = 200 | 201 | 202 | 204;

/** An OpenAPI media type object, for bodies that are not JSON (OPML in and out). */
export interface MediaDoc {
  schema: Record<string, unknown>;
  example?: unknown;
}

export interface HandlerInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  user: User;
  c: Context<AppEnv>;
}

type Schema = z.ZodType;
type Absent = z.ZodUndefined;

export interface RouteDef<P extends Schema, Q extends Schema, B extends Schema, R extends Schema> {
  method: Method;
  /** Hono syntax under /api/v1, e.g. `/feeds/:id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** The resource, as an OpenAPI tag. */
  tag: string;
  params?: P;
  query?: Q;
  /** A JSON body; `requestContent` documents any other kind, which the handler reads itself. */
  body?: B;
  requestContent?: Record<string, MediaDoc>;
  /** A JSON response; `responseContent` documents any other kind (the handler returns a Response). */
  response?: R;
  responseContent?: Record<string, MediaDoc>;
  /** Default 200. */
  status?: SuccessStatus;
  /** Error statuses beyond the ones every route documents (400, 401, and 404 for path ids). */
  errors?: readonly number[];
  /** A request body that works, for the document and for the tests that call every route. */
  example?: unknown;
  handler(input: HandlerInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<z.input<R> | Response>;
}

/** A route with its types erased: metadata for the document, `run` for Hono. */
export interface ApiRoute {
  readonly method: Method;
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string | undefined;
  readonly tag: string;
  readonly params: Schema | undefined;
  readonly query: Schema | undefined;
  readonly body: Schema | undefined;
  readonly requestContent: Record<string, MediaDoc> | undefined;
  readonly response: Schema | undefined;
  readonly responseContent: Record<string, MediaDoc> | undefined;
  readonly status: SuccessStatus;
  readonly errors: readonly number[];
  readonly example: unknown;
  run(c: Context<AppEnv>): Promise<Response>;
}

export function defineRoute<P extends Schema = Absent, Q extends Schema = Absent, B extends Schema = Absent, R extends Schema = Absent>(def: RouteDef<P, Q, B, R>): ApiRoute {
  const status = def.status ?? 200;
  return {
    method: def.method,
    path: def.path,
    operationId: def.operationId,
    summary: def.summary,
    description: def.description,
    tag: def.tag,
    params: def.params,
    query: def.query,
    body: def.body,
    requestContent: def.requestContent,
    response: def.response,
    responseContent: def.responseContent,
    status,
    errors: def.errors ?? [],
    example: def.example,
    async run(c) {
      // Absent schemas leave the value undefined, which is what z.output of the default (ZodUndefined) says.
      const params = (def.params ? parseInput('path', def.params, c.req.param()) : undefined) as z.output<P>;
      const query = parseInput('query', def.query ?? NO_QUERY, queryRecord(c)) as z.output<Q>;
      const body = (def.body ? parseInput('body', def.body, await readJson(c)) : undefined) as z.output<B>;
      const out = await def.handler({ params, query, body, user: c.get('user'), c });
      if (out instanceof Response) return out;
      if (status === 204) return c.body(null, 204);
      return c.json(out as object, status);
    },
  };
}

/** Routes without query parameters still refuse unknown ones, so a typo is not silently ignored. */
const NO_QUERY: Schema = z.strictObject({}).transform(() => undefined);

export function registerRoutes(app: Hono<AppEnv>, routes: readonly ApiRoute[]): void {
  for (const route of routes) app.on(route.method.toUpperCase(), route.path, (c) => route.run(c));
}
