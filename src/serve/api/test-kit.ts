/**
 * For the API's tests only: call a route of the table by its operationId, and check every
 * successful JSON answer against the route's documented response schema (strict objects, so an
 * undocumented field fails the test), every error against the documented error shape.
 */
import type { ServeDeps } from '../deps.js';
import type { ApiRoute } from './define.js';
import { apiRouteTable } from './routes.js';
import { errorModel } from './schemas.js';

// Only the routes' metadata and schemas are read here, never a handler, so no deps are needed.
const TABLE = apiRouteTable({} as ServeDeps);

export function route(operationId: string): ApiRoute {
  const found = TABLE.find((r) => r.operationId === operationId);
  if (found === undefined) throw new Error(`no route ${operationId}`);
  return found;
}

export function allRoutes(): readonly ApiRoute[] {
  return TABLE;
}

/** The part of test/serve-harness.ts's ServeHarness used here (kept structural so builds do not pull in test/). */
export interface Requester {
  api(path: string, init?: RequestInit): Promise<Response>;
  anon(path: string, init?: RequestInit): Promise<Response>;
  browser(path: string, init?: RequestInit & { csrf?: boolean }): Promise<Response>;
}

export interface CallOptions {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | boolean>;
  /** JSON-encoded unless it is a string. */
  body?: unknown;
  headers?: Record<string, string>;
  as?: 'api' | 'anon' | 'browser';
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  res: Response;
  body: T;
}

export function urlOf(r: ApiRoute, opts: Pick<CallOptions, 'params' | 'query'> = {}): string {
  const path = r.path.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(String(opts.params?.[name] ?? `missing-${name}`)));
  const query = new URLSearchParams(Object.entries(opts.query ?? {}).map(([k, v]) => [k, String(v)])).toString();
  return `/api/v1${path}${query === '' ? '' : `?${query}`}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers freely; the schema check above is what types them
export async function call<T = any>(h: Requester, operationId: string, opts: CallOptions = {}): Promise<Answer<T>> {
  const r = route(operationId);
  const headers: Record<string, string> = { ...opts.headers };
  let body: string | undefined;
  if (opts.body !== undefined && r.method !== 'get') {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const init: RequestInit = { method: r.method.toUpperCase(), headers, ...(body === undefined ? {} : { body }) };
  const res = await h[opts.as ?? 'api'](urlOf(r, opts), init);
  return { status: res.status, res, body: (await checked(r, res)) as T };
}

async function checked(r: ApiRoute, res: Response): Promise<unknown> {
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return res.status === 204 ? null : await res.text();
  const json: unknown = await res.json();
  if (res.status >= 400) errorModel.parse(json);
  else if (r.response) r.response.parse(json);
  return json;
}
