import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { hashPassword } from "@/lib/server/auth/password";
import type { Db } from "@/lib/server/db/client";
import {
  actionRefusals,
  companies,
  dealEvents,
  deals,
  memberships,
  pipelines,
  pipelineVersions,
  targets,
  teamMembers,
  teams,
  users,
} from "@/lib/server/db/schema";
import { periodStartOf } from "@/lib/analytics/targets";
import { refusalCode } from "@/lib/analytics/refusal-codes";
import { compile, hasErrors } from "@/workflows/compiler";
import { createProgram } from "@/workflows/runtime";
import { defaultProcess } from "@/workflows/templates/default-process";
import { DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS } from "./demo-accounts";
import { generateDemoDeals } from "./demo-deals";

/*
 * The demo company (演示公司): its people, two teams, the default process compiled and published
 * as version 1, and a year of deals with the snapshots and histories the engine gave them. Time
 * limits are not enqueued as jobs: an open deal shows as overdue by its stageEnteredAt.
 * Deliberately free of "server-only", the env module and the app's pool, so the CLIs and tests
 * can call it with a handle of their own.
 */

export { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, DEMO_USERS, type DemoUser } from "./demo-accounts";

const DAY = 86_400_000;
const BATCH = 100;
/** Fixed so a rerun (on an empty database) tells the same story. */
const DEMO_SEED = 20_240_601;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/**
 * Seeds the demo company in one transaction and returns its id. Meant for an empty database;
 * refuses, changing nothing, if any demo user already exists (users are shared across companies).
 */
