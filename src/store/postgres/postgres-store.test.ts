import { afterAll, beforeAll, describe } from 'vitest';
import { havePostgres, startPostgres, type PostgresServer } from '../../../test/postgres-server.js';
import { storeContract } from '../contract.js';
import { openPostgresStore } from './index.js';

const available = havePostgres();
let server: PostgresServer;
let template: string;

beforeAll(async () => {
  if (!available) return;
  server = await startPostgres();
  // Migrated once; each test's store is a fresh copy of it (CREATE DATABASE … TEMPLATE).
  const url = await server.createDatabase();
  await (await openPostgresStore({ url })).close();
  template = new URL(url).pathname.slice(1);
}, 60_000);

afterAll(async () => {
  await server?.stop();
}, 30_000);

describe.skipIf(!available)('postgres', () => {
  storeContract('postgres', async () => openPostgresStore({ url: await server.createDatabase(template), poolSize: 4 }));
});
