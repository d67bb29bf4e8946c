export * from './errors.js';
export type * from './feed.js';
export * from './logger.js';
export * from './feed-limits.js';
export * from './user-limits.js';
