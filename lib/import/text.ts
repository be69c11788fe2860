/**
 * How names are compared when a file's headers and values are matched to fields, stages, people
 * and options: full-width characters folded to half-width (NFKC), case and runs of whitespace
 * ignored. Differences of only this kind are near misses the user confirms, never silent matches.
 */
export function normalizeValue(s: string): string {
  return s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * A header for matching: as `normalizeValue`, and also without a unit or note in brackets
 * ("金额（元）", "Amount (USD)"), required marks, spaces and punctuation.
 */
export function normalizeHeader(s: string): string {
  const base = normalizeValue(s);
  const stripped = base.replace(/[([【][^)\]】]*[)\]】]/g, "");
  const clean = (x: string) => x.replace(/[\s*_\-:.#/\\'"“”‘’?？!！()[\]【】]/g, "");
  return clean(stripped) || clean(base);
}

/**
 * Levenshtein distance between two strings (by code point), or `max + 1` as soon as it is known
 * to be larger than `max`, so comparing a value with a long list stays cheap.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      row.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[y.length]!;
}
