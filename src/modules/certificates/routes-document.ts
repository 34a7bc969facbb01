// The holder's printed certificate, in English and Urdu: a PDF (GET /credentials/{code}.pdf) printed by
// Chromium when PDF_BROWSER is configured, and the same document as a page to print with the browser
// (GET /credentials/{code}/print), which is what the application's page links to without a PDF browser.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { PdfPrinter } from '../../platform/pdf/printer.ts';
import { PrintablePage, printableHtml } from '../../platform/pdf/document.tsx';
import { sendPage } from '../../platform/views/render.ts';
import type { Services } from '../../services.ts';
import { certificatePrintPath } from './service.ts';
import { certificatePrintout } from './views/certificate-document.tsx';

type CodeRequest = FastifyRequest<{ Params: { code: string } }>;
/** A PDF costs the server a browser page for a tenth of a second or more: a second each per address. */
const PDF_RATE_LIMIT = { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } };

export const certificateDocumentRoutes: FastifyPluginAsync<{
  services: Services;
  printer: PdfPrinter | undefined;
}> = async (app, { services, printer }) => {
  // Whoever may see the application sees its certificate's printed copy: the holder and the issuing office.
  const documentOf = (request: CodeRequest) =>
    services.certificates.document(request.actor, request.params.code, (actor, number) =>
      services.applications.certificatesOf(actor, number),
    );

  app.get<{ Params: { code: string } }>('/credentials/:code.pdf', PDF_RATE_LIMIT, async (request, reply) => {
    if (printer === undefined) return reply.redirect(certificatePrintPath(request.params.code), 303);
    const document = await documentOf(request);
    const pdf = await printer.print(printableHtml(certificatePrintout(document)));
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${document.applicationNumber}.pdf"`)
      .type('application/pdf')
      .send(pdf);
  });

  app.get<{ Params: { code: string } }>('/credentials/:code/print', async (request, reply) => {
    const document = await documentOf(request);
    const t = request.t;
    return sendPage(
      reply,
      PrintablePage({
        ...certificatePrintout(document),
        t,
        back: {
          href: `/applications/${document.applicationNumber}`,
          label: t.t('certificates.document.back'),
        },
        hint: t.t('certificates.document.printHint'),
      }),
    );
  });
};
