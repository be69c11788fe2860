import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  dealEvents,
  deals,
  importErrors,
  notifications,
  teams,
  webhookEndpoints,
} from "@/lib/server/db/schema";
import { runImport, type RunOptions } from "@/lib/server/imports/run-import";
import type { ImportMapping } from "@/lib/import/mapping";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

/*
 * Imports write a chunk's new deals set-wise (lib/server/imports/write-creates.ts) and derive their
 * analytics in one go (pw_analytics_add_deals, drizzle/0021–0022). Everything they write must be
 * what writing the rows one by one through the deal shell writes: the same file imported both ways
 * into two companies set up alike gives the same deals, events, time limits, webhook outbox,
 * round-robin turns and analytics read model, ids aside.
 */

const t = setupTestDatabase();
const NOW = new Date();
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const STAGES = ["lead", "contact", "negotiation", "won", "lost", "proposal"];
const OPEN = ["lead", "contact", "negotiation", "proposal"];

/**
 * A CRM's export: owners by e-mail (some rows without, for the assignment rule), a third closed.
 * `again`: the same deals a month later — amounts up, every other deal with another owner, one in
 * another stage.
 */
function crmFile(domain: string, rows = 60, again = false) {
  const lines = [
    "External ID,Title,Account,Amount,Stage,Owner,Industry,Region,Source,Expected close,Created on,Closed on",
  ];
  for (let i = 0; i < rows; i++) {
    const stage = STAGES[i % STAGES.length]!;
    const closed = stage === "won" || stage === "lost";
    const month = 1 + (i % 9);
    lines.push(
      [
        // Row 42 repeats row 5's id: the first wins.
        i === 40 ? "EQ-4" : `EQ-${i + 1}`,
        `Deal ${i + 1}`,
        `Account ${i % 7}`,
        `${(i + 1) * 1000 + (again ? 500 : 0)}`,
        again && i === 7 ? "lead" : stage,
        i % 5 === 0 ? "" : `${["rep", "manager", "admin"][(i + (again && i % 2 ? 1 : 0)) % 3]}@${domain}`,
        ["manufacturing", "finance", "retail"][i % 3],
        ["east", "north", "south"][i % 3],
        "referral",
        closed ? "" : "2026-12-31",
        // Row 15 has a day that does not exist.
        i === 13 ? "2024/2/30" : `2024/${month}/${1 + (i % 27)}`,
        closed ? `2024/${month + 1}/15` : "",
      ].join(","),
    );
  }
  return new TextEncoder().encode(lines.join("\n") + "\n");
}

type Caller = ReturnType<typeof callerFor>;

/** Uploads a file and takes every suggestion, as the wizard offers them. */
async function prepare(caller: Caller, company: TestCompany, bytes: Uint8Array) {
  const { importId } = await caller.imports.create({
    pipelineId: company.pipelineId,
    fileName: "crm.csv",
    bytes,
  });
  const opened = await caller.imports.get({ importId });
  const columns = opened.suggestions.map((s) => s?.target ?? null);
  expect(columns).not.toContain(null);
  const values: ImportMapping["values"] = {};
  for (const g of await caller.imports.analyze({ importId, columns }))
    values[g.target] = Object.fromEntries(
      g.values.filter((v) => v.suggestion).map((v) => [v.key, v.suggestion!.value]),
    );
  return { importId, mapping: { columns, values, dateOrder: "mdy", currency: "CNY" } as ImportMapping };
}

async function importInto(company: TestCompany, bytes: Uint8Array, options: RunOptions = {}) {
  const caller = callerFor(t.db, company.users.admin.id, company.id);
  const { importId, mapping } = await prepare(caller, company, bytes);
  await caller.imports.start({ importId, mapping });
  expect(await runImport(t.db, { companyId: company.id, importId }, { now: () => NOW, ...options })).toBe(
    "done",
  );
  return { importId, progress: await caller.imports.progress({ importId }) };
}

/**
 * Rows with every id replaced by what it stands for (a role, "team", a deal's external id…), and
 * the company's label (in its people's names and e-mails) by "Label".
 */