export async function seedDemo(
  db: Db,
  opts: { now?: Date; dealCount?: number } = {},
): Promise<{ companyId: string }> {
  const now = opts.now ?? new Date();
  const dealCount = opts.dealCount ?? 300;
  // Everything predates the oldest demo deal, so history reads in order.
  const since = new Date(now.getTime() - 400 * DAY);
  // argon2 is slow on purpose: hash once, share the hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Compiled once, as publishing does: the version stores it, and every demo deal runs on it.
  const compiled = compile(defaultProcess);
  if (!compiled.machine || hasErrors(compiled))
    throw new Error("demo seed: the default process does not compile");
  const program = createProgram(defaultProcess, compiled);

  return db.transaction(async (tx) => {
    const emails = DEMO_USERS.map((u) => u.email);
    const taken = await tx.select({ email: users.email }).from(users).where(inArray(users.email, emails));
    if (taken.length > 0) {
      throw new Error(
        `Cannot seed the demo company: these demo users already exist: ${taken.map((u) => u.email).join(", ")}. ` +
          "The demo is seeded only into an empty database.",
      );
    }

    const [company] = await tx
      .insert(companies)
      .values({ name: "演示公司", nameEn: "Demo Co.", createdAt: since })
      .returning({ id: companies.id });
    if (!company) throw new Error("demo seed: company insert returned nothing");
    const companyId = company.id;

    const inserted = await tx
      .insert(users)
      .values(DEMO_USERS.map((u) => ({ email: u.email, name: u.name, passwordHash, createdAt: since })))
      .returning({ id: users.id, email: users.email });
    const userId = (email: string) => {
      const found = inserted.find((u) => u.email === email);
      if (!found) throw new Error(`demo seed: user ${email} was not inserted`);
      return found.id;
    };
    await tx
      .insert(memberships)
      .values(
        DEMO_USERS.map((u) => ({ companyId, userId: userId(u.email), role: u.role, createdAt: since })),
      );

    const teamRows = await tx
      .insert(teams)
      .values(
        DEMO_TEAMS.map((t) => {
          const manager = DEMO_USERS.find((u) => u.role === "manager" && u.team === t.key);
          return { ...t, companyId, managerId: manager ? userId(manager.email) : null, createdAt: since };
        }),
      )
      .returning({ id: teams.id, key: teams.key, managerId: teams.managerId });
    const teamIdOf = (key: string) => {
      const team = teamRows.find((t) => t.key === key);
      if (!team) throw new Error(`demo seed: team ${key} was not inserted`);
      return team.id;
    };
    // Managers are members of the team they manage too, so "my team" reads the same for everyone.
    await tx
      .insert(teamMembers)
      .values(
        DEMO_USERS.flatMap((u) =>
          u.team ? [{ companyId, teamId: teamIdOf(u.team), userId: userId(u.email) }] : [],
        ),
      );

    const adminId = userId(DEMO_USERS.find((u) => u.role === "admin")!.email);
    const [pipeline] = await tx
      .insert(pipelines)
      .values({
        companyId,
        key: "newBusiness",
        name: { zh: "新客户", en: "New business" },
        isDefault: true,
        createdAt: since,
      })
      .returning({ id: pipelines.id });
    if (!pipeline) throw new Error("demo seed: pipeline insert returned nothing");
    const [version] = await tx
      .insert(pipelineVersions)
      .values({
        companyId,
        pipelineId: pipeline.id,
        number: 1,
        status: "published",
        definition: defaultProcess,
        machine: { machine: compiled.machine, delays: compiled.delays },
        hash: compiled.hash,
        createdBy: adminId,
        createdAt: since,
        publishedAt: since,
      })
      .returning({ id: pipelineVersions.id });
    if (!version) throw new Error("demo seed: pipeline version insert returned nothing");

    const generated = generateDemoDeals(program, {
      now,
      count: dealCount,
      seed: DEMO_SEED,
      teams: teamRows.map((t) => ({ key: t.key!, id: t.id, managerId: t.managerId! })),
      reps: DEMO_USERS.filter((u) => u.role === "rep" && u.team).map((u) => ({
        id: userId(u.email),
        teamKey: u.team!,
      })),
    });

    const dealRows = generated.map(({ events: _events, refusals: _refusals, ...deal }) => ({
      ...deal,
      companyId,
      id: randomUUID(),
      pipelineId: pipeline.id,
      pipelineVersionId: version.id,
      currency: "CNY",
      createdBy: deal.ownerId,
    }));
    const eventRows = generated.flatMap((deal, i) =>
      deal.events.map(({ path: _path, ...e }) => ({
        ...e,
        companyId,
        dealId: dealRows[i]!.id,
        pipelineVersionId: version.id,
        changes: Object.keys(e.changes).length > 0 ? e.changes : null,
      })),
    );
    await insertInBatches(dealRows, (batch) => tx.insert(deals).values(batch));
    await insertInBatches(eventRows, (batch) => tx.insert(dealEvents).values(batch));
    // Attempts the engine refused on the way (the Adoption tab's refusals), as the shell logs them.
    const refusalRows = generated.flatMap((deal, i) =>
      deal.refusals.map((x) => ({
        ...x,
        companyId,
        dealId: dealRows[i]!.id,
        pipelineId: pipeline.id,
        pipelineVersionId: version.id,
        reasonCodes: [...new Set(x.reasons.map(refusalCode))],
      })),
    );
    await insertInBatches(refusalRows, (batch) => tx.insert(actionRefusals).values(batch));
    // The targets the default process steers by (docs: default-process.md §5), this quarter.
    const quarter = { periodKind: "quarter", periodStart: periodStartOf("quarter", now) };
    const base = { companyId, pipelineId: pipeline.id, createdBy: adminId, updatedBy: adminId, ...quarter };
    await tx.insert(targets).values([
      { ...base, scope: "team", teamId: teamIdOf("east"), metric: "wonAmount", value: 3_000_000 },
      { ...base, scope: "team", teamId: teamIdOf("north"), metric: "wonAmount", value: 2_000_000 },
      { ...base, scope: "company", metric: "conversion", fromStage: "lead", toStage: "analysis", value: 0.3 },
      { ...base, scope: "company", metric: "conversion", fromStage: "proposal", toStage: "won", value: 0.35 },
    ]);
    return { companyId };
  });
}
