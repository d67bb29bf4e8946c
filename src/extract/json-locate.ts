/**
 * JSON with line numbers: parses a document and remembers the line each value starts on, so a
 * schema problem can be reported as "line 7 ($.strip[1])" rather than only as a path. A small
 * strict scanner finds the positions (and reports syntax errors with line and column the same
 * way on every Node version); JSON.parse builds the value.
 */

export type JsonPath = ReadonlyArray<PropertyKey>;

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = 'JsonSyntaxError';
  }
}

export interface LocatedJson {
  value: unknown;
  /** The line (1-based) where the value at `path` starts, or of its nearest ancestor that exists. */
  lineOf(path: JsonPath): number;
}

export function formatPath(path: JsonPath): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

export function parseJsonLocated(text: string): LocatedJson {
  const starts = new Map<string, number>();
  let i = 0;
  const fail = (message: string): never => {
    const before = text.slice(0, i);
    const line = before.split('\n').length;
    throw new JsonSyntaxError(message, line, i - before.lastIndexOf('\n'));
  };
  const skipSpace = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
  };
  const token = (re: RegExp, what: string): string => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return fail(`expected ${what}`);
    i += m[0].length;
    return m[0];
  };
  const expect = (ch: string) => {
    skipSpace();
    if (text[i] !== ch) fail(`expected "${ch}", found ${i < text.length ? `"${text[i]}"` : 'the end of the file'}`);
    i++;
  };
  const value = (path: PropertyKey[]): void => {
    skipSpace();
    starts.set(formatPath(path), i);
    const ch = text[i];
    if (ch === '{') return object(path);
    if (ch === '[') return array(path);
    if (ch === '"') return void token(STRING, 'a string');
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return void token(NUMBER, 'a number');
    token(LITERAL, 'a value (object, array, string, number, true, false or null)');
  };
  const object = (path: PropertyKey[]) => {
    i++;
    skipSpace();
    if (text[i] === '}') return void i++;
    for (;;) {
      skipSpace();
      const key = JSON.parse(token(STRING, 'a property name in double quotes')) as string;
      expect(':');
      value([...path, key]);
      skipSpace();
      if (text[i] === '}') return void i++;
      expect(',');
    }
  };
  const array = (path: PropertyKey[]) => {
    i++;
    skipSpace();
    if (text[i] === ']') return void i++;
    for (let n = 0; ; n++) {
      value([...path, n]);
      skipSpace();
      if (text[i] === ']') return void i++;
      expect(',');
    }
  };
  value([]);
  skipSpace();
  if (i < text.length) fail('unexpected text after the end of the JSON value');
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  return {
    value: JSON.parse(text) as unknown,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const at = starts.get(formatPath(path.slice(0, n)));
        if (at !== undefined) return lineAt(at);
      }
      return 1;
    },
  };
}
