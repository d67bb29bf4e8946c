import { describe, expect, it } from 'vitest';
import { silentLogger, systemClock } from '../../core/index.js';
import type { Db } from '../kysely/context.js';
import { postgresContext } from './context.js';

const DB = 'postgres://feedkeeper@127.0.0.1:5432/archive';

/** A unique violation as pg reports it: the constraint and the key's values come with it. */
function uniqueViolation(key: string): Error {
  return Object.assign(new Error('duplicate key value violates unique constraint "articles_key_key"'), {
    code: '23505', constraint: 'articles_key_key', detail: `Key (key)=(${key}) already exists.`,
  });
}

/** Only what write() calls: a transaction that runs the work (with no real connection). */
const fakeDb = { transaction: () => ({ setIsolationLevel: () => ({ execute: (work: (tx: Db) => Promise<unknown>) => work(fakeDb) }) }) } as unknown as Db;

/** write() on work that fails with these errors in turn, then succeeds; how many runs it took, or the error. */
async function runThrough(failures: Error[], maxAttempts?: number): Promise<{ runs: number; outcome: unknown }> {
  const ctx = postgresContext({ db: fakeDb, name: DB, clock: systemClock, logger: silentLogger, ...(maxAttempts === undefined ? {} : { maxAttempts }) });
  let runs = 0;
  const outcome = await ctx.write('this refresh', async () => {
    const failure = failures[runs++];
    if (failure !== undefined) throw failure;
    return 'stored';
  }).catch((err: unknown) => err);
  return { runs, outcome };
}

describe('postgres write: unique violations', () => {
  it('runs again after each unique violation on a new key: every one is another writer that committed first', async () => {
    // Six writers storing the same articles: one may meet the other five, one after another.
    const keys = ['storm-0', 'storm-7', 'storm-3', 'storm-5', 'storm-1'];
    expect(await runThrough(keys.map(uniqueViolation))).toEqual({ runs: 6, outcome: 'stored' });
  });

  it('fails at once when the same key conflicts again: the repo inserts a duplicate it does not look for', async () => {
    const { runs, outcome } = await runThrough([uniqueViolation('storm-0'), uniqueViolation('storm-0')]);
    expect(runs).toBe(2);
    expect(outcome).toMatchObject({ code: 'STORE_LOCKED', message: `database ${DB}: other writers kept conflicting with this one (tried 2 times); try again; nothing from this refresh was stored (23505)` });
  });

  it('still stops at maxAttempts, unique violations and deadlocks together', async () => {
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    const { runs, outcome } = await runThrough([deadlock, uniqueViolation('storm-0'), deadlock, uniqueViolation('storm-1')], 3);
    expect(runs).toBe(3);
    expect(outcome).toMatchObject({ code: 'STORE_LOCKED' });
  });
});
