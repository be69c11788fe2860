import { and, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { pipelineVersions, teams, users, versionPilots, versionPilotTeams } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import { compile, hasErrors } from "@/workflows/compiler";
import {
  decide,
  supersededBy,
  type LifecycleAction,
  type LifecycleRefusal,
  type VersionStatus,
} from "@/workflows/versions/lifecycle";
import { checkPilotWindow, overlappingTeams, pilotState, type Pilot } from "@/workflows/versions/pilots";
import { findVersion, lockPipeline, stamp } from "../editor/shared";
import { recordAudit, type AuditEntry } from "./audit";
import { startMigrationTx } from "@/lib/server/migrations/start";
import type { StageMapping } from "@/workflows/versions/migration-mapping";

/*
 * The lifecycle on the server: every change of a version's status goes through `decide()`
 * (workflows/versions/lifecycle.ts) inside one transaction with the pipeline row locked, so two
 * trainers acting on one pipeline take turns, and each change writes its audit entry with it.
 * Deal migration on rollout is a separate, later step (see docs/versions.md).
 */

/** The catalogue key of each refusal: the editor's existing keys where they exist. */
const REFUSAL_KEYS: Record<LifecycleRefusal, string> = {
  notDraft: "versionNotDraft",
  hasErrors: "versionHasErrors",
  hasDeals: "versionHasDeals",
  notPilot: "versions.notPilot",
  immutable: "versions.immutable",
  publishedStays: "versions.publishedStays",
  retiredFinal: "versions.retiredFinal",
};

type VersionRow = Awaited<ReturnType<typeof findVersion>>;

/**
 * Applies the lifecycle rule for `action` to a locked version; throws the refusal. A version
 * about to reach deals is compiled here with the compiler the editor runs; returns the result.
 */
export function assertAllowed(
  version: VersionRow,
  action: LifecycleAction,
  extra: { dealCount?: number } = {},
) {
  const compiled =
    action === "pilot" || action === "publish" || action === "promote" ? compile(version.definition) : null;
  const decision = decide(
    {
      status: version.status as VersionStatus,
      hasErrors: compiled ? hasErrors(compiled) || !compiled.machine : false,
      dealCount: extra.dealCount,
    },
    action,
  );
  if (!decision.ok) {
    const details = decision.reason === "hasErrors" ? { diagnostics: compiled?.diagnostics } : undefined;
    throw appError("BAD_REQUEST", REFUSAL_KEYS[decision.reason], { number: version.number }, details);
  }
  return { to: decision.to, compiled };
}

/** A version of the company and its pipeline, the pipeline row locked, the version row locked. */
async function lockVersion(tx: Tx, companyId: string, versionId: string) {
  const { pipelineId } = await findVersion(tx, companyId, versionId);
  await lockPipeline(tx, companyId, pipelineId);
  return findVersion(tx, companyId, versionId, true);
}

/** The pipeline's pilots with their teams (all of them: scheduled, active and ended). */
async function pilotsOf(tx: Tx, companyId: string, pipelineId: string): Promise<Pilot[]> {
  const rows = await tx
    .select({
      id: versionPilots.id,
      versionId: versionPilots.versionId,
      startsAt: versionPilots.startsAt,
      endsAt: versionPilots.endsAt,
      teamId: versionPilotTeams.teamId,
    })
    .from(versionPilots)
    .leftJoin(
      versionPilotTeams,
      and(
        eq(versionPilotTeams.companyId, versionPilots.companyId),
        eq(versionPilotTeams.pilotId, versionPilots.id),
      ),
    )
    .where(and(eq(versionPilots.companyId, companyId), eq(versionPilots.pipelineId, pipelineId)));
  const byId = new Map<string, Pilot>();
  for (const r of rows) {
    const pilot = byId.get(r.id) ?? {
      id: r.id,
      versionId: r.versionId,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      teamIds: [],
    };
    if (r.teamId) (pilot.teamIds as string[]).push(r.teamId);
    byId.set(r.id, pilot);
  }
  return [...byId.values()];
}

/**
 * Ends every pilot of a version that is not over yet, at `now` (a scheduled one is cancelled:
 * its end becomes its start). Returns how many.
 */
async function endPilotsOf(tx: Tx, companyId: string, userId: string, versionId: string, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const ended = await tx
    .update(versionPilots)
    .set({ endsAt: sql`greatest(${versionPilots.startsAt}, ${at})`, endedBy: userId, endedAt: at })
    .where(
      and(
        eq(versionPilots.companyId, companyId),
        eq(versionPilots.versionId, versionId),
        or(isNull(versionPilots.endsAt), gt(versionPilots.endsAt, at)),
      ),
    )
    .returning({ id: versionPilots.id });
  return ended.length;
}

export type StartPilotInput = {
  versionId: string;
  /** The draft's revision the trainer saw (drafts only): a draft saved since is a CONFLICT. */
  expectedRevision?: number;
  teamIds: string[];
  startsAt: Date;
  endsAt: Date | null;
  note: string;
};

/**
 * Pilots a version with some teams from `startsAt` (a past start is now) until `endsAt` (none:
 * until ended or promoted). A draft is compiled, frozen and becomes a pilot version; a pilot
 * version may be piloted again (more teams, another window). A team runs one pilot of a pipeline
 * at a time.
 */
export async function startPilot(
  db: Db,
  companyId: string,
  userId: string,
  input: StartPilotInput,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const version = await lockVersion(tx, companyId, input.versionId);
    const { compiled } = assertAllowed(version, "pilot");
    if (version.status === "draft" && input.expectedRevision !== version.revision) {
      const [by] = version.updatedBy
        ? await tx.select({ name: users.name }).from(users).where(eq(users.id, version.updatedBy))
        : [];
      throw appError("CONFLICT", "draftConflict", { name: by?.name ?? "?", time: stamp(version.updatedAt) });
    }
    const window = checkPilotWindow({ startsAt: input.startsAt, endsAt: input.endsAt }, now);
    if (!window.ok) throw appError("BAD_REQUEST", `versions.${window.reason}`);
    const teamIds = [...new Set(input.teamIds)];
    const teamRows = await tx
      .select({ id: teams.id, name: teams.name, nameEn: teams.nameEn })
      .from(teams)
      .where(and(eq(teams.companyId, companyId), inArray(teams.id, teamIds)));
    if (teamRows.length !== teamIds.length) throw appError("NOT_FOUND", "teamNotFound");
    const clashes = overlappingTeams(await pilotsOf(tx, companyId, version.pipelineId), {
      ...window.window,
      teamIds,
    });
    if (clashes.length) {
      const clash = clashes[0]!;
      const [other] = await tx
        .select({ number: pipelineVersions.number })
        .from(pipelineVersions)
        .where(
          and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.id, clash.pilot.versionId)),
        );
      throw appError("BAD_REQUEST", "versions.teamInPilot", {
        team: teamRows.find((t) => t.id === clash.teamId)?.name ?? "?",
        number: other?.number ?? 0,
      });
    }
    if (version.status === "draft") {
      await tx
        .update(pipelineVersions)
        .set({
          status: "pilot",
          machine: { machine: compiled!.machine, delays: compiled!.delays },
          hash: compiled!.hash,
          changeNote: input.note,
          updatedBy: userId,
          updatedAt: sql`now()`,
        })
        .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.id, version.id)));
    }
    const [pilot] = await tx
      .insert(versionPilots)
      .values({
        companyId,
        pipelineId: version.pipelineId,
        versionId: version.id,
        startsAt: window.window.startsAt,
        endsAt: window.window.endsAt,
        note: input.note,
        createdBy: userId,
      })
      .returning({ id: versionPilots.id });
    await tx
      .insert(versionPilotTeams)
      .values(teamIds.map((teamId) => ({ companyId, pilotId: pilot!.id, teamId })));
    await recordAudit(tx, companyId, [
      {
        pipelineId: version.pipelineId,
        version: { id: version.id, number: version.number },
        action: "piloted",
        actorId: userId,
        note: input.note,
        details: {
          pilotId: pilot!.id,
          teams: teamRows.map((t) => ({ id: t.id, name: t.name, nameEn: t.nameEn })),
          startsAt: window.window.startsAt.toISOString(),
          endsAt: window.window.endsAt?.toISOString() ?? null,
        },
      },
    ]);
    return { pilotId: pilot!.id, versionId: version.id, number: version.number };
  });
}

