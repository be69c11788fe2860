import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/lib/server/db/client";
import { memberships, teamMembers, teams } from "@/lib/server/db/schema";
import type { OwnerRule } from "@/workflows/definition/schema";
import type { DealValues } from "@/workflows/rules";
import { decideAssignment, nextInTurn } from "@/workflows/runtime/assignment";

export type Assignment = { ownerId: string | null; teamId: string | null };

/** The active reps of a team, in a stable order. */
async function activeReps(tx: Tx, companyId: string, teamId: string) {
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
 * Applies a responsibility rule. Round-robin turns are counted on the team row in the
 * same transaction, so turns stay fair across restarts and servers. A rule that finds
 * nobody (no such team, no active rep) keeps the current owner.
 */
export async function assignOwner(
  tx: Tx,
  companyId: string,
  rule: OwnerRule,
  values: DealValues,
  current: Assignment,
): Promise<Assignment> {
  const decision = decideAssignment(rule, values);
  switch (decision.kind) {
    case "keep":
      return current;
    case "user": {
      const [m] = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(
          and(
            eq(memberships.companyId, companyId),
            eq(memberships.userId, decision.userId),
            eq(memberships.status, "active"),
          ),
        );
      return m ? { ...current, ownerId: m.userId } : current;
    }
    case "teamManager": {
      if (!current.teamId) return current;
      const [team] = await tx
        .select({ managerId: teams.managerId })
        .from(teams)
        .where(and(eq(teams.companyId, companyId), eq(teams.id, current.teamId)));
      return team?.managerId ? { ...current, ownerId: team.managerId } : current;
    }
    case "roundRobin": {
      const [team] = await tx
        .update(teams)
        .set({ assignmentCounter: sql`${teams.assignmentCounter} + 1` })
        .where(and(eq(teams.companyId, companyId), eq(teams.key, decision.teamKey)))
        .returning({ id: teams.id, counter: teams.assignmentCounter });
      if (!team) return current;
      const rep = nextInTurn(await activeReps(tx, companyId, team.id), team.counter - 1);
      return rep ? { ownerId: rep.userId, teamId: team.id } : { ...current, teamId: team.id };
    }
  }
}
