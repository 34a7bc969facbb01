// Checks a pack against docs/service-pack.schema.json (JSON Schema 2020-12, compiled once by ajv) and
// turns ajv's errors into one plain message per problem, at the JSON pointer of the offending value.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { pointer, valueAt } from './pointer.ts';

export const SCHEMA_PATH = path.join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'docs',
  'service-pack.schema.json',
);

let compiled: ValidateFunction | undefined;

export function packSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
}

function validator(): ValidateFunction {
  compiled ??= new Ajv2020({
    allErrors: true,
    verbose: true,
    strictSchema: true,
    strictNumbers: true,
    strictTypes: true,
    allowUnionTypes: true, // type: ['object', 'null'] for issues, scalar answers for showIf
    strictTuples: true,
    strictRequired: false, // 'then: { required: [...] }' names properties declared beside the if
  }).compile(packSchema());
  return compiled;
}

export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

function describe(error: ErrorObject, json: unknown): SchemaProblem | undefined {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
    case 'propertyNames':
      return undefined; // the failing branch or name is reported on its own
    case 'additionalProperties':
      return { path: pointer(at, String(params.additionalProperty)), message: 'unknown property' };
    case 'required':
      return { path: at, message: `missing required property "${String(params.missingProperty)}"` };
    case 'false schema': {
      const name = at.slice(at.lastIndexOf('/') + 1);
      const parent = valueAt(json, at.slice(0, at.lastIndexOf('/')));
      const type = (parent as { type?: unknown } | undefined)?.type;
      const where = typeof type === 'string' ? `on a field of type "${type}"` : 'here';
      return { path: at, message: `"${name}" is not allowed ${where}` };
    }
    case 'enum':
      return { path: at, message: `must be one of: ${(params.allowedValues as unknown[]).join(', ')}` };
    case 'const':
      return { path: at, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'oneOf': {
      const names = (error.schema as { required?: string[] }[]).flatMap((branch) => branch.required ?? []);
      return { path: at, message: `must have exactly one of ${names.map((n) => `"${n}"`).join(' or ')}` };
    }
    default:
      if (error.propertyName !== undefined) {
        return { path: pointer(at, error.propertyName), message: `name ${error.message ?? 'is not valid'}` };
      }
      return { path: at, message: error.message ?? 'is not valid' };
  }
}

/** Problems found by the schema alone, in document order, each once. */
export function checkAgainstSchema(json: unknown): SchemaProblem[] {
  const validate = validator();
  if (validate(json)) return [];
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of validate.errors ?? []) {
    if (error.schemaPath.includes('/oneOf/')) continue; // the oneOf itself says what is wrong
    const problem = describe(error, json);
    if (problem === undefined) continue;
    const key = `${problem.path}\n${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}
