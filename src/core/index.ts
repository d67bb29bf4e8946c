export * from './errors.js';
export type * from './feed.js';
export * from './logger.js';
