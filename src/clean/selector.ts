/**
 * The CSS selector subset that clean rules may use, compiled once when the rules load:
 * type (`div`, `*`), `.class`, `#id`, `[attr]`, `[attr=v]` with `= ~= |= ^= $= *=` and the
 * ` i` flag, descendant and child (`>`) combinators, and comma lists. Anything else (pseudo-
 * classes, `+`, `~`) is rejected with its position, so a bad rule fails at load, not per article.
 * A full engine (css-select) is not a direct dependency; this subset covers boilerplate rules.
 */
import type { Element } from './dom.js';
import { isElement } from './dom.js';

type AttrOp = '' | '=' | '~=' | '|=' | '^=' | '$=' | '*=';
interface AttrTest { name: string; op: AttrOp; value: string; caseless: boolean }
interface Compound { tag: string | null; attrs: AttrTest[] }
/** Right to left: parts[0] is the subject; combinators[i] joins parts[i] to parts[i + 1]. */
interface Complex { parts: Compound[]; combinators: Array<' ' | '>'> }

export interface CompiledSelector {
  readonly source: string;
  matches(el: Element): boolean;
}

export class SelectorSyntaxError extends Error {}

export function compileSelector(source: string): CompiledSelector {
  const list = new SelectorReader(source).readList();
  return { source, matches: (el) => list.some((complex) => matchesComplex(el, complex, 0)) };
}

const IDENT = /^-?[A-Za-z_\u0080-\uffff][\w\u0080-\uffff-]*/;

class SelectorReader {
  private pos = 0;
  constructor(private readonly src: string) {}

  readList(): Complex[] {
    const list = [this.readComplex()];
    while (this.eat(',')) list.push(this.readComplex());
    if (this.pos < this.src.length) this.fail('a combinator, "," or the end');
    return list;
  }

  private readComplex(): Complex {
    this.skipSpace();
    const parts = [this.readCompound()];
    const combinators: Array<' ' | '>'> = [];
    for (;;) {
      const spaced = this.skipSpace();
      const child = this.eat('>');
      if (!child && (!spaced || this.atEnd() || this.peek() === ',')) break;
      this.skipSpace();
      combinators.unshift(child ? '>' : ' ');
      parts.unshift(this.readCompound());
    }
    return { parts, combinators };
  }

  private readCompound(): Compound {
    const compound: Compound = { tag: null, attrs: [] };
    if (this.eat('*')) compound.tag = '*';
    else if (IDENT.test(this.rest())) compound.tag = this.readIdent().toLowerCase();
    for (;;) {
      if (this.eat('.')) compound.attrs.push({ name: 'class', op: '~=', value: this.readIdent(), caseless: false });
      else if (this.eat('#')) compound.attrs.push({ name: 'id', op: '=', value: this.readIdent(), caseless: false });
      else if (this.eat('[')) compound.attrs.push(this.readAttr());
      else break;
    }
    if (compound.tag === null && compound.attrs.length === 0) this.fail('a tag, "*", ".class", "#id" or "[attribute]"');
    return compound;
  }

  private readAttr(): AttrTest {
    this.skipSpace();
    const name = this.readIdent().toLowerCase();
    this.skipSpace();
    const op = (['~=', '|=', '^=', '$=', '*=', '='] as const).find((o) => this.eat(o)) ?? '';
    let value = '';
    let caseless = false;
    if (op !== '') {
      this.skipSpace();
      value = this.readValue();
      this.skipSpace();
      caseless = this.eat('i') || this.eat('I');
      this.skipSpace();
    }
    if (!this.eat(']')) this.fail('"]"');
    return { name, op, value, caseless };
  }

  private readValue(): string {
    const quote = this.peek();
    if (quote !== '"' && quote !== "'") return this.readIdent();
    const end = this.src.indexOf(quote, this.pos + 1);
    if (end < 0) this.fail(`a closing ${quote}`);
    const value = this.src.slice(this.pos + 1, end);
    this.pos = end + 1;
    return value;
  }

  private readIdent(): string {
    const m = IDENT.exec(this.rest());
    if (!m) this.fail('a name');
    this.pos += m[0].length;
    return m[0];
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (/\s/.test(this.peek())) this.pos++;
    return this.pos > start;
  }

  private eat(token: string): boolean {
    if (!this.src.startsWith(token, this.pos)) return false;
    this.pos += token.length;
    return true;
  }

  private peek(): string {
    return this.src.charAt(this.pos);
  }

  private rest(): string {
    return this.src.slice(this.pos);
  }

  private atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  private fail(expected: string): never {
    const found = this.atEnd() ? 'the end' : `"${this.rest().slice(0, 12)}"`;
    throw new SelectorSyntaxError(`expected ${expected} at position ${this.pos}, found ${found} (supported: tag, *, .class, #id, [attr op value i], descendant and ">" combinators, ",")`);
  }
}

function matchesComplex(el: Element, complex: Complex, index: number): boolean {
  const part = complex.parts[index];
  if (part === undefined) return true;
  if (!matchesCompound(el, part)) return false;
  if (index === complex.parts.length - 1) return true;
  const combinator = complex.combinators[index];
  for (let p = el.parent; p !== null && isElement(p); p = p.parent) {
    if (matchesComplex(p, complex, index + 1)) return true;
    if (combinator === '>') return false;
  }
  return false;
}

function matchesCompound(el: Element, compound: Compound): boolean {
  if (compound.tag !== null && compound.tag !== '*' && compound.tag !== el.name) return false;
  return compound.attrs.every((test) => matchesAttr(el.attribs[test.name], test));
}

function matchesAttr(actual: string | undefined, test: AttrTest): boolean {
  if (actual === undefined) return false;
  const have = test.caseless ? actual.toLowerCase() : actual;
  const want = test.caseless ? test.value.toLowerCase() : test.value;
  switch (test.op) {
    case '': return true;
    case '=': return have === want;
    case '~=': return want !== '' && have.split(/\s+/).includes(want);
    case '|=': return have === want || have.startsWith(`${want}-`);
    case '^=': return want !== '' && have.startsWith(want);
    case '$=': return want !== '' && have.endsWith(want);
    case '*=': return want !== '' && have.includes(want);
  }
}
