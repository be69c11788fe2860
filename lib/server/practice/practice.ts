import "server-only";
import { and, asc, count, desc, eq, max } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import {
  memberships,
  pipelines,
  pipelineVersions,
  practiceDeals,
  users,
  type PracticeEntry,
} from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { compile, hasErrors } from "@/workflows/compiler";
import type { LocalizedText } from "@/workflows/definition/schema";
import { validateValues } from "@/workflows/definition/validate-values";
import type { DealValues } from "@/workflows/rules";
import {
  availableActions,
  createProgram,
  start,
  step,
  type Actor,
  type PersistedSnapshot,
  type Program,
  type ShellEffect,
} from "@/workflows/runtime";

/*
 * Practice mode (练习模式). A practice deal runs on the same pure runtime as a real one — the same
 * guards, refusals, decisions, approvals and time limits — but everything the shell would do to
 * the world is written down in the practice deal's own history instead ("would notify the
 * owner"), and nothing else is written: no deal, event, notification, timer job or webhook.
 * Approvals are decided by the one practising. Time limits fire when the practice clock is moved
 * ahead.
 */

const DAY_MS = 86_400_000;
const MAX_PER_USER = 50;

// Drafts change while being edited: their programs are cached by version and revision.
const draftPrograms = new Map<string, Program>();

async function versionFor(db: Db, companyId: string, versionId: string) {
  const [row] = await db
    .select({
      id: pipelineVersions.id,
      number: pipelineVersions.number,
      status: pipelineVersions.status,
      revision: pipelineVersions.revision,
      definition: pipelineVersions.definition,
      pipelineId: pipelineVersions.pipelineId,
      pipelineName: pipelines.name,
    })
    .from(pipelineVersions)
    .innerJoin(
      pipelines,
      and(eq(pipelines.companyId, pipelineVersions.companyId), eq(pipelines.id, pipelineVersions.pipelineId)),
    )
    .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.id, versionId)));
  if (!row) throw appError("NOT_FOUND", "versionNotFound");
  let program: Program;
  if (row.status !== "draft") program = await loadProgram(db, companyId, versionId);
  else {
    const key = `${companyId}:${versionId}:${row.revision}`;
    const cached = draftPrograms.get(key);
    if (cached) program = cached;
    else {
      const compiled = compile(row.definition);
      if (hasErrors(compiled)) {
        const errors = compiled.diagnostics.filter((d) => d.severity === "error").length;
        throw appError("BAD_REQUEST", "practiceHasErrors", { count: errors });
      }
      program = createProgram(row.definition, compiled);
      if (draftPrograms.size > 200) draftPrograms.delete(draftPrograms.keys().next().value!);
      draftPrograms.set(key, program);
    }
  }
  const { definition: _d, revision: _r, ...version } = row;
  return { version, program };
}

/** In practice the one practising decides approvals too. */
const practiser = (userId: string): Actor => ({ id: userId, role: "admin", managesDealTeam: true });

const NOTE = {
  notifyOwner: {
    zh: "真实商机会通知负责人(练习中不发送)",
    en: "A real deal would notify its owner (not sent in practice)",
  },
  notifyManager: {
    zh: "真实商机会通知团队经理(练习中不发送)",
    en: "A real deal would notify the team manager (not sent in practice)",
  },
  escalate: {
    zh: "真实商机会上报经理(练习中不发送)",
    en: "A real deal would escalate to the manager (not sent in practice)",
  },
  assign: { zh: "真实商机会按规则重新分配负责人", en: "A real deal would be reassigned by the owner rule" },
  approval: {
    zh: "等待审批:练习中由您自己决定",
    en: "Waiting for approval: in practice you decide it yourself",
  },
} satisfies Record<string, LocalizedText>;

type Outcome = {
  values: DealValues;
  changes: Record<string, { from: unknown; to: unknown }>;
  notes: LocalizedText[];
  timers: { event: string; delayMs: number }[];
  followUps: string[];
};

/** What the shell would do, done to the practice deal or written down. */
function performInPractice(effects: ShellEffect[], values: DealValues): Outcome {
  const out: Outcome = { values: { ...values }, changes: {}, notes: [], timers: [], followUps: [] };
  for (const effect of effects) {
    switch (effect.kind) {
      case "setField":
        out.changes[effect.field] = { from: out.values[effect.field] ?? null, to: effect.value };
        if (effect.value === null) delete out.values[effect.field];
        else out.values[effect.field] = effect.value;
        break;
      case "notify":
        out.notes.push(effect.to === "owner" ? NOTE.notifyOwner : NOTE.notifyManager);
        break;
      case "notifyOwner":
        out.notes.push(NOTE.notifyOwner);
        break;
      case "escalateToManager":
        out.notes.push(NOTE.escalate);
        break;
      case "assignOwner":
        out.notes.push(NOTE.assign);
        break;
      case "requestApproval":
        out.notes.push(NOTE.approval);
        break;
      case "scheduleTimer":
        out.timers.push({ event: effect.event, delayMs: effect.delayMs });
        break;
      case "timeLimitMove":
        out.followUps.push(effect.action);
        break;
      case "cancelTimer":
        break;
    }
  }
  return out;
}

