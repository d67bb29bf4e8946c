export type * from './store.js';
export { lockDataDir, type DataDirLock } from './lock.js';
export { feedName } from './feed-name.js';
export { DEFAULT_USER_SETTINGS } from './user-settings.js';
