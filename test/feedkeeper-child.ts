/**
 * `feedkeeper <args>` from the TypeScript sources, as a child process of a test (loaded with
 * `node --import jiti/register`, since Node 20 cannot strip types): what bin/feedkeeper.js does
 * with dist/, without needing a build. SIGINT/SIGTERM stop it as they stop the real command.
 */
import { runCli } from '../src/main.js';

process.exitCode = await runCli(process.argv.slice(2));
