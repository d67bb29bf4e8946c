/**
 * /opml: every subscription as an OPML download, and OPML import (the XML as the body, or the
 * `file` field of a multipart form) through ingest's importer: folders become tags, feeds already
 * subscribed or listed twice are reported rather than added. A document that is not OPML is
 * NOT_OPML (400) with the parser's reason. Bodies are capped at OPML_BODY_LIMIT_BYTES here.
 */
import { FeedkeeperError } from '../../core/index.js';
import { subscriptionsOpml } from '../../ingest/index.js';
import type { ServeDeps } from '../deps.js';
import { OPML_BODY_LIMIT_BYTES, readBody, readFormFile } from './body.js';
import { defineRoute, type ApiRoute } from './define.js';
import { opmlSummaryModel } from './schemas.js';

const XML_TYPES = ['application/xml', 'text/xml', 'text/x-opml'];
const EXAMPLE = '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>Subscriptions</title></head><body>\n  <outline text="news"><outline type="rss" text="Harbour Daily" xmlUrl="https://news.example.org/feed.xml"/></outline>\n</body></opml>\n';
const opmlDoc = { schema: { type: 'string', description: 'An OPML 1.0 or 2.0 document' }, example: EXAMPLE };

export function opmlRoutes(deps: ServeDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/opml',
      operationId: 'exportOpml',
      summary: 'Every subscription as an OPML file (folders from tags)',
      tag: 'opml',
      responseContent: { 'application/xml': opmlDoc },
      async handler({ c, user }) {
        const xml = subscriptionsOpml(await deps.store.subscriptions.list(user.id), deps.clock.now());
        c.header('Content-Type', 'application/xml; charset=utf-8');
        c.header('Content-Disposition', 'attachment; filename="feedkeeper-subscriptions.opml"');
        c.header('Cache-Control', 'no-store');
        return c.body(xml);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/opml',
      operationId: 'importOpml',
      summary: 'Subscribe to every feed of an OPML file not subscribed yet',
      description: `Send the XML as the body (Content-Type ${XML_TYPES.join(', ')}), or as the field \`file\` of a multipart/form-data form. At most ${OPML_BODY_LIMIT_BYTES} bytes. Feeds are added without fetching them; the scheduler checks them soon after.`,
      tag: 'opml',
      requestContent: {
        ...Object.fromEntries(XML_TYPES.map((type) => [type, opmlDoc])),
        'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', contentMediaType: 'text/x-opml' } }, required: ['file'] } },
      },
      errors: [413, 415],
      response: opmlSummaryModel,
      async handler({ c, user }) {
        const summary = await deps.subscriptions.importOpml(user.id, await opmlBytes(c.req.header('content-type'), c));
        return { added: summary.added, already_subscribed: summary.alreadySubscribed, duplicates_in_file: summary.duplicatesInFile, warnings: summary.warnings };
      },
    }),
  ];
}

async function opmlBytes(contentType: string | undefined, c: Parameters<typeof readBody>[0]): Promise<Uint8Array> {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'multipart/form-data') return readFormFile(c, 'file', OPML_BODY_LIMIT_BYTES);
  if (XML_TYPES.includes(type)) return readBody(c, OPML_BODY_LIMIT_BYTES);
  throw new FeedkeeperError('UNSUPPORTED_MEDIA_TYPE', `body: expected an OPML document as ${XML_TYPES.join(', ')} or multipart/form-data, got Content-Type ${type === '' ? '(none)' : type}`);
}
