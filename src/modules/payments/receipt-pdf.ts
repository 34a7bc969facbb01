// The receipt as a PDF, in English. Urdu is not set in the PDF: pdfkit shapes Arabic-script words but lays
// them out left to right and reverses digits (see the field notes), so the Urdu receipt is the HTML page,
// which the browser prints correctly. The QR code leads to the public receipt check.
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatPaisa } from './money.ts';
import { formatPsid } from './psid.ts';
import type { BillHeadRow, BillRow, PaymentRow } from './repo.ts';

export interface ReceiptPdfInput {
  readonly payment: PaymentRow;
  readonly bill: BillRow;
  readonly heads: readonly BillHeadRow[];
  readonly departmentName: (code: string) => string;
  readonly verifyUrl: string;
}

const CHANNEL: Record<PaymentRow['channel'], string> = {
  online: 'Online',
  presentment: 'Bank / ATM / mobile app (PSID)',
  counter: 'Cash at a facilitation centre',
};

const dateTime = new Intl.DateTimeFormat('en-PK', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Asia/Karachi',
});

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = size / modules.size;
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col) === 1) doc.rect(x + col * cell, y + row * cell, cell, cell);
    }
  }
  doc.fill('#000000');
}

export async function receiptPdf(input: ReceiptPdfInput): Promise<Buffer> {
  const { payment, bill } = input;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `Receipt ${payment.receipt_number ?? ''}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });

  doc.fontSize(10).fillColor('#444444').text('Government of Balochistan · Sahulat');
  doc.moveDown(0.5).fontSize(20).fillColor('#000000').text('Payment receipt');
  drawQr(doc, input.verifyUrl, 420, 56, 110);
  doc.moveDown(1);
  const rows: [string, string][] = [
    ['Receipt number', payment.receipt_number ?? ''],
    ['PSID', formatPsid(bill.psid)],
    ['Amount paid', formatPaisa('en-PK', payment.amount_paisa)],
    ['Paid on', payment.finished_at === null ? '' : dateTime.format(payment.finished_at)],
    ['For', `${bill.description_en} (${bill.subject_label})`],
    ['Department', input.departmentName(bill.department_code)],
    [
      'Paid through',
      `${CHANNEL[payment.channel]}${payment.counter_receipt_book_number === null ? '' : ` (receipt book ${payment.counter_receipt_book_number})`}`,
    ],
  ];
  for (const [label, value] of rows) {
    doc.fontSize(10).fillColor('#444444').text(label, { continued: false });
    doc.fontSize(12).fillColor('#000000').text(value, { width: 340 });
    doc.moveDown(0.4);
  }
  doc.moveDown(0.5).fontSize(12).text('Heads of account');
  for (const head of input.heads) {
    doc
      .fontSize(10)
      .text(
        `${head.head_code}  ${head.description} (${input.departmentName(head.department_code)}): ${formatPaisa('en-PK', head.amount_paisa)}`,
      );
  }
  doc.moveDown(1).fontSize(9).fillColor('#444444');
  doc.text(`Check this receipt at ${input.verifyUrl} or by scanning the code.`);
  doc.text('The receipt in Urdu is on the receipt page of the website.');
  doc.end();
  return done;
}
