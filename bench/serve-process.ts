/**
 * The serve suite's server processes, seen from the bench: forks bench/serve-child.ts (compiled
 * beside this file) as feedkeeper over an archive, or as the bare node:http ceiling, and talks to
 * it over the IPC channel. A server in its own process keeps the load generator off its event
 * loop, and its own peak RSS is then the server's alone. The message types live here; the child
 * imports them as types only.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type ServerKind = 'feedkeeper' | 'bare';

/** Bench → child. */
export type ParentMessage =
  | { type: 'body'; bytes: number; contentType: string }
  | { type: 'idle?' }
  | { type: 'stop' };

/** Child → bench. */
export type ChildMessage =
  | { type: 'listening'; port: number; rssBytes: number }
  | { type: 'body-set'; bytes: number }
  | { type: 'idle'; waitedMs: number }
  | { type: 'stopped'; maxRssBytes: number; rssBytes: number };

export interface ChildMemory {
  /** RSS once listening, before any request. */
  idleRssBytes: number;
  /** The kernel's high-water mark for the child (resourceUsage().maxRSS), start-up included. */
  maxRssBytes: number;
  /** RSS when told to stop, after every scenario. */
  finalRssBytes: number;
}

export interface ServerChild {
  readonly kind: ServerKind;
  /** http://127.0.0.1:port, no trailing slash. */
  readonly origin: string;
  /** Bare server only: answer every request with `bytes` bytes of this content type from now on. */
  setBody(bytes: number, contentType: string): Promise<void>;
  /**
   * Resolves (with how long it waited) once the server has answered every request it took in:
   * autocannon stops at the end of a run with requests still in flight, and the server goes on
   * with them (a store call cannot be abandoned), which would load the next measurement.
   */
  waitIdle(): Promise<number>;
  /** Closes the server and ends the child; resolves with its memory figures. */
  stop(): Promise<ChildMemory>;
  /** Ends the child at once (cleanup after a failure); harmless once stopped. */
  kill(): void;
}

const CHILD_SCRIPT = fileURLToPath(new URL('./serve-child.js', import.meta.url));
const START_TIMEOUT_MS = 120_000;
const REPLY_TIMEOUT_MS = 30_000;
/** Requests left in flight by a run of slow pages (whole seconds each) can take minutes to finish. */
const IDLE_TIMEOUT_MS = 600_000;

/** Starts `serve-child.js feedkeeper <dbFile>` or `serve-child.js bare` and waits until it listens. */
export async function startServerChild(kind: ServerKind, dbFile?: string): Promise<ServerChild> {
  const args = kind === 'feedkeeper' ? [kind, dbFile ?? ''] : [kind];
  const child = fork(CHILD_SCRIPT, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let listening: Extract<ChildMessage, { type: 'listening' }>;
  try {
    listening = await nextMessage(child, 'listening', START_TIMEOUT_MS, `start the ${kind} server`);
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    kind,
    origin: `http://127.0.0.1:${listening.port}`,
    async setBody(bytes, contentType) {
      const reply = nextMessage(child, 'body-set', REPLY_TIMEOUT_MS, `set the ${kind} server's body`);
      send(child, { type: 'body', bytes, contentType });
      await reply;
    },
    async waitIdle() {
      const reply = nextMessage(child, 'idle', IDLE_TIMEOUT_MS, `wait for the ${kind} server to finish its requests`);
      send(child, { type: 'idle?' });
      return (await reply).waitedMs;
    },
    async stop() {
      const reply = nextMessage(child, 'stopped', REPLY_TIMEOUT_MS, `stop the ${kind} server`);
      send(child, { type: 'stop' });
      const stopped = await reply;
      return { idleRssBytes: listening.rssBytes, maxRssBytes: stopped.maxRssBytes, finalRssBytes: stopped.rssBytes };
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}

function send(child: ChildProcess, message: ParentMessage): void {
  child.send(message);
}

/** The child's next message of this type; rejects when it exits first or takes too long. */
function nextMessage<T extends ChildMessage['type']>(child: ChildProcess, type: T, timeoutMs: number, doing: string): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: ChildMessage): void => {
      if (message.type !== type) return;
      cleanup();
      resolve(message as Extract<ChildMessage, { type: T }>);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      cleanup();
      reject(new Error(`serve: could not ${doing}: the child process exited (${signal ?? `code ${code}`}) before answering; its stderr is above`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`serve: could not ${doing}: no "${type}" message from the child within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
