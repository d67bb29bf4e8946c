// Writes the binary fixtures (input.bin) for the parse golden cases whose bytes are not UTF-8.
// Each encoding case keeps a readable UTF-8 source.xml beside its input.bin; this script encodes
// the source with iconv-lite and refuses to write when a character would not survive the trip
// (iconv-lite silently substitutes '?' for characters the target charset lacks).
//
//   node src/parse/testdata/gen-encoded.mjs          write every input.bin
//   node src/parse/testdata/gen-encoded.mjs --check  exit 1 if any input.bin differs from a fresh encode
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const here = dirname(fileURLToPath(import.meta.url));

/** case folder → how its source.xml becomes bytes. `encoding` is the real byte encoding, whatever the label says. */
const encodedCases = [
  { name: 'gbk-declared', encoding: 'gbk' },
  // Encoded as GBK on purpose: the text has 喆 and 堃, which GB2312 lacks, and real servers labelled
  // "gb2312" send GBK. The parser must decode the gb2312 label as GBK.
  { name: 'gb2312-http-charset', encoding: 'gbk' },
  { name: 'big5-declared', encoding: 'big5' },
  // The declaration says UTF-8, the bytes are GBK.
  { name: 'utf8-declared-but-gbk', encoding: 'gbk', mustNotBeUtf8: true },
  // Declared ISO-8859-1, bytes are windows-1252 (0x93 0x94 curly quotes, 0x97 em dash, 0x92 apostrophe).
  { name: 'iso-8859-1-is-cp1252', encoding: 'windows-1252', mustContainBytes: [0x92, 0x93, 0x94, 0x97] },
  { name: 'shift-jis-declared', encoding: 'shift_jis' },
  { name: 'euc-kr-declared', encoding: 'euc-kr' },
  { name: 'utf16-bom', encoding: 'utf-16le', bom: [0xff, 0xfe] },
];

/** Cases whose bytes are not text at all. */
const rawCases = [
  {
    name: 'not-a-feed-png',
    // PNG signature, a 1×1 RGBA IHDR chunk (with its CRC) and IEND: the start of any PNG file.
    bytes: Buffer.from(
      '89504e470d0a1a0a' + '0000000d49484452000000010000000108060000001f15c489' + '0000000049454e44ae426082',
      'hex',
    ),
  },
];

function encodeCase({ name, encoding, bom, mustNotBeUtf8, mustContainBytes }) {
  const source = readFileSync(join(here, name, 'source.xml'), 'utf8');
  const body = iconv.encode(source, encoding);
  if (iconv.decode(body, encoding) !== source) {
    throw new Error(`${name}: source.xml does not survive a round trip through ${encoding}; remove the characters it lacks`);
  }
  if (mustNotBeUtf8 && isValidUtf8(body)) {
    throw new Error(`${name}: the ${encoding} bytes are also valid UTF-8, so they would not test a wrong declaration`);
  }
  for (const byte of mustContainBytes ?? []) {
    if (!body.includes(byte)) throw new Error(`${name}: expected byte 0x${byte.toString(16)} in the output`);
  }
  return bom ? Buffer.concat([Buffer.from(bom), body]) : body;
}

function isValidUtf8(bytes) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const check = process.argv.includes('--check');
const outputs = [
  ...encodedCases.map((c) => ({ name: c.name, bytes: encodeCase(c) })),
  ...rawCases,
];
let stale = 0;
for (const { name, bytes } of outputs) {
  const target = join(here, name, 'input.bin');
  if (check) {
    const same = existsSync(target) && Buffer.compare(readFileSync(target), bytes) === 0;
    if (!same) {
      stale += 1;
      console.error(`stale: ${name}/input.bin (run node src/parse/testdata/gen-encoded.mjs)`);
    }
  } else {
    writeFileSync(target, bytes);
    console.log(`wrote ${name}/input.bin (${bytes.length} bytes)`);
  }
}
if (stale > 0) process.exit(1);
