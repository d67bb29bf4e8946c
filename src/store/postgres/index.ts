/** The PostgreSQL store. Only main.ts imports this; everything else sees store/store.ts. */
export { openPostgresStore } from './postgres-store.js';
export type { PostgresStoreOptions } from './postgres-store.js';
