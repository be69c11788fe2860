import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/roles";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

const t = setupTestDatabase();
let c: TestCompany;
let other: TestCompany;
const as = (role: Role, company = c) => callerFor(t.db, company.users[role].id, company.id);

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error("expected a failure");
}

beforeAll(async () => {
  c = await makeCompany(t.db, "Sim");
  other = await makeCompany(t.db, "SimRival");
  // Two deals with real histories: one contacted, one still a lead.
  const rep = as("rep");
  const lead = { industry: "retail", region: "east", source: "website" };
  const moved = await rep.deals.create({ values: { title: "Contacted", account: "甲公司", ...lead } });
  await rep.deals.applyAction({ dealId: moved.id, expectedVersion: moved.version, action: "startContact" });
  await rep.deals.create({ values: { title: "Still a lead", account: "乙公司", ...lead } });
});

/** A draft of the pipeline whose lead stage also needs a contact person to move on. */
async function stricterDraft(change: (def: PipelineDefinition) => void) {
  const trainer = as("trainer");
  const { versionId } = await trainer.editor.openDraft({ pipelineId: c.pipelineId });
  const draft = await trainer.editor.version({ versionId });
  const definition = structuredClone(draft.definition) as PipelineDefinition;
  change(definition);
  await trainer.editor.saveDraft({ versionId, expectedRevision: draft.revision, definition });
  return versionId;
}

describe("replay simulation of a version", () => {
  it("should replay the recorded actions through the published version without a refusal", async () => {
    const run = await as("trainer").simulations.run({ versionId: c.versionId, months: 6 });
    expect(run.report.deals).toBe(2); // the fixture's deals without events are not replayed
    const start = run.report.actions.find((a) => a.action === "startContact")!;
    expect([start.taken, start.refused]).toEqual([1, 0]);
    expect(run.truncated).toBe(false);
    expect(run.version).toMatchObject({ id: c.versionId, number: 1, status: "published" });
  });

  it("should count what a stricter draft would have refused, and why", async () => {
    const versionId = await stricterDraft((def) => {
      const lead = def.nodes.find((n) => n.data.kind === "stage" && n.data.key === "lead")!;
      if (lead.data.kind === "stage") lead.data.requiredFields.push("contact");
    });
    const run = await as("admin").simulations.run({ versionId, months: 6 });
    const start = run.report.actions.find((a) => a.action === "startContact")!;
    expect([start.taken, start.refused]).toEqual([1, 1]);
    expect(start.reasons).toEqual([
      expect.objectContaining({ key: "field:contact", kind: "missingField", count: 1 }),
    ]);
    expect(start.refusedDeals.map((d) => d.title)).toEqual(["Contacted"]);
    // The recorded history is untouched: the deal is still in contact on version 1.
    const deal = await as("rep").deals.get({ dealId: start.refusedDeals[0]!.id });
    expect(deal.stage).toMatchObject({ nodeId: "contact", outcome: "open" });
  });

  it("should refuse to simulate a version with compiler errors, saying how many", async () => {
    const versionId = await stricterDraft((def) => {
      def.initialNodeId = "nowhere";
    });
    const error = await errorOf(as("trainer").simulations.run({ versionId, months: 6 }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("simulationHasErrors");
  });

  it("should not let another company's trainer simulate this company's version", async () => {
    const error = await errorOf(as("trainer", other).simulations.run({ versionId: c.versionId, months: 6 }));
    expect(error.code).toBe("NOT_FOUND");
  });
});
