// The service layer of every module, wired to the database once per app. Routes and the CLI call these.
import type { Db } from './platform/db/database.ts';
import { accountsService } from './modules/accounts/service.ts';
import { referenceService } from './modules/reference/service.ts';

export function createServices(db: Db) {
  return {
    accounts: accountsService(db),
    reference: referenceService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
