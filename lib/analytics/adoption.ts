import { staySeconds } from "./buckets";
import type { Period } from "./period";
import { factsOf, visitsOf, type DealHead, type LogEvent, type StateLookup } from "./visits";

/*
 * Adoption and compliance (docs/analytics.md, Adoption): per member, over a period, whether they
 * work their deals in the process — deals touched, stale and overdue deals, stages left within
 * their time limits, actions refused — and one compliance score from those. The SQL
 * (lib/server/analytics/adoption.ts) gives the same cells at scale; `adoptionFromLog` is the
 * definition written plainly, and the tests hold the two equal.
 */

/** Event types that work a deal: written by a member or an API key, they are its activity. */
export const ACTIVITY_TYPES = [
  "created",
  "action",
  "approval",
  "update",
  "owner",
  "comment",
  "reopen",
] as const;
/** Event types that are actions taken (a stage change or not). */
export const ACTION_TYPES = ["action", "approval"] as const;
export const STALE_DAYS_DEFAULT = 14;
const DAY_S = 86_400;

export const isActivity = (type: string) => (ACTIVITY_TYPES as readonly string[]).includes(type);
export const isAction = (type: string) => (ACTION_TYPES as readonly string[]).includes(type);

/** One member's counts (or a group's, summed). */
export type AdoptionCells = {
  /** Distinct deals with activity by the member in the period. */
  touched: number;
  /** Actions the member took in the period (moving the deal or not). */
  actions: number;
  /** Stages with a time limit the member's actions left in the period: within the limit, after it. */
  onTime: number;
  late: number;
  /** The member's attempts the engine refused in the period. */
  refused: number;
  /** Deals the member owns, open now; of them, stale (no activity in N days) and past their stage's limit. */
  open: number;
  stale: number;
  pastLimit: number;
};

export const EMPTY_CELLS: AdoptionCells = {
  touched: 0,
  actions: 0,
  onTime: 0,
  late: 0,
  refused: 0,
  open: 0,
  stale: 0,
  pastLimit: 0,
};

/** The four parts of the compliance score (each a share, null without a denominator) and the score. */
export type Compliance = {
  /** Stages left within their limit ÷ stages with a limit left. */
  onTimeRate: number | null;
  /** Open deals not stale ÷ open deals. */
  freshRate: number | null;
  /** Open deals within their stage's limit ÷ open deals. */
  withinLimitRate: number | null;
  /** Actions taken ÷ (actions taken + refused attempts). */
  firstTimeRate: number | null;
  /** 0–100: the mean of the parts that have a denominator, rounded; null when none has. */
  score: number | null;
};

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function compliance(c: AdoptionCells): Compliance {
  const onTimeRate = share(c.onTime, c.onTime + c.late);
  const freshRate = share(c.open - c.stale, c.open);
  const withinLimitRate = share(c.open - c.pastLimit, c.open);
  const firstTimeRate = share(c.actions, c.actions + c.refused);
  const parts = [onTimeRate, freshRate, withinLimitRate, firstTimeRate].filter(
    (x): x is number => x !== null,
  );
  const score = parts.length ? Math.round((100 * parts.reduce((s, x) => s + x, 0)) / parts.length) : null;
  return { onTimeRate, freshRate, withinLimitRate, firstTimeRate, score };
}

/** Counts added up; `touched` is given (distinct deals do not add up). */
export function sumCells(list: readonly AdoptionCells[], touched: number): AdoptionCells {
  const total = { ...EMPTY_CELLS };
  for (const c of list)
    for (const k of Object.keys(total) as (keyof AdoptionCells)[]) if (k !== "touched") total[k] += c[k];
  return { ...total, touched };
}

const hasFigures = (c: AdoptionCells) => Object.values(c).some((v) => v > 0);

export type AdoptionPerson = { id: string; name: string; role: string; teamIds: string[] };
export type AdoptionTeam = { id: string; name: string; nameEn: string | null };
export type PersonRow = AdoptionPerson & AdoptionCells & Compliance;
export type TeamRow = AdoptionTeam & AdoptionCells & Compliance & { members: number; active: number };
export type TotalRow = AdoptionCells & Compliance & { members: number; active: number };

/**
 * The table of a scope: a row per member (reps always — an idle rep is the point —, others only
 * with figures), a row per team (its members' counts added up, deals touched counted once), and
 * the total of the rows. `touched` gives the distinct deals touched by each team and in all.
 */
export function adoptionTable(
  people: readonly AdoptionPerson[],
  teams: readonly AdoptionTeam[],
  cells: ReadonlyMap<string, AdoptionCells>,
  touched: { teams: ReadonlyMap<string, number>; total: number },
) {
  const rows: PersonRow[] = people
    .map((p) => {
      const c = cells.get(p.id) ?? EMPTY_CELLS;
      return { ...p, ...c, ...compliance(c) };
    })
    .filter((r) => r.role === "rep" || hasFigures(r));
  const group = (members: PersonRow[], touchedDeals: number) => {
    const c = sumCells(members, touchedDeals);
    return {
      ...c,
      ...compliance(c),
      members: members.length,
      active: members.filter((m) => m.touched > 0).length,
    };
  };
  const teamRows: TeamRow[] = teams.map((t) => ({
    ...t,
    ...group(
      rows.filter((r) => r.teamIds.includes(t.id)),
      touched.teams.get(t.id) ?? 0,
    ),
  }));
  return { people: rows, teams: teamRows, total: group(rows, touched.total) as TotalRow };
}

