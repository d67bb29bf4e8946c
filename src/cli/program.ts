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
import { runCommand } from './commands/run.js';
import { resetAdminPassword } from './admin.js';
import { tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './commands/token.js';
import { reindexCommand, searchCommand } from './commands/search.js';
import { listCommand, removeCommand, setCommand, tagCommand } from './commands/subscriptions.js';
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

  program.command('add').description('subscribe to a feed, or to a site whose page links to its feeds')
    .argument('<url>').option('--title <title>', 'show this title instead of the feed’s own')
    .option('--tag <tag>', 'tag the feed (repeatable)', collect, []).option('--no-check', 'subscribe without fetching the feed first')
    .action(withApp((app, url: string, o: { title?: string; tag: string[]; check: boolean }) => addCommand(app, url, o, io)));
  program.command('remove').description('unsubscribe (the archive keeps its articles)').argument('<feed>', 'feed id or URL')
    .action(withApp((app, ref: string) => removeCommand(app, ref, io)));
  program.command('list').description('subscriptions with their last fetch, status, error and article count')
    .option('--json', 'print JSON').action(withApp((app, o: { json?: boolean }) => listCommand(app, o, io)));
  program.command('tag').description('add tags to a feed (or remove them with --remove)').argument('<feed>').argument('<tags...>')
    .option('--remove', 'remove the tags instead').action(withApp((app, ref: string, tags: string[], o: { remove?: boolean }) => tagCommand(app, ref, tags, o, io)));
  program.command('set').description('change a feed’s settings').argument('<feed>')
    .option('--title <title>', 'title override ("" to clear)').option('--min-interval <minutes>', 'lower bound between fetches ("default" to clear)')
    .option('--max-interval <minutes>', 'upper bound between fetches ("default" to clear)').option('--user-agent <ua>', 'User-Agent for this feed ("" to clear)')
    .option('--enable', 'fetch this feed').option('--disable', 'stop fetching this feed (keeps it and its archive)')
    .option('--fulltext <mode>', 'auto | always | never')
    .action(withApp((app, ref: string, o: Parameters<typeof setCommand>[2]) => setCommand(app, ref, o, io)));
  program.command('import-opml').description('subscribe to the feeds of an OPML file (folders become tags)').argument('<file>')
    .action(withApp((app, file: string) => importOpmlCommand(app, file, io)));
  program.command('export-opml').description('write the subscriptions as OPML (to stdout without a file)').argument('[file]')
    .action(withApp((app, file: string | undefined) => exportOpmlCommand(app, file, io)));
  program.command('fetch').description('fetch feeds now (all enabled feeds without arguments)').argument('[feeds...]', 'feed ids or URLs')
    .action(withApp((app, refs: string[]) => fetchCommand(app, refs, io)));
  program.command('run').description('keep every subscription fresh and serve the web reader and APIs (--host, --port) until stopped (SIGINT/SIGTERM)')
    .option('--no-sample', 'do not subscribe to the sample feeds on the first start')
    .action(withApp((app, o: { sample: boolean }) => runCommand(app, { sample: o.sample ? (options.sampleOpml ?? false) : false }, io), {}));
  const token = program.command('token').description('API tokens for the REST API and republished feeds');
  token.command('create').description('create a token and print it (shown only once)').option('--name <name>', 'what the token is for')
    .action(withApp((app, o: { name?: string }) => tokenCreateCommand(app, o, io)));
  token.command('list').description('list tokens (never their secrets)').option('--json', 'print JSON')
    .action(withApp((app, o: { json?: boolean }) => tokenListCommand(app, o, io)));
  token.command('revoke').description('revoke a token by id').argument('<id>')
    .action(withApp((app, id: string) => tokenRevokeCommand(app, id, io)));
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
  program.command('extract').description('extract the article from saved pages or a URL (one page: readable output)')
    .argument('[file-or-url]').option('--jsonl', 'one JSON line per input').option('--manifest <file>', 'JSONL: {"file", "url"} per line')
    .action(withApp((app, input: string | undefined, o: { jsonl?: boolean; manifest?: string }) =>
      extractCommand(app, input ?? [], { jsonl: Boolean(o.jsonl), ...(o.manifest !== undefined ? { manifest: o.manifest } : {}) }, io)));
  program.command('search').description('search the archive (words, CJK sequences, "phrases", OR, -exclude, title: author: feed: tag: after: before:)')
    .argument('<query>').option('--json', 'print JSON').option('--limit <n>', 'results per page (default 20)')
    .option('--sort <order>', 'relevance (default) or date').option('--cursor <cursor>', 'the next page, from a previous search')
    .action(withApp((app, q: string, o: Parameters<typeof searchCommand>[2]) => searchCommand(app, q, o, io)));
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
