// The sandbox bank under /sandbox-bank/. Its pages act for the payer; its messages to us go over HTTP to our
// own gateway routes (app.inject), signed with its secret, so they pass the same signature check, raw-body
// parsing and replay guard as a real bank's.
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { AppError } from '../../../../platform/errors.ts';
import { sendPage } from '../../../../platform/views/render.ts';
import { SIGNATURE_HEADER } from '../signature.ts';
import type { OutgoingMessage, SandboxBank, SandboxChoice } from './bank.ts';
import { BillCounterPage, CheckoutPage, type InquiryAnswer } from './views.tsx';

const CHOICES: readonly SandboxChoice[] = ['pay', 'fail', 'cancel'];

async function deliver(app: FastifyInstance, message: OutgoingMessage) {
  const response = await app.inject({
    method: 'POST',
    url: message.path,
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: message.signature },
    payload: message.body,
  });
  return { statusCode: response.statusCode, body: response.json<Record<string, unknown>>() };
}

export const sandboxBankRoutes: FastifyPluginAsync<{ bank: SandboxBank }> = async (app, { bank }) => {
  const referenceOf = (params: unknown) => (params as { reference: string }).reference;

  app.get('/sandbox-bank/checkout/:reference', async (request, reply) => {
    const transaction = await bank.checkout(referenceOf(request.params));
    if (transaction.outcome === 'pending') await deliver(app, bank.startedMessage(transaction));
    return sendPage(
      reply,
      CheckoutPage({ t: request.t, currentPath: request.url, csrfToken: reply.generateCsrf(), transaction }),
    );
  });

  app.post('/sandbox-bank/checkout/:reference', async (request, reply) => {
    const choice = ((request.body ?? {}) as Record<string, string | undefined>)['outcome'];
    const chosen = CHOICES.find((candidate) => candidate === choice);
    if (chosen === undefined) throw new AppError('bad_request', 'Choose pay, fail or cancel');
    const reference = referenceOf(request.params);
    const messages = await bank.decide(reference, chosen);
    for (const message of messages) {
      const delivered = await deliver(app, message);
      // A bank retries what the merchant did not take; the sandbox logs it, and reconciliation finds it.
      if (delivered.statusCode !== 200 && delivered.statusCode !== 409)
        request.log.warn({ status: delivered.statusCode, reference }, 'sandbox bank: callback refused');
    }
    const transaction = await bank.checkout(reference);
    return reply.redirect(transaction.return_url ?? '/', 303);
  });

  app.get('/sandbox-bank/bills', async (request, reply) =>
    sendPage(
      reply,
      BillCounterPage({ t: request.t, currentPath: request.url, csrfToken: reply.generateCsrf() }),
    ),
  );

  app.post('/sandbox-bank/bills', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    const psid = (form['psid'] ?? '').trim();
    const page = (extra: Parameters<typeof BillCounterPage>[0]) => sendPage(reply, BillCounterPage(extra));
    const common = { t: request.t, currentPath: request.url, csrfToken: reply.generateCsrf(), psid };
    if (form['step'] === 'pay') {
      const amount = Number(form['amountPaisa']);
      if (!Number.isSafeInteger(amount) || amount <= 0) throw new AppError('bad_request', 'No amount to pay');
      const { reference, message } = await bank.payBill(psid, amount);
      const delivered = await deliver(app, message);
      if (delivered.statusCode !== 200) {
        await bank.reverse(reference);
        return page({
          ...common,
          errors: [{ field: 'psid', message: request.t.t('payments.sandbox.refused') }],
        });
      }
      return page({ ...common, psid: '', paid: { receiptNumber: String(delivered.body['receiptNumber']) } });
    }
    const answered = await deliver(app, bank.inquiryMessage(psid));
    if (answered.statusCode !== 200) {
      const key = answered.statusCode === 404 ? 'payments.sandbox.unknownPsid' : 'payments.psidCheckDigit';
      return page({ ...common, errors: [{ field: 'psid', message: request.t.t(key) }] });
    }
    return page({ ...common, answer: answered.body as unknown as InquiryAnswer });
  });

  /** The sandbox's settlement file for a day, as the bank would send it for reconciliation. */
  app.get('/sandbox-bank/settlement/:day', async (request, reply) => {
    const csv = await bank.settlementFile((request.params as { day: string }).day);
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store').send(csv);
  });
};
