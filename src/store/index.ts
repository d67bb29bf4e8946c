export type * from './store.js';
export type * from './watch.js';
export type * from './webhooks.js';
export { WEBHOOK_EVENTS } from './webhooks.js';
export { lockDataDir, type DataDirLock } from './lock.js';
export { feedName } from './feed-name.js';
export type * from './media.js';
export { transferArchive, type TransferOptions, type TransferReport, type TransferProgress, type TableCheck } from './transfer/index.js';
