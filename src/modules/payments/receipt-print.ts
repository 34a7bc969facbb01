// The receipt as a PDF: in English and Urdu, printed by Chromium (platform/pdf) when PDF_BROWSER is
// configured; otherwise, and should the printer fail, pdfkit's receipt in English (receipt-pdf.ts), so a
// payer always gets a receipt file. The Urdu receipt is also the receipt page, which browsers print.
import type { FastifyBaseLogger } from 'fastify';
import { printableHtml } from '../../platform/pdf/document.tsx';
import type { PdfPrinter } from '../../platform/pdf/printer.ts';
import { receiptPdf } from './receipt-pdf.ts';
import { type ReceiptDocumentInput, receiptPrintout } from './views/receipt-document.tsx';

export async function receiptPdfFile(
  printer: PdfPrinter | undefined,
  input: ReceiptDocumentInput,
  log: FastifyBaseLogger,
): Promise<Buffer> {
  if (printer !== undefined) {
    try {
      return await printer.print(printableHtml(receiptPrintout(input)));
    } catch (error: unknown) {
      log.error({ err: error }, 'The bilingual receipt PDF failed; sending the English one');
    }
  }
  return receiptPdf({ ...input, departmentName: (code) => input.departmentName(code).en });
}
