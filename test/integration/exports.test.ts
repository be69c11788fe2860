import ExcelJS from "exceljs";
import { and, asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  companies,
  dealEvents,
  deals,
  memberships,
  pipelines,
  pipelineVersions,
  savedViews,
  teamMembers,
  teams,
  users,
} from "@/lib/server/db/schema";
import { runImport } from "@/lib/server/imports/run-import";
import { parseCsv } from "@/lib/import/csv";
import { decodeText } from "@/lib/import/decode";
import type { ImportMapping } from "@/lib/import/mapping";
import { defaultProcess } from "@/workflows/templates/default-process";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

const t = setupTestDatabase();
let a: TestCompany;
let b: TestCompany;
const utf8 = (text: string) => new TextEncoder().encode(text);
type Caller = ReturnType<typeof callerFor>;

/** Uploads, takes every suggestion (near misses confirmed), runs the job to the end. */
async function importFile(caller: Caller, company: TestCompany, bytes: Uint8Array, fileName = "deals.csv") {
  const { importId } = await caller.imports.create({ pipelineId: company.pipelineId, fileName, bytes });
  const opened = await caller.imports.get({ importId });
  const columns = opened.suggestions.map((s) => s?.target ?? null);
  const values: ImportMapping["values"] = {};
  for (const g of await caller.imports.analyze({ importId, columns })) {
    values[g.target] = Object.fromEntries(
      g.values.filter((v) => v.suggestion).map((v) => [v.key, v.suggestion!.value]),
    );
  }
  const mapping: ImportMapping = { columns, values, dateOrder: "mdy", currency: "CNY" };
  await caller.imports.start({ importId, mapping });
  expect(await runImport(t.db, { companyId: company.id, importId })).toBe("done");
  return { opened, progress: await caller.imports.progress({ importId }) };
}

const SOURCE =
  "外部编号,商机名称,客户名称,预计金额,币种,阶段,负责人,行业,区域,竞争对手,预算已确认,预计成交日期,折扣 %,创建日期,关闭日期\n" +
  'RT-1,ERP 替换,华为技术,"1,200,000",CNY,商务谈判,rep@exporta.test,制造,华东,友商A、自研,是,2026-06-30,12.5,2024-01-15,\n' +
  "RT-2,云平台,阿里巴巴,$80000,USD,赢单,manager@exporta.test,互联网,华北,无,否,,,2024-01-03,2024-03-01\n" +
  "RT-3,门店系统,永辉超市,50万,,输单,rep@exporta.test,零售,华南,,,,,2024-02-01,2024-04-15\n" +
  "RT-4,新零售,盒马,1.5万,,线索,,零售,,,,,,,\n";

beforeAll(async () => {
  a = await makeCompany(t.db, "ExportA");
  b = await makeCompany(t.db, "ExportB");
  // A's rep and manager work for B too, so owners mean the same people in both.
  await t.db.insert(memberships).values([
    { companyId: b.id, userId: a.users.rep.id, role: "rep" },
    { companyId: b.id, userId: a.users.manager.id, role: "rep" },
  ]);
  const result = await importFile(callerFor(t.db, a.users.admin.id, a.id), a, utf8(SOURCE));
  expect(result.progress).toMatchObject({ created: 4, failed: 0 });
});

const comparable = async (companyId: string) =>
  (
    await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, companyId)))
      .orderBy(asc(deals.externalId))
  )
    .filter((d) => d.externalId?.startsWith("RT-"))
    .map((d) => ({
      externalId: d.externalId,
      title: d.title,
      account: d.account,
      amount: d.amount,
      currency: d.currency,
      stage: d.stage,
      ownerId: d.ownerId,
      fields: d.fields,
      createdOn: d.createdAt.toISOString().slice(0, 10),
      closedAt: d.closedAt?.toISOString() ?? null,
    }));

async function readXlsx(base64: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, "base64") as never);
  return workbook;
}

