/**
 * Pilot dates as a trainer picks them (whole days in their own time zone) and as the server
 * keeps them (instants; the end exclusive). Picking 1–31 March pilots from the start of 1 March
 * until the start of 1 April.
 */

/** YYYY-MM-DD of a date in the browser's time zone, as a date input takes it. */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The start of a picked day in the browser's time zone. */
export function startOfDay(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y!, m! - 1, d!);
}

/** The (exclusive) end of an inclusive last day: the start of the day after. */
export function endAfterDay(day: string): Date {
  const start = startOfDay(day);
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
}

/** The last day a pilot covers, from its exclusive end (for showing "until 31 March"). */
export function lastDay(endsAt: Date): Date {
  return new Date(endsAt.getTime() - 1);
}
