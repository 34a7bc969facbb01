// The settlement file a gateway sends for each day: one CSV line per payment it settled to the government
// account. Amounts are decimal rupees with two places ("1500.00"), parsed digit by digit into paisa.
//   transaction_reference,payment_id,psid,amount_pkr,settled_at
import { AppError } from '../../../platform/errors.ts';
import { paisaFromRupees, rupeesText } from '../money.ts';

export interface SettlementRecord {
  readonly gatewayReference: string;
  /** Our payment id when the gateway knew it (online checkout); empty for bill-presentment payments. */
  readonly paymentId: string | null;
  readonly psid: string;
  readonly amountPaisa: number;
  readonly settledAt: Date;
}

export const SETTLEMENT_HEADER = 'transaction_reference,payment_id,psid,amount_pkr,settled_at';
const SAFE_FIELD = /^[A-Za-z0-9._:+-]*$/;

export function settlementCsv(records: readonly SettlementRecord[]): string {
  const lines = records.map((record) =>
    [
      record.gatewayReference,
      record.paymentId ?? '',
      record.psid,
      rupeesText(record.amountPaisa),
      record.settledAt.toISOString(),
    ].join(','),
  );
  return `${[SETTLEMENT_HEADER, ...lines].join('\r\n')}\r\n`;
}

/** Reads a settlement file; a malformed line is an error naming its line number (nothing is half-read). */
export function parseSettlementCsv(text: string): SettlementRecord[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines[0]?.trim() !== SETTLEMENT_HEADER) {
    throw new AppError('bad_request', `A settlement file starts with "${SETTLEMENT_HEADER}"`);
  }
  return lines.slice(1).map((line, index) => {
    const fields = line.split(',').map((value) => value.trim());
    const [reference = '', paymentId = '', psid = '', amount = '', settledAt = ''] = fields;
    const paisa = paisaFromRupees(amount);
    const when = new Date(settledAt);
    if (
      fields.length !== 5 ||
      reference === '' ||
      !fields.every((value) => SAFE_FIELD.test(value)) ||
      paisa === undefined ||
      Number.isNaN(when.getTime())
    ) {
      throw new AppError('bad_request', `Settlement file line ${index + 2} is not valid`);
    }
    return {
      gatewayReference: reference,
      paymentId: paymentId === '' ? null : paymentId,
      psid,
      amountPaisa: paisa,
      settledAt: when,
    };
  });
}
