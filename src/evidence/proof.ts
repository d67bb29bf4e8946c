/**
 * `proof`: a self-contained bundle for one article that anyone can check with sha256sum, zcat, jq
 * and cmp, without feedkeeper: the record file of every revision, a WARC of the responses the
 * revisions came from (warc export, byte for byte), each response's payload cut out beside it,
 * chain.json (every link's inputs and hash), SHA256SUMS and a README with the procedure. The
 * bundle is written from the archive as it is; a record file that is missing or no longer matches
 * its chain is refused (run `verify`), so a bundle never vouches for a broken chain.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CHAIN_START, chainHash, chainInput, sha256Hex } from '../archive/index.js';
import { FeedkeeperError } from '../core/index.js';
import { recordFilePath } from '../ingest/index.js';
import type { Store, StoredRevision } from '../store/index.js';
import { exportWarc, locatePayloads, type WarcArchive } from '../warc/index.js';
import { proofReadme } from './proof-readme.js';
import type { Proof, ProofCapture, ProofLink } from './proof-types.js';

export interface ProofDeps {
  store: Store;
  archiveDir: string;
  warc: WarcArchive;
  warcDir: string;
}

export async function writeProof(deps: ProofDeps, articleId: number, outDir: string): Promise<Proof> {
  const revisions: StoredRevision[] = [];
  for await (const rev of deps.store.articles.revisions({ articleId })) revisions.push(rev);
  const last = revisions.at(-1);
  if (last === undefined) throw new FeedkeeperError('NOT_FOUND', `proof: no article with id ${articleId}`);
  await mkdir(join(outDir, 'records'), { recursive: true });
  await mkdir(join(outDir, 'payloads'), { recursive: true });

  const links: ProofLink[] = [];
  let prev = CHAIN_START;
  for (const rev of revisions) {
    const source = recordFilePath(deps.archiveDir, rev);
    const bytes = await readFile(source).catch((err: unknown) => {
      throw new FeedkeeperError('NOT_FOUND', `proof: article ${articleId} revision ${rev.revision}: cannot read its record file ${source} (run feedkeeper verify)`, { cause: err });
    });
    const recordFile = `records/${basename(source)}`;
    const link = { recordId: rev.recordId, revision: rev.revision, fetchedAt: rev.fetchedAt, fileHash: sha256Hex(bytes), warcDigest: rev.warcDigest, prev };
    const hash = chainHash(link);
    if (hash !== rev.chainHash) {
      throw new FeedkeeperError('CONFLICT', `proof: article ${articleId} revision ${rev.revision} does not match its chain (expected ${rev.chainHash}, its record file gives ${hash}); run feedkeeper verify`);
    }
    await copyFile(source, join(outDir, recordFile));
    links.push({ revision: rev.revision, fetchedAt: rev.fetchedAt, fetchedAtIso: new Date(rev.fetchedAt).toISOString(), recordFile, fileSha256: link.fileHash, warcDigest: rev.warcDigest, prev, hash, input: chainInput(link) });
    prev = hash;
  }

  const captures = await writeCaptures(deps, links, outDir);
  const proof: Proof = {
    format: 'feedkeeper-proof/1',
    chain: 'feedkeeper-chain/1',
    article: { id: articleId, recordId: last.recordId, link: last.link, title: last.title },
    links,
    head: prev,
    captures,
  };
  await writeFile(join(outDir, 'chain.json'), `${JSON.stringify(proof, null, 2)}\n`);
  await writeFile(join(outDir, 'README.md'), proofReadme(proof));
  const sums = await Promise.all(
    [...links.map((l) => l.recordFile), ...captures.map((c) => c.payloadFile), ...(captures.length > 0 ? ['captures.warc.gz'] : [])].map(
      async (name) => `${sha256Hex(await readFile(join(outDir, name)))}  ${name}\n`,
    ),
  );
  await writeFile(join(outDir, 'SHA256SUMS'), sums.join(''));
  return proof;
}

/** The responses the revisions name, exported as one WARC, with their payloads cut out beside it. */
async function writeCaptures(deps: ProofDeps, links: readonly ProofLink[], outDir: string): Promise<ProofCapture[]> {
  const wanted = new Set(links.flatMap((l) => (l.warcDigest === null ? [] : [l.warcDigest])));
  const chosen = new Map<string, ReturnType<WarcArchive['all']>[number]>();
  for (const entry of deps.warc.all()) if (entry.type === 'response' && wanted.has(entry.digest) && !chosen.has(entry.digest)) chosen.set(entry.digest, entry);
  if (chosen.size === 0) return [];
  const out = join(outDir, 'captures.warc.gz');
  await exportWarc(deps.warc, deps.warcDir, [...chosen.values()], out);
  const captures: ProofCapture[] = [];
  const raw = await readFile(out);
  const text = gunzipSync(raw); // what zcat prints: the offsets below are into it
  for (const found of locatePayloads(raw)) {
    if (!wanted.has(found.digest) || captures.some((c) => c.digest === found.digest)) continue;
    const payloadFile = `payloads/${found.digest.slice('sha256:'.length)}`;
    await writeFile(join(outDir, payloadFile), text.subarray(found.offset, found.offset + found.length));
    captures.push({ digest: found.digest, url: found.url, date: found.date, recordId: found.recordId, payloadFile, offset: found.offset, length: found.length });
  }
  return captures;
}