function normalized(company: TestCompany, dealNames: Map<string, string>, rows: unknown) {
  const names = new Map<string, string>([
    [company.id, "company"],
    [company.teamId, "team"],
    [company.pipelineId, "pipeline"],
    [company.versionId, "version"],
    ...Object.entries(company.users).map(([role, u]) => [u.id, role] as [string, string]),
    ...dealNames,
  ]);
  const label = company.users.admin.email.split("@")[1]!.replace(".test", "");
  return JSON.parse(
    JSON.stringify(rows)
      .replace(UUID, (id) => names.get(id) ?? "(other id)")
      .replaceAll(`@${label}.test`, "@label.test")
      .replaceAll(`${label[0]!.toUpperCase()}${label.slice(1)} `, "Label "),
  );
}

/** The company's monthly counts, summed over shards (a shard is a hash of the deal's id). */
async function monthly(companyId: string) {
  const [visits, funnel, closes] = await Promise.all([
    t.db.execute(sql`select pipeline_id, month::text, pipeline_version_id, stage, next_stage, bucket,
        visits, breached, stay_sum::text from stage_visit_months where company_id = ${companyId}`),
    t.db.execute(sql`select pipeline_id, created_month::text, closed_month::text, pipeline_version_id,
        outcome, stage, reached, sum(deals)::int as deals, sum(amount)::text as amount
      from deal_funnel_months where company_id = ${companyId} group by 1, 2, 3, 4, 5, 6, 7`),
    t.db.execute(sql`select pipeline_id, closed_month::text, pipeline_version_id, outcome, bucket,
        sum(deals)::int as deals, sum(amount)::text as amount, sum(cycle_sum)::text as cycles
      from deal_close_months where company_id = ${companyId} group by 1, 2, 3, 4, 5`),
  ]);
  const counts = new Map<string, number>();
  const add = (table: string, rows: Record<string, unknown>[], sign: number) => {
    for (const r of rows) {
      const { visits: v, breached, stay_sum, deals: d, amount, cycles, ...key } = r;
      const k = JSON.stringify([table, key]);
      const figures = [v, breached, stay_sum, d, amount, cycles].map((x) => Number(x ?? 0));
      figures.forEach((x, i) => counts.set(`${k}#${i}`, (counts.get(`${k}#${i}`) ?? 0) + sign * x));
    }
  };
  add("stays", [...visits], 1);
  add("funnel", [...funnel], 1);
  add("closes", [...closes], 1);
  return counts;
}

/** What an import added to the monthly counts (before → after), without the rows left at zero. */
function added(before: Map<string, number>, after: Map<string, number>) {
  const out: Record<string, number> = {};
  for (const [k, v] of after) if (v - (before.get(k) ?? 0) !== 0) out[k] = v - (before.get(k) ?? 0);
  for (const [k, v] of before) if (!after.has(k) && v !== 0) out[k] = -v;
  return out;
}

/** Everything the import wrote in a company, ids replaced by names. */
async function written(company: TestCompany, before: Map<string, number>) {
  const imported = await t.db
    .select()
    .from(deals)
    .where(and(eq(deals.companyId, company.id), isNotNull(deals.externalId)))
    .orderBy(asc(deals.externalId));
  const ids = imported.map((d) => d.id);
  const dealNames = new Map(imported.map((d) => [d.id, `deal ${d.externalId}`]));
  const norm = (rows: unknown) => normalized(company, dealNames, rows);
  const byDeal = (a: { deal_id: string }, b: { deal_id: string }) =>
    dealNames.get(a.deal_id)!.localeCompare(dealNames.get(b.deal_id)!);
  const events = await t.db
    .select()
    .from(dealEvents)
    .where(and(eq(dealEvents.companyId, company.id), inArray(dealEvents.dealId, ids)))
    .orderBy(asc(dealEvents.id));
  const facts = [
    ...(await t.db.execute<{ deal_id: string }>(
      sql`select * from deal_facts where company_id = ${company.id} and deal_id in ${ids}`,
    )),
  ].sort(byDeal);
  const stays = [
    ...(await t.db.execute<{ deal_id: string; seq: number }>(
      sql`select * from deal_stage_visits where company_id = ${company.id} and deal_id in ${ids}`,
    )),
  ].sort((a, b) => byDeal(a, b) || a.seq - b.seq);
  const jobs = await t.db.execute<{ key: string }>(sql`
    select k.identifier, j.payload, j.max_attempts, j.key,
           case when k.identifier = 'timeLimit' then j.run_at end as run_at
    from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id
    where j.payload->>'companyId' = ${company.id} and k.identifier in ('timeLimit', 'webhookDelivery')`);
  const outbox = await t.db.execute<{ deal_id: string; event_type: string }>(sql`
    select deal_id, event_type, payload::jsonb - 'id' as payload, status, attempts
    from webhook_deliveries where company_id = ${company.id}`);
  const [team] = await t.db
    .select({ counter: teams.assignmentCounter })
    .from(teams)
    .where(eq(teams.id, company.teamId));
  const notified = await t.db.select().from(notifications).where(eq(notifications.companyId, company.id));
  return {
    deals: norm(imported.map(({ id: _id, ...d }) => d)),
    // In the order they were written, per deal.
    events: norm(imported.map((d) => events.filter((e) => e.dealId === d.id).map(({ id: _id, ...e }) => e))),
    facts: norm(facts),
    stays: norm(stays),
    monthly: norm(added(before, await monthly(company.id))),
    jobs: (norm([...jobs]) as unknown[]).map((j) => JSON.stringify(j)).sort(),
    outbox: norm([...outbox].sort((a, b) => byDeal(a, b) || a.event_type.localeCompare(b.event_type))),
    roundRobin: team!.counter,
    notifications: notified.length,
  };
}

