import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/lib/server/db/client";
import { memberships, teamMembers, teams } from "@/lib/server/db/schema";
import type { OwnerRule } from "@/workflows/definition/schema";
import type { DealValues } from "@/workflows/rules";
import { decideAssignment, nextInTurn } from "@/workflows/runtime/assignment";

export type Assignment = { ownerId: string | null; teamId: string | null };

/** The active reps of a team, in a stable order. */
export async function activeReps(tx: Tx, companyId: string, teamId: string) {
  return tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .innerJoin(
      memberships,
      and(eq(memberships.companyId, teamMembers.companyId), eq(memberships.userId, teamMembers.userId)),
    )
    .where(
      and(
        eq(teamMembers.companyId, companyId),
        eq(teamMembers.teamId, teamId),
        eq(memberships.status, "active"),
        eq(memberships.role, "rep"),
      ),
    )
    .orderBy(asc(teamMembers.userId));
}

/**
 * What applying a responsibility rule needs to know about people and teams. The deal shell asks
 * the database (one query per answer); an import asks tables it read once for a whole chunk.
 */
export type AssignLookups = {
  /** Whether the user is an active member of the company. */
  isActiveMember(userId: string): Promise<boolean>;
  /** The manager of a team, if it has one. */
  managerOf(teamId: string): Promise<string | null>;
  /**
   * Counts one more deal handed to the team with this key and says how many it was handed
   * before this one; null when the company has no such team.
   */
  takeTurn(teamKey: string): Promise<{ teamId: string; counter: number } | null>;
  /** The active reps of a team, in a stable order. */
  activeReps(teamId: string): Promise<{ userId: string }[]>;
};

/** The lookups against the database, in the caller's transaction. */
export function dbAssignLookups(tx: Tx, companyId: string): AssignLookups {
  return {
    async isActiveMember(userId) {
      const [m] = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(
          and(
            eq(memberships.companyId, companyId),
            eq(memberships.userId, userId),
            eq(memberships.status, "active"),
          ),
        );
      return !!m;
    },
    async managerOf(teamId) {
      const [team] = await tx
        .select({ managerId: teams.managerId })
        .from(teams)
        .where(and(eq(teams.companyId, companyId), eq(teams.id, teamId)));
      return team?.managerId ?? null;
    },
    async takeTurn(teamKey) {
      const [team] = await tx
        .update(teams)
        .set({ assignmentCounter: sql`${teams.assignmentCounter} + 1` })
        .where(and(eq(teams.companyId, companyId), eq(teams.key, teamKey)))
        .returning({ id: teams.id, counter: teams.assignmentCounter });
      return team ? { teamId: team.id, counter: team.counter - 1 } : null;
    },
    activeReps: (teamId) => activeReps(tx, companyId, teamId),
  };
}

/**
 * Applies a responsibility rule with the given lookups. Round-robin turns are counted on the
 * team row in the same transaction, so turns stay fair across restarts and servers. A rule that
 * finds nobody (no such team, no active rep) keeps the current owner.
 */
export async function assignWith(
  lookups: AssignLookups,
  rule: OwnerRule,
  values: DealValues,
  current: Assignment,
): Promise<Assignment> {
  const decision = decideAssignment(rule, values);
  switch (decision.kind) {
    case "keep":
      return current;
    case "user":
      return (await lookups.isActiveMember(decision.userId))
        ? { ...current, ownerId: decision.userId }
        : current;
    case "teamManager": {
      if (!current.teamId) return current;
      const managerId = await lookups.managerOf(current.teamId);
      return managerId ? { ...current, ownerId: managerId } : current;
    }
    case "roundRobin": {
      const turn = await lookups.takeTurn(decision.teamKey);
      if (!turn) return current;
      const rep = nextInTurn(await lookups.activeReps(turn.teamId), turn.counter);
      return rep ? { ownerId: rep.userId, teamId: turn.teamId } : { ...current, teamId: turn.teamId };
    }
  }
}

/** Applies a responsibility rule, asking the database (see assignWith). */
export function assignOwner(
  tx: Tx,
  companyId: string,
  rule: OwnerRule,
  values: DealValues,
  current: Assignment,
): Promise<Assignment> {
  return assignWith(dbAssignLookups(tx, companyId), rule, values, current);
}
