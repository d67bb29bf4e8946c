export type * from './store.js';
export { lockDataDir, type DataDirLock } from './lock.js';
