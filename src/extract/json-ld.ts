/**
 * Article metadata from the page's JSON-LD (schema.org NewsArticle and its kin). JSON-LD is data
 * from outside: every block is parsed in a try, every field is checked by a schema on its own, so a
 * broken block is skipped and a field of an unexpected shape is treated as absent. Nothing here
 * throws on any input.
 */
import { z } from 'zod';
import { selectAll, type DomDocument } from './dom.js';

export interface JsonLdArticle {
  headline: string | null;
  datePublished: string | null;
  /** Names of the people credited; organizations are left out (they are the publisher, not a byline). */
  authors: string[];
  /** Image URLs as written (maybe relative), best first. */
  images: string[];
  inLanguage: string | null;
}

const ARTICLE_TYPE = /^(?:\w*Article|BlogPosting|LiveBlogPosting|Report)$/;

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]));
const typeField = oneOrMany(z.string()).optional().catch(undefined);
const nameField = oneOrMany(z.string()).optional().catch(undefined);
const personSchema = z.union([z.string(), z.looseObject({ '@type': typeField, name: nameField })]);
const imageSchema = z.union([z.string(), z.looseObject({ url: z.string().optional().catch(undefined), contentUrl: z.string().optional().catch(undefined) })]);

const articleSchema = z.looseObject({
  '@type': typeField,
  headline: z.string().optional().catch(undefined),
  datePublished: z.string().optional().catch(undefined),
  author: oneOrMany(personSchema).optional().catch(undefined),
  image: oneOrMany(imageSchema).optional().catch(undefined),
  inLanguage: z.string().optional().catch(undefined),
});
type ArticleNode = z.infer<typeof articleSchema>;

/** The first article-typed node in any JSON-LD block of the page, or null. */
export function readJsonLdArticle(doc: DomDocument): JsonLdArticle | null {
  for (const script of selectAll(doc, 'script[type="application/ld+json" i]')) {
    for (const node of nodesOf(parseLenient(script.textContent ?? ''))) {
      const parsed = articleSchema.safeParse(node);
      if (parsed.success && (parsed.data['@type'] ?? []).some((t) => ARTICLE_TYPE.test(t))) return toArticle(parsed.data);
    }
  }
  return null;
}

function parseLenient(text: string): unknown {
  try {
    // Some CMSs wrap the JSON in <!-- --> or CDATA markers, which JSON.parse rejects.
    return JSON.parse(text.replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)|(?:-->|\/\/\s*\]\]>)\s*$/g, ''));
  } catch {
    return null; // A broken block is ignored by design; the page's other metadata still applies.
  }
}

/** Top-level objects, array members and @graph members, at most one level of @graph deep. */
function nodesOf(value: unknown): unknown[] {
  const top = Array.isArray(value) ? value : [value];
  return top.flatMap((node) => {
    const graph = isRecord(node) ? node['@graph'] : undefined;
    return Array.isArray(graph) ? [node, ...graph] : [node];
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toArticle(node: ArticleNode): JsonLdArticle {
  const authors = (node.author ?? []).flatMap((a) => {
    if (typeof a === 'string') return [a];
    if ((a['@type'] ?? []).some((t) => /Organization$/.test(t))) return [];
    return a.name ?? [];
  });
  const images = (node.image ?? []).flatMap((i) => (typeof i === 'string' ? [i] : [i.url ?? i.contentUrl ?? ''])).filter(Boolean);
  return {
    headline: clean(node.headline),
    datePublished: clean(node.datePublished),
    authors: authors.map((a) => a.trim()).filter(Boolean),
    images,
    inLanguage: clean(node.inLanguage),
  };
}

function clean(text: string | undefined): string | null {
  const t = text?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}
