/** WARC capture: the archive of raw HTTP exchanges, its index, import and export. */
export { openWarcArchive } from './archive.js';
export type { WarcArchive } from './archive.js';
export type { CaptureEntry } from './cdxj.js';
export type { StoredResponse } from './payload.js';
export { exportWarc, importWarc } from './transfer.js';
export { digestOf as payloadDigest } from './records.js';
export { locatePayloads, verifyWarcFiles, verifyWarcRecords } from './verify.js';
export type { LocatedPayload, WarcCheck, WarcProblem } from './verify.js';
export { readCaptureIndex } from './cdxj.js';
