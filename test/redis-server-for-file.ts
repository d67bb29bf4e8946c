/**
 * One throwaway redis-server (redis-server.ts) for a whole test file, through vitest's hooks.
 */
import { afterAll, beforeAll } from 'vitest';
import { haveRedisServer, startRedisServer, type RedisServer } from './redis-server.js';

/**
 * One redis-server for a whole test file: started before its tests and stopped after them, or
 * nothing when the binary is missing (`available` false: skip the tests, as haveRedisServer says).
 */
export function redisServerForFile(): { readonly available: boolean; readonly url: string } {
  const available = haveRedisServer();
  let server: RedisServer | undefined;
  beforeAll(async () => {
    if (available) server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return {
    available,
    get url() {
      if (server === undefined) throw new Error('redis-server is not running (not installed, or used outside a test)');
      return server.url;
    },
  };
}
