/**
 * The only wiring point: reads configuration, chooses implementations (SQLite store, or
 * PostgreSQL when databaseUrl is set; in-process queue, or BullMQ when redisUrl is set; undici
 * fetcher (its per-host slots in that Redis too); pino logger) and hands them to the CLI.
 * Nothing imports this file except bin/feedkeeper.js (and the CLI end-to-end test harness).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processIo, runProgram, type App, type AppOverrides, type CliIo, type GlobalFlags } from './cli/index.js';
import { loadConfigWithWarnings, redactConfig, type Config } from './config/index.js';
import { compileCleanRules, DEFAULT_RULES, type CleanRules } from './clean/index.js';
import { FeedkeeperError, systemClock, type Logger } from './core/index.js';
import { loadRules, type RuleSet } from './extract/index.js';
import { createFetcher, openRedisHostSlots, type Exchange, type Fetcher } from './fetch/index.js';
import { openCpuWork, type CpuWork, type IngestDeps } from './ingest/index.js';
import { parseWatchPlan } from './schedule/index.js';
import { openBullQueue, openRedisLeaderLease } from './queue/bullmq/index.js';
import { createMemoryQueue, soleLeader } from './queue/memory/index.js';
import { openPostgresStore } from './store/postgres/index.js';
import { openSqliteStore } from './store/sqlite/index.js';
import type { Store } from './store/index.js';
import { openWarcArchive, payloadDigest, type WarcArchive } from './warc/index.js';
import { createLogger } from './logging.js';

const BUILTIN_RULES = fileURLToPath(new URL('../../src/extract/rules/', import.meta.url));
const SAMPLE_OPML = fileURLToPath(new URL('../../samples/news.opml', import.meta.url));

export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  return runProgram(argv, io, { openApp: (flags, overrides) => openApp(flags, io, overrides), sampleOpml: SAMPLE_OPML });
}

async function openApp(flags: GlobalFlags, io: CliIo, overrides: AppOverrides = {}): Promise<App> {
  const { config, warnings } = loadConfigWithWarnings({ flags: { ...flags }, env: io.env, cwd: io.cwd });
  const explicitLevel = flags.logLevel !== undefined || io.env.FEEDKEEPER_LOG_LEVEL !== undefined;
  const logger = createLogger(overrides.quietLogs && !explicitLevel ? 'warn' : config.logLevel, config.logFormat, io.stderr);
  for (const w of warnings) logger.warn({}, w);
  const allowPrivateNetworks = overrides.allowPrivateNetworks ?? config.allowPrivateNetworks;
  let store: Promise<Store> | null = null;
  let fetcher: Fetcher | null = null;
  let siteRules: Promise<RuleSet> | null = null;
  let cleanRules: Promise<CleanRules> | null = null;
  let cpu: CpuWork | null = null;
  // config/ checked it parses.
  const watchPlan = parseWatchPlan(config.watchSchedule, 'the watch setting');
  let warc: Promise<WarcArchive> | null = null;
  const warcStore = (): Promise<WarcArchive> =>
    (warc ??= openWarcArchive({ dir: join(config.dataDir, 'warc'), maxFileBytes: config.warcMaxFileBytes, logger }));
  // Captures go through one promise, so they are written in the order the responses arrived. The
  // payload digest the record will carry names the capture for the revisions stored from it.
  const capture = (exchange: Exchange): string => {
    const digest = payloadDigest(exchange.body);
    warcStore().then(
      (archive) => archive.capture(exchange, digest),
      (err: unknown) => logger.error({ err }, 'warc: cannot open the WARC store; the fetch went on without its capture'),
    );
    return digest;
  };
  const app: App = {
    dataDir: config.dataDir,
    archiveDir: join(config.dataDir, 'archive'),
    logger,
    clock: systemClock,
    bounds: { minIntervalMs: config.minIntervalMinutes * 60_000, maxIntervalMs: config.maxIntervalMinutes * 60_000 },
    globalConcurrency: config.globalConcurrency,
    allowPrivateNetworks,
    web: { host: config.host, port: config.port, adminPassword: config.adminPassword, newPassword: config.newPassword, oidc: oidcOptions(config) },
    summary: redactConfig(config),
    store: () => (store ??= openStore(config, logger)),
    fetcher: () => (fetcher ??= createFetcher({ ...fetcherSettings(config, allowPrivateNetworks), ...(config.warc ? { onExchange: capture } : {}) })),
    warcStore,
    siteRules: () => (siteRules ??= loadSiteRules([BUILTIN_RULES, join(config.dataDir, 'rules')])),
    cleanRules: () => (cleanRules ??= loadCleanRules(join(config.dataDir, 'clean-rules.json'))),
    async ingest(): Promise<IngestDeps> {
      const stages = { siteRules: await app.siteRules(), cleanRules: await app.cleanRules() };
      cpu ??= openCpuWork(stages, config.ingestThreads);
      return { store: await app.store(), fetcher: app.fetcher(), stages, cpu, clock: systemClock, logger, archiveDir: app.archiveDir, bounds: app.bounds, random: Math.random, watchPlan, images: config.images };
    },
    async watch() {
      const { store, fetcher, stages, clock, archiveDir } = await app.ingest();
      const watch = { plan: watchPlan, confirmMs: config.watchConfirmHours * 3_600_000, hostDailyBudget: config.watchHostDailyBudget };
      return { store, fetcher, stages, clock, logger, archiveDir, watch, images: config.images, concurrency: config.watchConcurrency };
    },
    async media() {
      const media = { dir: join(config.dataDir, 'media'), defaultMode: config.images, maxBytes: config.mediaMaxBytes, maxPerArticle: config.mediaMaxPerArticle };
      return { store: await app.store(), fetcher: app.fetcher(), clock: systemClock, logger, media, concurrency: config.mediaConcurrency };
    },
    async migrationStores(to) {
      const file = sqliteFile(config);
      if (!existsSync(file)) throw new FeedkeeperError('NOT_FOUND', `no embedded archive to migrate: ${file} does not exist (is --data-dir right?)`);
      const source = await openSqliteStore({ file, logger, clock: systemClock });
      try {
        return { source, target: await openPostgresStore({ url: to, logger, clock: systemClock, poolSize: 2 }) };
      } catch (err) {
        await source.close();
        throw err;
      }
    },
    createQueue: async () =>
      config.redisUrl === null ? createMemoryQueue({ clock: systemClock, logger }) : openBullQueue({ url: config.redisUrl, clock: systemClock, logger }),
    shared: { queue: config.redisUrl !== null, store: config.databaseUrl !== null },
    capturesWarc: config.warc,
    leaderLease: async () => (config.redisUrl === null ? soleLeader : openRedisLeaderLease({ url: config.redisUrl, clock: systemClock, logger })),
    async close() {
      await Promise.all([store?.then((s) => s.close()), fetcher?.close(), cpu?.close()]);
      // After the fetcher: every response it delivered has been queued by now.
      await warc?.then((w) => w.close()).catch(() => undefined);
      store = null;
      fetcher = null;
      warc = null;
      cpu = null;
    },
  };
  return app;
}

/** The PostgreSQL database when databaseUrl is set (config/ accepts only postgres:// and postgresql:// there), else SQLite in the data directory. */
function openStore(config: Config, logger: Logger): Promise<Store> {
  return config.databaseUrl === null
    ? openSqliteStore({ file: sqliteFile(config), logger, clock: systemClock })
    : openPostgresStore({ url: config.databaseUrl, logger, clock: systemClock });
}

