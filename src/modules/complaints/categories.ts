// The complaint category tree (category → sub-type) is configuration: config/complaint-categories.json,
// checked against docs/complaint-categories.schema.json when the services are built, so a broken file stops
// the application at start rather than at a citizen's first complaint. A sub-type's code is unique across
// the tree; it is also the Open311 service_code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';

export type Bilingual = { readonly en: string; readonly ur: string };

export interface SubType {
  readonly code: string;
  readonly name: Bilingual;
  readonly description?: Bilingual;
  readonly department: string;
  readonly deadlineHours: number;
  readonly keywords?: readonly string[];
}

export interface Category {
  readonly code: string;
  readonly name: Bilingual;
  readonly subTypes: readonly SubType[];
}

export interface CategoryTree {
  readonly version: number;
  readonly categories: readonly Category[];
  /** Every sub-type by its code, with the category it belongs to. */
  readonly subTypes: ReadonlyMap<string, { readonly subType: SubType; readonly category: Category }>;
}

const ROOT = path.join(import.meta.dirname, '..', '..', '..');
export const CATEGORIES_PATH = path.join(ROOT, 'config', 'complaint-categories.json');
export const CATEGORIES_SCHEMA_PATH = path.join(ROOT, 'docs', 'complaint-categories.schema.json');

export class CategoryTreeError extends Error {
  constructor(file: string, problems: readonly string[]) {
    super(`${file} is not a valid complaint category tree:\n  ${problems.join('\n  ')}`);
    this.name = 'CategoryTreeError';
  }
}

/** Checks a parsed tree; returns it indexed, or throws CategoryTreeError listing every problem. */
export function checkCategoryTree(json: unknown, file = 'complaint categories'): CategoryTree {
  const schema = JSON.parse(readFileSync(CATEGORIES_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
  if (!validate(json)) {
    throw new CategoryTreeError(
      file,
      (validate.errors ?? []).map(
        (error) => `${error.instancePath || '/'} ${error.message ?? 'is not valid'}`,
      ),
    );
  }
  const tree = json as { version: number; categories: Category[] };
  const problems: string[] = [];
  const subTypes = new Map<string, { subType: SubType; category: Category }>();
  const categoryCodes = new Set<string>();
  for (const category of tree.categories) {
    if (categoryCodes.has(category.code)) problems.push(`category ${category.code} appears twice`);
    categoryCodes.add(category.code);
    for (const subType of category.subTypes) {
      if (subTypes.has(subType.code)) problems.push(`sub-type ${subType.code} appears twice`);
      subTypes.set(subType.code, { subType, category });
    }
  }
  if (problems.length > 0) throw new CategoryTreeError(file, problems);
  return { version: tree.version, categories: tree.categories, subTypes };
}

let loaded: CategoryTree | undefined;

/** The shipped tree, read and checked once per process. */
export function categoryTree(file: string = CATEGORIES_PATH): CategoryTree {
  if (file !== CATEGORIES_PATH) return checkCategoryTree(JSON.parse(readFileSync(file, 'utf8')), file);
  loaded ??= checkCategoryTree(JSON.parse(readFileSync(file, 'utf8')), file);
  return loaded;
}

export const inLanguage = (text: Bilingual, locale: string): string => (locale === 'ur' ? text.ur : text.en);
