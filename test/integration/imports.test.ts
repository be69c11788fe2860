import { readFileSync } from "node:fs";
import path from "node:path";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { dealEvents, deals, importErrors, imports, memberships, users } from "@/lib/server/db/schema";
import { errorReportCsv } from "@/lib/server/imports/error-report";
import { runImport } from "@/lib/server/imports/run-import";
import { startWorker } from "@/lib/server/jobs/worker";
import type { ImportMapping } from "@/lib/import/mapping";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

const t = setupTestDatabase();
let a: TestCompany;
let b: TestCompany;
const fixture = (name: string) =>
  readFileSync(path.resolve(import.meta.dirname, "../fixtures/imports", name));
const utf8 = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
  a = await makeCompany(t.db, "Imports");
  b = await makeCompany(t.db, "Other");
});

type Caller = ReturnType<typeof callerFor>;
const admin = () => callerFor(t.db, a.users.admin.id, a.id);

/** Uploads a file and takes every suggestion the wizard would show (near misses confirmed too). */
async function prepare(caller: Caller, bytes: Uint8Array, fileName = "deals.csv", company = a) {
  const { importId } = await caller.imports.create({ pipelineId: company.pipelineId, fileName, bytes });
  const opened = await caller.imports.get({ importId });
  const columns = opened.suggestions.map((s) => s?.target ?? null);
  const groups = await caller.imports.analyze({ importId, columns });
  const values: ImportMapping["values"] = {};
  for (const g of groups) {
    values[g.target] = {};
    for (const v of g.values) if (v.suggestion) values[g.target]![v.key] = v.suggestion.value;
  }
  const mapping: ImportMapping = { columns, values, dateOrder: "mdy", currency: "CNY" };
  return { importId, opened, groups, mapping };
}

const dealCount = async (companyId = a.id) =>
  (await t.db.select({ n: count() }).from(deals).where(eq(deals.companyId, companyId)))[0]!.n;
const eventCount = async () =>
  (await t.db.select({ n: count() }).from(dealEvents).where(eq(dealEvents.companyId, a.id)))[0]!.n;
const byExternalId = async (externalId: string, companyId = a.id) =>
  (
    await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, companyId), eq(deals.externalId, externalId)))
  )[0];

/** Starts the import and runs its job to the end in this process (the worker's task does the same). */
async function runToEnd(caller: Caller, importId: string, mapping: ImportMapping, company = a) {
  await caller.imports.start({ importId, mapping });
  expect(await runImport(t.db, { companyId: company.id, importId })).toBe("done");
  return caller.imports.progress({ importId });
}

