import type { StateInfo, StateKind } from "./stages";

/**
 * From a deal's event log to its visits (stays in one stage or approval) and its facts: the
 * rules docs/analytics.md states, in one pure function. The database keeps the same rows with
 * triggers (drizzle/0013); tests hold the two equal.
 */

export type LogEvent = {
  id: number;
  type: string;
  fromStage: string | null;
  toStage: string | null;
  versionId: string;
  at: Date;
};

/** What the deals row says, for a deal whose log does not begin with its creation. */
export type DealHead = { stage: string; versionId: string; createdAt: Date };

/** Looks a state up in the version a visit ran on. */
export type StateLookup = (versionId: string, stage: string) => StateInfo | undefined;

export type Visit = {
  /** 1, 2, … in the deal's order. */
  seq: number;
  versionId: string;
  stage: string;
  kind: StateKind;
  enteredAt: Date;
  leftAt: Date | null;
  nextStage: string | null;
  timeLimitS: number | null;
};

/** Events that re-map the deal's current stay to another version (a migration, or its undoing). */
export const REMAP_TYPES: readonly string[] = ["migrated", "migration", "migrationRolledBack"];

const kindOf = (info: StateInfo | undefined): StateKind => info?.kind ?? "open";

function open(lookup: StateLookup, seq: number, versionId: string, stage: string, at: Date): Visit {
  const info = lookup(versionId, stage);
  return {
    seq,
    versionId,
    stage,
    kind: kindOf(info),
    enteredAt: at,
    leftAt: null,
    nextStage: null,
    timeLimitS: info?.timeLimitS ?? null,
  };
}

/**
 * The deal's visits, oldest first. Events are taken in the order they were written (id). A log
 * that does not begin with `created` (a deal written without one) begins with the deal resting,
 * from its creation, in the stage its first move leaves — or, with no move at all, in the stage
 * it is in.
 */
export function visitsOf(events: readonly LogEvent[], deal: DealHead, lookup: StateLookup): Visit[] {
  const visits: Visit[] = [];
  const sorted = [...events].filter((e) => e.toStage !== null).sort((a, b) => a.id - b.id);
  const first = sorted[0];
  if (!first) return [open(lookup, 1, deal.versionId, deal.stage, deal.createdAt)];
  if (first.type !== "created" && first.fromStage)
    visits.push(open(lookup, 1, first.versionId, first.fromStage, deal.createdAt));
  for (const e of sorted) {
    const current = visits[visits.length - 1];
    if (e.type === "created") {
      if (!e.toStage) continue;
      visits.length = 0;
      visits.push(open(lookup, 1, e.versionId, e.toStage, e.at));
    } else if (REMAP_TYPES.includes(e.type)) {
      if (!current || current.leftAt || !e.toStage) continue;
      const info = lookup(e.versionId, e.toStage);
      Object.assign(current, {
        versionId: e.versionId,
        stage: e.toStage,
        kind: kindOf(info),
        timeLimitS: info?.timeLimitS ?? null,
      });
    } else if (e.toStage) {
      if (current && current.stage === e.toStage) continue;
      if (current) {
        current.leftAt = e.at;
        current.nextStage = e.toStage;
      }
      visits.push(open(lookup, visits.length + 1, e.versionId, e.toStage, e.at));
    }
  }
  return visits;
}

export type Outcome = "open" | "won" | "lost";

export type DealFacts = {
  stage: string;
  outcome: Outcome;
  /** When the deal's last close happened, if it is closed now. */
  closedAt: Date | null;
  stageEnteredAt: Date;
  /** Every state the deal ever rested in, in the order of first entry. */
  reached: string[];
  /** The win probability of its stage; at an approval, of the last stage before it. */
  probability: number | null;
};

/** A deal's facts from its visits (at least one). */
export function factsOf(visits: readonly Visit[], lookup: StateLookup): DealFacts {
  const last = visits[visits.length - 1]!;
  const reached: string[] = [];
  for (const v of visits) if (!reached.includes(v.stage)) reached.push(v.stage);
  let probability: number | null = null;
  for (let i = visits.length - 1; i >= 0; i--) {
    const v = visits[i]!;
    if (v.kind === "approval") continue;
    probability = lookup(v.versionId, v.stage)?.probability ?? null;
    break;
  }
  const closed = last.kind === "won" || last.kind === "lost";
  return {
    stage: last.stage,
    outcome: closed ? (last.kind as Outcome) : "open",
    closedAt: closed ? last.enteredAt : null,
    stageEnteredAt: last.enteredAt,
    reached,
    probability,
  };
}
