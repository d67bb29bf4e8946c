/**
 * Every SQLite migration, by name, in the order they run. Listed statically (not read from a folder)
 * so the same code works from src/ under vitest and from dist/ after a build.
 * Add a migration: write `NNN-what.ts` with up/down and add it here; never rename or edit old ones.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './001-initial.js';
import * as recordIdsAndClean from './002-record-ids-and-clean.js';
import * as searchIndex from './003-search-index.js';
import * as reader from './004-reader.js';
import * as counts from './005-counts.js';
import * as users from './006-users.js';
import * as oidc from './007-oidc.js';
import * as apiPasswords from './008-api-passwords.js';
import * as watch from './009-watch.js';
import * as webhooks from './010-webhooks.js';
import * as revisionChain from './011-revision-chain.js';
import * as media from './012-media.js';
import * as searchRankLead from './013-search-rank-lead.js';
import * as packedTexts from './014-packed-texts.js';
import * as maintenanceRuns from './015-maintenance-runs.js';

const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001-initial': initial,
  '002-record-ids-and-clean': recordIdsAndClean,
  '003-search-index': searchIndex,
  '004-reader': reader,
  '005-counts': counts,
  '006-users': users,
  '007-oidc': oidc,
  '008-api-passwords': apiPasswords,
  '009-watch': watch,
  '010-webhooks': webhooks,
  '011-revision-chain': revisionChain,
  '012-media': media,
  '013-search-rank-lead': searchRankLead,
  '014-packed-texts': packedTexts,
  '015-maintenance-runs': maintenanceRuns,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};

