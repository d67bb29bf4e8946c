import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHAIN_START, chainHash, chainInput, parseRecord, recordFileHash } from './index.js';

const RECORD = fileURLToPath(new URL('./testdata/tree/8/2023/12/3c3ceb0dd080b6b9.txt', import.meta.url));

/** The documented procedure, run by the shell: printf the seven lines and pipe them to sha256sum. */
function shellChainHash(file: string, rev: number, fetched: number, warc: string, prev: string): string {
  const script =
    'printf \'feedkeeper-chain/1\\nrecord %s\\nrevision %s\\nfetched %s\\nfile %s\\nwarc %s\\nprev %s\\n\' ' +
    '"$1" "$2" "$3" "$(sha256sum < "$4" | cut -c1-64)" "$5" "$6" | sha256sum | cut -c1-64';
  return execFileSync('sh', ['-c', script, 'sh', '3c3ceb0dd080b6b9', String(rev), String(fetched), file, warc, prev], { encoding: 'utf8' }).trim();
}

describe('chain hash', () => {
  const record = parseRecord(readFileSync(RECORD, 'utf8'));
  const fileHash = recordFileHash(record);

  it('hashes the bytes of the record file exactly as written', () => {
    expect(fileHash).toBe(execFileSync('sha256sum', [RECORD], { encoding: 'utf8' }).slice(0, 64));
  });

  it.each([
    ['a first revision without a capture', 0, null, CHAIN_START],
    ['a later revision with its WARC payload digest', 3, `sha256:${'ab'.repeat(32)}`, 'cd'.repeat(32)],
  ])('%s is what printf | sha256sum gives', (_case, revision, warcDigest, prev) => {
    const link = { recordId: '3c3ceb0dd080b6b9', revision, fetchedAt: 1702866000123, fileHash, warcDigest, prev };
    expect(chainHash(link)).toBe(shellChainHash(RECORD, revision, 1702866000123, warcDigest ?? '', prev));
  });

  it('lays out seven LF-terminated lines with the version tag first', () => {
    const input = chainInput({ recordId: '3c3ceb0dd080b6b9', revision: 0, fetchedAt: 5, fileHash, warcDigest: null, prev: CHAIN_START });
    expect(input.split('\n')).toEqual(['feedkeeper-chain/1', 'record 3c3ceb0dd080b6b9', 'revision 0', 'fetched 5', `file ${fileHash}`, 'warc ', `prev ${CHAIN_START}`, '']);
  });

  it.each([
    ['the record bytes', { fileHash: '0'.repeat(64) }],
    ['the fetch time', { fetchedAt: 6 }],
    ['the revision number', { revision: 1 }],
    ['the WARC digest', { warcDigest: 'sha256:00' }],
    ['the previous hash', { prev: '1'.repeat(64) }],
  ])('changes when %s changes', (_case, change) => {
    const base = { recordId: '3c3ceb0dd080b6b9', revision: 0, fetchedAt: 5, fileHash, warcDigest: null, prev: CHAIN_START };
    expect(chainHash({ ...base, ...change })).not.toBe(chainHash(base));
  });
});