describe("importing a dirty GBK file", () => {
  let prepared: Awaited<ReturnType<typeof prepare>>;

  beforeAll(async () => {
    prepared = await prepare(admin(), fixture("dirty-gbk.csv"), "dirty.csv");
  });

  it("should read the GBK file and suggest a target for every column", () => {
    const { opened } = prepared;
    expect(opened.import.encoding).toBe("gb18030");
    expect(opened.import.headers[1]).toBe("商机名称");
    expect(opened.import.rowCount).toBe(11);
    expect(opened.suggestions.map((s) => s?.target)).toEqual([
      "@externalId",
      "title",
      "account",
      "amount",
      "@stage",
      "@owner",
      "industry",
      "region",
      "source",
      "expectedClose",
      "@createdAt",
      "@closedAt",
    ]);
  });

  it("should list each column's values with suggestions, near misses marked for confirmation", () => {
    const industry = prepared.groups.find((g) => g.target === "industry")!;
    const of = (raw: string) => industry.values.find((v) => v.raw === raw)?.suggestion;
    expect(of("制造")).toEqual({ value: "manufacturing", confidence: "exact" });
    expect(of("金融业")).toEqual({ value: "finance", confidence: "near" });
    expect(of("航天")).toBeNull();
    const owner = prepared.groups.find((g) => g.target === "@owner")!;
    expect(owner.values.find((v) => v.raw === "rep@imports.test")?.suggestion).toEqual({
      value: a.users.rep.id,
      confidence: "exact",
    });
  });

  it("should dry run every row, list each failing row and why, and write nothing", async () => {
    const before = { deals: await dealCount(), events: await eventCount() };
    const result = await admin().imports.dryRun({ importId: prepared.importId, mapping: prepared.mapping });
    expect({
      rows: result.rows,
      creates: result.creates,
      updates: result.updates,
      failed: result.failed,
    }).toEqual({
      rows: 11,
      creates: 5,
      updates: 0,
      failed: 6,
    });
    expect(result.errors.map((e) => [e.row, e.header, e.code])).toEqual([
      [5, "预计金额", "amountNegative"],
      [7, "预计成交日期", "dateInvalid"],
      [8, "外部编号", "duplicateExternalId"],
      [9, "商机名称", "required"],
      [9, "客户名称", "required"],
      [10, "阶段", "closedAtRequired"],
      [11, "行业", "valueUnmapped"],
    ]);
    expect(result.errors[2]!.values).toEqual({ row: 2 });
    expect({ deals: await dealCount(), events: await eventCount() }).toEqual(before);
    const [record] = await t.db
      .select({ status: imports.status })
      .from(imports)
      .where(eq(imports.id, prepared.importId));
    expect(record!.status).toBe("draft");
  });

  it("should import the good rows, record the bad ones, and never half-import a row", async () => {
    const before = await dealCount();
    const progress = await runToEnd(admin(), prepared.importId, prepared.mapping);
    expect(progress).toMatchObject({
      status: "done",
      processed: 11,
      total: 11,
      created: 5,
      updated: 0,
      failed: 6,
    });
    expect(await dealCount()).toBe(before + 5);
    for (const id of ["CRM-004", "CRM-006", "CRM-007", "CRM-008", "CRM-009"])
      expect([id, await byExternalId(id)]).toEqual([id, undefined]);
    const erp = await byExternalId("CRM-001");
    expect(erp).toMatchObject({
      title: "ERP 升级",
      account: "华为技术",
      amount: 1_200_000,
      stage: "negotiation",
      ownerId: a.users.rep.id,
    });
    expect(erp!.fields).toMatchObject({
      industry: "manufacturing",
      region: "east",
      source: "referral",
      expectedClose: "2025-06-30",
    });
    expect((await byExternalId("CRM-005"))!.fields.industry).toBe("finance");
    // No owner in the file: the pipeline's assignment rule decided (no team has the region's key here).
    expect((await byExternalId("CRM-010"))!).toMatchObject({ stage: "contact", ownerId: null });
    const stored = await t.db
      .select()
      .from(importErrors)
      .where(eq(importErrors.importId, prepared.importId))
      .orderBy(asc(importErrors.row));
    expect(stored.map((e) => e.row)).toEqual([5, 7, 8, 9, 9, 10, 11]);
  });

  it("should give the error report as a CSV with a BOM, in the reader's language", async () => {
    const { errors } = await admin().imports.errors({ importId: prepared.importId });
    const zh = errorReportCsv(errors, "zh-CN");
    expect(zh.startsWith("\uFEFF行号,列,值,问题\r\n")).toBe(true);
    expect(zh).toContain("5,预计金额,-5000,");
    expect(zh).toMatch(/8,外部编号,CRM-001,.*第 2 行/);
    const en = errorReportCsv(errors, "en");
    expect(en.startsWith("\uFEFFRow,Column,Value,Problem\r\n")).toBe(true);
    expect(en).toMatch(/11,行业,航天,.*not mapped/i);
  });

  it("should give imported won and lost deals their history at the file's dates", async () => {
    const won = (await byExternalId("CRM-002"))!;
    expect(won.stage).toBe("won");
    expect(won.createdAt.toISOString()).toBe("2024-01-03T12:00:00.000Z");
    expect(won.closedAt?.toISOString()).toBe("2024-03-01T12:00:00.000Z");
    const events = await t.db
      .select({
        type: dealEvents.type,
        from: dealEvents.fromStage,
        to: dealEvents.toStage,
        at: dealEvents.at,
        actorId: dealEvents.actorId,
      })
      .from(dealEvents)
      .where(and(eq(dealEvents.companyId, a.id), eq(dealEvents.dealId, won.id)))
      .orderBy(asc(dealEvents.at));
    expect(events.map((e) => [e.type, e.from, e.to, e.at.toISOString()])).toEqual([
      ["created", null, "lead", "2024-01-03T12:00:00.000Z"],
      ["import", "lead", "won", "2024-03-01T12:00:00.000Z"],
    ]);
    expect(events.every((e) => e.actorId === a.users.admin.id)).toBe(true);
    const lost = (await byExternalId("CRM-003"))!;
    expect([lost.stage, lost.createdAt.toISOString(), lost.closedAt?.toISOString()]).toEqual([
      "lost",
      "2024-03-01T12:00:00.000Z",
      "2024-04-15T12:00:00.000Z",
    ]);
    // The won figures count it: the stage summary includes the imported closed deals, and the
    // analytics read model (kept from the events) has them closed on the file's day.
    const byStage = await admin().deals.byStage();
    expect(byStage.find((r) => r.stage === "won")!.count).toBeGreaterThanOrEqual(2);
    const facts = await t.db.execute<{ outcome: string; closed_at: string; created_at: string }>(
      sql`select outcome, closed_at::text, created_at::text from deal_facts where company_id = ${a.id} and deal_id = ${won.id}`,
    );
    expect(
      [...facts].map((f) => [
        f.outcome,
        new Date(f.closed_at).toISOString(),
        new Date(f.created_at).toISOString(),
      ]),
    ).toEqual([["won", "2024-03-01T12:00:00.000Z", "2024-01-03T12:00:00.000Z"]]);
  });

  it("should start an imported open deal's history at the import, keeping the file's creation day", async () => {
    const erp = (await byExternalId("CRM-001"))!;
    expect(erp.createdAt.toISOString()).toBe("2024-01-15T12:00:00.000Z");
    const events = await t.db
      .select({ type: dealEvents.type, to: dealEvents.toStage, at: dealEvents.at })
      .from(dealEvents)
      .where(and(eq(dealEvents.companyId, a.id), eq(dealEvents.dealId, erp.id)))
      .orderBy(asc(dealEvents.id));
    expect(events.map((e) => [e.type, e.to])).toEqual([
      ["created", "lead"],
      ["import", "negotiation"],
    ]);
    // No months-long stay in the first stage is invented: both at the import, as the stage's clock.
    expect(events.every((e) => e.at.getTime() > Date.now() - 600_000)).toBe(true);
    expect(erp.stageEnteredAt.getTime()).toBeGreaterThan(Date.now() - 600_000);
  });

  it("should update the deals a re-import names instead of duplicating them", async () => {
    const before = await dealCount();
    const erpBefore = (await byExternalId("CRM-001"))!;
    const file = utf8(
      "\uFEFF外部编号,商机名称,客户名称,预计金额,阶段\n" +
        'CRM-001,ERP 升级二期,华为技术,"1,500,000",商务谈判\n' +
        "CRM-002,云平台,阿里巴巴,1.2万,赢单\n" +
        "CRM-011,新客户,比亚迪,5万,\n",
    );
    const again = await prepare(admin(), file, "again.csv");
    expect(again.opened.import.encoding).toBe("utf-8-bom");
    const dry = await admin().imports.dryRun({ importId: again.importId, mapping: again.mapping });
    expect([dry.creates, dry.updates, dry.failed]).toEqual([1, 2, 0]);
    expect(await runToEnd(admin(), again.importId, again.mapping)).toMatchObject({
      created: 1,
      updated: 2,
      failed: 0,
    });
    expect(await dealCount()).toBe(before + 1);
    const erp = (await byExternalId("CRM-001"))!;
    expect([erp.id, erp.title, erp.amount, erp.version]).toEqual([
      erpBefore.id,
      "ERP 升级二期",
      1_500_000,
      erpBefore.version + 1,
    ]);
    const [update] = await t.db
      .select({ changes: dealEvents.changes })
      .from(dealEvents)
      .where(and(eq(dealEvents.dealId, erp.id), eq(dealEvents.type, "update")));
    expect(update!.changes).toMatchObject({
      title: { from: "ERP 升级", to: "ERP 升级二期" },
      amount: { from: 1_200_000, to: 1_500_000 },
    });
    expect((await byExternalId("CRM-011"))!.stage).toBe("lead");
  });

  it("should refuse to move a deal that exists when the file names another stage", async () => {
    const file = utf8("外部编号,客户名称,阶段\nCRM-001,华为技术,方案制定\n");
    const p = await prepare(admin(), file);
    const dry = await admin().imports.dryRun({ importId: p.importId, mapping: p.mapping });
    expect(dry.errors.map((e) => [e.code, e.values])).toEqual([
      [
        "stageDiffers",
        { current: { zh: "商务谈判", en: "Negotiation" }, stage: { zh: "方案制定", en: "Proposal" } },
      ],
    ]);
  });
});

