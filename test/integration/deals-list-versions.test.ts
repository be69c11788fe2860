import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/roles";
import { deals, pipelines, pipelineVersions } from "@/lib/server/db/schema";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

/*
 * The deals list grouped by the version deals run on: sorted by version, each version's deals
 * stay together (also two pipelines' versions of one number), and `deals.versionGroups` gives each
 * group's count and amount under the list's filters and visibility.
 */
const t = setupTestDatabase();
let c: TestCompany;
let other: TestCompany;
const v: Record<string, string> = {};

const caller = (role: Role, company = c) => callerFor(t.db, company.users[role].id, company.id);

beforeAll(async () => {
  c = await makeCompany(t.db, "Grouped");
  other = await makeCompany(t.db, "Elsewhere");
  const [published] = await t.db
    .select({ definition: pipelineVersions.definition })
    .from(pipelineVersions)
    .where(and(eq(pipelineVersions.companyId, c.id), eq(pipelineVersions.id, c.versionId)));
  const definition = published!.definition;
  const [renewals] = await t.db
    .insert(pipelines)
    .values({ companyId: c.id, key: "renewals", name: { zh: "续约", en: "Renewals" } })
    .returning({ id: pipelines.id });
  const versions = await t.db
    .insert(pipelineVersions)
    .values([
      { companyId: c.id, pipelineId: c.pipelineId, number: 2, status: "pilot", definition },
      { companyId: c.id, pipelineId: renewals!.id, number: 1, status: "published", definition },
    ])
    .returning({ id: pipelineVersions.id, pipelineId: pipelineVersions.pipelineId });
  v.main1 = c.versionId;
  v.main2 = versions[0]!.id;
  v.renewals1 = versions[1]!.id;
  // Interleaved on purpose: ids and creation order mix the versions.
  const plan: [string, string, number][] = [
    ["main1", c.pipelineId, 100],
    ["renewals1", renewals!.id, 10],
    ["main2", c.pipelineId, 1_000],
    ["main1", c.pipelineId, 200],
    ["renewals1", renewals!.id, 20],
    ["main2", c.pipelineId, 2_000],
    ["renewals1", renewals!.id, 30],
  ];
  await t.db.insert(deals).values(
    plan.map(([version, pipelineId, amount], i) => ({
      companyId: c.id,
      pipelineId,
      pipelineVersionId: v[version]!,
      title: `G${i} ${version}`,
      account: "Acme",
      amount,
      stage: "lead",
      ownerId: c.users.rep.id,
      teamId: c.teamId,
      stageEnteredAt: new Date(),
    })),
  );
});

/** The version of each listed deal, page by page (2 a page), newest version first. */
async function versionsInOrder(role: Role) {
  const out: string[] = [];
  let cursor: { v: string | null; id: string } | null = null;
  for (let guard = 0; guard < 50; guard++) {
    const page = await caller(role).deals.list({ limit: 2, sort: { key: "version", dir: "desc" }, cursor });
    out.push(...page.items.map((d) => d.pipelineVersionId));
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

describe("the deals list by version", () => {
  it("should keep each version's deals together across pages, newest version first", async () => {
    const order = await versionsInOrder("admin");
    // Runs of one version: each version appears in one run only.
    const runs = order.filter((id, i) => id !== order[i - 1]);
    expect(new Set(runs).size).toBe(runs.length);
    expect(runs[0]).toBe(v.main2);
    expect(order).toHaveLength(3 + 3 + 2 + 2); // the fixture's three deals on v1 too
  });

  it("should count and total each version's deals under the list's filters", async () => {
    const groups = await caller("admin").deals.versionGroups({});
    const byId = new Map(groups.map((g) => [g.versionId, g]));
    expect(byId.get(v.main2!)).toMatchObject({ number: 2, status: "pilot", count: 2, amount: 3_000 });
    expect(byId.get(v.renewals1!)).toMatchObject({ number: 1, status: "published", count: 3, amount: 60 });
    const filtered = await caller("admin").deals.versionGroups({ amountMin: 150 });
    expect(filtered.find((g) => g.versionId === v.renewals1)).toBeUndefined();
    expect(filtered.find((g) => g.versionId === v.main2)).toMatchObject({ count: 2 });
  });

  it("should count only what the member may see, and nothing of another company", async () => {
    const rep = await caller("rep").deals.versionGroups({});
    const total = rep.reduce((n, g) => n + g.count, 0);
    expect(total).toBe((await caller("rep").deals.count({})).count);
    expect(await caller("admin", other).deals.versionGroups({ versionIds: [v.main2!] })).toEqual([]);
  });
});
