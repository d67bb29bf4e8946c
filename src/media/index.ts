/**
 * media/: the images articles reference, kept once by content under `<data-dir>/media/`:
 * the background job that downloads and checks them (fetch-media.ts), what their bytes are
 * (sniff.ts, svg.ts) and where their files live (files.ts). Import from here.
 */
export { fetchArticleMedia, type MediaDeps, type MediaSettings, type MediaSummary } from './fetch-media.js';
export { isSha256, mediaUrlKey, readMedia } from './files.js';
export { sniffImage } from './sniff.js';
export { svgProblem } from './svg.js';
