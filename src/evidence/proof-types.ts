/** What chain.json of a proof bundle holds (evidence/proof.ts writes it, proof-readme.ts describes it). */
export interface ProofLink {
  revision: number;
  fetchedAt: number;
  fetchedAtIso: string;
  recordFile: string;
  fileSha256: string;
  warcDigest: string | null;
  prev: string;
  hash: string;
  /** The exact text that was hashed (chainInput). */
  input: string;
}

export interface ProofCapture {
  digest: string;
  url: string;
  date: string;
  recordId: string;
  payloadFile: string;
  /** Offset and length of the payload in `zcat captures.warc.gz`. */
  offset: number;
  length: number;
}

export interface Proof {
  format: 'feedkeeper-proof/1';
  chain: 'feedkeeper-chain/1';
  article: { id: number; recordId: string; link: string; title: string };
  links: ProofLink[];
  head: string;
  captures: ProofCapture[];
}
