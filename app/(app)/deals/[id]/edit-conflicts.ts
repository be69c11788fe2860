/**
 * What happened to a deal between the version a user started editing and the current one,
 * field by field, as the conflict message shows it. Pure: deal data in, rows out.
 */

type Change = { from: unknown; to: unknown };
type EventLike = {
  id: number;
  actorId: string | null;
  at: Date | string;
  changes: Record<string, Change> | null;
};
type DealLike = {
  deal: { currency: string };
  values: Record<string, unknown>;
  events: EventLike[];
};

export type EditConflict = {
  key: string;
  /** What the user saw when they started editing. */
  base: unknown;
  /** What the user wants (undefined: they did not touch the field). */
  mine: unknown;
  /** What the deal holds now. */
  current: unknown;
  /** Who changed it since, and when (the last change since the user's version). */
  by: string | null;
  at: Date | null;
  /**
   * clash: both changed it, differently; same: both made the same change; theirs: only the
   * other person changed it (kept when re-applying); mine: only the user changed it.
   */
  kind: "clash" | "same" | "theirs" | "mine";
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const valueOf = (deal: DealLike, key: string) => (key === "currency" ? deal.deal.currency : deal.values[key]);

/**
 * Compares the user's pending edits (`mine`, made on `base`) with the deal as it is now
 * (`current`): every field someone changed since the user's version, and every field the
 * user edited. Fields that clash come first.
 */
export function editConflicts(
  base: DealLike,
  current: DealLike,
  mine: Record<string, unknown>,
): EditConflict[] {
  const seen = Math.max(0, ...base.events.map((e) => e.id));
  const since = current.events.filter((e) => e.id > seen);
  const lastChange = new Map<string, EventLike>();
  for (const e of since) for (const key of Object.keys(e.changes ?? {})) lastChange.set(key, e);
  const keys = new Set([...Object.keys(mine), ...[...lastChange.keys()].filter((k) => k !== "priority")]);
  const rows: EditConflict[] = [];
  for (const key of keys) {
    const b = valueOf(base, key);
    const now = valueOf(current, key);
    const theirs = !same(b, now);
    const edited = key in mine;
    if (!theirs && !edited) continue;
    const event = lastChange.get(key);
    const kind = !edited ? "theirs" : !theirs ? "mine" : same(mine[key], now) ? "same" : "clash";
    rows.push({
      key,
      base: b ?? null,
      mine: edited ? mine[key] : undefined,
      current: now ?? null,
      by: event?.actorId ?? null,
      at: event ? new Date(event.at) : null,
      kind,
    });
  }
  const order = { clash: 0, theirs: 1, same: 2, mine: 3 } as const;
  return rows.sort((a, b) => order[a.kind] - order[b.kind]);
}
