/**
 * `feedkeeper migrate --to postgres://…`: copies the embedded archive (the SQLite database in the
 * data directory) into an empty PostgreSQL database, or finishes a copy an earlier run started,
 * then compares both sides table by table and prints the comparison. Exit 0 when they match, 1 on
 * any difference (naming the table and its first differing key) or failure, 2 for a bad URL. The
 * copying is store/'s (transferArchive); this file opens, shows progress and reports. The URL's
 * password never appears in what it prints. Holds the data directory's lock, so no `run` changes
 * the archive underneath it.
 */
import { redactUrlPassword } from '../../config/index.js';
import { lockDataDir, transferArchive, type TableCheck, type TransferProgress } from '../../store/index.js';
import type { App } from '../app.js';
import { UsageError, type CliIo } from '../io.js';
import { startProgress, type Progress } from '../progress.js';
import { renderTable } from '../table.js';

export async function migrateCommand(app: App, opts: { to?: string }, io: CliIo): Promise<number> {
  const to = opts.to ?? '';
  if (!/^postgres(ql)?:\/\/./i.test(to) || !URL.canParse(to)) {
    throw new UsageError(`--to: expected a postgres:// or postgresql:// URL, got "${redactUrlPassword(to)}"`);
  }
  const shown = redactUrlPassword(to);
  const lock = await lockDataDir(app.dataDir, 'migrate');
  try {
    const { source, target } = await app.migrationStores(to);
    try {
      io.stderr(`migrating ${app.dataDir} into ${shown}\n`);
      const show = progressShower(io);
      const report = await transferArchive(source, target, { onProgress: show.update });
      show.finish();
      const copied = Object.values(report.copied).reduce((a, b) => a + b, 0);
      await io.stdout(`${renderChecks(report.checks, report.copied)}\n`);
      await io.stdout(`copied ${copied} row(s), indexed ${report.indexed} article(s) for search; archive ${report.archiveId}\n`);
      if (report.ok) {
        await io.stdout(`verified: every table matches in ${shown}\n`);
        return 0;
      }
      for (const c of report.checks.filter((check) => check.difference !== null || check.sourceRows !== check.targetRows)) {
        io.stderr(`feedkeeper: ${c.table} differs: ${c.difference ?? `${c.sourceRows} rows in the archive, ${c.targetRows} in ${shown}`}\n`);
      }
      return 1;
    } finally {
      await Promise.all([source.close(), target.close()]);
    }
  } finally {
    await lock.release();
  }
}

/** One progress line per table and phase. */
function progressShower(io: CliIo): { update: (p: TransferProgress) => void; finish: () => void } {
  let current: { name: string; bar: Progress; done: number } | null = null;
  return {
    update: (p) => {
      const name = `${p.phase} ${p.table}`;
      if (current?.name !== name) {
        current?.bar.done();
        if (!io.isTty && current !== null) io.stderr(`${current.name}: ${current.done} row(s)\n`);
        current = { name, bar: startProgress(name, p.total, { write: io.stderr, isTty: io.isTty }), done: 0 };
      }
      current.bar.tick(p.done - current.done);
      current.done = p.done;
    },
    finish: () => {
      current?.bar.done();
      if (!io.isTty && current !== null) io.stderr(`${current.name}: ${current.done} row(s)\n`);
    },
  };
}

function renderChecks(checks: readonly TableCheck[], copied: Readonly<Record<string, number>>): string {
  const rows = checks.map((c) => [
    c.table,
    String(copied[c.table] ?? 0),
    String(c.sourceRows),
    String(c.targetRows),
    c.sourceHash === c.targetHash ? c.sourceHash : `${c.sourceHash} ≠ ${c.targetHash}`,
    c.difference === null && c.sourceRows === c.targetRows ? 'ok' : `DIFFERS: ${c.difference ?? 'row counts'}`,
  ]);
  const columns = [{ header: 'table' }, { header: 'copied', align: 'right' }, { header: 'archive', align: 'right' }, { header: 'target', align: 'right' }, { header: 'sha-256' }, { header: 'check' }] as const;
  return renderTable(columns, rows);
}
