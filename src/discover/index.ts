export { discoverFeeds, type DiscoveredFeed } from './discover.js';
