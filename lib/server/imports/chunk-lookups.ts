import { and, eq } from "drizzle-orm";
import type { Tx } from "@/lib/server/db/client";
import { memberships, teams } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import { activeReps } from "@/lib/server/deals/assignment";
import type { NewDealLookups } from "@/lib/server/deals/create-deal";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { activePilots, firstTeams, publishedVersionOf } from "@/lib/server/pipelines/versions/routing";
import { routeNewDeal } from "@/workflows/versions/pilots";

/** createDeal's lookups for a chunk of an import's rows, answered from tables read once. */
export type ChunkLookups = NewDealLookups & {
  /** The round-robin turn the current row took, if any, is its own: the row will be written… */
  keepTurn(): void;
  /** …or handed back: the row failed, or goes through the deal shell, which takes its own. */
  returnTurn(): void;
  /** Teams whose counters the kept turns moved, with their new counts. */
  counters(): { teamId: string; counter: number }[];
};

/**
 * Reads what deciding many new deals of one pipeline asks — members' first teams, the published
 * version and the active pilots — once, and the rest (active members, managers, round-robin teams
 * and their reps) the first time a row asks. A round-robin team's row is locked as the deal shell
 * locks it (its counter is written with the chunk).
 */
export async function chunkLookups(
  tx: Tx,
  companyId: string,
  pipelineId: string,
  now: Date,
): Promise<ChunkLookups> {
  const [teamOf, published, pilots] = await Promise.all([
    firstTeams(tx, companyId),
    publishedVersionOf(tx, companyId, pipelineId),
    activePilots(tx, companyId, [pipelineId], now),
  ]);
  const route = (teamId: string | null) => routeNewDeal({ published, pilots, teamId, now });
  const once = <T>(load: () => Promise<T>) => {
    let loaded: Promise<T> | undefined;
    return () => (loaded ??= load());
  };
  const activeMembers = once(async () => {
    const rows = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.companyId, companyId), eq(memberships.status, "active")));
    return new Set(rows.map((r) => r.userId));
  });
  const managers = once(async () => {
    const rows = await tx
      .select({ id: teams.id, managerId: teams.managerId })
      .from(teams)
      .where(eq(teams.companyId, companyId));
    return new Map(rows.map((r) => [r.id, r.managerId]));
  });
  type Turns = { teamId: string; start: number; counter: number };
  const turns = new Map<string, Promise<Turns | null>>();
  const taken: Turns[] = [];
  const reps = new Map<string, Promise<{ userId: string }[]>>();
  let pending: Turns | null = null;

  return {
    teamOf: async (userId) => teamOf.get(userId) ?? null,
    async runningVersion(teamId) {
      const r = route(teamId);
      if (!r) throw appError("NOT_FOUND", "pipelineNotFound");
      return { pipelineId, versionId: r.versionId };
    },
    route: async (_pipelineId, teamId) => route(teamId),
    program: (versionId) => loadProgram(tx, companyId, versionId),
    isActiveMember: async (userId) => (await activeMembers()).has(userId),
    managerOf: async (teamId) => (await managers()).get(teamId) ?? null,
    async takeTurn(teamKey) {
      if (!turns.has(teamKey))
        turns.set(
          teamKey,
          tx
            .select({ id: teams.id, counter: teams.assignmentCounter })
            .from(teams)
            .where(and(eq(teams.companyId, companyId), eq(teams.key, teamKey)))
            .for("update")
            .then(([t]) => {
              if (!t) return null;
              const team = { teamId: t.id, start: t.counter, counter: t.counter };
              taken.push(team);
              return team;
            }),
        );
      const team = await turns.get(teamKey)!;
      if (!team) return null;
      pending = team;
      return { teamId: team.teamId, counter: team.counter++ };
    },
    activeReps(teamId) {
      if (!reps.has(teamId)) reps.set(teamId, activeReps(tx, companyId, teamId));
      return reps.get(teamId)!;
    },
    keepTurn() {
      pending = null;
    },
    returnTurn() {
      if (pending) pending.counter--;
      pending = null;
    },
    counters() {
      return taken
        .filter((t) => t.counter !== t.start)
        .map((t) => ({ teamId: t.teamId, counter: t.counter }));
    },
  };
}
