// The service layer of every module, wired to the database once per app. Routes and the CLI call these.
import type { Db } from './platform/db/database.ts';
import { accountsService } from './modules/identity/accounts/service.ts';
import { applicationsService } from './modules/applications/service.ts';
import { applicationsApi } from './modules/applications/service-api.ts';
import { registerApplicationBilling } from './modules/applications/billing.ts';
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
import { feedbackService } from './modules/feedback/service.ts';
import { feedbackOnComplaintClosed } from './modules/feedback/hooks.ts';
import { webhooksService } from './modules/webhooks/service.ts';

/** What the services need from the validated configuration: secrets, and the address for links in messages. */
export interface ServiceSecrets {
  readonly sessionSecret: string;
  readonly publicUrl: string;
  /** The built-in sandbox bank for payments (config: PAYMENTS_SANDBOX, PAYMENTS_SANDBOX_SECRET). */
  readonly paymentsSandbox?: boolean;
  readonly paymentsSandboxSecret?: string | undefined;
  /** The share of delivered services surveyed for feedback, 0–100 (config: FEEDBACK_SAMPLE_PERCENT). */
  readonly feedbackSamplePercent?: number;
  /** Outside production, webhooks may go to http://localhost (config: NODE_ENV). */
  readonly nodeEnv?: string;
  /** Chromium for printing PDFs (config: PDF_BROWSER); decides what certificates offer as printed copies. */
  readonly pdfBrowser?: string | undefined;
}

export function createServices(db: Db, secrets: ServiceSecrets) {
  // An application's fee bill, once paid, moves the application on (payments calls back; no import cycle).
  registerApplicationBilling();
  const feedbackOptions = {
    publicUrl: secrets.publicUrl,
    ...(secrets.feedbackSamplePercent === undefined
      ? {}
      : { feedbackSamplePercent: secrets.feedbackSamplePercent }),
  };
  return {
    accounts: accountsService(db),
    applications: applicationsService(db, secrets),
    applicationsApi: applicationsApi(db, secrets),
    audit: auditService(db),
    calendar: calendarService(db),
    counter: counterService(db, secrets),
    complaints: complaintsService(db, {
      publicUrl: secrets.publicUrl,
      sessionSecret: secrets.sessionSecret,
      onClosed: feedbackOnComplaintClosed(feedbackOptions),
    }),
    identity: identityService(db, secrets),
    notifications: notificationsService(db),
    oidc: oidcService(db, secrets),
    payments: paymentsService(db, { ...feedbackOptions, gateways: paymentGateways(secrets) }),
    reference: referenceService(db),
    services: servicesService(db),
    transparencyLog: transparencyLogService(db, secrets),
    certificates: certificatesService(db, secrets),
    feedback: feedbackService(db),
    webhooks: webhooksService(db, {
      sessionSecret: secrets.sessionSecret,
      allowLocalHttp: secrets.nodeEnv === 'development' || secrets.nodeEnv === 'test',
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
