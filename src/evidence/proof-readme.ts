/**
 * The README of a proof bundle: what is in it and the procedure to check it with standard tools.
 * The shell block is complete and is what the proof test runs, so the procedure cannot drift.
 */
import type { Proof } from './proof-types.js';

const ZEROS = '0'.repeat(64);

const CHECK_SCRIPT = String.raw`set -eu
# 1. Every file is what SHA256SUMS lists.
sha256sum --quiet -c SHA256SUMS
record=$(jq -r .article.recordId chain.json)
prev=${ZEROS}
n=$(jq '.links | length' chain.json)
i=0
while [ "$i" -lt "$n" ]; do
  rev=$(jq -r ".links[$i].revision" chain.json)
  fetched=$(jq -r ".links[$i].fetchedAt" chain.json)
  file=$(jq -r ".links[$i].recordFile" chain.json)
  warc=$(jq -r ".links[$i].warcDigest // \"\"" chain.json)
  want=$(jq -r ".links[$i].hash" chain.json)
  # 2. The chain link: seven lines, hashed; "prev" is the hash computed one step before.
  got=$(printf 'feedkeeper-chain/1\nrecord %s\nrevision %s\nfetched %s\nfile %s\nwarc %s\nprev %s\n' \
    "$record" "$rev" "$fetched" "$(sha256sum < "$file" | cut -c1-64)" "$warc" "$prev" | sha256sum | cut -c1-64)
  if [ "$got" != "$want" ]; then echo "revision $rev: chain hash is $got, chain.json says $want"; exit 1; fi
  # 3. The response it came from: its payload hashes to the digest, and sits in the WARC at the offset given.
  if [ -n "$warc" ]; then
    hex=${"$"}{warc#sha256:}
    payload=payloads/$hex
    if [ "$(sha256sum < "$payload" | cut -c1-64)" != "$hex" ]; then echo "revision $rev: $payload does not hash to $warc"; exit 1; fi
    off=$(jq -r --arg d "$warc" '[.captures[] | select(.digest == $d)][0].offset' chain.json)
    len=$(jq -r --arg d "$warc" '[.captures[] | select(.digest == $d)][0].length' chain.json)
    if ! zcat captures.warc.gz | tail -c +$((off + 1)) | head -c "$len" | cmp -s - "$payload"; then
      echo "revision $rev: captures.warc.gz does not hold $payload at offset $off"; exit 1
    fi
    if ! zcat captures.warc.gz | grep -aq "^WARC-Payload-Digest: $warc"; then echo "revision $rev: no WARC record states $warc"; exit 1; fi
  fi
  echo "revision $rev ok: $got"
  prev=$got
  i=$((i + 1))
done
# 4. The last hash is the chain's head.
if [ "$prev" != "$(jq -r .head chain.json)" ]; then echo "the head in chain.json is not the last link"; exit 1; fi
echo "all checks passed; head $prev"`;

export function proofReadme(proof: Proof): string {
  const rows = proof.links.map((l) => `| ${l.revision} | ${l.fetchedAtIso} | \`${l.recordFile}\` | ${l.warcDigest === null ? '(none)' : `\`${l.warcDigest}\``} | \`${l.hash}\` |`);
  return `# Proof bundle: ${proof.article.title || proof.article.link}

Article ${proof.article.id} (record id \`${proof.article.recordId}\`), ${proof.article.link}, as archived by feedkeeper:
${proof.links.length} revision(s), chain head \`${proof.head}\`.

| revision | fetched (UTC) | record file | WARC payload digest | chain hash |
|---|---|---|---|---|
${rows.join('\n')}

## What is here

- \`records/\`: the record file of every revision, byte for byte as archived (\`<!--{epoch ms}-->\`, \`[title](link)\`, \`------\`, an empty line, the HTML).
- \`captures.warc.gz\`: the HTTP responses the revisions came from (with their requests), copied byte for byte from the archive's WARC files; each record is its own gzip member.
- \`payloads/<hex>\`: each response's payload (the body as received, after content decoding) cut out of that WARC, named by its SHA-256.
- \`chain.json\`: every link's inputs (\`revision\`, \`fetchedAt\`, \`recordFile\`, \`fileSha256\`, \`warcDigest\`, \`prev\`), its \`hash\` and the exact text hashed (\`input\`); \`captures\` says where each payload sits in \`zcat captures.warc.gz\`.
- \`SHA256SUMS\`: the SHA-256 of every file above.

## The chain

Each revision's hash is the SHA-256 (lowercase hex) of seven lines, each ending in one LF:

\`\`\`
feedkeeper-chain/1
record <the article's record id>
revision <0, 1, 2, …>
fetched <fetch time, epoch milliseconds>
file <SHA-256 hex of the record file's bytes>
warc <WARC-Payload-Digest of the response it came from, or nothing after the space>
prev <the previous revision's hash; 64 zeros for revision 0>
\`\`\`

Changing any byte of a record file, a fetch time, a digest, or removing or reordering a revision
changes every hash after it, so the head names the whole history. Compare the head with a copy kept
elsewhere (a note, a mail, a published list) to know the history was not rewritten since.

## How to check it

With bash, coreutils (\`sha256sum\`, \`head\`, \`tail\`, \`cut\`), \`zcat\` (gzip), \`grep\`, \`cmp\` and \`jq\`, in this folder:

\`\`\`sh
${CHECK_SCRIPT}
\`\`\`

It prints \`all checks passed\` and the head, or the first thing that does not match.
`;
}
