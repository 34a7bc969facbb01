// What the generated complaints look like: how often each category and sub-type (from
// config/complaint-categories.json), channel and outcome occurs. Each list becomes a temporary table of
// [lo, hi) ranges that a row's random number falls into (see generate-sql.ts).
import { categoryTree } from '../../../src/modules/complaints/categories.ts';

/** Share of complaints per category; a category the tree adds later gets DEFAULT_CATEGORY_WEIGHT. */
const CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  'water-sanitation': 28,
  municipal: 24,
  roads: 12,
  'health-facilities': 10,
  schools: 8,
  police: 10,
  'land-revenue': 8,
};
const DEFAULT_CATEGORY_WEIGHT = 5;

/**
 * Where complaints end up. Most are closed (rated by the complainant, or closed by themselves 10 days after
 * resolution); some were rejected or dismissed; a few percent are still with the office. 'pending' is an
 * overseas filing whose code has not been typed back yet (no number).
 */
export const OUTCOMES: readonly (readonly [kind: string, weight: number])[] = [
  ['closed_rated', 50],
  ['closed_auto', 37],
  ['rejected', 4.5],
  ['frivolous', 1],
  ['abusive', 0.3],
  ['resolved', 1],
  ['submitted', 1.5],
  ['assigned', 4],
  ['reassignment', 0.3],
  ['reopened', 0.3],
  ['pending', 0.02],
];

export const CHANNELS: readonly (readonly [channel: string, weight: number])[] = [
  ['web', 78],
  ['contact_centre', 12],
  ['open311', 6],
  ['overseas', 4],
];

export interface SubTypeRow {
  readonly code: string;
  readonly category: string;
  readonly department: string;
  readonly deadline_hours: number;
  readonly name: string;
  readonly lo: number;
  readonly hi: number;
}

/** Cumulative [lo, hi) ranges over [0, 1) for weighted items. */
export function ranges<T>(items: readonly (readonly [T, number])[]): { item: T; lo: number; hi: number }[] {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let at = 0;
  return items.map(([item, weight], index) => {
    const lo = at;
    at = index === items.length - 1 ? 1.0000001 : at + weight / total;
    return { item, lo, hi: at };
  });
}

/** Every sub-type of the shipped tree, the first of a category the most common (weights 1, 1/2, 1/3…). */
export function subTypeMix(): SubTypeRow[] {
  const weighted: (readonly [Omit<SubTypeRow, 'lo' | 'hi'>, number])[] = [];
  for (const category of categoryTree().categories) {
    const share = CATEGORY_WEIGHTS[category.code] ?? DEFAULT_CATEGORY_WEIGHT;
    const harmonic = category.subTypes.reduce((sum, _s, i) => sum + 1 / (i + 1), 0);
    category.subTypes.forEach((subType, i) => {
      weighted.push([
        {
          code: subType.code,
          category: category.code,
          department: subType.department,
          deadline_hours: subType.deadlineHours,
          name: subType.name.en,
        },
        (share * (1 / (i + 1))) / harmonic,
      ]);
    });
  }
  return ranges(weighted).map(({ item, lo, hi }) => ({ ...item, lo, hi }));
}

export const kindRanges = () => ranges(OUTCOMES).map(({ item, lo, hi }) => ({ kind: item, lo, hi }));
export const channelRanges = () => ranges(CHANNELS).map(({ item, lo, hi }) => ({ channel: item, lo, hi }));
