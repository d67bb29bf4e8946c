/**
 * Every search serve/ runs (the reader's page, the API, search feeds) goes through here, so each
 * one is timed into /metrics' search histogram the same way.
 */
import type { QueryAst } from '../search/index.js';
import type { SearchOptions, SearchPage } from '../store/index.js';
import type { ServeDeps } from './deps.js';

export async function searchArchive(deps: Pick<ServeDeps, 'store' | 'metrics'>, ast: QueryAst, opts: SearchOptions): Promise<SearchPage> {
  const started = performance.now();
  try {
    return await deps.store.search.search(ast, opts);
  } finally {
    deps.metrics.recordSearch((performance.now() - started) / 1000);
  }
}