/** The company's stays and facts, and its monthly counts, are what a rebuild from the events gives. */
async function expectRebuilt(companyId: string) {
  const read = async () => [
    ...(await t.db.execute(sql`select * from deal_facts where company_id = ${companyId} order by deal_id`)),
    ...(await t.db.execute(
      sql`select * from deal_stage_visits where company_id = ${companyId} order by deal_id, seq`,
    )),
  ];
  const live = await read();
  const months = await monthly(companyId);
  await t.db.execute(sql`select pw_analytics_rebuild(${companyId}::uuid)`);
  expect(await read()).toEqual(live);
  expect(added(months, await monthly(companyId))).toEqual({});
}

/** A company like makeCompany's, with the team the default process's assignment rule routes East to. */
async function companyFor(label: string) {
  const company = await makeCompany(t.db, label);
  await t.db.update(teams).set({ key: "east" }).where(eq(teams.id, company.teamId));
  await t.db.insert(webhookEndpoints).values({
    companyId: company.id,
    url: "https://example.com/hook",
    events: ["deal.created", "deal.won", "deal.owner_changed"],
    secret: "whsec_test",
    createdBy: company.users.admin.id,
  });
  return company;
}

describe("an import writing chunks set-wise", () => {
  let rowByRow: TestCompany;
  let chunked: TestCompany;
  const runs = {} as Record<"rowByRow" | "chunked", Awaited<ReturnType<typeof importInto>>>;
  const results = {} as Record<"rowByRow" | "chunked", Awaited<ReturnType<typeof written>>>;

  const warn = vi.spyOn(console, "warn");
  afterAll(() => warn.mockRestore());

  beforeAll(async () => {
    rowByRow = await companyFor("Rows");
    chunked = await companyFor("Chunks");
    const before = { rowByRow: await monthly(rowByRow.id), chunked: await monthly(chunked.id) };
    // Chunks of 280 rows: the first written in two parts (250 rows a part), the second short.
    runs.rowByRow = await importInto(rowByRow, crmFile("rows.test", 300), { rowByRow: true, batchSize: 280 });
    runs.chunked = await importInto(chunked, crmFile("chunks.test", 300), { batchSize: 280 });
    // Every chunk went in set-wise: none fell back to writing its rows one by one.
    expect(warn).not.toHaveBeenCalled();
    results.rowByRow = await written(rowByRow, before.rowByRow);
    results.chunked = await written(chunked, before.chunked);
  });

  it("should create the same deals and refuse the same rows as writing them one by one", async () => {
    const counts = (p: (typeof runs)["chunked"]["progress"]) => [p.processed, p.created, p.updated, p.failed];
    expect(counts(runs.chunked.progress)).toEqual([300, 298, 0, 2]);
    expect(counts(runs.chunked.progress)).toEqual(counts(runs.rowByRow.progress));
    const errors = async (importId: string) =>
      (
        await t.db
          .select({ row: importErrors.row, code: importErrors.code, values: importErrors.values })
          .from(importErrors)
          .where(eq(importErrors.importId, importId))
          .orderBy(asc(importErrors.row))
      ).map((e) => [e.row, e.code]);
    expect(await errors(runs.chunked.importId)).toEqual([
      [15, "dateNoSuchDay"],
      [42, "duplicateExternalId"],
    ]);
    expect(await errors(runs.chunked.importId)).toEqual(await errors(runs.rowByRow.importId));
    expect(results.chunked.deals).toHaveLength(298);
    expect(results.chunked.deals).toEqual(results.rowByRow.deals);
  });

  it("should give the deals the same history and time limits", () => {
    expect(results.chunked.events).toEqual(results.rowByRow.events);
    // A won deal: created on its day, imported into Won on its close day.
    const won = results.chunked.deals.findIndex((d: { externalId: string }) => d.externalId === "EQ-4");
    expect(
      results.chunked.events[won].map((e: { type: string; toStage: string }) => [e.type, e.toStage]),
    ).toEqual([
      ["created", "lead"],
      ["import", "won"],
    ]);
    expect(results.chunked.jobs.length).toBeGreaterThan(20);
    expect(results.chunked.jobs).toEqual(results.rowByRow.jobs);
  });

  it("should hand ownerless deals out by the assignment rule in the same turns", () => {
    expect(results.chunked.roundRobin).toBeGreaterThan(0);
    expect(results.chunked.roundRobin).toBe(results.rowByRow.roundRobin);
    const owners = (r: (typeof results)["chunked"]) =>
      r.deals.map((d: { externalId: string; ownerId: string | null }) => [d.externalId, d.ownerId]);
    expect(owners(results.chunked)).toEqual(owners(results.rowByRow));
    expect(results.chunked.notifications).toBe(results.rowByRow.notifications);
  });

  it("should write the same analytics read model as the triggers do row by row", () => {
    expect(results.chunked.facts).toHaveLength(298);
    expect(results.chunked.facts).toEqual(results.rowByRow.facts);
    expect(results.chunked.stays).toEqual(results.rowByRow.stays);
    expect(Object.keys(results.chunked.monthly).length).toBeGreaterThan(10);
    expect(results.chunked.monthly).toEqual(results.rowByRow.monthly);
  });

  it("should still equal a rebuild of the read model from the events", async () => {
    await expectRebuilt(chunked.id);
  });

  it("should send each new deal's deal.created webhook, as created, like the deal shell", () => {
    expect(results.chunked.outbox).toHaveLength(298);
    expect(results.chunked.outbox).toEqual(results.rowByRow.outbox);
    const won = results.chunked.outbox.find(
      (o: { payload: { data: { deal: { values: { title: string } } } } }) =>
        o.payload.data.deal.values.title === "Deal 4",
    );
    expect(won.payload.data.deal).toMatchObject({ stage: "lead", version: 1 });
  });
});

