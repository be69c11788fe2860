/*
 * Sets of real numbers as sorted, disjoint intervals: enough to tell whether two conditions on
 * one number field can both hold, and whether several together cover every value.
 */

/** One interval; ends may be ±Infinity (then open). */
export type Interval = { lo: number; loClosed: boolean; hi: number; hiClosed: boolean };
/** Sorted, disjoint, non-empty intervals. */
export type NumberSet = readonly Interval[];

export const EMPTY: NumberSet = [];
export const ALL: NumberSet = [{ lo: -Infinity, loClosed: false, hi: Infinity, hiClosed: false }];

const isEmptyInterval = (i: Interval) => i.lo > i.hi || (i.lo === i.hi && !(i.loClosed && i.hiClosed));

/** The set of values in any of the intervals. */
export function fromIntervals(intervals: readonly Interval[]): NumberSet {
  const sorted = intervals
    .filter((i) => !isEmptyInterval(i))
    .sort((a, b) => a.lo - b.lo || Number(b.loClosed) - Number(a.loClosed));
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    const touches = last && (next.lo < last.hi || (next.lo === last.hi && (last.hiClosed || next.loClosed)));
    if (!last || !touches) {
      merged.push({ ...next });
      continue;
    }
    if (next.hi > last.hi || (next.hi === last.hi && next.hiClosed)) {
      last.hi = next.hi;
      last.hiClosed = next.hiClosed;
    }
  }
  return merged;
}

/** [a, b] (or a single value when a = b). */
export const closed = (a: number, b: number): NumberSet =>
  fromIntervals([{ lo: a, loClosed: true, hi: b, hiClosed: true }]);
/** Values above (or from, when `inclusive`) `a`. */
export const above = (a: number, inclusive: boolean): NumberSet =>
  fromIntervals([{ lo: a, loClosed: inclusive, hi: Infinity, hiClosed: false }]);
/** Values below (or up to, when `inclusive`) `a`. */
export const below = (a: number, inclusive: boolean): NumberSet =>
  fromIntervals([{ lo: -Infinity, loClosed: false, hi: a, hiClosed: inclusive }]);

export const union = (a: NumberSet, b: NumberSet): NumberSet => fromIntervals([...a, ...b]);

export function intersect(a: NumberSet, b: NumberSet): NumberSet {
  const out: Interval[] = [];
  for (const x of a)
    for (const y of b) {
      const lo = Math.max(x.lo, y.lo);
      const hi = Math.min(x.hi, y.hi);
      out.push({
        lo,
        loClosed: (x.lo !== lo || x.loClosed) && (y.lo !== lo || y.loClosed),
        hi,
        hiClosed: (x.hi !== hi || x.hiClosed) && (y.hi !== hi || y.hiClosed),
      });
    }
  return fromIntervals(out);
}

export function complement(a: NumberSet): NumberSet {
  const out: Interval[] = [];
  let lo = -Infinity;
  let loClosed = false;
  for (const i of a) {
    out.push({ lo, loClosed, hi: i.lo, hiClosed: !i.loClosed });
    lo = i.hi;
    loClosed = !i.hiClosed;
  }
  out.push({ lo, loClosed, hi: Infinity, hiClosed: false });
  return fromIntervals(out.filter((i) => !(i.lo === -Infinity && i.hi === -Infinity)));
}

/** A value in the set, for messages ("e.g. when Amount is 1000000"); null when empty. */
export function sampleOf(set: NumberSet): number | null {
  const [first] = set;
  if (!first) return null;
  if (first.loClosed) return first.lo;
  if (first.hiClosed) return first.hi;
  if (first.lo === -Infinity && first.hi === Infinity) return 0;
  if (first.lo === -Infinity) return first.hi - 1;
  if (first.hi === Infinity) return first.lo + 1;
  return (first.lo + first.hi) / 2;
}
