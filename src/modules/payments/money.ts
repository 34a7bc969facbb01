// Money is an integer number of paisa (1 rupee = 100 paisa) from the database to the page. Rupee amounts in
// text (a form, a fee of "1500.00") are parsed digit by digit, never through a floating-point number.

/** The largest amount we accept on one bill: PKR 10 billion, far inside JavaScript's exact integers. */
export const MAX_AMOUNT_PAISA = 1_000_000_000_000;
const RUPEES = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

export function isAmountPaisa(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= MAX_AMOUNT_PAISA;
}

/** "1500", "1500.5", "1,500.50" → paisa; undefined when it is not an amount of rupees. */
export function paisaFromRupees(text: string): number | undefined {
  const match = RUPEES.exec(text.trim().replaceAll(',', ''));
  if (match === null) return undefined;
  const paisa = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(paisa) ? paisa : undefined;
}

/** Paisa as a plain decimal of rupees with two places: 150050 → "1500.50" (CSV files, APIs, forms). */
export function rupeesText(paisa: number): string {
  const sign = paisa < 0 ? '-' : '';
  const whole = Math.abs(paisa);
  return `${sign}${Math.trunc(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

const formats = new Map<string, Intl.NumberFormat>();

/**
 * Paisa as rupees for a reader, in their locale's digits and grouping: "Rs 1,500" or "Rs 1,500.50".
 * Intl formats the exact decimal string, so no amount is ever rounded through a float.
 */
export function formatPaisa(intlLocale: string, paisa: number): string {
  const withPaisa = paisa % 100 !== 0;
  const key = `${intlLocale}:${withPaisa}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(intlLocale, {
      style: 'currency',
      currency: 'PKR',
      minimumFractionDigits: withPaisa ? 2 : 0,
      maximumFractionDigits: 2,
    });
    formats.set(key, format);
  }
  return format.format(rupeesText(paisa) as `${number}`);
}
