import type { ImportTarget } from "./targets";
import { editDistance, normalizeHeader } from "./text";

export type ColumnSuggestion = {
  target: string;
  /** exact: the header is one of the target's names; near: close to one, for the user to check. */
  confidence: "exact" | "near";
};

type Candidate = { column: number; target: string; exact: boolean; score: number };

/** How close a header is to a name: 0 exact, higher worse; null when not close at all. */
function closeness(header: string, name: string): number | null {
  if (header === name) return 0;
  const shorter = Math.min([...header].length, [...name].length);
  const longer = Math.max([...header].length, [...name].length);
  if (shorter >= 2 && shorter / longer >= 0.5 && (header.includes(name) || name.includes(header)))
    return 1 + (longer - shorter);
  const allowed = shorter >= 8 ? 2 : shorter >= 4 ? 1 : 0;
  if (allowed === 0) return null;
  const d = editDistance(header, name, allowed);
  return d <= allowed ? 1 + d : null;
}

/**
 * Which target each header most likely fills, by the target's names in zh and en (labels, key,
 * synonyms). Each target is given to one column at most: exact names first (a target's earlier
 * names win, e.g. 负责人邮箱 over 负责人 for the owner), then the closest near misses.
 */
export function suggestColumns(headers: string[], targets: ImportTarget[]): (ColumnSuggestion | null)[] {
  const names = targets.map((t) => ({ key: t.key, names: t.names.map(normalizeHeader) }));
  const candidates: Candidate[] = [];
  headers.forEach((header, column) => {
    const h = normalizeHeader(header);
    if (!h) return;
    for (const t of names) {
      let best: Candidate | null = null;
      t.names.forEach((name, rank) => {
        const c = closeness(h, name);
        if (c === null) return;
        const score = c * 1000 + rank;
        if (!best || score < best.score) best = { column, target: t.key, exact: c === 0, score };
      });
      if (best) candidates.push(best);
    }
  });
  candidates.sort((a, b) => a.score - b.score || a.column - b.column);
  const result: (ColumnSuggestion | null)[] = headers.map(() => null);
  const taken = new Set<string>();
  for (const c of candidates) {
    if (result[c.column] || taken.has(c.target)) continue;
    result[c.column] = { target: c.target, confidence: c.exact ? "exact" : "near" };
    taken.add(c.target);
  }
  return result;
}