/** Ends a pilot now (a scheduled one is cancelled). The version stays a pilot version: it may be promoted, piloted again or retired. */
export async function endPilot(
  db: Db,
  companyId: string,
  userId: string,
  input: { pilotId: string; note?: string },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const find = () =>
      tx
        .select()
        .from(versionPilots)
        .where(and(eq(versionPilots.companyId, companyId), eq(versionPilots.id, input.pilotId)));
    const [found] = await find();
    if (!found) throw appError("NOT_FOUND", "versions.pilotNotFound");
    await lockPipeline(tx, companyId, found.pipelineId);
    const [pilot] = await find().for("update");
    const state = pilotState(pilot!, now);
    if (state === "ended") throw appError("BAD_REQUEST", "versions.pilotOver");
    const endsAt = state === "scheduled" ? pilot!.startsAt : now;
    await tx
      .update(versionPilots)
      .set({ endsAt, endedBy: userId, endedAt: now })
      .where(and(eq(versionPilots.companyId, companyId), eq(versionPilots.id, pilot!.id)));
    const version = await findVersion(tx, companyId, pilot!.versionId);
    const teamRows = await tx
      .select({ id: teams.id, name: teams.name, nameEn: teams.nameEn })
      .from(versionPilotTeams)
      .innerJoin(
        teams,
        and(eq(teams.companyId, versionPilotTeams.companyId), eq(teams.id, versionPilotTeams.teamId)),
      )
      .where(and(eq(versionPilotTeams.companyId, companyId), eq(versionPilotTeams.pilotId, pilot!.id)));
    await recordAudit(tx, companyId, [
      {
        pipelineId: pilot!.pipelineId,
        version: { id: version.id, number: version.number },
        action: "pilotEnded",
        actorId: userId,
        note: input.note || null,
        details: { pilotId: pilot!.id, teams: teamRows, cancelled: state === "scheduled" },
      },
    ]);
    return { pilotId: pilot!.id, endsAt };
  });
}

