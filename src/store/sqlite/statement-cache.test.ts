import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

describe('prepared statement cache', () => {
  it('prepares a text once, keeps the most recently used, and still answers with fresh values', () => {
    const raw = new Database(':memory:');
    const prepared: string[] = [];
    const counting = new Proxy(raw, {
      get: (target, name) => (name === 'prepare' ? (sql: string) => (prepared.push(sql), target.prepare(sql)) : Reflect.get(target, name)),
    });
    const db = withStatementCache(counting, 2);
    db.prepare('create table t (n integer)').run([]);
    const insert = 'insert into t (n) values (?)';
    for (const n of [1, 2, 3]) db.prepare(insert).run([n]);
    expect(db.prepare('select sum(n) as s from t').all([])).toEqual([{ s: 6 }]);
    expect(prepared.filter((s) => s === insert)).toHaveLength(1);
    // Two kept (insert, sum): using the insert again makes the sum the least recently used,
    // so a third text evicts the sum and keeps the insert.
    db.prepare(insert).run([4]);
    db.prepare('select count(*) as c from t where n > ?').all([1]);
    db.prepare(insert).run([5]);
    expect(prepared.filter((s) => s === insert)).toHaveLength(1);
    expect(db.prepare('select sum(n) as s from t').all([])).toEqual([{ s: 15 }]);
    expect(prepared.filter((s) => s === 'select sum(n) as s from t')).toHaveLength(2);
    db.close();
    expect(raw.open).toBe(false);
  });

  it('does not keep a statement SQLite refused to prepare', () => {
    const raw = new Database(':memory:');
    const db = withStatementCache(raw);
    expect(() => db.prepare('select from nowhere')).toThrow(/syntax error/);
    expect(() => db.prepare('select from nowhere')).toThrow(/syntax error/);
    db.close();
  });
});
