// The service layer of every module, wired to the database once per app. Routes and the CLI call these.
import type { Db } from './platform/db/database.ts';
import { accountsService } from './modules/identity/accounts/service.ts';
import { applicationsService } from './modules/applications/service.ts';
import { applicationsApi } from './modules/applications/service-api.ts';
import { auditService } from './modules/audit/service.ts';
import { calendarService } from './modules/calendar/service.ts';
import { counterService } from './modules/applications/counter.ts';
import { complaintsService } from './modules/complaints/service.ts';
import { identityService } from './modules/identity/service.ts';
import { notificationsService } from './modules/notifications/service.ts';
import { oidcService } from './modules/oidc/service.ts';
import { paymentGateways } from './modules/payments/gateways/registry.ts';
import { paymentsService } from './modules/payments/service.ts';
import { referenceService } from './modules/reference/service.ts';
import { servicesService } from './modules/services/service.ts';
import { transparencyLogService } from './modules/transparency-log/service.ts';
import { certificatesService } from './modules/certificates/service.ts';

/** What the services need from the validated configuration: secrets, and the address for links in messages. */
export interface ServiceSecrets {
  readonly sessionSecret: string;
  readonly publicUrl: string;
  /** The built-in sandbox bank for payments (config: PAYMENTS_SANDBOX, PAYMENTS_SANDBOX_SECRET). */
  readonly paymentsSandbox?: boolean;
  readonly paymentsSandboxSecret?: string | undefined;
}

export function createServices(db: Db, secrets: ServiceSecrets) {
  return {
    accounts: accountsService(db),
    applications: applicationsService(db, { publicUrl: secrets.publicUrl }),
    applicationsApi: applicationsApi(db, { publicUrl: secrets.publicUrl }),
    audit: auditService(db),
    calendar: calendarService(db),
    counter: counterService(db, secrets),
    complaints: complaintsService(db, { publicUrl: secrets.publicUrl, sessionSecret: secrets.sessionSecret }),
    identity: identityService(db, secrets),
    notifications: notificationsService(db),
    oidc: oidcService(db, secrets),
    payments: paymentsService(db, { gateways: paymentGateways(secrets), publicUrl: secrets.publicUrl }),
    reference: referenceService(db),
    services: servicesService(db),
    transparencyLog: transparencyLogService(db, secrets),
    certificates: certificatesService(db, secrets),
  };
}

export type Services = ReturnType<typeof createServices>;
