export { keepsImages, refreshFeed, type IngestDeps, type IngestProfile, type RefreshSummary } from './refresh-feed.js';
export { openCpuWork, type CpuWork } from './cpu/pool.js';
export { writePendingRecords, writeRecords, recordFilePath } from './archive-writer.js';
export { articleKey, contentHash } from './identity.js';
export type { ArticleStages } from './full-text.js';
export { assertMayChangeFetching, httpUrl, mayChangeFetching, importOpmlFeeds, subscribe, subscriptionService, subscriptionsOpml, type Discovery, type OpmlImportSummary, type SubscribeDeps, type SubscribeOptions, type SubscribeOutcome, type Subscriptions } from './subscribe.js';
export { reextractArticles, type ReextractDeps, type ReextractOutcome, type ReextractTotals, type StoredPage, type StoredPages } from './reextract.js';
