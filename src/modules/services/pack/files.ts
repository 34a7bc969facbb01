// Reads the pack files: every *.json directly in the packs directory, in name order. A file that is not
// valid JSON comes back as an error naming the line and column, so one bad file never hides the others.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { findJsonSyntaxError } from './json-syntax.ts';
import type { PackError } from './types.ts';

/** services/ at the repository's root. */
export const PACKS_DIR = path.join(import.meta.dirname, '..', '..', '..', '..', 'services');

export type PackFile =
  { readonly file: string; readonly json: unknown } | { readonly file: string; readonly error: PackError };

export function parsePackText(file: string, text: string): PackFile {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text; // editors on Windows may add a BOM
  try {
    return { file, json: JSON.parse(body) as unknown };
  } catch (error: unknown) {
    const found = findJsonSyntaxError(body);
    const message =
      found === undefined
        ? `invalid JSON: ${error instanceof Error ? error.message : String(error)}`
        : `invalid JSON at line ${found.line}, column ${found.column}: ${found.message}`;
    return { file, error: { file, path: '', message } };
  }
}

/** The pack files of `dir` (file is the bare name, such as domicile-certificate.json). */
export async function loadPackFiles(dir: string = PACKS_DIR): Promise<PackFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => parsePackText(name, await readFile(path.join(dir, name), 'utf8'))),
  );
}