type PracticeRow = typeof practiceDeals.$inferSelect;

async function rowOf(db: Db, companyId: string, userId: string, id: string) {
  const [row] = await db
    .select()
    .from(practiceDeals)
    .where(
      and(eq(practiceDeals.companyId, companyId), eq(practiceDeals.id, id), eq(practiceDeals.userId, userId)),
    );
  if (!row) throw appError("NOT_FOUND", "practiceNotFound");
  return row;
}

/** Writes the next state of a practice deal if nobody changed it meanwhile. */
async function save(db: Db, row: PracticeRow, expectedVersion: number, next: Partial<PracticeRow>) {
  const [saved] = await db
    .update(practiceDeals)
    .set({ ...next, version: row.version + 1, updatedAt: new Date() })
    .where(
      and(
        eq(practiceDeals.companyId, row.companyId),
        eq(practiceDeals.id, row.id),
        eq(practiceDeals.version, expectedVersion),
      ),
    )
    .returning({ id: practiceDeals.id, version: practiceDeals.version });
  if (!saved) throw appError("CONFLICT", "practiceChanged");
  return saved;
}

const clockOf = (row: Pick<PracticeRow, "skippedDays">, now: Date) =>
  new Date(now.getTime() + row.skippedDays * DAY_MS);

/** Pipelines and every version one may practise on (drafts included), newest first. */
export async function practiceVersions(db: Db, companyId: string) {
  return db
    .select({
      id: pipelineVersions.id,
      number: pipelineVersions.number,
      status: pipelineVersions.status,
      pipelineId: pipelines.id,
      pipelineName: pipelines.name,
    })
    .from(pipelineVersions)
    .innerJoin(
      pipelines,
      and(eq(pipelines.companyId, pipelineVersions.companyId), eq(pipelines.id, pipelineVersions.pipelineId)),
    )
    .where(eq(pipelineVersions.companyId, companyId))
    .orderBy(asc(pipelines.createdAt), desc(pipelineVersions.number));
}

/** The user's own practice deals, last changed first. */
export async function myPractice(db: Db, companyId: string, userId: string) {
  return db
    .select({
      id: practiceDeals.id,
      title: practiceDeals.title,
      stage: practiceDeals.stage,
      updatedAt: practiceDeals.updatedAt,
      versionId: pipelineVersions.id,
      versionNumber: pipelineVersions.number,
      versionStatus: pipelineVersions.status,
      pipelineName: pipelines.name,
      definition: pipelineVersions.definition,
    })
    .from(practiceDeals)
    .innerJoin(
      pipelineVersions,
      and(
        eq(pipelineVersions.companyId, practiceDeals.companyId),
        eq(pipelineVersions.id, practiceDeals.pipelineVersionId),
      ),
    )
    .innerJoin(
      pipelines,
      and(eq(pipelines.companyId, pipelineVersions.companyId), eq(pipelines.id, pipelineVersions.pipelineId)),
    )
    .where(and(eq(practiceDeals.companyId, companyId), eq(practiceDeals.userId, userId)))
    .orderBy(desc(practiceDeals.updatedAt))
    .then((rows) =>
      rows.map(({ definition, ...r }) => {
        const node = definition.nodes.find((n) => n.data.key === r.stage);
        return {
          ...r,
          stageName: node?.data.name ?? { zh: r.stage, en: r.stage },
          outcome: node?.data.kind === "stage" ? node.data.outcome : ("open" as const),
        };
      }),
    );
}

/** Every member with how many practice deals they have: what a trainer resets. */
export async function practiceByMember(db: Db, companyId: string) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      deals: count(practiceDeals.id),
      lastPractised: max(practiceDeals.updatedAt),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      practiceDeals,
      and(eq(practiceDeals.companyId, memberships.companyId), eq(practiceDeals.userId, memberships.userId)),
    )
    .where(and(eq(memberships.companyId, companyId), eq(memberships.status, "active")))
    .groupBy(users.id, users.name, users.email, memberships.role)
    .orderBy(desc(count(practiceDeals.id)), asc(users.name));
}

