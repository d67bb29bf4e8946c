/**
 * A server process for the serve suite (forked by serve-process.ts; never imported):
 *
 *   node dist/bench/serve-child.js feedkeeper <feedkeeper.db>   the real app over that archive
 *       (serve-child-app.ts, imported only in this mode)
 *   node dist/bench/serve-child.js bare                         node:http answering every request
 *       with a pre-rendered body whose size and type the bench sets per scenario: the ceiling,
 *       what HTTP over loopback costs with no work behind it.
 *
 * It reports its port and idle RSS, answers "idle?" once no request is in flight, and on "stop"
 * closes, reports its peak RSS and exits.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChildMessage, ParentMessage } from './serve-process.js';

interface RunningChildServer {
  port: number;
  /** Requests taken in and not answered yet. */
  inFlight(): number;
  close(): Promise<void>;
}

const IDLE_POLL_MS = 20;

function tell(message: ChildMessage, sent?: () => void): void {
  process.send?.(message, undefined, undefined, () => sent?.());
}

async function startBare(): Promise<RunningChildServer> {
  let body = Buffer.alloc(0);
  let contentType = 'text/plain';
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
    res.end(body);
  });
  process.on('message', (message: ParentMessage) => {
    if (message.type !== 'body') return;
    body = Buffer.alloc(message.bytes, 'x');
    contentType = message.contentType;
    tell({ type: 'body-set', bytes: body.length });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    inFlight: () => 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function main(): Promise<void> {
  const [kind, file = ''] = process.argv.slice(2);
  if (kind !== 'feedkeeper' && kind !== 'bare') throw new Error(`serve-child: expected "feedkeeper <db file>" or "bare", got "${process.argv.slice(2).join(' ')}"`);
  // The app's modules load only for feedkeeper, so the bare server's memory is Node's and HTTP's alone.
  const server = kind === 'feedkeeper' ? await (await import('./serve-child-app.js')).startFeedkeeper(file) : await startBare();
  process.on('message', (message: ParentMessage) => {
    if (message.type !== 'idle?') return;
    const asked = Date.now();
    const check = (): void => {
      if (server.inFlight() > 0) setTimeout(check, IDLE_POLL_MS);
      else tell({ type: 'idle', waitedMs: Date.now() - asked });
    };
    check();
  });
  process.on('message', (message: ParentMessage) => {
    if (message.type !== 'stop') return;
    void server.close().then(() => {
      // Disconnect only once the message is out, or the bench might never see it.
      tell({ type: 'stopped', maxRssBytes: process.resourceUsage().maxRSS * 1024, rssBytes: process.memoryUsage().rss }, () => process.disconnect());
    });
  });
  // The bench going away (a crash, Ctrl-C) must not leave a server behind.
  process.once('disconnect', () => process.exit(0));
  tell({ type: 'listening', port: server.port, rssBytes: process.memoryUsage().rss });
}

main().catch((error: unknown) => {
  process.stderr.write(`serve-child: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
