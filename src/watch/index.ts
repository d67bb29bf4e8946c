export { recheckArticle, type RecheckSummary, type WatchDeps, type WatchSettings } from './recheck.js';