export async function createPractice(
  db: Db,
  companyId: string,
  userId: string,
  input: { versionId: string; title: string; account: string },
  now = new Date(),
) {
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(practiceDeals)
    .where(and(eq(practiceDeals.companyId, companyId), eq(practiceDeals.userId, userId)));
  if (n >= MAX_PER_USER) throw appError("BAD_REQUEST", "practiceTooMany", { max: MAX_PER_USER });
  const { program } = await versionFor(db, companyId, input.versionId);
  const values: DealValues = { title: input.title, account: input.account };
  const started = start(program, { values, now });
  const outcome = performInPractice(started.effects, values);
  const entry: PracticeEntry = {
    at: now.toISOString(),
    kind: "created",
    to: started.to,
    notes: outcome.notes,
    timers: outcome.timers,
  };
  const [row] = await db
    .insert(practiceDeals)
    .values({
      companyId,
      userId,
      pipelineVersionId: input.versionId,
      title: input.title,
      stage: started.to,
      snapshot: started.snapshot,
      values: outcome.values,
      stageEnteredAt: now,
      history: [entry],
    })
    .returning({ id: practiceDeals.id });
  return { id: row!.id };
}

/** A practice deal as its page shows it: the stage, the fields, every action with its reasons. */
export async function getPractice(db: Db, companyId: string, userId: string, id: string, now = new Date()) {
  const row = await rowOf(db, companyId, userId, id);
  const { version, program } = await versionFor(db, companyId, row.pipelineVersionId);
  const clock = clockOf(row, now);
  const node = program.definition.nodes.find((n) => n.data.key === row.stage);
  const stage = node?.data.kind === "stage" ? node.data : null;
  const limitDays = stage?.timeLimit?.days ?? null;
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    stage: row.stage,
    values: row.values,
    checked: row.checklist[row.stage] ?? [],
    skippedDays: row.skippedDays,
    clock: clock.toISOString(),
    stageEnteredAt: row.stageEnteredAt.toISOString(),
    timeLimit:
      limitDays === null
        ? null
        : { days: limitDays, due: new Date(row.stageEnteredAt.getTime() + limitDays * DAY_MS).toISOString() },
    pipelineVersion: version,
    definition: program.definition,
    actions: availableActions(program, {
      stage: row.stage,
      values: row.values,
      actor: practiser(userId),
      now: clock,
      checked: row.checklist[row.stage] ?? [],
    }),
    history: [...row.history].reverse(),
  };
}

/** Runs one action (and any time-limit follow-up) on a practice deal, exactly as on a real one. */
export async function actPractice(
  db: Db,
  companyId: string,
  userId: string,
  input: { id: string; expectedVersion: number; action: string; changes?: DealValues; checked?: string[] },
  now = new Date(),
) {
  const row = await rowOf(db, companyId, userId, input.id);
  if (row.version !== input.expectedVersion) throw appError("CONFLICT", "practiceChanged");
  const { program } = await versionFor(db, companyId, row.pipelineVersionId);
  const changes = input.changes ?? {};
  const issues = validateValues(program.fields, changes);
  if (issues.length) throw appError("BAD_REQUEST", "invalidValues", {}, { issues });
  const checklistItems = new Set(
    program.definition.nodes.flatMap((n) =>
      n.data.kind === "stage" && n.data.key === row.stage ? n.data.exitChecklist.map((i) => i.id) : [],
    ),
  );
  const ticked = (input.checked ?? []).filter((i) => checklistItems.has(i));
  const checklist = ticked.length
    ? { ...row.checklist, [row.stage]: [...new Set([...(row.checklist[row.stage] ?? []), ...ticked])] }
    : row.checklist;
  const clock = clockOf(row, now);
  const before = row.values;
  const values: DealValues = { ...before, ...changes };
  const result = step(program, {
    snapshot: row.snapshot as PersistedSnapshot,
    values,
    action: input.action,
    actor: practiser(userId),
    now: clock,
    checked: checklist[row.stage] ?? [],
  });
  const diff = Object.fromEntries(
    Object.entries(changes)
      .filter(([k, v]) => JSON.stringify(before[k] ?? null) !== JSON.stringify(v ?? null))
      .map(([k, v]) => [k, { from: before[k] ?? null, to: v ?? null }]),
  );
  if (!result.ok) {
    // A refusal is worth remembering in practice: it is what the rep is there to learn.
    const entry: PracticeEntry = {
      at: clock.toISOString(),
      kind: "refused",
      action: input.action,
      from: row.stage,
      notes: result.reasons.map((r) => r.message),
    };
    await save(db, row, input.expectedVersion, { history: [...row.history, entry], checklist });
    throw appError("UNPROCESSABLE_CONTENT", "actionRefused", {}, { reasons: result.reasons });
  }
  const outcome = performInPractice(result.effects, values);
  const entry: PracticeEntry = {
    at: clock.toISOString(),
    kind: input.action.startsWith("xstate.after.") ? "timeLimit" : "action",
    action: input.action,
    from: result.from,
    to: result.to,
    changes: { ...diff, ...outcome.changes },
    notes: outcome.notes,
    timers: outcome.timers,
  };
  const moved = result.to !== row.stage;
  let saved = await save(db, row, input.expectedVersion, {
    stage: result.to,
    snapshot: result.snapshot,
    values: outcome.values,
    checklist,
    title: typeof outcome.values.title === "string" ? outcome.values.title : row.title,
    stageEnteredAt: moved ? clock : row.stageEnteredAt,
    history: [...row.history, entry],
  });
  for (const follow of outcome.followUps) {
    saved = await actPractice(
      db,
      companyId,
      userId,
      { id: row.id, expectedVersion: saved.version, action: follow },
      now,
    );
  }
  return saved;
}

