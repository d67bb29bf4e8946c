/**
 * `feedkeeper vacuum [--full]`: the store's maintenance now (run does the quick kind once a day):
 * merge the search index, refresh the planner's statistics, truncate the write-ahead log; `--full`
 * also rebuilds the statistics and compacts the file (slow on a big archive, and needs as much
 * free disk as the database while it runs). Each step is shown as it starts and how long it took.
 */
import type { App } from '../app.js';
import type { CliIo } from '../io.js';

export async function vacuumCommand(app: App, opts: { full?: boolean }, io: CliIo): Promise<number> {
  const store = await app.store();
  const report = await store.maintain({
    full: Boolean(opts.full),
    onStep: (name, index, total) => {
      if (name !== 'done') io.stderr(`[${index + 1}/${total}] ${name}…\n`);
    },
  });
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  const lines = report.steps.map((s) => `  ${s.name}: ${s.ms} ms\n`).join('');
  await io.stdout(`${lines}database on disk: ${mb(report.bytesBefore)} before, ${mb(report.bytesAfter)} after\n`);
  return 0;
}
