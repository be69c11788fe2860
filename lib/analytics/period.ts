/**
 * Periods in Beijing time (the product's time zone, Asia/Shanghai: UTC+8 all year, no daylight
 * saving), end exclusive. The monthly rollup counts by Beijing month, so presets line up with it.
 */

export const PERIOD_PRESETS = [
  "thisWeek",
  "lastWeek",
  "thisMonth",
  "lastMonth",
  "thisQuarter",
  "lastQuarter",
  "thisYear",
  "lastYear",
  "last12Months",
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export type Period = { from: Date; to: Date };

const OFFSET = 8 * 3_600_000;
const DAY = 86_400_000;

/** The instant a Beijing calendar month begins (month may run past 11 or below 0). */
export const beijingMonthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1) - OFFSET);

/** Year and month (0-based) of an instant, in Beijing. */
export function beijingMonth(at: Date): { year: number; month: number } {
  const d = new Date(at.getTime() + OFFSET);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() };
}

/** "YYYY-MM-DD" of an instant, in Beijing. */
export const beijingDay = (at: Date) => new Date(at.getTime() + OFFSET).toISOString().slice(0, 10);

/** "YYYY-MM" of an instant, in Beijing. */
export const beijingMonthKey = (at: Date) => beijingDay(at).slice(0, 7);

/** The instant a Beijing day ("YYYY-MM-DD") begins. */
export const beijingDayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET);

/** The instant the Beijing week (Monday to Sunday) of an instant begins. */
export function beijingWeekStart(at: Date): Date {
  const sinceMonday = (new Date(at.getTime() + OFFSET).getUTCDay() + 6) % 7;
  return new Date(beijingDayStart(beijingDay(at)).getTime() - sinceMonday * DAY);
}

export function presetPeriod(preset: PeriodPreset, now: Date): Period {
  const { year, month } = beijingMonth(now);
  const q = Math.floor(month / 3) * 3;
  const week = beijingWeekStart(now);
  switch (preset) {
    case "thisWeek":
      return { from: week, to: new Date(week.getTime() + 7 * DAY) };
    case "lastWeek":
      return { from: new Date(week.getTime() - 7 * DAY), to: week };
    case "thisMonth":
      return { from: beijingMonthStart(year, month), to: beijingMonthStart(year, month + 1) };
    case "lastMonth":
      return { from: beijingMonthStart(year, month - 1), to: beijingMonthStart(year, month) };
    case "thisQuarter":
      return { from: beijingMonthStart(year, q), to: beijingMonthStart(year, q + 3) };
    case "lastQuarter":
      return { from: beijingMonthStart(year, q - 3), to: beijingMonthStart(year, q) };
    case "thisYear":
      return { from: beijingMonthStart(year, 0), to: beijingMonthStart(year + 1, 0) };
    case "lastYear":
      return { from: beijingMonthStart(year - 1, 0), to: beijingMonthStart(year, 0) };
    case "last12Months":
      return { from: beijingMonthStart(year, month - 11), to: beijingMonthStart(year, month + 1) };
  }
}

/** From the first day to the last, both included ("YYYY-MM-DD", Beijing). */
export function customPeriod(fromDay: string, toDay: string): Period {
  return { from: beijingDayStart(fromDay), to: new Date(beijingDayStart(toDay).getTime() + DAY) };
}

/** Whole Beijing months from `from` to `to`, or null when the period is not made of whole months. */
function wholeMonths(p: Period): number | null {
  const a = beijingMonth(p.from);
  const b = beijingMonth(p.to);
  if (beijingMonthStart(a.year, a.month).getTime() !== p.from.getTime()) return null;
  if (beijingMonthStart(b.year, b.month).getTime() !== p.to.getTime()) return null;
  return (b.year - a.year) * 12 + b.month - a.month;
}

/**
 * The period of the same length just before: for whole months (the presets) the same number of
 * calendar months before, else the same number of days.
 */
export function previousPeriod(p: Period): Period {
  const months = wholeMonths(p);
  if (months !== null && months > 0) {
    const a = beijingMonth(p.from);
    return { from: beijingMonthStart(a.year, a.month - months), to: p.from };
  }
  const length = p.to.getTime() - p.from.getTime();
  return { from: new Date(p.from.getTime() - length), to: p.from };
}

/**
 * How a period splits for the monthly rollup: the whole Beijing months inside it (first day of
 * each, "YYYY-MM-01") and the partial stretches at its edges, to be read from raw rows.
 */
export function splitByMonth(p: Period): { months: string[]; edges: Period[] } {
  if (p.to.getTime() <= p.from.getTime()) return { months: [], edges: [] };
  const a = beijingMonth(p.from);
  let firstWhole = beijingMonthStart(a.year, a.month);
  let i = 0;
  if (firstWhole.getTime() < p.from.getTime()) firstWhole = beijingMonthStart(a.year, a.month + ++i);
  const months: string[] = [];
  let cursor = firstWhole;
  for (;;) {
    const next = beijingMonthStart(a.year, a.month + i + 1);
    if (next.getTime() > p.to.getTime()) break;
    months.push(beijingDay(cursor));
    cursor = next;
    i++;
  }
  if (months.length === 0) return { months: [], edges: [p] };
  const edges: Period[] = [];
  if (firstWhole.getTime() > p.from.getTime()) edges.push({ from: p.from, to: firstWhole });
  if (cursor.getTime() < p.to.getTime()) edges.push({ from: cursor, to: p.to });
  return { months, edges };
}
