/**
 * `feedkeeper vacuum [--full]`: the store's maintenance now (run does the quick kind once a day):
 * merge the search index, refresh the planner's statistics, truncate the write-ahead log; `--full`
 * also rebuilds the statistics and compacts the file (slow on a big archive, and needs as much
 * free disk as the database while it runs). Each step is shown as it starts and how long it took.
 * First it finishes migration 014's conversion of older revisions, if any is left, with a
 * progress bar, so that the compaction gives back the space it frees.
 */
import type { Store } from '../../store/index.js';
import type { App } from '../app.js';
import type { CliIo } from '../io.js';
import { startProgress } from '../progress.js';

export async function vacuumCommand(app: App, opts: { full?: boolean }, io: CliIo): Promise<number> {
  const store = await app.store();
  await upgradeTexts(store, io);
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

async function upgradeTexts(store: Store, io: CliIo): Promise<void> {
  const pending = await store.textUpgrade.pending();
  if (pending === null) return;
  io.stderr(`packing the texts of ${pending.total - pending.done} revisions stored before this version…\n`);
  const progress = startProgress('pack-texts', pending.total - pending.done, { write: io.stderr, isTty: io.isTty });
  let done = pending.done;
  const converted = await store.textUpgrade.run((p) => {
    progress.tick(p.done - done);
    done = p.done;
  });
  progress.done();
  await io.stdout(`packed the texts of ${converted} revisions\n`);
}