describe("re-importing set-wise", () => {
  it("should update the same deals, with the same history, owners and read model, as one by one", async () => {
    const rowByRow = await companyFor("Rerows");
    const chunked = await companyFor("Rechunks");
    const warn = vi.spyOn(console, "warn");
    const before = { rowByRow: await monthly(rowByRow.id), chunked: await monthly(chunked.id) };
    for (const [company, domain, options] of [
      [rowByRow, "rerows.test", { rowByRow: true }],
      [chunked, "rechunks.test", {}],
    ] as const) {
      await importInto(company, crmFile(domain), options);
      const again = await importInto(company, crmFile(domain, 60, true), { ...options, batchSize: 25 });
      expect([again.progress.created, again.progress.updated, again.progress.failed]).toEqual([0, 57, 3]);
    }
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    const rows = await written(rowByRow, before.rowByRow);
    const chunks = await written(chunked, before.chunked);
    expect(chunks.deals.map((d: { version: number }) => d.version)).toContain(3);
    expect(chunks.deals).toEqual(rows.deals);
    expect(chunks.events).toEqual(rows.events);
    expect(chunks.facts).toEqual(rows.facts);
    expect(chunks.stays).toEqual(rows.stays);
    expect(chunks.monthly).toEqual(rows.monthly);
    expect(chunks.jobs).toEqual(rows.jobs);
    expect(
      chunks.outbox.filter((o: { event_type: string }) => o.event_type === "deal.owner_changed"),
    ).toHaveLength(
      rows.outbox.filter((o: { event_type: string }) => o.event_type === "deal.owner_changed").length,
    );
    expect(chunks.outbox).toEqual(rows.outbox);
    await expectRebuilt(chunked.id);
  });
});

