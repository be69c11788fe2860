import type { OwnerRule } from "@/workflows/definition/schema";
import type { DealValues } from "@/workflows/rules";

/** Who a responsibility rule points at, before the shell looks up people and turns. */
export type AssignmentDecision =
  | { kind: "keep" }
  | { kind: "teamManager" }
  | { kind: "user"; userId: string }
  | { kind: "roundRobin"; teamKey: string };

/**
 * Decides a responsibility rule for a deal, purely. Classification rules pick the team
 * from a field (e.g. region → team), falling back when the value maps to no team; the
 * shell then takes the next active rep of that team in turn.
 */
export function decideAssignment(rule: OwnerRule, values: DealValues): AssignmentDecision {
  const table: { [K in OwnerRule["kind"]]: (r: Extract<OwnerRule, { kind: K }>) => AssignmentDecision } = {
    keep: () => ({ kind: "keep" }),
    teamManager: () => ({ kind: "teamManager" }),
    user: (r) => ({ kind: "user", userId: r.userId }),
    roundRobin: (r) => ({ kind: "roundRobin", teamKey: r.teamKey }),
    byField: (r) => {
      const value = values[r.field];
      // Own keys only: a value such as "constructor" must not find Object.prototype's.
      const key = typeof value === "string" && Object.hasOwn(r.teams, value) ? r.teams[value] : undefined;
      return { kind: "roundRobin", teamKey: key ?? r.fallbackTeamKey };
    },
  };
  return (table[rule.kind] as (r: OwnerRule) => AssignmentDecision)(rule);
}

/** The rep whose turn it is: `counter` counts the deals the team was handed before this one. */
export function nextInTurn<T>(candidates: readonly T[], counter: number): T | undefined {
  if (candidates.length === 0) return undefined;
  return candidates[((counter % candidates.length) + candidates.length) % candidates.length];
}
