export type * from './store.js';
export { lockDataDir, type DataDirLock } from './lock.js';
export { feedName } from './feed-name.js';
