/**
 * verifyWarcFiles on records written by hand (not by warcio), with digests in the forms other
 * writers use: sha1 in base32 (wget, Heritrix) and sha256 in hex (warcio, feedkeeper).
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyWarcFiles } from './index.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(bytes: Buffer): string {
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  return (bits.match(/.{1,5}/g) ?? []).map((chunk) => BASE32[parseInt(chunk.padEnd(5, '0'), 2)]).join('');
}
const digest = (algo: 'sha1' | 'sha256', data: Buffer): string =>
  algo === 'sha1' ? `sha1:${base32(createHash('sha1').update(data).digest())}` : `sha256:${createHash('sha256').update(data).digest('hex')}`;

function response(algo: 'sha1' | 'sha256', body: string, lie: Partial<Record<'block' | 'payload', string>> = {}): Buffer {
  const payload = Buffer.from(body);
  const block = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: ${payload.length}\r\n\r\n`), payload]);
  const head =
    'WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:0d5e1b8e-1f0a-4b7e-9c33-5a0f5f1e2a01>\r\nWARC-Target-URI: https://harbour.example/news/1.html\r\n' +
    `WARC-Date: 2026-01-05T08:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nWARC-Block-Digest: ${lie.block ?? digest(algo, block)}\r\n` +
    `WARC-Payload-Digest: ${lie.payload ?? digest(algo, payload)}\r\nContent-Length: ${block.length}\r\n\r\n`;
  return gzipSync(Buffer.concat([Buffer.from(head), block, Buffer.from('\r\n\r\n')]));
}

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedkeeper-warc-verify-'));
  await mkdir(join(dir, '2026', '01'), { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));
const write = (...members: Buffer[]) => writeFile(join(dir, '2026', '01', 'a.warc.gz'), Buffer.concat(members));

describe('verifyWarcFiles', () => {
  it.each([['sha1 in base32', 'sha1'], ['sha256 in hex', 'sha256']] as const)('accepts records whose digests are %s, and names their payloads by sha256', async (_case, algo) => {
    await write(response(algo, '<p>The east pier reopens.</p>'), response(algo, '<p>Boats every half hour.</p>'));
    const check = await verifyWarcFiles(dir);
    expect([check.files, check.records, check.problems]).toEqual([1, 2, []]);
    expect(check.payloads).toEqual(new Set([digest('sha256', Buffer.from('<p>The east pier reopens.</p>')), digest('sha256', Buffer.from('<p>Boats every half hour.</p>'))]));
  });

  it.each([
    ['a block digest that lies', { block: `sha1:${'A'.repeat(32)}` }, ['block-digest']],
    ['a payload digest that lies', { payload: `sha1:${'B'.repeat(32)}` }, ['payload-digest']],
  ])('reports %s, and does not vouch for the payload when the payload digest fails', async (_case, lie, kinds) => {
    await write(response('sha1', '<p>The east pier reopens.</p>', lie));
    const check = await verifyWarcFiles(dir);
    expect(check.problems.map((p) => p.kind)).toEqual(kinds);
    expect(check.payloads.size).toBe(kinds.includes('payload-digest') ? 0 : 1);
  });

  it('reports a file cut inside its last record as truncated, keeping the records before it', async () => {
    const second = response('sha256', '<p>Boats every half hour.</p>');
    await write(response('sha256', '<p>The east pier reopens.</p>'), second.subarray(0, second.length - 5));
    const check = await verifyWarcFiles(dir);
    expect(check.records).toBe(1);
    expect(check.problems).toEqual([expect.objectContaining({ kind: 'truncated', detail: expect.stringContaining('after the last complete record') })]);
  });
});