/** Edits fields outside an action. */
export async function editPractice(
  db: Db,
  companyId: string,
  userId: string,
  input: { id: string; expectedVersion: number; changes: DealValues },
  now = new Date(),
) {
  const row = await rowOf(db, companyId, userId, input.id);
  const { program } = await versionFor(db, companyId, row.pipelineVersionId);
  const issues = validateValues(program.fields, input.changes);
  if (issues.length) throw appError("BAD_REQUEST", "invalidValues", {}, { issues });
  const values: DealValues = { ...row.values };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(input.changes)) {
    if (JSON.stringify(values[key] ?? null) === JSON.stringify(value ?? null)) continue;
    changes[key] = { from: values[key] ?? null, to: value ?? null };
    if (value === null || value === undefined || value === "") delete values[key];
    else values[key] = value;
  }
  if (Object.keys(changes).length === 0) return { id: row.id, version: row.version };
  return save(db, row, input.expectedVersion, {
    values,
    title: typeof values.title === "string" && values.title ? values.title : row.title,
    history: [...row.history, { at: clockOf(row, now).toISOString(), kind: "edit", changes }],
  });
}

/**
 * Moves the practice clock ahead by `days`. If the stage's time limit passes on the way, its
 * timer event runs through the engine as the time-limit job would run it on a real deal.
 */
export async function skipAhead(
  db: Db,
  companyId: string,
  userId: string,
  input: { id: string; expectedVersion: number; days: number },
  now = new Date(),
) {
  const row = await rowOf(db, companyId, userId, input.id);
  const entry: PracticeEntry = {
    at: new Date(clockOf(row, now).getTime() + input.days * DAY_MS).toISOString(),
    kind: "skip",
    days: input.days,
  };
  let saved = await save(db, row, input.expectedVersion, {
    skippedDays: row.skippedDays + input.days,
    history: [...row.history, entry],
  });
  const clock = clockOf({ skippedDays: row.skippedDays + input.days }, now);
  // The timers the stage's entry started (the last entry that moved the deal here).
  const entered = [...row.history]
    .reverse()
    .find(
      (e) => (e.kind === "created" || e.kind === "action" || e.kind === "timeLimit") && e.to === row.stage,
    );
  const fired = row.history.some(
    (e) => e.kind === "timeLimit" && e.from === row.stage && Date.parse(e.at) >= row.stageEnteredAt.getTime(),
  );
  if (fired) return saved;
  for (const timer of entered?.timers ?? []) {
    if (row.stageEnteredAt.getTime() + timer.delayMs > clock.getTime()) continue;
    saved = await actPractice(
      db,
      companyId,
      userId,
      { id: row.id, expectedVersion: saved.version, action: timer.event },
      now,
    );
  }
  return saved;
}

export async function removePractice(db: Db, companyId: string, userId: string, id: string) {
  const gone = await db
    .delete(practiceDeals)
    .where(
      and(eq(practiceDeals.companyId, companyId), eq(practiceDeals.id, id), eq(practiceDeals.userId, userId)),
    )
    .returning({ id: practiceDeals.id });
  if (!gone.length) throw appError("NOT_FOUND", "practiceNotFound");
  return { removed: 1 };
}

/** A trainer clears one member's practice deals (e.g. before their team's pilot starts). */
export async function resetPractice(db: Db, companyId: string, memberId: string) {
  const [member] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, memberId)));
  if (!member) throw appError("NOT_FOUND", "userNotFound");
  const gone = await db
    .delete(practiceDeals)
    .where(and(eq(practiceDeals.companyId, companyId), eq(practiceDeals.userId, memberId)))
    .returning({ id: practiceDeals.id });
  return { removed: gone.length };
}
