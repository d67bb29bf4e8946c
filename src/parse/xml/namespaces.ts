/**
 * Namespaces are matched by URI, never by the prefix a feed happens to use: `<a:entry>` bound to
 * the Atom URI is `atom:entry`. Known URIs get our canonical prefix; an undeclared prefix (feeds
 * often write `dc:creator` without declaring `dc`) keeps its own name, lower-cased.
 */
const KNOWN: Record<string, string> = {
  'http://www.w3.org/2005/atom': 'atom',
  'http://purl.org/atom/ns#': 'atom03',
  'http://purl.org/rss/1.0/': 'rss1',
  'http://my.netscape.com/rdf/simple/0.9/': 'rss090',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://search.yahoo.com/mrss/': 'media',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://purl.org/rss/1.0/modules/syndication/': 'sy',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://www.w3.org/xml/1998/namespace': 'xml',
  // Some RSS 2.0 feeds put their elements in this namespace; they are plain RSS.
  'http://backend.userland.com/rss2': '',
  'http://blogs.law.harvard.edu/tech/rss': '',
};

/** Canonical prefix for a namespace URI, or undefined when we do not know it. */
function knownPrefix(uri: string): string | undefined {
  const key = uri.trim().toLowerCase().replace(/^https:/, 'http:');
  return KNOWN[key] ?? KNOWN[key.endsWith('/') ? key.slice(0, -1) : `${key}/`];
}

export type Scope = ReadonlyMap<string, string>;

/** The scope after an element's xmlns declarations, or the same scope when it declares none. */
export function extendScope(scope: Scope, attrs: Record<string, string>): Scope {
  let next: Map<string, string> | null = null;
  for (const name in attrs) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    next ??= new Map(scope);
    next.set(name === 'xmlns' ? '' : name.slice(6), attrs[name] as string);
  }
  return next ?? scope;
}

/** `atom:entry`, `dc:creator`, `title`: the name adapters match on. */
export function canonicalName(qname: string, scope: Scope): string {
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const local = (colon === -1 ? qname : qname.slice(colon + 1)).toLowerCase();
  const uri = scope.get(prefix);
  // Undeclared prefixes keep their name (`dc:` without xmlns:dc is common); a prefix bound to a URI
  // we do not know is marked so it can never pass for a known one (`dc:` bound elsewhere).
  const p = uri === undefined ? prefix.toLowerCase() : knownPrefix(uri) ?? (prefix === '' ? '' : `?${prefix.toLowerCase()}`);
  return p === '' ? local : `${p}:${local}`;
}
