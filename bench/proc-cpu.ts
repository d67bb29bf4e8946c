/**
 * CPU time of other processes, read from Linux's /proc: for a process tree (a worker, or the
 * PostgreSQL postmaster with its backends), user + system time of every live process in it plus
 * what it has collected from children that exited (cutime, cstime), so a backend that ended
 * during a measurement is still counted, once. Elsewhere than Linux the readings are null and the
 * bench says "n/a". Cheap: one pass over /proc/<pid>/stat per reading.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ, 100 on every common Linux). */
const TICKS_PER_SECOND = readTicksPerSecond();

interface ProcStat {
  ppid: number;
  /** utime + stime + cutime + cstime, in ticks. */
  ticks: number;
}

/** CPU milliseconds of each named process tree, read at once; null off Linux or for a vanished root. */
export function readTreeCpuMs(roots: readonly number[]): Array<number | null> {
  const stats = readAllStats();
  if (stats === null) return roots.map(() => null);
  const children = new Map<number, number[]>();
  for (const [pid, stat] of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  return roots.map((root) => {
    if (!stats.has(root)) return null;
    let ticks = 0;
    const todo = [root];
    for (let pid = todo.pop(); pid !== undefined; pid = todo.pop()) {
      ticks += stats.get(pid)?.ticks ?? 0;
      todo.push(...(children.get(pid) ?? []));
    }
    return (ticks * 1000) / TICKS_PER_SECOND;
  });
}

/** CPU milliseconds the whole machine spent busy and in all (every core, /proc/stat), or null off Linux. */
export function readMachineCpuMs(): { busy: number; total: number } | null {
  let text: string;
  try {
    text = readFileSync('/proc/stat', 'utf8');
  } catch {
    return null;
  }
  // "cpu  user nice system idle iowait irq softirq steal …", in ticks, summed over the cores.
  const ticks = (text.split('\n')[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: ((total - idle) * 1000) / TICKS_PER_SECOND, total: (total * 1000) / TICKS_PER_SECOND };
}

/** This process's own CPU milliseconds (user + system). */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function readAllStats(): Map<number, ProcStat> | null {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return null;
  }
  const stats = new Map<number, ProcStat>();
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(name);
    if (stat !== null) stats.set(Number(name), stat);
  }
  return stats;
}

function readStat(pid: string): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // exited between readdir and read
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
  const field = (n: number): number => Number(fields[n - 3] ?? 0);
  return { ppid: field(4), ticks: field(14) + field(15) + field(16) + field(17) };
}

function readTicksPerSecond(): number {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(out.stdout?.trim());
  return Number.isInteger(n) && n > 0 ? n : 100;
}
