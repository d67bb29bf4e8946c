/**
 * publish/: what feedkeeper writes for others to read (OPML now; RSS 2.0, Atom and JSON Feed from
 * store rows later). Pure: everything arrives as arguments, the result is text.
 */
export { writeOpml, type OpmlExport, type OpmlExportFeed } from './opml.js';
