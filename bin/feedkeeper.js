#!/usr/bin/env node
// Entry point for `npx feedkeeper` and the installed bin. Runs the compiled JavaScript in dist/;
// `npm install` builds it (the `prepare` script), so a checkout works right after install.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const main = fileURLToPath(new URL('../dist/src/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write('feedkeeper: dist/ is missing; run `npm install` (or `npm run build`) first.\n');
  process.exit(2);
}
const { runCli } = await import(pathToFileURL(main).href);
process.exitCode = await runCli(process.argv.slice(2));
