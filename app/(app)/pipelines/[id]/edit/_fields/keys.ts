/*
 * Field keys: generated from the English name while a field is new, then fixed (deal values,
 * conditions and imports refer to them). Keys follow the schema's Key pattern.
 */

export const KEY_PATTERN = /^[a-z][a-zA-Z0-9_]{0,63}$/;

/** "Expected close date" → "expectedCloseDate"; "" when the name has no letters. */
export function keyFromName(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const camel = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join("")
    .replace(/^[0-9_]+/, "");
  return camel.slice(0, 64);
}

/** A key from the name that no other field has: "budget", then "budget2", "budget3"… */
export function uniqueKey(name: string, taken: readonly string[], fallback = "field"): string {
  const base = keyFromName(name) || fallback;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 62)}${n}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

/** Why a key cannot be used, or null: "empty", "pattern" or "taken" (by another field). */
export function keyProblem(key: string, others: readonly string[]): "empty" | "pattern" | "taken" | null {
  if (!key) return "empty";
  if (!KEY_PATTERN.test(key)) return "pattern";
  return others.includes(key) ? "taken" : null;
}

/** The list with one item moved from one index to another (indexes outside the list change nothing). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}
