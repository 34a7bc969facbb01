// The payments module's routes, registered by app.ts as one plugin: gateway messages (raw bodies, their own
// scope), the citizen's bill, payment and receipt pages, the counter, finance pages, the sandbox bank when
// it is on, and the daily jobs when this instance runs jobs.
import type { FastifyPluginAsync } from 'fastify';
import { systemActor } from '../../platform/actor.ts';
import type { Jobs } from '../../platform/jobs.ts';
import type { PdfPrinter } from '../../platform/pdf/printer.ts';
import type { Services } from '../../services.ts';
import { sandboxBankRoutes } from './gateways/sandbox/routes.ts';
import { schedulePaymentJobs } from './reconciliation.ts';
import { paymentApiRoutes } from './routes-api.ts';
import { counterPaymentRoutes } from './routes-counter.ts';
import { financeRoutes } from './routes-finance.ts';
import { gatewayRoutes } from './routes-gateways.ts';
import { paymentPageRoutes } from './routes-pages.ts';

export const paymentRoutes: FastifyPluginAsync<{
  services: Services;
  publicUrl: string;
  jobs: Jobs | undefined;
  /** Chromium for the bilingual receipt PDF; undefined: pdfkit's English receipt. */
  printer: PdfPrinter | undefined;
}> = async (app, { services, publicUrl, jobs, printer }) => {
  await app.register(gatewayRoutes, { services });
  await app.register(paymentApiRoutes, { services, publicUrl });
  await app.register(paymentPageRoutes, { services, publicUrl, printer });
  await app.register(counterPaymentRoutes, { services });
  await app.register(financeRoutes, { services });
  const bank = services.payments.sandboxBank();
  if (bank !== undefined) await app.register(sandboxBankRoutes, { bank });
  if (jobs !== undefined) {
    const scheduler = systemActor('scheduler');
    await schedulePaymentJobs(jobs, {
      reconcile: () => services.payments.reconciliation.reconcile(scheduler),
      expireBills: () => services.payments.bills.expireBills(scheduler),
    });
  }
};