export type LeaderboardMetric = "score" | "touched";

/**
 * Reps ranked by a metric, best first (ties share a rank: 1, 2, 2, 4); reps without a score rank
 * last by score. Ties are broken for display by deals touched, then name.
 */
export function leaderboard<R extends Pick<PersonRow, "id" | "name" | "role" | "score" | "touched">>(
  rows: readonly R[],
  metric: LeaderboardMetric,
): (R & { rank: number; value: number | null })[] {
  const value = (r: R) => (metric === "score" ? r.score : r.touched);
  const sorted = rows
    .filter((r) => r.role === "rep")
    .map((r) => ({ ...r, value: value(r) }))
    .sort(
      (a, b) =>
        (b.value ?? -1) - (a.value ?? -1) || b.touched - a.touched || a.name.localeCompare(b.name, "zh-CN"),
    );
  let rank = 0;
  return sorted.map((r, i) => {
    if (i === 0 || r.value !== sorted[i - 1]!.value) rank = i + 1;
    return { ...r, rank };
  });
}

// ——— The definition from raw logs ———

export type AdoptionEvent = LogEvent & { actorId: string | null; apiKeyId: string | null };
export type AdoptionDeal = DealHead & { id: string; ownerId: string | null; events: AdoptionEvent[] };
export type AdoptionRefusal = { dealId: string; actorId: string | null; at: Date };

const within = (at: Date, p: Period) => at.getTime() >= p.from.getTime() && at.getTime() < p.to.getTime();

/** A deal's last activity (by a member or an API key), or its creation when it has none. */
export function lastActivity(deal: Pick<AdoptionDeal, "createdAt" | "events">): Date {
  let last: Date | null = null;
  for (const e of deal.events)
    if (isActivity(e.type) && (e.actorId || e.apiKeyId) && (!last || e.at > last)) last = e.at;
  return last ?? deal.createdAt;
}

/**
 * Every member's cells straight from the deals' logs and the refusal log, as docs/analytics.md
 * defines them, with the deals each member touched (teams and the total count them once).
 */
export function adoptionFromLog(
  deals: readonly AdoptionDeal[],
  refusals: readonly AdoptionRefusal[],
  opts: { lookup: StateLookup; period: Period; now: Date; staleDays: number },
) {
  const cells = new Map<string, AdoptionCells>();
  const touchedDeals = new Map<string, Set<string>>();
  const of = (id: string) => {
    let c = cells.get(id);
    if (!c) cells.set(id, (c = { ...EMPTY_CELLS }));
    return c;
  };
  const staleBefore = opts.now.getTime() - opts.staleDays * DAY_S * 1000;
  for (const deal of deals) {
    const events = [...deal.events].sort((a, b) => a.id - b.id);
    for (const e of events) {
      if (!e.actorId || !within(e.at, opts.period)) continue;
      if (isActivity(e.type)) {
        const set = touchedDeals.get(e.actorId) ?? new Set<string>();
        touchedDeals.set(e.actorId, set.add(deal.id));
      }
      if (isAction(e.type)) of(e.actorId).actions++;
    }
    const visits = visitsOf(events, deal, opts.lookup);
    for (const v of visits) {
      if (!v.leftAt || v.timeLimitS === null || (v.kind !== "open" && v.kind !== "approval")) continue;
      if (!within(v.leftAt, opts.period)) continue;
      const by = events.find(
        (e) =>
          isAction(e.type) &&
          e.fromStage === v.stage &&
          e.toStage !== e.fromStage &&
          e.at.getTime() === v.leftAt!.getTime(),
      );
      if (!by?.actorId) continue;
      if (staySeconds(v.enteredAt, v.leftAt) > v.timeLimitS) of(by.actorId).late++;
      else of(by.actorId).onTime++;
    }
    const facts = factsOf(visits, opts.lookup);
    if (facts.outcome !== "open" || !deal.ownerId) continue;
    const owner = of(deal.ownerId);
    owner.open++;
    if (lastActivity(deal).getTime() < staleBefore) owner.stale++;
    const current = visits[visits.length - 1]!;
    if (current.timeLimitS !== null && staySeconds(current.enteredAt, opts.now) > current.timeLimitS)
      owner.pastLimit++;
  }
  for (const r of refusals) if (r.actorId && within(r.at, opts.period)) of(r.actorId).refused++;
  for (const [id, set] of touchedDeals) of(id).touched = set.size;
  /** Distinct deals touched by any of the members. */
  const touchedBy = (members: readonly string[]) =>
    new Set(members.flatMap((m) => [...(touchedDeals.get(m) ?? [])])).size;
  return { cells, touchedBy };
}
