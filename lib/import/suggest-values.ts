import { editDistance, normalizeValue } from "./text";

/** Something a file's value may stand for: a stage, a person, an option, with its names. */
export type ValueCandidate = { value: string; names: string[] };

export type ValueSuggestion = {
  value: string;
  /**
   * exact: the cell is one of the candidate's names, letter for letter; near: it differs only in
   * case, spaces, full-width letters, a few typing mistakes, or is contained in the name (or the
   * name in it). Near misses are offered for the user to confirm, never applied on their own.
   */
  confidence: "exact" | "near";
};

const compact = (s: string) => normalizeValue(s).replace(/\s+/g, "");

function nearness(raw: string, name: string): number | null {
  const a = compact(raw);
  const b = compact(name);
  if (!a || !b) return null;
  if (a === b) return 0;
  const shorter = Math.min([...a].length, [...b].length);
  const longer = Math.max([...a].length, [...b].length);
  if (shorter >= 2 && shorter / longer >= 0.5 && (a.includes(b) || b.includes(a)))
    return 1 + longer - shorter;
  const allowed = shorter >= 4 ? Math.max(1, Math.floor(shorter / 4)) : 0;
  if (!allowed) return null;
  const d = editDistance(a, b, allowed);
  return d <= allowed ? d : null;
}

/**
 * The candidate a raw value most likely means, or null when none is close or two are equally
 * close (two people of one name: the user decides).
 */
export function suggestValue(raw: string, candidates: ValueCandidate[]): ValueSuggestion | null {
  const trimmed = raw.trim();
  const exact = candidates.filter((c) => c.names.some((n) => n.trim() === trimmed));
  if (exact.length === 1) return { value: exact[0]!.value, confidence: "exact" };
  if (exact.length > 1) return null;
  let best: { value: string; d: number } | null = null;
  let tie = false;
  for (const c of candidates) {
    let d: number | null = null;
    for (const n of c.names) {
      const x = nearness(trimmed, n);
      if (x !== null && (d === null || x < d)) d = x;
    }
    if (d === null) continue;
    if (!best || d < best.d) {
      best = { value: c.value, d };
      tie = false;
    } else if (d === best.d && c.value !== best.value) tie = true;
  }
  return best && !tie ? { value: best.value, confidence: "near" } : null;
}
