// The shape of the generated load, read from the loaded service packs: how often each service is asked
// for, and for each service the share of drafts, of each open workflow state and of each decision.
import type pg from 'pg';

/** Relative demand; a service not named here gets the default. */
const SERVICE_WEIGHTS: Readonly<Record<string, number>> = {
  'domicile-certificate': 25,
  'tenant-registration': 20,
  'learner-driving-licence': 17,
  'driving-licence': 13,
  'bulldozer-booking': 10,
  'food-licence': 8,
  'business-registration': 7,
};
const DEFAULT_WEIGHT = 5;
/** Of all applications: drafts, open (in the workflow), decided. */
const SHARES = { draft: 0.05, open: 0.15, decided: 0.8 } as const;
/** Of the decided ones. */
const OUTCOMES = { approved: 0.7, rejected: 0.2, withdrawn: 0.1 } as const;

export interface ServiceRow {
  code: string;
  version: number;
  department: string;
  prefix: string;
  initial: string;
  sla_days: number;
  lo: number;
  hi: number;
}

export interface StateRow {
  service_code: string;
  state: string;
  holder_role: string | null;
  deadline_hours: number | null;
  outcome: string | null;
  kind: 'draft' | 'open' | 'decided';
  lo: number;
  hi: number;
}

interface PackState {
  holder?: { role: string };
  deadlineHours?: number;
  terminal?: boolean;
  outcome?: keyof typeof OUTCOMES;
}
interface PackShape {
  prefix: string;
  slaDays: number;
  workflow: { initial: string; states: Record<string, PackState> };
}

/** Turns weights into consecutive [lo, hi) ranges of [0, 1). */
function ranges<T>(items: readonly { item: T; weight: number }[]): (T & { lo: number; hi: number })[] {
  const total = items.reduce((sum, { weight }) => sum + weight, 0);
  let at = 0;
  return items.map(({ item, weight }, index) => {
    const lo = at;
    at = index === items.length - 1 ? 1.0000001 : at + weight / total;
    return { ...item, lo, hi: at };
  });
}

export async function serviceMix(client: pg.Client): Promise<{ services: ServiceRow[]; states: StateRow[] }> {
  const found = await client.query<{ code: string; version: number; department: string; pack: PackShape }>(
    `select s.code, s.current_version as version, s.department_code as department, v.pack
     from service s join service_pack_version v on v.code = s.code and v.version = s.current_version
     where s.active order by s.code`,
  );
  const services = ranges(
    found.rows.map((row) => ({
      item: {
        code: row.code,
        version: row.version,
        department: row.department,
        prefix: row.pack.prefix,
        initial: row.pack.workflow.initial,
        sla_days: row.pack.slaDays,
      },
      weight: SERVICE_WEIGHTS[row.code] ?? DEFAULT_WEIGHT,
    })),
  );
  const states = found.rows.flatMap((row) => {
    const entries = Object.entries(row.pack.workflow.states);
    const open = entries.filter(([, state]) => state.terminal !== true);
    // States an officer holds are where applications wait longest.
    const openWeight = open.reduce((sum, [, state]) => sum + (state.holder === undefined ? 1 : 3), 0);
    const weighted = [
      { item: state(row.code, 'draft', undefined, 'draft'), weight: SHARES.draft },
      ...open.map(([name, packState]) => ({
        item: state(row.code, name, packState, 'open'),
        weight: (SHARES.open * (packState.holder === undefined ? 1 : 3)) / openWeight,
      })),
      ...entries
        .filter(([, packState]) => packState.terminal === true && packState.outcome !== undefined)
        .map(([name, packState]) => ({
          item: state(row.code, name, packState, 'decided'),
          weight: SHARES.decided * OUTCOMES[packState.outcome ?? 'approved'],
        })),
    ];
    return ranges(weighted);
  });
  return { services, states };
}

function state(
  serviceCode: string,
  name: string,
  packState: PackState | undefined,
  kind: StateRow['kind'],
): Omit<StateRow, 'lo' | 'hi'> {
  return {
    service_code: serviceCode,
    state: name,
    holder_role: packState?.holder?.role ?? null,
    deadline_hours: packState?.deadlineHours ?? null,
    outcome: kind === 'decided' ? (packState?.outcome ?? null) : null,
    kind,
  };
}
