/** The embedded SQLite store. Only main.ts imports this; everything else sees store/store.ts. */
export { openSqliteStore } from './sqlite-store.js';
export type { SqliteStoreOptions } from './sqlite-store.js';
