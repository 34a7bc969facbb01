// Builds the HTTP application from its dependencies. Starting the server (and the database) is
// server.ts's job, so tests build apps on their own databases with `app.inject()`.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppConfig } from './platform/config.ts';
import type { Database } from './platform/db/database.ts';
import type { Jobs } from './platform/jobs.ts';
import type { Logger } from './platform/logger.ts';
import { registerCsrf } from './platform/http/csrf.ts';
import { registerErrorHandling } from './platform/http/error-handler.ts';
import { registerLocale } from './platform/http/locale.ts';
import { registerMetrics } from './platform/http/metrics.ts';
import { registerRateLimits } from './platform/http/rate-limits.ts';
import { registerRequestActor } from './platform/http/request-actor.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { createServices } from './services.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { homeRoutes } from './modules/home/routes.ts';
import { referenceRoutes } from './modules/reference/routes.ts';
import { notificationsRoutes } from './modules/notifications/routes.ts';
import { registerSessionHook } from './modules/identity/session-hook.ts';
import { signInRoutes } from './modules/identity/routes-sign-in.ts';
import { accountRoutes } from './modules/identity/routes-account.ts';
import { secondFactorRoutes } from './modules/identity/routes-second-factor.ts';
import { signUpRoutes } from './modules/identity/routes-sign-up.ts';
import { contactRoutes } from './modules/identity/routes-contacts.ts';
import { verifyRoutes } from './modules/identity/routes-verify.ts';
import { kioskRoutes } from './modules/identity/routes-kiosk.ts';
import { registerKioskMode } from './platform/http/kiosk-mode.ts';
import { counterRoutes } from './modules/applications/routes-counter.ts';
import { scheduleHousekeeping } from './modules/identity/housekeeping.ts';
import { scheduleApplicationJobs } from './modules/applications/jobs.ts';
import { systemActor } from './platform/actor.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { staffRoutes } from './modules/identity/accounts/routes.ts';
import { serviceRoutes } from './modules/services/routes.ts';
import { applicationRoutes } from './modules/applications/routes.ts';
import { applyRoutes } from './modules/applications/routes-apply.ts';
import { documentStoreFor } from './platform/storage/document-store.ts';
import { registerMultipart } from './platform/storage/multipart.ts';
import { oidcRoutes } from './modules/oidc/routes.ts';
import { complaintsModule } from './modules/complaints/plugin.ts';
import { paymentRoutes } from './modules/payments/routes.ts';
import { transparencyLogRoutes } from './modules/transparency-log/routes.ts';
import { scheduleCheckpoints } from './modules/transparency-log/jobs.ts';
import { certificateRoutes } from './modules/certificates/routes.ts';
import { verifyCertificateRoutes } from './modules/certificates/routes-verify.ts';
import { certificateDocumentRoutes } from './modules/certificates/routes-document.ts';
import { createPdfPrinter } from './platform/pdf/printer.ts';
import { feedbackSurveyRoutes } from './modules/feedback/routes-survey.ts';
import { feedbackStaffRoutes } from './modules/feedback/routes-staff.ts';
import { registerBearerAuth } from './modules/oidc/bearer-auth.ts';
import { applicationApiRoutes } from './modules/applications/routes-api.ts';
import { registerIdempotency, scheduleIdempotencyCleanup } from './platform/http/idempotency.ts';
import { registerOpenApi } from './platform/openapi/document.ts';
import { apiDocsRoutes } from './platform/openapi/routes.ts';
import { webhookRoutes } from './modules/webhooks/routes.ts';
import { WEBHOOKS_DESCRIPTION, webhooksOpenApi } from './modules/webhooks/openapi.ts';

export interface AppDependencies {
  readonly logger: Logger;
  readonly database: Database;
  /** Absent in tests that do not exercise background jobs. */
  readonly jobs?: Jobs;
  /** Migration names the code knows, for /readyz to compare with the database. */
  readonly knownMigrations: readonly string[];
}