describe("a chunk the database refuses a row of", () => {
  it("should write the chunk's rows one by one: the good ones land, the bad one is reported, whole", async () => {
    const company = await companyFor("Clash");
    const file = new TextEncoder().encode(
      "External ID,Account,Amount,Stage\n" +
        Array.from(
          { length: 30 },
          (_, i) => `C-${i + 1},Account ${i + 1},${(i + 1) * 100},${OPEN[i % 4]}\n`,
        ).join(""),
    );
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    // Another import takes C-20 while this one decides its chunk: only the database can tell.
    const { progress, importId } = await importInto(company, file, {
      beforeRow: async (n) => {
        if (n !== 2) return;
        await t.db.insert(deals).values({
          companyId: company.id,
          pipelineId: company.pipelineId,
          pipelineVersionId: company.versionId,
          stage: "lead",
          title: "Taken meanwhile",
          account: "Elsewhere",
          externalId: "C-20",
        });
      },
    });
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
    expect([progress.created, progress.failed]).toEqual([29, 1]);
    const errors = await t.db
      .select({ row: importErrors.row, code: importErrors.code })
      .from(importErrors)
      .where(eq(importErrors.importId, importId));
    expect(errors).toEqual([{ row: 21, code: "externalIdTaken" }]);
    const imported = await t.db
      .select({ id: deals.id, externalId: deals.externalId, title: deals.title })
      .from(deals)
      .where(and(eq(deals.companyId, company.id), isNotNull(deals.externalId)));
    expect(imported).toHaveLength(30);
    const taken = imported.find((d) => d.externalId === "C-20")!;
    expect(taken.title).toBe("Taken meanwhile");
    // Nothing of row 21 was written: the deal that holds its id has no event of the import.
    expect(await t.db.select().from(dealEvents).where(eq(dealEvents.dealId, taken.id))).toEqual([]);
    const events = await t.db
      .select({ type: dealEvents.type })
      .from(dealEvents)
      .where(
        inArray(
          dealEvents.dealId,
          imported.map((d) => d.id),
        ),
      );
    // 29 created events, and an import event for each deal placed past the first stage.
    expect(events.filter((e) => e.type === "created")).toHaveLength(29);
    expect(events.filter((e) => e.type === "import")).toHaveLength(21);
    // The rows written one by one kept the read model through the triggers, as ever.
    await expectRebuilt(company.id);
  });
});

describe("importing the same file again", () => {
  it("should update the deals it names, never duplicate them, and create only the new rows", async () => {
    const company = await companyFor("Again");
    const first = await importInto(company, crmFile("again.test", 30));
    expect([first.progress.created, first.progress.failed]).toEqual([29, 1]);
    const count = async () =>
      (
        await t.db
          .select({ id: deals.id })
          .from(deals)
          .where(and(eq(deals.companyId, company.id), isNotNull(deals.externalId)))
      ).length;
    expect(await count()).toBe(29);
    // The same rows (amounts changed) and ten more: the CRM grew.
    const again = new TextDecoder()
      .decode(crmFile("again.test", 40))
      .replace(/,(\d+)000,/g, (_, n: string) => `,${n}500,`);
    const second = await importInto(company, new TextEncoder().encode(again));
    expect([second.progress.created, second.progress.updated, second.progress.failed]).toEqual([10, 29, 1]);
    expect(await count()).toBe(39);
    const [deal] = await t.db
      .select({ amount: deals.amount, version: deals.version })
      .from(deals)
      .where(and(eq(deals.companyId, company.id), eq(deals.externalId, "EQ-2")));
    expect(deal).toEqual({ amount: 2500, version: 3 });
  });
});
