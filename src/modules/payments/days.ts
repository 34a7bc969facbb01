// Days in Pakistan time (UTC+5 all year, no daylight saving): settlement files, reports and receipt years.
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export function isDay(value: string): boolean {
  return DAY.test(value) && !Number.isNaN(new Date(`${value}T00:00:00+05:00`).getTime());
}

/** The instants [from, to) of one day in Pakistan. */
export function pakistanDayRange(day: string): { from: Date; to: Date } {
  if (!isDay(day)) throw new Error(`"${day}" is not a YYYY-MM-DD day`);
  const from = new Date(`${day}T00:00:00+05:00`);
  return { from, to: new Date(from.getTime() + DAY_MS) };
}

/** The day (YYYY-MM-DD) an instant falls on in Pakistan. */
export function pakistanDay(instant: Date): string {
  return new Date(instant.getTime() + 5 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export function pakistanYear(instant: Date): number {
  return Number(pakistanDay(instant).slice(0, 4));
}

export function previousDay(day: string): string {
  return pakistanDay(new Date(pakistanDayRange(day).from.getTime() - DAY_MS));
}
