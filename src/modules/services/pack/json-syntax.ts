// Finds where a JSON text first goes wrong, with line and column. JSON.parse says "is not valid JSON"
// without a position for some mistakes (an unexpected token), and pack authors need the line.
export interface JsonSyntaxProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

class Found extends Error {
  readonly position: number;
  constructor(position: number, message: string) {
    super(message);
    this.position = position;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  let pos = 0;
  const fail = (message: string): never => {
    throw new Found(pos, message);
  };
  const here = (): string =>
    pos >= text.length ? 'unexpected end of file' : `unexpected ${JSON.stringify(text[pos])}`;
  const skipSpace = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text.charAt(pos))) pos++;
  };

  const string = (): void => {
    pos++; // opening quote
    for (;;) {
      if (pos >= text.length) fail('unterminated string');
      const c = text.charAt(pos);
      if (c === '"') {
        pos++;
        return;
      }
      if (c === '\\') {
        const escape = text.charAt(pos + 1);
        if ('"\\/bfnrt'.includes(escape) && escape !== '') pos += 2;
        else if (escape === 'u' && HEX4.test(text.slice(pos + 2, pos + 6))) pos += 6;
        else fail('bad escape sequence in a string');
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail('line break or control character inside a string');
      pos++;
    }
  };

  const value = (): void => {
    skipSpace();
    const c = text.charAt(pos);
    if (c === '{') {
      object();
      return;
    }
    if (c === '[') {
      array();
      return;
    }
    if (c === '"') {
      string();
      return;
    }
    const word = ['true', 'false', 'null'].find((literal) => literal.startsWith(c) && c !== '');
    if (word !== undefined) {
      for (const expected of word) {
        if (text.charAt(pos) !== expected) fail(`${here()} in ${word}`);
        pos++;
      }
      return;
    }
    NUMBER.lastIndex = pos;
    const number = NUMBER.exec(text);
    if (number === null) fail(`${here()}: expected a value`);
    else pos += number[0].length;
  };

  const object = (): void => {
    pos++;
    skipSpace();
    if (text.charAt(pos) === '}') {
      pos++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text.charAt(pos) !== '"') fail(`${here()}: expected a property name in double quotes`);
      string();
      skipSpace();
      if (text.charAt(pos) !== ':') fail(`${here()}: expected ':'`);
      pos++;
      value();
      skipSpace();
      const next = text.charAt(pos);
      pos++;
      if (next === '}') return;
      if (next !== ',') {
        pos--;
        fail(`${here()}: expected ',' or '}'`);
      }
    }
  };

  const array = (): void => {
    pos++;
    skipSpace();
    if (text.charAt(pos) === ']') {
      pos++;
      return;
    }
    for (;;) {
      value();
      skipSpace();
      const next = text.charAt(pos);
      pos++;
      if (next === ']') return;
      if (next !== ',') {
        pos--;
        fail(`${here()}: expected ',' or ']'`);
      }
    }
  };

  try {
    value();
    skipSpace();
    if (pos < text.length) fail(`${here()} after the end of the JSON value`);
    return undefined;
  } catch (error: unknown) {
    if (!(error instanceof Found)) throw error;
    const before = text.slice(0, error.position);
    const line = before.split('\n').length;
    const column = error.position - (before.lastIndexOf('\n') + 1) + 1;
    return { line, column, message: error.message };
  }
}
