// The service catalogue's use cases. The catalogue and "how do I" pages are public; the pack
// administration view is for platform administrators, auditors and department administrators.
import { type Actor, hasProvinceRole, hasRole } from '../../platform/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logger.ts';
import { referenceService } from '../reference/service.ts';
import { type LoadResult, loadServicePacks } from './loader.ts';
import type { ServicePack } from './pack/validate.ts';
import {
  type ServiceRow,
  currentPack,
  listProblems,
  listVersions,
  packAtVersion,
  searchServices,
} from './repo.ts';

const MAX_QUERY_LENGTH = 100;

/** The whole list changes only when packs load (at start); a minute's cache spares the home page a query. */
const LIST_CACHE_MS = 60_000;

/** Parsed packs by `code@version`; a version never changes once loaded (the loader refuses edits). */
const MAX_CACHED_VERSIONS = 500;

export function servicesService(db: Db) {
  let cachedList: { at: number; rows: Promise<ServiceRow[]> } | undefined;
  const versions = new Map<string, Promise<ServicePack | undefined>>();
  return {
    /** Active services, all or those matching a search in English or Urdu. */
    async catalogue(_actor: Actor, query?: string): Promise<ServiceRow[]> {
      const trimmed = query?.trim().slice(0, MAX_QUERY_LENGTH);
      if (trimmed !== undefined && trimmed !== '') return searchServices(db, trimmed);
      if (cachedList === undefined || Date.now() - cachedList.at > LIST_CACHE_MS) {
        const rows = searchServices(db, undefined);
        cachedList = { at: Date.now(), rows };
        rows.catch(() => {
          cachedList = undefined; // never keep a failure
        });
      }
      return cachedList.rows;
    },

    /** One service with its current pack (form, workflow, fee...). */
    async service(_actor: Actor, code: string): Promise<{ row: ServiceRow; pack: ServicePack }> {
      if (!/^[a-z][a-z0-9-]{1,60}$/.test(code)) throw notFound('Service');
      const found = await currentPack(db, code);
      if (found === undefined) throw notFound('Service');
      return { row: found.row, pack: found.pack as ServicePack };
    },

    /** The pack of `code` at a given version; applications keep the version they started on. */
    async packAt(_actor: Actor, code: string, version: number): Promise<ServicePack> {
      const key = `${code}@${version}`;
      let found = versions.get(key);
      if (found === undefined) {
        if (versions.size >= MAX_CACHED_VERSIONS) versions.clear();
        found = packAtVersion(db, code, version).then((pack) => pack as ServicePack | undefined);
        versions.set(key, found);
        found.catch(() => versions.delete(key)); // never keep a failure
      }
      const pack = await found;
      if (pack === undefined) {
        versions.delete(key); // it may load later
        throw notFound('Service version');
      }
      return pack;
    },

    /** Loads services/*.json (at start, and from the console); the known codes come from reference data. */
    async reloadPacks(actor: Actor, logger: Logger): Promise<LoadResult> {
      if (actor.kind !== 'system' && !hasProvinceRole(actor, 'platform_admin')) {
        throw forbidden('Only a platform administrator can reload service packs');
      }
      const data = await referenceService(db).referenceData(actor);
      const known = {
        departments: data.departments.map((d) => d.code),
        districts: data.districts.map((d) => d.code),
      };
      cachedList = undefined;
      return loadServicePacks(db, known, logger);
    },

    async packAdministration(actor: Actor) {
      const allowed =
        hasProvinceRole(actor, 'platform_admin') ||
        hasProvinceRole(actor, 'auditor') ||
        hasRole(actor, 'department_admin');
      if (!allowed) throw forbidden('Only administrators and auditors can see service packs');
      const [versions, problems] = await Promise.all([listVersions(db), listProblems(db)]);
      return { versions, problems };
    },
  };
}

export type ServicesService = ReturnType<typeof servicesService>;
