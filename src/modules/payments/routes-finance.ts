// Finance officers: refunds of a payment, reconciliation mismatches, and the collections report.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { hasProvinceRole } from '../../platform/actor.ts';
import { isAppError } from '../../platform/errors.ts';
import { toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { localName } from '../reference/service.ts';
import { pakistanDay } from './days.ts';
import { paisaFromRupees } from './money.ts';
import { CollectionsPage, ReconciliationPage, RefundPage } from './views/finance-pages.tsx';

type Form = Record<string, string | undefined>;
const STATUS_OF: Record<string, number> = { conflict: 409, precondition_failed: 412, bad_request: 400 };

export const financeRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { payments } = services;
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  async function reconciliationPage(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { ran?: string } = {},
  ) {
    const status = (request.query as Form)['status'] === 'resolved' ? 'resolved' : 'open';
    const mismatches = await payments.reconciliation.mismatches(request.actor, status);
    return sendPage(
      reply,
      ReconciliationPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        mismatches,
        status,
        canRun: hasProvinceRole(request.actor, 'finance_officer'),
        ...extra,
      }),
    );
  }

  app.get('/finance/payments/:id/refunds', async (request, reply) => {
    const state = await payments.refunds.refundState(request.actor, idOf(request));
    return sendPage(
      reply,
      RefundPage({ t: request.t, currentPath: request.url, csrfToken: reply.generateCsrf(), state }),
    );
  });

  app.post('/finance/payments/:id/refunds', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const typed = { amount: form['amount'] ?? '', reason: form['reason'] ?? '' };
    try {
      await payments.refunds.refund(request.actor, idOf(request), {
        amountPaisa: paisaFromRupees(typed.amount),
        expectedAvailablePaisa: Number.parseInt(form['expectedAvailablePaisa'] ?? '', 10),
        reason: typed.reason,
      });
      return await reply.redirect(`/finance/payments/${idOf(request)}/refunds`, 303);
    } catch (error: unknown) {
      if (
        !isAppError(error) ||
        !['validation_failed', 'conflict', 'precondition_failed'].includes(error.code)
      )
        throw error;
      const errors =
        error.fieldErrors.length > 0
          ? toFormErrors(request.t, error.fieldErrors)
          : [{ field: 'amount', message: request.t.t('payments.refund.busy') }];
      const state = await payments.refunds.refundState(request.actor, idOf(request));
      return sendPage(
        reply,
        RefundPage({
          t: request.t,
          currentPath: request.url,
          csrfToken: reply.generateCsrf(),
          state,
          typed,
          errors,
        }),
        STATUS_OF[error.code] ?? 422,
      );
    }
  });

  app.get('/finance/reconciliation', async (request, reply) => reconciliationPage(request, reply));

  app.post('/finance/reconciliation/run', async (request, reply) => {
    const day = ((request.body ?? {}) as Form)['day']?.trim() || undefined;
    const results = await payments.reconciliation.reconcile(request.actor, day);
    const found = results.reduce((sum, result) => sum + result.mismatches.length, 0);
    const ran = request.t.t('payments.reconciliation.ran', {
      count: found,
      day: results[0]?.day ?? day ?? '',
    });
    return reconciliationPage(request, reply, { ran });
  });

  app.post('/finance/reconciliation/:id/resolve', async (request, reply) => {
    const resolution = ((request.body ?? {}) as Form)['resolution'] ?? '';
    await payments.reconciliation.resolve(request.actor, idOf(request), resolution);
    return reply.redirect('/finance/reconciliation', 303);
  });

  app.get('/finance/collections', async (request, reply) => {
    const query = request.query as Form;
    const today = pakistanDay(new Date());
    const range = { fromDay: query['from'] ?? `${today.slice(0, 8)}01`, toDay: query['to'] ?? today };
    const { departments, districts } = await services.reference.referenceData(request.actor);
    const named =
      (rows: readonly { code: string; nameEn: string; nameUr: string }[]) => (code: string | null) => {
        const found = rows.find((row) => row.code === code);
        return found === undefined ? (code ?? '—') : localName(found, request.t.locale.code);
      };
    let rows: Awaited<ReturnType<typeof payments.reconciliation.collections>> = [];
    let errors: { field: string; message: string }[] = [];
    try {
      rows = await payments.reconciliation.collections(request.actor, range);
    } catch (error: unknown) {
      if (!isAppError(error) || error.code !== 'validation_failed') throw error;
      errors = toFormErrors(request.t, error.fieldErrors);
    }
    return sendPage(
      reply,
      CollectionsPage({
        t: request.t,
        currentPath: request.url,
        rows,
        range,
        departmentName: named(departments),
        districtName: named(districts),
        errors,
      }),
      errors.length > 0 ? 422 : 200,
    );
  });
};