function sqliteFile(config: Config): string {
  return join(config.dataDir, 'feedkeeper.db');
}

/**
 * Site rules: the ones shipped in src/extract/rules/ and the user's own in <data-dir>/rules/
 * (a host may have one rule: a second one is refused, naming both files). A bad rule stops
 * start-up with its file and line.
 */
async function loadSiteRules(dirs: string[]): Promise<RuleSet> {
  const files: Array<{ name: string; text: string }> = [];
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) files.push({ name: join(dir, name), text: await readFile(join(dir, name), 'utf8') });
  }
  return loadRules(files);
}

/** The default boilerplate rules plus the user's own from <data-dir>/clean-rules.json (a JSON list). */
async function loadCleanRules(file: string): Promise<CleanRules> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    // No file (or no data directory yet, which the store reports more clearly): the defaults.
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return null;
    throw err;
  });
  if (text === null) return DEFAULT_RULES;
  let specs: unknown;
  try {
    specs = JSON.parse(text);
  } catch (err) {
    throw new FeedkeeperError('RULE_INVALID', `${file}: not valid JSON: ${(err as Error).message}`);
  }
  return [...DEFAULT_RULES, ...compileCleanRules(specs, file)];
}

/** OpenID Connect sign-in from the oidc* settings, or null when no issuer is set (config/ checked the rest). */
function oidcOptions(config: Config) {
  if (config.oidcIssuer === null || config.oidcClientId === null || config.oidcRedirectBaseUrl === null) return null;
  const base = config.oidcRedirectBaseUrl.endsWith('/') ? config.oidcRedirectBaseUrl : `${config.oidcRedirectBaseUrl}/`;
  return {
    issuer: config.oidcIssuer,
    clientId: config.oidcClientId,
    clientSecret: config.oidcClientSecret,
    redirectUri: new URL('login/oidc/callback', base).href,
    allowSignup: config.oidcAllowSignup,
    label: config.oidcLabel,
  };
}

function fetcherSettings(config: Config, allowPrivateNetworks: boolean) {
  return {
    userAgent: config.userAgent,
    timeoutMs: config.fetchTimeoutSeconds * 1000,
    connectTimeoutMs: config.connectTimeoutSeconds * 1000,
    maxBytes: config.maxFeedBytes,
    maxRedirects: config.maxRedirects,
    allowPrivateNetworks,
    perHostConcurrency: config.perHostConcurrency,
    globalConcurrency: config.globalConcurrency,
    // With workers on several machines, the per-host bound must hold across all of them: keep it in
    // the queue's Redis. A lease outlasts any fetch, so only a dead worker's slot ever times out.
    ...(config.redisUrl === null
      ? {}
      : { sharedHostSlots: openRedisHostSlots({ url: config.redisUrl, perHost: config.perHostConcurrency, leaseMs: config.fetchTimeoutSeconds * 1000 + 10_000 }) }),
  };
}
