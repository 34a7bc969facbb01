import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSettlementCsv, settlementCsv } from './gateways/settlement.ts';
import { formatPaisa, paisaFromRupees, rupeesText } from './money.ts';

describe('money in paisa', () => {
  it('parses rupees digit by digit and writes them back exactly', () => {
    assert.equal(paisaFromRupees('1550.5'), 155_050);
    assert.equal(paisaFromRupees('1,550.50'), 155_050);
    assert.equal(paisaFromRupees('0.29'), 29); // 0.29 * 100 is 28.999999999999996 in floating point
    assert.equal(paisaFromRupees('1550.505'), undefined);
    assert.equal(paisaFromRupees('-5'), undefined);
    assert.equal(paisaFromRupees('abc'), undefined);
    assert.equal(rupeesText(29), '0.29');
    assert.equal(rupeesText(155_050), '1550.50');
    assert.equal(rupeesText(-5), '-0.05');
  });

  it('formats paisa as rupees for English and Urdu readers, with paisa only when there are some', () => {
    assert.match(formatPaisa('en-PK', 155_050), /^Rs\s?1,550\.50$/);
    assert.match(formatPaisa('en-PK', 150_000), /^Rs\s?1,500$/);
    assert.match(formatPaisa('ur-PK', 155_050), /1,550\.50|۱٬۵۵۰٫۵۰/);
    assert.match(formatPaisa('en-PK', 900_719_925_474_099), /9,007,199,254,740\.99/);
  });

  it('writes and reads the settlement file, refusing a malformed line', () => {
    const at = new Date('2026-11-28T05:00:00Z');
    const csv = settlementCsv([
      {
        gatewayReference: 'SBX-1',
        paymentId: null,
        psid: '04000000000000011',
        amountPaisa: 29,
        settledAt: at,
      },
    ]);
    assert.deepEqual(parseSettlementCsv(csv), [
      {
        gatewayReference: 'SBX-1',
        paymentId: null,
        psid: '04000000000000011',
        amountPaisa: 29,
        settledAt: at,
      },
    ]);
    assert.throws(() => parseSettlementCsv(`${csv}SBX-2,,x,1.234,2026-11-28\n`), /line 3/);
    assert.throws(() => parseSettlementCsv('wrong header\n'), /starts with/);
  });
});
