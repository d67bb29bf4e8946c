/** evidence/: checking the archive against its own chain (verify) and bundles others can check (proof). */
export { verifyArchive } from './verify.js';
export type { Break, BreakPart, VerifyReport } from './verify.js';
export { writeProof } from './proof.js';
