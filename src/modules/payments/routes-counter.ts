// Cash at the counter: /counter/payments finds a bill by PSID, then records the cash against it and shows
// the receipt to print.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../platform/errors.ts';
import { toFormErrors } from '../../platform/views/form-errors.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { localName } from '../reference/service.ts';
import { paisaFromRupees } from './money.ts';
import { CounterPage, type CounterPageProps } from './views/counter-pages.tsx';

type Form = Record<string, string | undefined>;

export const counterPaymentRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  const { payments } = services;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<CounterPageProps>,
    status = 200,
  ) {
    let found: CounterPageProps['found'];
    if (
      extra.psid !== undefined &&
      extra.psid !== '' &&
      extra.errors?.some((e) => e.field === 'psid') !== true
    ) {
      const looked = await payments.counterLookup(request.actor, extra.psid);
      const { departments } = await services.reference.referenceData(request.actor);
      const department = departments.find((candidate) => candidate.code === looked.bill.department_code);
      found = {
        ...looked,
        departmentName:
          department === undefined
            ? looked.bill.department_code
            : localName(department, request.t.locale.code),
      };
    }
    return sendPage(
      reply,
      CounterPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        ...extra,
        found,
      }),
      status,
    );
  }

  /** Field errors go back to the form with what was typed; other errors to the error page. */
  async function withFormErrors(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<CounterPageProps>,
    work: () => Promise<unknown>,
  ) {
    try {
      return await work();
    } catch (error: unknown) {
      if (!isAppError(error) || error.fieldErrors.length === 0) throw error;
      const errors = toFormErrors(request.t, error.fieldErrors);
      return page(request, reply, { ...extra, errors }, error.code === 'bad_request' ? 400 : 422);
    }
  }

  app.get('/counter/payments', async (request, reply) => {
    payments.counterDesk(request.actor);
    return page(request, reply, {});
  });

  app.post('/counter/payments/lookup', async (request, reply) => {
    payments.counterDesk(request.actor);
    const psid = ((request.body ?? {}) as Form)['psid']?.trim() ?? '';
    return withFormErrors(request, reply, { psid }, () => page(request, reply, { psid }));
  });

  app.post('/counter/payments/record', async (request, reply) => {
    payments.counterDesk(request.actor);
    const form = (request.body ?? {}) as Form;
    const typed = { amount: form['amount'] ?? '', receiptBook: form['receiptBook'] ?? '' };
    const psid = form['psid'] ?? '';
    return withFormErrors(request, reply, { psid, typed }, async () => {
      const { receiptNumber } = await payments.recordCounterPayment(request.actor, {
        psid,
        amountPaisa: paisaFromRupees(typed.amount),
        receiptBookNumber: typed.receiptBook,
      });
      return reply.redirect(`/payments/receipts/${receiptNumber}`, 303);
    });
  });
};
