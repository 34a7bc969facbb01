// The service layer of every module, wired to the database once per app. Routes and the CLI call these.
import type { Db } from './platform/db/database.ts';
import { accountsService } from './modules/identity/accounts/service.ts';
import { applicationsService } from './modules/applications/service.ts';
import { auditService } from './modules/audit/service.ts';
import { calendarService } from './modules/calendar/service.ts';
import { identityService } from './modules/identity/service.ts';
import { notificationsService } from './modules/notifications/service.ts';
import { oidcService } from './modules/oidc/service.ts';
import { referenceService } from './modules/reference/service.ts';
import { servicesService } from './modules/services/service.ts';

/** What the services need from the validated configuration: secrets, and the address for links in messages. */
export interface ServiceSecrets {
  readonly sessionSecret: string;
  readonly publicUrl: string;
}

export function createServices(db: Db, secrets: ServiceSecrets) {
  return {
    accounts: accountsService(db),
    applications: applicationsService(db, { publicUrl: secrets.publicUrl }),
    audit: auditService(db),
    calendar: calendarService(db),
    identity: identityService(db, secrets),
    notifications: notificationsService(db),
    oidc: oidcService(db, secrets),
    reference: referenceService(db),
    services: servicesService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
