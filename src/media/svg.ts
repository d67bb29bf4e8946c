/**
 * Whether an SVG is safe to keep and serve from our origin: parsed with htmlparser2 in XML mode
 * (the tokenizer parse/ uses), refused with the first reason found when it holds a script, an
 * event handler attribute (on*), foreignObject (HTML inside SVG), an entity declaration, or a
 * reference to anything outside itself (href/xlink:href/src not a #fragment, url(...) or @import
 * in a style). Served SVG also gets a CSP of default-src 'none', so this is the first line.
 */
import { Parser } from 'htmlparser2';

const REFUSED_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'handler', 'listener', 'audio', 'video']);
const REF_ATTRIBUTES = new Set(['href', 'xlink:href', 'src']);

/** null when the SVG is safe, else why not (for people). */
export function svgProblem(text: string): string | null {
  if (/<!ENTITY/i.test(text)) return 'SVG declares entities';
  let problem: string | null = null;
  let inStyle = false;
  let root: string | null = null;
  const refuse = (why: string) => {
    problem ??= why;
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const local = localName(name);
        root ??= local;
        if (REFUSED_ELEMENTS.has(local)) refuse(`SVG contains <${name}>`);
        if (local === 'style') inStyle = true;
        for (const [attr, value] of Object.entries(attribs)) {
          const a = attr.toLowerCase();
          if (a.startsWith('on')) refuse(`SVG has an event handler (${attr})`);
          else if (REF_ATTRIBUTES.has(a) && !value.trim().startsWith('#')) refuse(`SVG refers to ${JSON.stringify(value.slice(0, 80))} outside itself`);
          else if (a === 'style' && hasExternalCss(value)) refuse('SVG style refers outside itself');
        }
      },
      ontext(data) {
        if (inStyle && hasExternalCss(data)) refuse('SVG <style> refers outside itself');
      },
      onclosetag(name) {
        if (localName(name) === 'style') inStyle = false;
      },
      onprocessinginstruction(name) {
        if (name.toLowerCase().startsWith('?xml-stylesheet')) refuse('SVG links a stylesheet');
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(text);
  parser.end();
  if (problem === null && root !== 'svg') return 'not an SVG document';
  return problem;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return (colon >= 0 ? name.slice(colon + 1) : name).toLowerCase();
}

function hasExternalCss(css: string): boolean {
  return /@import/i.test(css) || /url\(\s*['"]?\s*(?!#)/i.test(css);
}