/**
 * Makes a version the pipeline's published one and retires the one before (its deals keep
 * running on it). Shared by publishing a draft (the editor) and promoting a pilot (rollout).
 */
async function makePublished(
  tx: Tx,
  companyId: string,
  userId: string,
  version: VersionRow,
  set: Partial<typeof pipelineVersions.$inferInsert>,
) {
  const siblings = await tx
    .select({ id: pipelineVersions.id, number: pipelineVersions.number, status: pipelineVersions.status })
    .from(pipelineVersions)
    .where(
      and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.pipelineId, version.pipelineId)),
    );
  const retire = supersededBy(siblings, version.id);
  if (retire.length)
    await tx
      .update(pipelineVersions)
      .set({ status: "retired" })
      .where(and(eq(pipelineVersions.companyId, companyId), inArray(pipelineVersions.id, retire)));
  await tx
    .update(pipelineVersions)
    .set({ ...set, status: "published", publishedAt: sql`now()`, updatedBy: userId, updatedAt: sql`now()` })
    .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.id, version.id)));
  return siblings.filter((s) => retire.includes(s.id)).map(({ id, number }) => ({ id, number }));
}

const retiredEntries = (
  version: VersionRow,
  userId: string,
  retired: { id: string; number: number }[],
  action: "published" | "rolledOut",
): AuditEntry[] =>
  retired.map((r) => ({
    pipelineId: version.pipelineId,
    version: r,
    action: "retired",
    actorId: userId,
    details: { supersededBy: { id: version.id, number: version.number }, by: action },
  }));

/**
 * Publishes a draft (the editor's publish): compiled, frozen and published; the previous
 * published version is retired. The caller has locked the pipeline and checked the revision.
 */
export async function publishDraft(
  tx: Tx,
  companyId: string,
  userId: string,
  version: VersionRow,
  changeNote: string,
) {
  const { compiled } = assertAllowed(version, "publish");
  const retired = await makePublished(tx, companyId, userId, version, {
    // Stored as the seed stores it: the machine and the delays its timers name.
    machine: { machine: compiled!.machine, delays: compiled!.delays },
    hash: compiled!.hash,
    changeNote,
  });
  await recordAudit(tx, companyId, [
    {
      pipelineId: version.pipelineId,
      version: { id: version.id, number: version.number },
      action: "published",
      actorId: userId,
      note: changeNote,
      details: { retired },
    },
    ...retiredEntries(version, userId, retired, "published"),
  ]);
  return { versionId: version.id, number: version.number, retired };
}

/**
 * Rollout: promotes a pilot version to published for every team. Its pilots end (everyone is on
 * it now), the previous published version is retired and its deals keep running on it — unless
 * `migrate` is given: then a migration of its open deals to this version starts in the same
 * transaction, with the stage mapping the trainer confirmed (lib/server/migrations).
 */
export async function promote(
  db: Db,
  companyId: string,
  userId: string,
  input: { versionId: string; note: string; migrate?: { mapping: StageMapping } },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const version = await lockVersion(tx, companyId, input.versionId);
    assertAllowed(version, "promote");
    const endedPilots = await endPilotsOf(tx, companyId, userId, version.id, now);
    const retired = await makePublished(tx, companyId, userId, version, {});
    await recordAudit(tx, companyId, [
      {
        pipelineId: version.pipelineId,
        version: { id: version.id, number: version.number },
        action: "rolledOut",
        actorId: userId,
        note: input.note,
        details: { retired, endedPilots },
      },
      ...retiredEntries(version, userId, retired, "rolledOut"),
    ]);
    // "Migrate open deals": the retired version's open deals move with the rollout (lib/server/migrations).
    const migration =
      input.migrate && retired[0]
        ? await startMigrationTx(tx, companyId, userId, {
            fromVersionId: retired[0].id,
            toVersionId: version.id,
            mapping: input.migrate.mapping,
            note: input.note,
            viaRollout: true,
          })
        : null;
    return { versionId: version.id, number: version.number, retired, endedPilots, migration };
  });
}

/** Abandons a pilot version: its pilots end and it is retired; deals started on it keep running on it. */
export async function retire(
  db: Db,
  companyId: string,
  userId: string,
  input: { versionId: string; note: string },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const version = await lockVersion(tx, companyId, input.versionId);
    assertAllowed(version, "retire");
    const endedPilots = await endPilotsOf(tx, companyId, userId, version.id, now);
    await tx
      .update(pipelineVersions)
      .set({ status: "retired", updatedBy: userId, updatedAt: sql`now()` })
      .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.id, version.id)));
    await recordAudit(tx, companyId, [
      {
        pipelineId: version.pipelineId,
        version: { id: version.id, number: version.number },
        action: "retired",
        actorId: userId,
        note: input.note,
        details: { endedPilots },
      },
    ]);
    return { versionId: version.id, number: version.number, endedPilots };
  });
}
