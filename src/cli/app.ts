/**
 * What commands receive from main.ts: configured services, opened lazily so `parse` never opens a
 * database and `list` never builds an HTTP client. The CLI sees interfaces only; main.ts decides
 * which implementations stand behind them.
 */
import type { CleanRules } from '../clean/index.js';
import type { Clock, Logger } from '../core/index.js';
import type { RuleSet } from '../extract/index.js';
import type { Fetcher } from '../fetch/index.js';
import type { IngestDeps } from '../ingest/index.js';
import type { JobQueue, LeaderLease } from '../queue/index.js';
import type { ScheduleBounds } from '../schedule/index.js';
import type { OidcOptions } from '../serve/index.js';
import type { Store } from '../store/index.js';
import type { MediaDeps } from '../media/index.js';
import type { WatchDeps } from '../watch/index.js';
import type { WarcArchive } from '../warc/index.js';

/** Options every command accepts (commander collects them from anywhere on the line). */
export interface GlobalFlags {
  dataDir?: string;
  config?: string;
  allowPrivateNetworks?: boolean;
  logLevel?: string;
}

export interface App {
  readonly dataDir: string;
  readonly archiveDir: string;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly bounds: ScheduleBounds;
  readonly globalConcurrency: number;
  readonly allowPrivateNetworks: boolean;
  /** Where `run` serves the web reader and APIs, the first admin's password if configured, and OpenID Connect sign-in (null: off). */
  readonly web: { host: string; port: number; adminPassword: string | null; newPassword: string | null; oidc: OidcOptions | null };
  /** Settings for people to read (secrets redacted), e.g. in `run`'s start-up line. */
  readonly summary: Readonly<Record<string, unknown>>;
  store(): Promise<Store>;
  fetcher(): Fetcher;
  /** The WARC store that fetches are captured into (when the `warc` setting is on) and `warc export`/`import` use. */
  warcStore(): Promise<WarcArchive>;
  /** Site rules for extraction: the shipped ones and the user's own (<data-dir>/rules/). */
  siteRules(): Promise<RuleSet>;
  ingest(): Promise<IngestDeps>;
  /** What article re-checks need: the ingest services plus the watch settings. */
  watch(): Promise<WatchDeps & { concurrency: number }>;
  /** What the image downloads need: store, fetcher and the media settings (`<data-dir>/media/`, caps, the global mode). */
  media(): Promise<MediaDeps & { concurrency: number }>;
  /** The default boilerplate rules plus the user's own (<data-dir>/clean-rules.json). */
  cleanRules(): Promise<CleanRules>;
  /**
   * For `migrate`: the embedded archive (the SQLite database in the data directory, which must
   * exist) and the PostgreSQL database at `to`, both opened and migrated. The caller closes both.
   */
  migrationStores(to: string): Promise<{ source: Store; target: Store }>;
  /** A new in-process or distributed queue, as configured; a distributed one checks its server first. */
  createQueue(): Promise<JobQueue>;
  /**
   * What other processes can reach: `queue` when jobs live in Redis (redisUrl), `store` when the
   * store is a database server (databaseUrl). Only with both can `web` and `worker` processes share
   * one archive; otherwise one `run` owns the data directory.
   */
  readonly shared: { readonly queue: boolean; readonly store: boolean };
  /** Whether fetches are captured into <data-dir>/warc/ (the `warc` setting). */
  readonly capturesWarc: boolean;
  /** The scheduler's leader lease: in the queue's Redis when it is shared, else always this process. */
  leaderLease(): Promise<LeaderLease>;
  close(): Promise<void>;
}

export interface AppOverrides {
  /** `demo` talks to its own loopback site. */
  allowPrivateNetworks?: boolean;
  /** One-shot commands log warnings and errors only, unless a log level is set explicitly. */
  quietLogs?: boolean;
}

export type OpenApp = (flags: GlobalFlags, overrides?: AppOverrides) => Promise<App>;
