/**
 * The command table. Each command's work lives in commands/; this file declares names, arguments
 * and options (so `--help` is generated from here, and every setting of config/ is a global flag)
 * and maps outcomes to exit codes: 0 success, 1 the work failed, 2 usage errors.
 */
import { Command, CommanderError, Option } from 'commander';
import { SETTINGS } from '../config/index.js';
import { describeError, isFeedkeeperError } from '../core/index.js';
import type { App, AppOverrides, GlobalFlags, OpenApp } from './app.js';
import { addCommand } from './commands/add.js';
import { demoCommand } from './commands/demo.js';
import { extractCommand } from './commands/extract.js';
import { fetchCommand } from './commands/fetch.js';
import { exportOpmlCommand, importOpmlCommand } from './commands/opml.js';
import { exportCommand, importCommand } from './commands/records.js';
import { warcExportCommand, warcImportCommand } from './commands/warc.js';
import { runCommand } from './commands/run.js';
import { verifyCommand } from './commands/verify.js';
import { proofCommand } from './commands/proof.js';
import { webCommand } from './commands/web.js';
import { workerCommand } from './commands/worker.js';
import { resetAdminPassword } from './admin.js';
import { tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './commands/token.js';
import { reindexCommand, searchCommand } from './commands/search.js';
import { changesCommand, recheckCommand } from './commands/changes.js';
import { reextractCommand } from './commands/reextract.js';
import { vacuumCommand } from './commands/vacuum.js';
import { migrateCommand } from './commands/migrate.js';
import { webhookAddCommand, webhookDeliverCommand, webhookEnableCommand, webhookListCommand, webhookLogCommand, webhookRemoveCommand, webhookTestCommand } from './commands/webhook.js';
import { mediaFetchCommand } from './commands/media.js';
import { listCommand, removeCommand, setCommand, tagCommand } from './commands/subscriptions.js';
import { userAddCommand, userApiPasswordCommand, userDisableCommand, userListCommand, userPasswordCommand, userRemoveCommand } from './commands/user.js';
import { UsageError, type CliIo } from './io.js';
import { parseCommand } from './parse-command.js';

export interface ProgramOptions {
  openApp: OpenApp;
  /** The OPML `run` subscribes to on its first start. */
  sampleOpml: string | null;
}

export async function runProgram(argv: string[], io: CliIo, options: ProgramOptions): Promise<number> {
  let exitCode = 0;
  const program = new Command('feedkeeper')
    .description('Self-hosted full-text news archive: keeps every article of your feeds, and every revision of it.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => void io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError('(run `feedkeeper --help` for usage)');
  for (const s of SETTINGS) {
    if (s.flag === null) continue;
    const option = new Option(s.flagArgument ? `${s.flag} ${s.flagArgument}` : s.flag, s.description);
    program.addOption(s.secret ? option.hideHelp() : option);
  }

  /** Runs a command that needs the app; the app is closed afterwards whatever happens. */
  const withApp = (fn: (app: App, ...args: never[]) => Promise<number>, overrides: AppOverrides = { quietLogs: true }) =>
    async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      const app = await options.openApp(cmd.optsWithGlobals<GlobalFlags>(), overrides);
      try {
        exitCode = await (fn as (app: App, ...rest: unknown[]) => Promise<number>)(app, ...args.slice(0, -1));
      } finally {
        await app.close();
      }
    };

  // Subscriptions, tags, searches and tokens are a user's: --user names whose (default: the admin).
  const USER = ['--user <name>', 'act for this user (default: the first admin)'] as const;
  program.command('add').description('subscribe to a feed, or to a site whose page links to its feeds (shared when the archive already has it)')
    .argument('<url>').option('--title <title>', 'show this title instead of the feed’s own')
    .option('--tag <tag>', 'tag the feed (repeatable)', collect, []).option('--no-check', 'subscribe without fetching the feed first').option(...USER)
    .action(withApp((app, url: string, o: { title?: string; tag: string[]; check: boolean; user?: string }) => addCommand(app, url, o, io)));
  program.command('remove').description('unsubscribe (the archive keeps its articles; nobody left subscribed: no longer fetched)').argument('<feed>', 'feed id or URL')
    .option(...USER).action(withApp((app, ref: string, o: { user?: string }) => removeCommand(app, ref, o, io)));
  program.command('list').description('subscriptions with their last fetch, status, error and article count')
    .option('--json', 'print JSON').option(...USER).action(withApp((app, o: { json?: boolean; user?: string }) => listCommand(app, o, io)));
  program.command('tag').description('add tags to a feed (or remove them with --remove)').argument('<feed>').argument('<tags...>')
    .option('--remove', 'remove the tags instead').option(...USER)
    .action(withApp((app, ref: string, tags: string[], o: { remove?: boolean; user?: string }) => tagCommand(app, ref, tags, o, io)));
  program.command('set').description('change a feed’s settings (the title is yours; fetching is shared: admins or the only subscriber)').argument('<feed>')
    .option('--title <title>', 'title override ("" to clear)').option('--min-interval <minutes>', 'lower bound between fetches ("default" to clear)')
    .option('--max-interval <minutes>', 'upper bound between fetches ("default" to clear)').option('--user-agent <ua>', 'User-Agent for this feed ("" to clear)')
    .option('--enable', 'fetch this feed').option('--disable', 'stop fetching this feed (keeps it and its archive)')
    .option('--fulltext <mode>', 'auto | always | never')
    .option('--watch <schedule>', 're-checks of its articles after they appear, e.g. "1h,6h,1d,3d,7d,30d", "off", or "default"')
    .option('--images <mode>', 'keep | off | default: keep its articles’ images under <data-dir>/media/ or leave them remote').option(...USER)
    .action(withApp((app, ref: string, o: Parameters<typeof setCommand>[2]) => setCommand(app, ref, o, io)));
  program.command('import-opml').description('subscribe to the feeds of an OPML file (folders become tags)').argument('<file>')
    .option(...USER).action(withApp((app, file: string, o: { user?: string }) => importOpmlCommand(app, file, o, io)));
  program.command('export-opml').description('write the subscriptions as OPML (to stdout without a file)').argument('[file]')
    .option(...USER).action(withApp((app, file: string | undefined, o: { user?: string }) => exportOpmlCommand(app, file, o, io)));
  program.command('fetch').description('fetch feeds now (all enabled feeds without arguments)').argument('[feeds...]', 'feed ids or URLs')
    .action(withApp((app, refs: string[]) => fetchCommand(app, refs, io)));
  program.command('run').description('keep every subscription fresh and serve the web reader and APIs (--host, --port) until stopped (SIGINT/SIGTERM)')
    .option('--no-sample', 'do not subscribe to the sample feeds on the first start')
    .action(withApp((app, o: { sample: boolean }) => runCommand(app, { sample: o.sample ? (options.sampleOpml ?? false) : false }, io), {}));
  program.command('web').description('serve the web reader and APIs only (--host, --port), beside `worker` processes; needs databaseUrl and redisUrl')
    .action(withApp((app) => webCommand(app, io), {}));
  program.command('worker').description('process jobs only (refreshes, re-checks, images, webhooks, maintenance), one of them scheduling; needs databaseUrl and redisUrl')
    .option('--concurrency <n>', 'feed refreshes at once in this process (default: the globalConcurrency setting)')
    .action(withApp((app, o: { concurrency?: string }) => workerCommand(app, o, io), {}));
  const token = program.command('token').description('API tokens for the REST API and republished feeds');
  token.command('create').description('create a token and print it (shown only once)').option('--name <name>', 'what the token is for')
    .option(...USER).action(withApp((app, o: { name?: string; user?: string }) => tokenCreateCommand(app, o, io)));
  token.command('list').description('list tokens (never their secrets)').option('--json', 'print JSON')
    .option(...USER).action(withApp((app, o: { json?: boolean; user?: string }) => tokenListCommand(app, o, io)));
  token.command('revoke').description('revoke a token by id').argument('<id>')
    .option(...USER).action(withApp((app, id: string, o: { user?: string }) => tokenRevokeCommand(app, id, o, io)));
  const user = program.command('user').description('the people of this archive: each has their own subscriptions, tags, read state and tokens');
  user.command('add').description(`add a user; their password is generated and printed once (or taken from FEEDKEEPER_NEW_PASSWORD)`).argument('<name>')
    .option('--admin', 'may manage users and see the whole archive').action(withApp((app, name: string, o: { admin?: boolean }) => userAddCommand(app, name, o, io)));
  user.command('list').description('users with their role, state and number of subscriptions').option('--json', 'print JSON')
    .action(withApp((app, o: { json?: boolean }) => userListCommand(app, o, io)));
  user.command('disable').description('stop a user signing in; their sessions and tokens stop working at once').argument('<name>')
    .action(withApp((app, name: string) => userDisableCommand(app, name, true, io)));
  user.command('enable').description('let a disabled user sign in again').argument('<name>')
    .action(withApp((app, name: string) => userDisableCommand(app, name, false, io)));
  user.command('remove').description('remove a user with their subscriptions and state (never the archived articles)').argument('<name>')
    .action(withApp((app, name: string) => userRemoveCommand(app, name, io)));
  user.command('password').description('set a new password (generated and printed, or FEEDKEEPER_NEW_PASSWORD) and sign the user out everywhere').argument('<name>')
    .action(withApp((app, name: string) => userPasswordCommand(app, name, io)));
  user.command('api-password').description('create a new API password for feed clients (Google Reader and Fever APIs), printed once; the old one stops working').argument('<name>')
    .action(withApp((app, name: string) => userApiPasswordCommand(app, name, io)));
  program.command('password').description('set a new password for the web reader’s admin (FEEDKEEPER_ADMIN_PASSWORD, or generated and printed) and sign it out everywhere')
    .action(withApp(async (app) => {
      await resetAdminPassword(await app.store(), app.web.adminPassword, io);
      return 0;
    }));
  program.command('export').description('write every article and revision as record files').argument('<dir>')
    .option('--since <date>', 'only articles published on or after this date (YYYY-MM-DD)').option('--feed <feed>', 'only this feed (id or URL)')
    .action(withApp((app, dir: string, o: { since?: string; feed?: string }) => exportCommand(app, dir, o, io)));
  program.command('import').description('read record files (one file or a directory tree) into the archive').argument('<path>')
    .action(withApp((app, path: string) => importCommand(app, path, io)));
  const warc = program.command('warc').description('the raw HTTP captures (WARC 1.1 under <data-dir>/warc/)');
  warc.command('export').description('write a standalone WARC of an article’s, a feed’s or recent captures')
    .option('--article <id>', 'the captures of this article’s link').option('--feed <feed>', 'the feed’s URL and its articles’ links (id or URL)')
    .option('--since <date>', 'everything captured on or after this date (YYYY-MM-DD)').requiredOption('--out <file>', 'the .warc.gz to write')
    .action(withApp((app, o: { article?: string; feed?: string; since?: string; out: string }) => warcExportCommand(app, o, io)));
  warc.command('import').description('add the records of WARC files other tools wrote (already stored responses are skipped)').argument('<files...>')
    .action(withApp((app, files: string[]) => warcImportCommand(app, files, io)));
  program.command('verify').description('recompute every revision chain, record file hash and WARC digest, and report each break')
    .option('--article <id>', 'only this article’s chain (WARC files are still read for the digests it names)').option('--json', 'print the report as JSON')
    .action(withApp((app, o: { article?: string; json?: boolean }) => verifyCommand(app, o, io)));
  program.command('proof').description('write a bundle anyone can check with sha256sum, zcat and jq: record files, WARC excerpts, the chain, a README')
    .argument('<article>', 'article id').requiredOption('--out <dir>', 'the folder to write')
    .action(withApp((app, article: string, o: { out: string }) => proofCommand(app, article, o, io)));
  program.command('extract').description('extract the article from saved pages or a URL (one page: readable output)')
    .argument('[file-or-url]').option('--jsonl', 'one JSON line per input').option('--manifest <file>', 'JSONL: {"file", "url"} per line')
    .action(withApp((app, input: string | undefined, o: { jsonl?: boolean; manifest?: string }) =>
      extractCommand(app, input ?? [], { jsonl: Boolean(o.jsonl), ...(o.manifest !== undefined ? { manifest: o.manifest } : {}) }, io)));
  program.command('search').description('search the archive (words, CJK sequences, "phrases", OR, -exclude, title: author: feed: tag: after: before:)')
    .argument('<query>').option('--json', 'print JSON').option('--limit <n>', 'results per page (default 20)')
    .option('--sort <order>', 'relevance (default) or date').option('--cursor <cursor>', 'the next page, from a previous search')
    .option(...USER).option('--mine', 'an admin too: only what the user’s subscriptions reach (default for admins: the whole archive)')
    .action(withApp((app, q: string, o: Parameters<typeof searchCommand>[2]) => searchCommand(app, q, o, io)));
  program.command('changes').description('edits, removals and returns of articles, newest first (found in the feed or by page re-checks)')
    .option('--since <date>', 'only changes at or after this date (YYYY-MM-DD or ISO 8601)').option('--kind <kinds>', 'edited,removed,restored (default: all)')
    .option('--feed <feed>', 'one feed (id or URL)').option('--limit <n>', 'changes per page (default 50)').option('--cursor <cursor>', 'the next page')
    .option('--json', 'print JSON lines').option(...USER)
    .action(withApp((app, o: Parameters<typeof changesCommand>[1]) => changesCommand(app, o, io)));
  program.command('recheck').description('re-check watched articles whose check is due now (or the given article ids), as `run` does on its schedule')
    .argument('[ids...]', 'article ids').action(withApp((app, ids: string[]) => recheckCommand(app, ids, io)));
  const webhook = program.command('webhook').description('signed JSON POSTs to your URLs when articles are new, edited, removed or restored');
  webhook.command('add').description('register a URL; prints its signing secret once').argument('<url>')
    .option('--events <events>', 'new,edit,removal,restore (default: all)').option('--feed <feed>', 'only articles of this feed (id or URL)')
    .option(...USER).action(withApp((app, url: string, o: { events?: string; feed?: string; user?: string }) => webhookAddCommand(app, url, o, io)));
  webhook.command('list').description('the user’s webhooks and their state').option('--json', 'print JSON')
    .option(...USER).action(withApp((app, o: { json?: boolean; user?: string }) => webhookListCommand(app, o, io)));
  webhook.command('remove').description('remove a webhook and its delivery log').argument('<id>')
    .option(...USER).action(withApp((app, id: string, o: { user?: string }) => webhookRemoveCommand(app, id, o, io)));
  webhook.command('enable').description('switch a webhook back on (also one a 410 Gone switched off)').argument('<id>')
    .option(...USER).action(withApp((app, id: string, o: { user?: string }) => webhookEnableCommand(app, id, true, o, io)));
  webhook.command('disable').description('stop sending to a webhook for now').argument('<id>')
    .option(...USER).action(withApp((app, id: string, o: { user?: string }) => webhookEnableCommand(app, id, false, o, io)));
  webhook.command('test').description('send a signed ping now and print what the receiver answered').argument('<id>')
    .option(...USER).action(withApp((app, id: string, o: { user?: string }) => webhookTestCommand(app, id, o, io)));
  webhook.command('log').description('recent deliveries, newest first: status, attempts, the receiver’s answer').argument('[id]')
    .option('--limit <n>', 'deliveries to show (default 20)').option('--json', 'one JSON object per line')
    .option(...USER).action(withApp((app, id: string | undefined, o: { json?: boolean; limit?: string; user?: string }) => webhookLogCommand(app, id, o, io)));
  webhook.command('deliver').description('collect and send what is due now, as `run` does every few seconds')
    .action(withApp((app) => webhookDeliverCommand(app, io)));
  program.command('reextract').description('extract and clean stored articles again from their stored pages (WARC) and HTML, without the network; what differs becomes a revision marked as a re-extraction')
    .option('--feed <feed>', 'only this feed’s articles (id or URL)').option('--since <date>', 'only articles published on or after this date (YYYY-MM-DD)')
    .action(withApp((app, o: { feed?: string; since?: string }) => reextractCommand(app, o, io)));
  program.command('vacuum').description('keep an old archive fast: merge the search index, refresh statistics, truncate the log (run does this daily); --full also compacts the file')
    .option('--full', 'also rebuild all statistics and compact the database file (slow; needs free disk as large as the database)')
    .action(withApp((app, o: { full?: boolean }) => vacuumCommand(app, o, io)));
  program.command('migrate').description('copy the embedded archive (SQLite in the data directory) into an empty PostgreSQL database, resuming an interrupted copy, then verify both match')
    .requiredOption('--to <url>', 'postgres://user:password@host:port/database')
    .action(withApp((app, o: { to: string }) => migrateCommand(app, o, io)));
  const media = program.command('media').description('the images articles reference, kept once under <data-dir>/media/');
  media.command('fetch').description('download the images waiting to be fetched now (or those of the given articles again), as `run` does in the background')
    .argument('[ids...]', 'article ids').action(withApp((app, ids: string[]) => mediaFetchCommand(app, ids, io)));
  program.command('reindex').description('rebuild the search index (after an upgrade changes the analyzer)')
    .action(withApp((app) => reindexCommand(app, io)));
  program.command('demo').description('see the whole pipeline work: a news site on loopback, subscribed, fetched, revised')
    .action(withApp((app) => demoCommand(app, io), { allowPrivateNetworks: true, quietLogs: true }));
  program.command('parse').description('parse feed files or URLs and print the normalized result as JSON')
    .argument('<file-or-url...>', 'feed files or http(s) URLs').option('--base-url <url>', 'resolve relative links against this URL')
    .option('--jsonl', 'print one JSON object per input per line')
    .action(withApp(async (app, inputs: string[], o: { baseUrl?: string; jsonl?: boolean }) => {
      if (o.baseUrl !== undefined && !URL.canParse(o.baseUrl)) throw new UsageError(`--base-url: expected an absolute URL, got "${o.baseUrl}"`);
      return parseCommand(inputs, { ...(o.baseUrl !== undefined ? { baseUrl: o.baseUrl } : {}), jsonl: Boolean(o.jsonl), fetcher: app.fetcher() }, io);
    }));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError || (isFeedkeeperError(err) && (err.code === 'CONFIG_INVALID' || err.code === 'USAGE'))) {
      io.stderr(`feedkeeper: ${err.message}\n`);
      return 2;
    }
    io.stderr(`feedkeeper: ${describeError(err)}\n`);
    return 1;
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
