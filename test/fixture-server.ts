/**
 * A loopback HTTP server for tests: node:http on 127.0.0.1, port 0 (the OS picks a free one).
 * Each test registers the routes it needs; unknown paths answer 404. Every request is logged so
 * tests can assert on what the client sent. close() also drops connections a handler left hanging.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Whatever a handler returns is ignored (so `(_req, res) => res.end('x')` is fine); a rejection becomes a 500. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface LoggedRequest {
  method: string;
  path: string; // pathname and query, as sent
  headers: IncomingHttpHeaders;
}

export interface FixtureServer {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  readonly baseUrl: string;
  readonly port: number;
  /** Every request received so far, in arrival order. */
  readonly requests: readonly LoggedRequest[];
  /** `baseUrl` + path. */
  url(path: string): string;
  /** Serves `pathname` (query ignored) with `handler`, replacing any earlier handler for it. */
  route(pathname: string, handler: RouteHandler): void;
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const routes = new Map<string, RouteHandler>();
  const requests: LoggedRequest[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const handler = routes.get(new URL(path, 'http://fixture').pathname);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no fixture route for ${path}`);
      return;
    }
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fixture handler failed: ${String(err)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    port,
    requests,
    url: (path) => `${baseUrl}${path.startsWith('/') ? path : `/${path}`}`,
    route: (pathname, handler) => void routes.set(pathname, handler),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A loopback port with nothing listening on it (bound, then released), for "connection refused". */
export async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
