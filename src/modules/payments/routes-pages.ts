// The payer's and officers' pages: a bill with "Pay online", its printable slip, the page the gateway sends
// the payer back to, the receipt (HTML and PDF) and the public receipt check.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import type { PdfPrinter } from '../../platform/pdf/printer.ts';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { localName } from '../reference/service.ts';
import { isFinanceOfficerFor } from './access.ts';
import { receiptPdfFile } from './receipt-print.ts';
import { BillPage, SlipPage } from './views/bill-pages.tsx';
import { PaymentResultPage, ReceiptPage, VerifyPage } from './views/payment-pages.tsx';

const RECEIPT = /^RCT-\d{4}-\d{6,}$/;
const PSID_PARAM = /^[0-9]{17}$/;

function receiptOf(request: FastifyRequest): string {
  const number = (request.params as { number: string }).number;
  if (!RECEIPT.test(number)) throw new AppError('not_found', 'No such receipt');
  return number;
}

function psidOf(request: FastifyRequest): string {
  const psid = (request.params as { psid: string }).psid;
  if (!PSID_PARAM.test(psid)) throw new AppError('not_found', 'No such bill');
  return psid;
}

export const paymentPageRoutes: FastifyPluginAsync<{
  services: Services;
  publicUrl: string;
  printer: PdfPrinter | undefined;
}> = async (app, { services, publicUrl, printer }) => {
  const { payments } = services;

  async function departmentNames(request: FastifyRequest) {
    const { departments } = await services.reference.referenceData(request.actor);
    return (code: string) => {
      const found = departments.find((department) => department.code === code);
      return found === undefined ? code : localName(found, request.t.locale.code);
    };
  }

  async function bothDepartmentNames(request: FastifyRequest) {
    const { departments } = await services.reference.referenceData(request.actor);
    return (code: string) => {
      const found = departments.find((department) => department.code === code);
      return { en: found?.nameEn ?? code, ur: found?.nameUr ?? code };
    };
  }

  app.get('/payments/bills/:psid', async (request, reply) => {
    const { bill, status, heads, payments: made } = await payments.bills.bill(request.actor, psidOf(request));
    const payer = request.actor.kind === 'user' && request.actor.userId === bill.payer_id;
    const gateways =
      payer && status === 'unpaid'
        ? payments
            .gateways()
            .filter((gateway) => gateway.startCheckout !== undefined)
            .map((gateway) => ({ id: gateway.id, name: gateway.name }))
        : [];
    return sendPage(
      reply,
      BillPage({
        t: request.t,
        currentPath: request.url,
        csrfToken: reply.generateCsrf(),
        bill,
        status,
        heads,
        payments: made,
        departmentName: await departmentNames(request),
        gateways,
        canRefund: isFinanceOfficerFor(request.actor, bill) && request.actor.kind === 'user',
      }),
    );
  });

  app.get('/payments/bills/:psid/slip', async (request, reply) => {
    const { bill, status, heads } = await payments.bills.bill(request.actor, psidOf(request));
    return sendPage(
      reply,
      SlipPage({
        t: request.t,
        currentPath: request.url,
        bill,
        status,
        heads,
        departmentName: await departmentNames(request),
      }),
    );
  });

  app.post('/payments/bills/:psid/pay', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    const started = await payments.startOnlinePayment(request.actor, psidOf(request), form['gateway'] ?? '');
    return reply.redirect(started.redirectUrl, 303);
  });

  app.get('/payments/:id/return', async (request, reply) => {
    const { payment, bill } = await payments.payment(request.actor, (request.params as { id: string }).id);
    return sendPage(reply, PaymentResultPage({ t: request.t, currentPath: request.url, payment, bill }));
  });

  // A bilingual PDF costs a browser page for a tenth of a second or more: a second each per address.
  const pdfRateLimit = { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } };
  app.get('/payments/receipts/:number/receipt.pdf', pdfRateLimit, async (request, reply) => {
    const number = receiptOf(request);
    const found = await payments.receipt(request.actor, number);
    const pdf = await receiptPdfFile(
      printer,
      {
        ...found,
        departmentName: await bothDepartmentNames(request),
        verifyUrl: `${publicUrl}/payments/verify/${number}`,
      },
      request.log,
    );
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `inline; filename="${number}.pdf"`)
      .type('application/pdf')
      .send(pdf);
  });

  app.get('/payments/receipts/:number', async (request, reply) => {
    const found = await payments.receipt(request.actor, receiptOf(request));
    return sendPage(
      reply,
      ReceiptPage({
        t: request.t,
        currentPath: request.url,
        ...found,
        departmentName: await departmentNames(request),
        verifyUrl: `${publicUrl}/payments/verify/${found.payment.receipt_number ?? ''}`,
        pdfInBothLanguages: printer !== undefined,
      }),
    );
  });

  app.get('/payments/verify/:number', async (request, reply) => {
    const found = await payments.verifyReceipt(receiptOf(request));
    return sendPage(
      reply,
      VerifyPage({
        t: request.t,
        currentPath: request.url,
        found,
        departmentName: await departmentNames(request),
      }),
    );
  });
};
