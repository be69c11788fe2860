import { performance } from "node:perf_hooks";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { deals } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { applyAction } from "@/lib/server/deals/apply-action";
import { createDeal } from "@/lib/server/deals/create-deal";
import { compile } from "@/workflows/compiler";
import type { PipelineDefinitionInput } from "@/workflows/definition/schema";
import { PipelineDefinition } from "@/workflows/definition/schema";
import { createProgram, start, step } from "@/workflows/runtime";
import { defaultProcess } from "@/workflows/templates/default-process";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A straight pipeline of `n` open stages, each with a forward action and Close lost. */
export function longPipeline(n: number) {
  const name = (i: number) => ({ zh: `阶段${i}`, en: `Stage ${i}` });
  const nodes: PipelineDefinitionInput["nodes"] = [];
  const edges: PipelineDefinitionInput["edges"] = [];
  for (let i = 0; i < n; i++) {
    nodes.push({
      id: `s${i}`,
      position: { x: i * 260, y: 0 },
      data: {
        kind: "stage",
        key: `s${i}`,
        name: name(i),
        outcome: "open",
        probability: 50,
        timeLimit: { days: 7, then: [{ kind: "notifyOwner" }] },
      },
    });
    edges.push({
      id: `e${i}`,
      source: `s${i}`,
      target: i + 1 < n ? `s${i + 1}` : "won",
      action: { key: "next", name: { zh: "下一步", en: "Next" } },
      condition: { field: "amount", op: "gte", value: i },
    });
    edges.push({
      id: `l${i}`,
      source: `s${i}`,
      target: "lost",
      action: { key: "closeLost", name: { zh: "输单", en: "Close lost" } },
    });
  }
  nodes.push({
    id: "won",
    position: { x: n * 260, y: 0 },
    data: { kind: "stage", key: "won", name: { zh: "赢单", en: "Won" }, outcome: "won", probability: 100 },
  });
  nodes.push({
    id: "lost",
    position: { x: n * 260, y: 200 },
    data: { kind: "stage", key: "lost", name: { zh: "输单", en: "Lost" }, outcome: "lost", probability: 0 },
  });
  return PipelineDefinition.parse({
    schemaVersion: 1,
    name: { zh: "长流程", en: "Long" },
    initialNodeId: "s0",
    fields: [{ key: "amount", name: { zh: "金额", en: "Amount" }, type: "currency" }],
    nodes,
    edges,
  });
}

export function benchCompile(print: (n: string, v: number, u: string) => void) {
  const def = longPipeline(500);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const result = compile(def);
    times.push(performance.now() - t0);
    if (result.diagnostics.some((d) => d.severity === "error"))
      throw new Error("the 500-stage pipeline should compile");
  }
  print("compile_500_stages_ms", median(times), "ms");
}

/** Restore, transition, serialise: what the shell does per action, without the database. */
export function benchRuntime(print: (n: string, v: number, u: string) => void) {
  const program = createProgram(defaultProcess, compile(defaultProcess));
  const now = new Date("2026-11-01T00:00:00Z");
  const values = { title: "T", account: "A", industry: "finance", region: "east", source: "website" };
  const actor = { id: "u", role: "rep" as const };
  const lead = JSON.stringify(start(program, { values, now }).snapshot);
  const n = 30_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const result = step(program, { snapshot: JSON.parse(lead), values, action: "startContact", actor, now });
    if (!result.ok) throw new Error("refused");
    JSON.stringify(result.snapshot);
  }
  print("runtime_steps_per_s", n / ((performance.now() - t0) / 1000), "steps/s");
}

/** Transitions through the shell against real Postgres, 8 clients at once, and the same writes as plain SQL. */
export async function benchDatabase(
  db: Db,
  companyId: string,
  repId: string,
  print: (n: string, v: number, u: string) => void,
) {
  const company: CompanyScope = { id: companyId, name: "bench", role: "rep" };
  const count = 400;
  const created: { id: string }[] = [];
  for (let i = 0; i < count; i++) {
    created.push(
      await createDeal(db, company, repId, {
        values: {
          title: `Bench ${i}`,
          account: "Bench",
          industry: "finance",
          region: "east",
          source: "website",
        },
      }),
    );
  }
  const clients = 8;
  async function runPool(work: (i: number) => Promise<unknown>) {
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < count) await work(next++);
      }),
    );
    return count / ((performance.now() - t0) / 1000);
  }
  const engineRate = await runPool((i) =>
    applyAction(db, company, repId, { dealId: created[i]!.id, expectedVersion: 1, action: "startContact" }),
  );
  print("db_transitions_per_s", engineRate, "transitions/s");

  // The same writes by hand, in plain SQL: lock and version check, the deal row (stage,
  // snapshot, version, stage entry), the event, and the stage timer's job swapped — what the
  // shell writes for an action, without the engine deciding anything.
  const snapshot = JSON.stringify({
    status: "active",
    value: "closedByHand",
    historyValue: {},
    context: {},
    children: {},
  });
  const plainRate = await runPool((i) =>
    db.transaction(async (tx) => {
      const id = created[i]!.id;
      const [d] = await tx
        .select()
        .from(deals)
        .where(and(eq(deals.companyId, companyId), eq(deals.id, id)))
        .for("update");
      if (!d || d.version !== 2) throw new Error("unexpected version");
      const now = new Date().toISOString();
      await tx.execute(sql`update deals set stage = 'analysis', snapshot = ${snapshot}::jsonb, version = version + 1,
        stage_entered_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
        where company_id = ${companyId} and id = ${id}`);
      await tx.execute(sql`insert into deal_events (company_id, deal_id, type, action, from_stage, to_stage, actor_id,
        pipeline_version_id, changes, at) values (${companyId}, ${id}, 'action', 'byHand', ${d.stage}, 'analysis',
        ${repId}, ${d.pipelineVersionId}, '{}'::jsonb, ${now}::timestamptz)`);
      await tx.execute(sql`select graphile_worker.remove_job(${`timeLimit:${companyId}:${id}:contact`}),
        graphile_worker.add_job('timeLimit', '{}'::json, run_at := now() + interval '14 days',
          job_key := ${`timeLimit:${companyId}:${id}:analysis`})`);
    }),
  );
  print("db_plain_sql_writes_per_s", plainRate, "transitions/s");
  print("db_transition_vs_plain_sql", engineRate / plainRate, "ratio");
}