describe("exporting deals", () => {
  it("should give an XLSX that imports into another company as the same deals", async () => {
    const file = await callerFor(t.db, a.users.admin.id, a.id, { locale: "en" }).exports.deals({
      format: "xlsx",
      filters: {},
    });
    expect(file.fileName).toMatch(/^deals-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = await readXlsx(file.body);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Deals", "Deal history"]);
    const header = (workbook.worksheets[0]!.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 7)).toEqual([
      "External ID",
      "Stage",
      "Owner email",
      "Owner",
      "Currency",
      "Created on",
      "Closed on",
    ]);
    expect(header).toEqual(
      expect.arrayContaining(["Title", "Account", "Amount", "Competitors", "Budget confirmed", "Discount %"]),
    );

    const result = await importFile(
      callerFor(t.db, b.users.admin.id, b.id),
      b,
      new Uint8Array(Buffer.from(file.body, "base64")),
      "deals.xlsx",
    );
    // The export also holds the fixture's three deals without an external id: they come along.
    expect(result.progress).toMatchObject({ failed: 0, created: 7 });
    const before = await comparable(a.id);
    expect(before).toHaveLength(4);
    expect(await comparable(b.id)).toEqual(before);
    expect(before[0]).toMatchObject({
      fields: { competitors: ["rivalA", "inHouse"], budgetConfirmed: true, discountPct: 12.5 },
    });
    expect(before[1]).toMatchObject({
      currency: "USD",
      amount: 80000,
      stage: "won",
      closedAt: "2024-03-01T12:00:00.000Z",
    });
  });

  it("should export the deals' histories in the reader's language", async () => {
    const file = await callerFor(t.db, a.users.admin.id, a.id, { locale: "zh-CN" }).exports.deals({
      format: "csv",
      what: "history",
      filters: {},
    });
    expect(file.body.startsWith("\uFEFF商机 ID,外部编号,商机名称,时间 (UTC),事件,")).toBe(true);
    const rows = parseCsv(decodeText(new TextEncoder().encode(file.body)).text).rows.map((r) => r.cells);
    const won = rows.filter((r) => r[1] === "RT-2");
    expect(won.map((r) => [r[3], r[4], r[6], r[7], r[8]])).toEqual([
      ["2024-01-03T12:00:00.000Z", "创建", "", "线索", "ExportA admin"],
      ["2024-03-01T12:00:00.000Z", "导入", "线索", "赢单", "ExportA admin"],
    ]);
  });

  it("should export only what the member sees, under the list's filters", async () => {
    const rep = callerFor(t.db, a.users.rep.id, a.id, { locale: "en" });
    const all = await rep.exports.deals({ format: "csv", filters: {} });
    const ids = parseCsv(all.body).rows.map((r) => r.cells[0]);
    const own = await t.db
      .select({ id: deals.externalId })
      .from(deals)
      .where(and(eq(deals.companyId, a.id), eq(deals.ownerId, a.users.rep.id)));
    expect(ids.length).toBe(own.length);
    expect(ids).not.toContain("RT-2"); // the manager's deal
    const won = await callerFor(t.db, a.users.admin.id, a.id).exports.deals({
      format: "csv",
      filters: { stages: ["won"] },
    });
    expect(parseCsv(won.body).rows.map((r) => r.cells[1])).toEqual(["Won", "Won"]);
    // Another company's deals never appear, whatever the filters.
    const other = await callerFor(t.db, b.users.admin.id, b.id).exports.deals({
      format: "csv",
      filters: { pipelineId: a.pipelineId },
    });
    expect(parseCsv(other.body).rows).toEqual([]);
  });

  it("should export a pipeline's definition as JSON, XLSX and CSV to those who edit pipelines", async () => {
    const trainer = callerFor(t.db, a.users.trainer.id, a.id, { locale: "en" });
    const json = await trainer.exports.pipeline({ pipelineId: a.pipelineId, format: "json" });
    expect(JSON.parse(json.body)).toEqual(JSON.parse(JSON.stringify(defaultProcess)));
    const xlsx = await readXlsx(
      (await trainer.exports.pipeline({ pipelineId: a.pipelineId, format: "xlsx" })).body,
    );
    expect(xlsx.worksheets.map((w) => w.name)).toEqual(["Stages", "Fields", "Actions", "Rules"]);
    expect(xlsx.worksheets[0]!.getRow(2).values).toEqual([
      undefined,
      "lead",
      "线索",
      "Lead",
      "Open",
      5,
      "industry, region, source",
      3,
    ]);
    const csv = await trainer.exports.pipeline({ pipelineId: a.pipelineId, format: "csv" });
    expect(csv.body).toContain("Stages,won,赢单,Won,Won,100");
    await expect(
      callerFor(t.db, a.users.rep.id, a.id).exports.pipeline({ pipelineId: a.pipelineId, format: "json" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      callerFor(t.db, b.users.admin.id, b.id).exports.pipeline({ pipelineId: a.pipelineId, format: "json" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the company archive", () => {
  const tableCount = async (
    table:
      | typeof deals
      | typeof dealEvents
      | typeof pipelines
      | typeof pipelineVersions
      | typeof teams
      | typeof teamMembers
      | typeof savedViews
      | typeof memberships,
    companyId: string,
  ) => (await t.db.select({ n: count() }).from(table).where(eq(table.companyId, companyId)))[0]!.n;

  async function emptyCompany(label: string) {
    const [company] = await t.db
      .insert(companies)
      .values({ name: `${label} (new)` })
      .returning({ id: companies.id });
    const [user] = await t.db
      .insert(users)
      .values({ email: `admin@${label.toLowerCase()}.test`, name: `${label} admin` })
      .returning({ id: users.id });
    await t.db.insert(memberships).values({ companyId: company!.id, userId: user!.id, role: "admin" });
    return { id: company!.id, adminId: user!.id };
  }

  it("should restore into an empty company with the same counts, and the restored deals keep working", async () => {
    await callerFor(t.db, a.users.rep.id, a.id).views.create({
      name: "我的大单",
      state: { filters: { amountMin: 100000 }, sort: null, columns: ["title", "amount"] },
    });
    const archive = await callerFor(t.db, a.users.admin.id, a.id).archive.export();
    const parsed = JSON.parse(archive.body);
    expect(parsed).toMatchObject({
      format: "pipewright.company-archive",
      version: 1,
      company: { name: "ExportA Co" },
    });
    expect(JSON.stringify(parsed)).not.toContain("password");
    expect(parsed.tables.deals.every((d: { company_id?: string }) => d.company_id === undefined)).toBe(true);

    const target = await emptyCompany("Restored");
    const result = await callerFor(t.db, target.adminId, target.id).archive.restore({
      bytes: utf8(archive.body),
    });
    expect(result.tables.deals).toBe(parsed.tables.deals.length);
    for (const table of [
      deals,
      dealEvents,
      pipelines,
      pipelineVersions,
      teams,
      teamMembers,
      savedViews,
    ] as const)
      expect(await tableCount(table, target.id)).toBe(await tableCount(table, a.id));
    // Every member of A, plus the admin who restored (A's admin is someone else).
    expect(await tableCount(memberships, target.id)).toBe((await tableCount(memberships, a.id)) + 1);
    const [restoredCompany] = await t.db.select().from(companies).where(eq(companies.id, target.id));
    expect(restoredCompany!.name).toBe("ExportA Co");

    // The people are the same accounts: A's rep sees their restored deals in the new company.
    const rep = callerFor(t.db, a.users.rep.id, target.id);
    const list = await rep.deals.list({});
    expect(list.items.map((d) => d.title).sort()).toEqual(
      (await callerFor(t.db, a.users.rep.id, a.id).deals.list({})).items.map((d) => d.title).sort(),
    );
    // A restored open deal moves through the engine as before.
    const lead = (
      await t.db
        .select()
        .from(deals)
        .where(and(eq(deals.companyId, target.id), eq(deals.externalId, "RT-1")))
    )[0]!;
    await rep.deals.applyAction({
      dealId: lead.id,
      expectedVersion: lead.version,
      action: "closeLost",
      changes: { lostReason: "price" },
    });
    expect((await rep.deals.get({ dealId: lead.id })).deal.stage).toBe("lost");
    // Its old id means nothing in A's company.
    expect(
      (
        await t.db
          .select()
          .from(deals)
          .where(and(eq(deals.companyId, a.id), eq(deals.id, lead.id)))
      )[0]!.stage,
    ).toBe("negotiation");
  });

  it("should refuse a company that is not empty, and anything that is not an archive", async () => {
    const archive = await callerFor(t.db, a.users.admin.id, a.id).archive.export();
    const before = await tableCount(deals, b.id);
    await expect(
      callerFor(t.db, b.users.admin.id, b.id).archive.restore({ bytes: utf8(archive.body) }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "archiveCompanyNotEmpty" });
    expect(await tableCount(deals, b.id)).toBe(before);
    const target = await emptyCompany("Garbage");
    const admin = callerFor(t.db, target.adminId, target.id);
    await expect(admin.archive.restore({ bytes: utf8("not json") })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(admin.archive.restore({ bytes: utf8('{"format":"other"}') })).rejects.toMatchObject({
      message: "archiveInvalid",
    });
    expect(await tableCount(pipelines, target.id)).toBe(0);
  });

  it("should hold only the company's own rows", async () => {
    const archive = JSON.parse((await callerFor(t.db, b.users.admin.id, b.id).archive.export()).body);
    const aDeals = await t.db.select({ id: deals.id }).from(deals).where(eq(deals.companyId, a.id));
    const ids = new Set(archive.tables.deals.map((d: { id: string }) => d.id));
    expect(aDeals.some((d) => ids.has(d.id))).toBe(false);
    expect(archive.people.map((p: { email: string }) => p.email)).not.toContain(a.users.admin.email);
  });
});
