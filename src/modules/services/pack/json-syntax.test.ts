import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PACKS_DIR } from './files.ts';
import { findJsonSyntaxError } from './json-syntax.ts';

/** JSON.parse's verdict: undefined when it parses, else its message. */
const parseError = (text: string): string | undefined => {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error: unknown) {
    return (error as Error).message;
  }
};

describe('finding where JSON goes wrong', () => {
  it('finds nothing wrong in valid JSON', () => {
    for (const text of [
      '{}',
      '[]',
      ' 0 ',
      '-1.5e+3',
      '"a\\u00e9\\n"',
      'true',
      'null',
      '{"a":[1,{"b":false}]}',
    ]) {
      assert.equal(findJsonSyntaxError(text), undefined, text);
    }
  });

  it('gives the line, column and a plain reason', () => {
    const cases: [string, number, number, string][] = [
      ['', 1, 1, 'unexpected end of file: expected a value'],
      ['{\n  "a": 1,\n}', 3, 1, 'unexpected "}": expected a property name in double quotes'],
      ['{\n  "a": 1\n  "b": 2\n}', 3, 3, "unexpected \"\\\"\": expected ',' or '}'"],
      ['[1, 2,, 3]', 1, 7, 'unexpected ",": expected a value'],
      ['{"a": "line\nbreak"}', 1, 12, 'line break or control character inside a string'],
      ['{"a": "\\x"}', 1, 8, 'bad escape sequence in a string'],
      ['{"a": 01}', 1, 8, "unexpected \"1\": expected ',' or '}'"],
      ["{'a': 1}", 1, 2, 'unexpected "\'": expected a property name in double quotes'],
      ['{"a": 1} x', 1, 10, 'unexpected "x" after the end of the JSON value'],
      ['{"a": "open', 1, 12, 'unterminated string'],
      ['[true, nul]', 1, 11, 'unexpected "]" in null'],
    ];
    for (const [text, line, column, message] of cases) {
      assert.deepEqual(findJsonSyntaxError(text), { line, column, message }, JSON.stringify(text));
    }
  });

  it('agrees with JSON.parse on thousands of damaged copies of a real pack', () => {
    const text = readFileSync(path.join(PACKS_DIR, 'food-licence.json'), 'utf8');
    let damaged = 0;
    for (let at = 0; at < text.length; at += 17) {
      for (const variant of [
        text.slice(0, at) + text.slice(at + 1),
        text.slice(0, at) + ',' + text.slice(at),
        text.slice(0, at) + '"' + text.slice(at),
        text.slice(0, at) + '}' + text.slice(at),
        text.slice(0, at),
      ]) {
        const found = findJsonSyntaxError(variant);
        const message = parseError(variant);
        assert.equal(
          found === undefined,
          message === undefined,
          `damaged at ${at}: ${variant.slice(at - 20, at + 20)}`,
        );
        if (found === undefined || message === undefined) continue;
        damaged++;
        // Where V8 gives a position, it must be the same place.
        const where = /\(line (\d+) column (\d+)\)/.exec(message);
        if (where !== null)
          assert.deepEqual([found.line, found.column], [Number(where[1]), Number(where[2])]);
      }
    }
    assert.ok(damaged > 2500, `only ${damaged} damaged copies`);
  });
});
