/**
 * `feedkeeper proof ARTICLE --out DIR`: writes the article's proof bundle (evidence/proof.ts):
 * record files, the WARC of the responses its revisions came from, chain.json, SHA256SUMS and a
 * README with the procedure to check it using sha256sum, zcat, jq and cmp.
 */
import { join, resolve } from 'node:path';
import { writeProof } from '../../evidence/index.js';
import type { App } from '../app.js';
import type { CliIo } from '../io.js';
import { articleIdOf } from './verify.js';

export async function proofCommand(app: App, article: string, opts: { out: string }, io: CliIo): Promise<number> {
  const articleId = articleIdOf(article);
  const out = resolve(io.cwd, opts.out);
  const deps = { store: await app.store(), archiveDir: app.archiveDir, warc: await app.warcStore(), warcDir: join(app.dataDir, 'warc') };
  const proof = await writeProof(deps, articleId, out);
  await io.stdout(`wrote the proof of article ${articleId} (${proof.links.length} revision(s), ${proof.captures.length} capture(s), head ${proof.head}) to ${out}\n`);
  return 0;
}
