import { and, asc, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { memberships, pipelines, pipelineVersions, teamMembers, teams, users } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { stagesOf } from "@/lib/server/pipelines/list";
import type { StageInfo } from "@/lib/import/convert-row";
import type { ImportMapping } from "@/lib/import/mapping";
import type { ValueCandidate } from "@/lib/import/suggest-values";
import { importTargets, type ImportTarget } from "@/lib/import/targets";
import type { FieldDef, LocalizedText } from "@/workflows/definition/schema";
import type { Program } from "@/workflows/runtime";

export type ImportPerson = { id: string; name: string; email: string };

/** Everything a pipeline's import checks rows against: fields, stages, people. */
export type ImportSetup = {
  company: CompanyScope;
  pipelineId: string;
  pipelineName: LocalizedText;
  pipelineNames: Map<string, LocalizedText>;
  versionId: string;
  program: Program;
  fields: FieldDef[];
  targets: ImportTarget[];
  stages: StageInfo[];
  /** Active members (a user field may name any of them). */
  people: ImportPerson[];
  /** Who the importer may make a deal's owner; null: anyone active (an admin). */
  owners: Set<string> | null;
};

/**
 * The members a manager may give imported deals to: themselves and the members of the teams they
 * manage (so every deal they import is one they see). Admins may give deals to anyone active.
 */
async function allowedOwners(
  db: Db | Tx,
  company: CompanyScope,
  userId: string,
): Promise<Set<string> | null> {
  if (company.role === "admin") return null;
  const rows = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.companyId, teamMembers.companyId), eq(teams.id, teamMembers.teamId)))
    .where(and(eq(teamMembers.companyId, company.id), eq(teams.managerId, userId)));
  return new Set([userId, ...rows.map((r) => r.userId)]);
}

export async function loadSetup(
  db: Db | Tx,
  company: CompanyScope,
  userId: string,
  pipelineId: string,
): Promise<ImportSetup> {
  const all = await db
    .select({ id: pipelines.id, name: pipelines.name })
    .from(pipelines)
    .where(eq(pipelines.companyId, company.id));
  const pipeline = all.find((p) => p.id === pipelineId);
  if (!pipeline) throw appError("NOT_FOUND", "pipelineNotFound");
  const [version] = await db
    .select({ id: pipelineVersions.id })
    .from(pipelineVersions)
    .where(
      and(
        eq(pipelineVersions.companyId, company.id),
        eq(pipelineVersions.pipelineId, pipelineId),
        eq(pipelineVersions.status, "published"),
      ),
    )
    .orderBy(desc(pipelineVersions.number))
    .limit(1);
  if (!version) throw appError("BAD_REQUEST", "importPipelineNotPublished");
  const program = await loadProgram(db, company.id, version.id);
  const [people, owners] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.companyId, company.id), eq(memberships.status, "active")))
      .orderBy(asc(users.name)),
    allowedOwners(db, company, userId),
  ]);
  return {
    company,
    pipelineId,
    pipelineName: pipeline.name,
    pipelineNames: new Map(all.map((p) => [p.id, p.name])),
    versionId: version.id,
    program,
    fields: program.fields,
    targets: importTargets(program.fields),
    stages: stagesOf(program.definition).map(({ key, name, outcome }) => ({ key, name, outcome })),
    people,
    owners: owners && new Set(people.filter((p) => owners.has(p.id)).map((p) => p.id)),
  };
}

/** What a value of a target may stand for: stages, owners, options or members, with their names. */
export function valueCandidates(setup: ImportSetup, target: ImportTarget): ValueCandidate[] {
  const person = (p: ImportPerson) => ({ value: p.id, names: [p.email, p.name] });
  if (target.kind === "stage")
    return setup.stages.map((s) => ({ value: s.key, names: [s.key, s.name.zh, s.name.en] }));
  if (target.kind === "owner")
    return setup.people.filter((p) => !setup.owners || setup.owners.has(p.id)).map(person);
  const field = target.field;
  if (field?.type === "user") return setup.people.map(person);
  return (field?.options ?? []).map((o) => ({ value: o.value, names: [o.value, o.label.zh, o.label.en] }));
}

/**
 * Refuses a mapping that does not fit the sheet and the pipeline: a column count that differs, a
 * target the pipeline lacks or given twice, a value mapped to something that is not a choice.
 */
export function checkMapping(setup: ImportSetup, headers: string[], mapping: ImportMapping): void {
  if (mapping.columns.length !== headers.length) throw appError("BAD_REQUEST", "importMappingInvalid");
  const targets = new Map(setup.targets.map((t) => [t.key, t]));
  const seen = new Set<string>();
  for (const key of mapping.columns) {
    if (!key) continue;
    const target = targets.get(key);
    if (!target) throw appError("BAD_REQUEST", "importMappingInvalid");
    if (seen.has(key)) throw appError("BAD_REQUEST", "importTargetTwice");
    seen.add(key);
  }
  for (const [key, map] of Object.entries(mapping.values)) {
    const target = targets.get(key);
    if (!target?.mapsValues) throw appError("BAD_REQUEST", "importMappingInvalid");
    const allowed = new Set(valueCandidates(setup, target).map((c) => c.value));
    for (const value of Object.values(map))
      if (value !== null && !allowed.has(value)) throw appError("BAD_REQUEST", "importMappingInvalid");
  }
}
