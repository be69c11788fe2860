import { performance } from "node:perf_hooks";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { memberships, users } from "@/lib/server/db/schema";
import { createCaller } from "@/lib/server/api/root";
import { createContextInner } from "@/lib/server/api/context";
import { runImport } from "@/lib/server/imports/run-import";
import type { ImportMapping } from "@/lib/import/mapping";

type Print = (name: string, value: number, unit: string) => void;

const STAGES = ["线索", "初步接触", "需求分析", "方案制定", "商务谈判", "赢单", "输单"];
const INDUSTRIES = ["制造", "零售", "金融", "教育", "医疗", "互联网", "政府"];
const REGIONS = ["华东", "华北", "华南", "西部"];
const SOURCES = ["转介绍", "官网", "展会", "电话拜访", "合作伙伴"];

/** A CSV like an old CRM's export: ids, names, amounts in 万, stages (a third closed, with dates), owners. */
export function benchCsv(rows: number, owners: string[], prefix = "BENCH"): Uint8Array {
  const lines = [
    "外部编号,商机名称,客户名称,预计金额,阶段,负责人,行业,区域,来源,预计成交日期,创建日期,关闭日期",
  ];
  for (let i = 0; i < rows; i++) {
    const stage = STAGES[i % STAGES.length]!;
    const closed = stage === "赢单" || stage === "输单";
    const day = (offset: number) => {
      const d = new Date(Date.UTC(2024, 0, 1) + (((i * 7) % 400) + offset) * 86_400_000);
      return `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
    };
    lines.push(
      [
        `${prefix}-${i + 1}`,
        `项目 ${i + 1}`,
        `客户 ${i % 3000}`,
        `${(1 + (i % 90)) / 10}万`,
        stage,
        owners[i % owners.length],
        INDUSTRIES[i % INDUSTRIES.length],
        REGIONS[i % REGIONS.length],
        SOURCES[i % SOURCES.length],
        closed ? "" : "2026-12-31",
        day(0),
        closed ? day(30) : "",
      ].join(","),
    );
  }
  return new TextEncoder().encode(lines.join("\n") + "\n");
}

/**
 * import_10k_rows_ms: an admin imports 10,000 rows (new deals, a third won or lost with their
 * history) through the job's runner, its chunks, transactions and progress included; the dry run
 * of the same file; and import_100k_rows_s (the goal: ≤ 60 s; BENCH_IMPORT_100K=0 leaves it out).
 */
export async function benchImport(
  db: Db,
  companyId: string,
  print: Print,
  options: { big?: boolean; rows?: number } = {},
) {
  const [admin] = await db
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.companyId, companyId), eq(memberships.role, "admin")))
    .limit(1);
  const reps = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.companyId, companyId), eq(memberships.role, "rep")));
  const caller = createCaller(createContextInner({ db, userId: admin!.id, requestedCompanyId: companyId }));
  const [pipeline] = (await caller.pipelines.list()).filter((p) => p.isDefault);

  async function once(rows: number, prefix: string) {
    const { importId } = await caller.imports.create({
      pipelineId: pipeline!.id,
      fileName: `${prefix}.csv`,
      bytes: benchCsv(
        rows,
        reps.map((r) => r.email),
        prefix,
      ),
    });
    const opened = await caller.imports.get({ importId });
    const columns = opened.suggestions.map((s) => s?.target ?? null);
    const values: ImportMapping["values"] = {};
    for (const g of await caller.imports.analyze({ importId, columns }))
      values[g.target] = Object.fromEntries(
        g.values.filter((v) => v.suggestion).map((v) => [v.key, v.suggestion!.value]),
      );
    const mapping: ImportMapping = { columns, values, dateOrder: "mdy", currency: "CNY" };
    let started = performance.now();
    const dry = await caller.imports.dryRun({ importId, mapping });
    const dryMs = performance.now() - started;
    if (dry.failed) throw new Error(`bench import: ${dry.failed} rows would fail`);
    await caller.imports.start({ importId, mapping });
    started = performance.now();
    const result = await runImport(db, { companyId, importId });
    const ms = performance.now() - started;
    const progress = await caller.imports.progress({ importId });
    if (result !== "done" || progress.created !== rows)
      throw new Error(`bench import: ${result}, ${progress.created} created`);
    return { ms, dryMs };
  }

  const rows = options.rows ?? 10_000;
  const small = await once(rows, "BENCH10K");
  print("import_10k_rows_ms", small.ms, "ms");
  print("import_rows_per_s", rows / (small.ms / 1000), "rows/s");
  print("import_dry_run_10k_rows_ms", small.dryMs, "ms");
  if (options.big) {
    const big = await once(100_000, "BENCH100K");
    print("import_100k_rows_s", big.ms / 1000, "s");
  }
}