describe("an import job", () => {
  const rows = (n: number, prefix: string) =>
    "External ID,Account,Amount,Stage\n" +
    Array.from({ length: n }, (_, i) => `${prefix}-${i + 1},Account ${i + 1},${(i + 1) * 1000},Lead\n`).join(
      "",
    );

  it("should resume after stopping half way and write each row exactly once", async () => {
    const p = await prepare(admin(), utf8(rows(45, "RES")));
    await admin().imports.start({ importId: p.importId, mapping: p.mapping });
    const crash = (n: number) => {
      if (n === 27) throw new Error("worker killed");
    };
    await expect(
      runImport(t.db, { companyId: a.id, importId: p.importId }, { batchSize: 10, beforeRow: crash }),
    ).rejects.toThrow("worker killed");
    // The batch with row 27 (rows 22–31) rolled back whole; the two before it are committed.
    const [mid] = await t.db.select().from(imports).where(eq(imports.id, p.importId));
    expect([mid!.status, mid!.cursor, mid!.created]).toEqual(["running", 20, 20]);
    const written = await t.db
      .select({ n: count() })
      .from(deals)
      .where(and(eq(deals.companyId, a.id)));
    expect(await runImport(t.db, { companyId: a.id, importId: p.importId }, { batchSize: 10 })).toBe("done");
    const ids = await t.db.select({ id: deals.externalId }).from(deals).where(eq(deals.companyId, a.id));
    const res = ids.map((r) => r.id).filter((id) => id?.startsWith("RES-"));
    expect(res).toHaveLength(45);
    expect(new Set(res).size).toBe(45);
    expect((await admin().imports.progress({ importId: p.importId })).created).toBe(45);
    expect(await dealCount()).toBe(written[0]!.n + 25);
  });

  it("should run on the job queue, with progress until done", async () => {
    const p = await prepare(admin(), utf8(rows(30, "Q")));
    await admin().imports.start({ importId: p.importId, mapping: p.mapping });
    expect((await admin().imports.progress({ importId: p.importId })).status).toBe("queued");
    const worker = await startWorker({ connectionString: t.url, db: t.db, pollInterval: 100 });
    try {
      let progress = await admin().imports.progress({ importId: p.importId });
      for (let i = 0; i < 300 && progress.status !== "done"; i++) {
        await new Promise((r) => setTimeout(r, 100));
        progress = await admin().imports.progress({ importId: p.importId });
      }
      expect(progress).toMatchObject({ status: "done", processed: 30, total: 30, created: 30, failed: 0 });
    } finally {
      await worker.stop();
    }
  });

  it("should refuse a second start and stop at the next batch when cancelled", async () => {
    const p = await prepare(admin(), utf8(rows(5, "CAN")));
    await admin().imports.start({ importId: p.importId, mapping: p.mapping });
    await expect(admin().imports.start({ importId: p.importId, mapping: p.mapping })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await admin().imports.cancel({ importId: p.importId });
    expect(await runImport(t.db, { companyId: a.id, importId: p.importId })).toBe("cancelled");
    expect(await byExternalId("CAN-1")).toBeUndefined();
  });
});

describe("who may import", () => {
  it("should let a manager give deals only to themselves and their team", async () => {
    const manager = callerFor(t.db, a.users.manager.id, a.id);
    const file = utf8("外部编号,客户名称,负责人\nMGR-1,甲,rep@imports.test\nMGR-2,乙,admin@imports.test\n");
    const p = await prepare(manager, file);
    const owner = p.groups.find((g) => g.target === "@owner")!;
    expect(owner.candidates.map((c) => c.value).sort()).toEqual([a.users.manager.id, a.users.rep.id].sort());
    // A mapping naming someone outside the team (e.g. from a saved mapping) is refused up front.
    const values = {
      "@owner": { "rep@imports.test": a.users.rep.id, "admin@imports.test": a.users.admin.id },
    };
    await expect(
      manager.imports.dryRun({ importId: p.importId, mapping: { ...p.mapping, values } }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const dry = await manager.imports.dryRun({
      importId: p.importId,
      mapping: {
        ...p.mapping,
        values: { "@owner": { "rep@imports.test": a.users.rep.id, "admin@imports.test": null } },
      },
    });
    expect([dry.creates, dry.failed]).toEqual([2, 0]);
  });

  it("should keep a manager's imports from other managers and show every import to admins", async () => {
    const manager = callerFor(t.db, a.users.manager.id, a.id);
    const { importId } = await manager.imports.create({
      pipelineId: a.pipelineId,
      fileName: "m.csv",
      bytes: utf8("Account\nX\n"),
    });
    const [other] = await t.db
      .insert(users)
      .values({ email: "manager2@imports.test", name: "Second manager" })
      .returning({ id: users.id });
    await t.db.insert(memberships).values({ companyId: a.id, userId: other!.id, role: "manager" });
    await expect(callerFor(t.db, other!.id, a.id).imports.get({ importId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await admin().imports.list()).some((i) => i.id === importId)).toBe(true);
    expect((await callerFor(t.db, other!.id, a.id).imports.list()).some((i) => i.id === importId)).toBe(
      false,
    );
  });

  it("should keep companies apart: another company's import is NOT_FOUND, and external ids are per company", async () => {
    const p = await prepare(admin(), utf8("External ID,Account\nSHARED-1,A's account\n"));
    const other = callerFor(t.db, b.users.admin.id, b.id);
    for (const call of [
      () => other.imports.get({ importId: p.importId }),
      () => other.imports.analyze({ importId: p.importId, columns: p.mapping.columns }),
      () => other.imports.dryRun({ importId: p.importId, mapping: p.mapping }),
      () => other.imports.start({ importId: p.importId, mapping: p.mapping }),
      () => other.imports.progress({ importId: p.importId }),
      () => other.imports.errors({ importId: p.importId }),
      () => other.imports.cancel({ importId: p.importId }),
    ])
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Uploading into A's pipeline from B: the pipeline is not B's.
    await expect(
      other.imports.create({ pipelineId: a.pipelineId, fileName: "x.csv", bytes: utf8("Account\nX\n") }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await runToEnd(admin(), p.importId, p.mapping);
    const q = await prepare(other, utf8("External ID,Account\nSHARED-1,B's account\n"), "b.csv", b);
    expect(await runToEnd(other, q.importId, q.mapping, b)).toMatchObject({ created: 1, updated: 0 });
    expect((await byExternalId("SHARED-1", a.id))!.account).toBe("A's account");
    expect((await byExternalId("SHARED-1", b.id))!.account).toBe("B's account");
  });
});

describe("saved mappings", () => {
  it("should save, reuse, and refuse a stale or duplicate save", async () => {
    const caller = admin();
    const preset = {
      columns: { 客户名称: "account" },
      values: {},
      dateOrder: "mdy" as const,
      currency: "CNY" as const,
    };
    const saved = await caller.imports.saveMapping({ name: "老 CRM 导出", preset });
    expect((await caller.imports.mappings()).map((m) => m.name)).toContain("老 CRM 导出");
    const next = await caller.imports.saveMapping({
      name: "老 CRM 导出",
      preset,
      mappingId: saved.id,
      expectedVersion: 1,
    });
    expect(next.version).toBe(2);
    await expect(
      caller.imports.saveMapping({ name: "老 CRM 导出", preset, mappingId: saved.id, expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(caller.imports.saveMapping({ name: "老 CRM 导出", preset })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      callerFor(t.db, b.users.admin.id, b.id).imports.deleteMapping({ mappingId: saved.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await caller.imports.deleteMapping({ mappingId: saved.id });
    expect((await caller.imports.mappings()).map((m) => m.name)).not.toContain("老 CRM 导出");
  });
});