const PUBLIC_DIR = path.join(import.meta.dirname, '..', 'public');
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
/** Forms are small; file uploads get their own limits in the modules that accept them. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildApp(config: AppConfig, deps: AppDependencies): Promise<FastifyInstance> {
  // Typed as Fastify's base logger so plugins see the default instance type.
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    // Behind a proxy the caller's id ties our log lines to theirs; otherwise make one.
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming)
        ? incoming
        : randomBytes(8).toString('hex');
    },
    routerOptions: { ignoreTrailingSlash: true },
    return503OnClosing: true,
  });
  const services = createServices(deps.database.db, config);
  // Certificates and receipts in English and Urdu as PDFs: Chromium, started on the first document.
  const printer =
    config.pdfBrowser === undefined
      ? undefined
      : createPdfPrinter({ executablePath: config.pdfBrowser, logger: deps.logger });
  if (printer !== undefined) app.addHook('onClose', () => printer.close());

  registerErrorHandling(app, config.publicUrl);
  registerSecurityHeaders(app, { hsts: config.trustProxy || config.publicUrl.startsWith('https:') });
  // Slow mobile links: compress pages, styles and JSON (fonts are already compressed WOFF2).
  // Brotli's default quality (11) costs tens of ms a page; 4 compresses nearly as well at gzip's speed.
  await app.register(fastifyCompress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT_BYTES });
  // RATE_LIMIT_PER_MINUTE=0 (load tests only; refused in production) leaves every limit out, per-route too.
  if (config.rateLimitPerMinute > 0) await registerRateLimits(app, config.rateLimitPerMinute);
  registerLocale(app);
  registerRequestActor(app);
  // Before the session: a session on a self-service kiosk is held to two idle minutes.
  registerKioskMode(app);
  registerSessionHook(app, services.identity.sessions);
  // After the session: a Bearer token on /api/ replaces the cookie's actor.
  registerBearerAuth(app, services);
  await registerCsrf(app);
  registerMetrics(app, { pool: deps.database.pool, jobs: deps.jobs });
  // Both watch routes being added: before any route.
  await registerOpenApi(app, {
    publicUrl: config.publicUrl,
    webhooks: { description: WEBHOOKS_DESCRIPTION, operations: webhooksOpenApi() },
  });
  registerIdempotency(app, {
    db: deps.database.db,
    // Keys are the caller's: the account, and with a Bearer token also the relying party.
    scopeOf: (request) =>
      request.actor.kind !== 'user'
        ? undefined
        : `${request.actor.userId}${request.bearerClientId === null ? '' : `:${request.bearerClientId}`}`,
  });
  if (deps.jobs !== undefined) await scheduleIdempotencyCleanup(deps.jobs, deps.database.db);
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/assets/',
    maxAge: '1d',
    index: false,
    wildcard: true,
  });

  // Old browsers and bookmark tools ask for /favicon.ico regardless of the <link rel="icon">.
  app.get('/favicon.ico', (_request, reply) => reply.redirect('/assets/images/favicon.svg', 301));

  await app.register(healthRoutes, { db: deps.database.db, knownMigrations: deps.knownMigrations });
  await app.register(homeRoutes, { services });
  await app.register(referenceRoutes, { services });
  await app.register(notificationsRoutes, { services, config });
  await app.register(signInRoutes, { services });
  await app.register(accountRoutes, { services });
  await app.register(secondFactorRoutes, { services });
  await app.register(signUpRoutes, { services });
  await app.register(contactRoutes, { services });
  await app.register(verifyRoutes, { services });
  await app.register(kioskRoutes, { services });
  if (deps.jobs !== undefined) {
    await scheduleHousekeeping(deps.jobs, () => services.identity.housekeeping(systemActor('scheduler')));
    await scheduleApplicationJobs(deps.jobs, services.applications);
  }
  await app.register(auditRoutes, { services });
  await app.register(calendarRoutes, { services });
  await app.register(staffRoutes, { services });
  await app.register(serviceRoutes, { services });
  await registerMultipart(app);
  await app.register(applicationRoutes, { services });
  await app.register(applyRoutes, { services, store: documentStoreFor(config.dataDir) });
  await app.register(counterRoutes, { services });
  await app.register(applicationApiRoutes, { services, store: documentStoreFor(config.dataDir) });
  await app.register(apiDocsRoutes);
  await app.register(oidcRoutes, { services, config, db: deps.database.db, jobs: deps.jobs });
  await app.register(complaintsModule, {
    services,
    store: documentStoreFor(config.dataDir),
    publicUrl: config.publicUrl,
    jobs: deps.jobs,
  });
  await app.register(paymentRoutes, { services, publicUrl: config.publicUrl, jobs: deps.jobs, printer });
  await app.register(transparencyLogRoutes, { services });
  if (deps.jobs !== undefined) await scheduleCheckpoints(deps.jobs, () => services.transparencyLog.tick());
  await app.register(certificateRoutes, { services });
  await app.register(certificateDocumentRoutes, { services, printer });
  await app.register(verifyCertificateRoutes, { services });
  await app.register(feedbackSurveyRoutes, { services });
  await app.register(feedbackStaffRoutes, { services });
  await app.register(webhookRoutes, {
    services,
    db: deps.database.db,
    jobs: deps.jobs,
    sessionSecret: config.sessionSecret,
    logger: deps.logger,
  });
  return app;
}
