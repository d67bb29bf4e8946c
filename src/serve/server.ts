/**
 * Listens on host:port with @hono/node-server and stops cleanly: no new connections, requests in
 * flight finish, idle keep-alive connections close. A port in use is a clear error, not a crash.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Hono } from 'hono';
import { FeedkeeperError } from '../core/index.js';
import type { AppEnv } from './deps.js';

export interface RunningServer {
  /** http://host:port/ as reached from this machine. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startServer(app: Hono<AppEnv>, opts: { host: string; port: number }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }) as Server;
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'the port is in use (choose another with --port)' : err.code === 'EACCES' ? 'permission denied (ports below 1024 need privileges)' : err.message;
      reject(new FeedkeeperError('CONFIG_INVALID', `cannot listen on ${opts.host}:${opts.port}: ${why}`, { cause: err }));
    });
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
      resolve({
        url: `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}/`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
