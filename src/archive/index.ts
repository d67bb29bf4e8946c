/**
 * archive/: the plain-file form of every article and revision feedkeeper keeps: the record format
 * (record.ts), where records live (paths.ts), crash-safe writes (atomic-write.ts), and reading and
 * listing record files (record-file.ts). Other folders import from here, never from the files.
 */
export { formatRecord, parseRecord, MAX_PUBLISHED_MS } from './record.js';
export type { ArchiveRecord } from './record.js';
export { recordId, recordPath, feedSlug } from './paths.js';
export { writeFileAtomic, writeFilesAtomic, type FileToWrite } from './atomic-write.js';
export { readRecordFile, walkRecordFiles } from './record-file.js';
export { CHAIN_START, chainHash, chainInput, recordFileHash, sha256Hex } from './chain.js';
export type { ChainLinkInput } from './chain.js';
export { packTexts, unpackTexts, type RevisionTexts } from './texts.js';
