/**
 * The leader lease when jobs run in this process: nobody else can reach the queue, so this process
 * is the only possible scheduler and always leads. The data directory's lock keeps a second `run`
 * off the same archive.
 */
import type { LeaderLease } from '../queue.js';

export const soleLeader: LeaderLease = {
  isLeader: () => true,
  release: async () => {},
};
