import { describe, expect, it } from "vitest";
import type { PipelineDefinition, PipelineNode } from "@/workflows/definition/schema";
import { defaultProcess } from "@/workflows/templates/default-process";
import { addedIssues, checkMigratedDeal, entryPaths } from "@/workflows/versions/migration-check";
import {
  mappingIsValid,
  mappingProblems,
  migrationStates,
  normalizeName,
  suggestMapping,
} from "@/workflows/versions/migration-mapping";

type StageData = Extract<PipelineNode["data"], { kind: "stage" }>;

/** A copy of the default process with some stages renamed, re-keyed or gone. */
function variant(change: (nodes: PipelineNode[]) => PipelineNode[]): PipelineDefinition {
  const copy = structuredClone(defaultProcess);
  return { ...copy, nodes: change(copy.nodes) };
}

const rekey = (nodes: PipelineNode[], key: string, data: Partial<StageData>) =>
  nodes.map((n) => (n.data.key === key ? { ...n, data: { ...n.data, ...data } as PipelineNode["data"] } : n));

const NOW = new Date("2026-11-20T08:00:00Z");

describe("stage mapping suggestions", () => {
  it("should offer only open stages and approvals, in the canvas's reading order", () => {
    const states = migrationStates(defaultProcess);
    expect(states.map((s) => s.key)).toEqual(
      expect.arrayContaining(["lead", "contact", "nurture", "analysis", "proposal", "negotiation"]),
    );
    expect(states.map((s) => s.key)).toContain("discountApproval");
    expect(states.map((s) => s.key)).not.toContain("won");
    expect(states.map((s) => s.key)).not.toContain("lost");
    expect(states.map((s) => s.key)).not.toContain("qualify");
    expect(states.map((s) => s.order)).toEqual(states.map((_, i) => i));
    expect(states.findIndex((s) => s.key === "lead")).toBeLessThan(
      states.findIndex((s) => s.key === "proposal"),
    );
  });

  it("should map every state to the same key when the new version keeps the keys", () => {
    const suggestions = suggestMapping(defaultProcess, defaultProcess);
    expect(suggestions.every((s) => s.to === s.from && s.by === "key")).toBe(true);
  });

  it("should fall back to the same name, in Chinese or English, ignoring case, spaces and punctuation", () => {
    const next = variant((nodes) =>
      rekey(
        rekey(nodes, "analysis", { key: "discovery", name: { zh: "需求 分析", en: "Discovery" } }),
        "proposal",
        { key: "offer", name: { zh: "报价", en: "PROPOSAL!" } },
      ),
    );
    const byFrom = new Map(suggestMapping(defaultProcess, next).map((s) => [s.from, s]));
    expect(byFrom.get("analysis")).toEqual({ from: "analysis", to: "discovery", by: "name" });
    expect(byFrom.get("proposal")).toEqual({ from: "proposal", to: "offer", by: "name" });
    expect(byFrom.get("lead")).toEqual({ from: "lead", to: "lead", by: "key" });
  });

  it("should match keys written differently (snake case, capitals, full-width letters)", () => {
    expect(normalizeName("needs_analysis")).toBe(normalizeName("NeedsAnalysis"));
    expect(normalizeName("ＬＥＡＤ")).toBe("lead");
    const old = variant((nodes) =>
      rekey(nodes, "nurture", { key: "long_nurture", name: { zh: "长期", en: "Long" } }),
    );
    const next = variant((nodes) =>
      rekey(nodes, "nurture", { key: "longNurture", name: { zh: "培育期", en: "Incubate" } }),
    );
    const nurture = suggestMapping(old, next).find((s) => s.from === "long_nurture");
    expect(nurture).toEqual({ from: "long_nurture", to: "longNurture", by: "key" });
  });

  it("should leave a state without a match for the trainer to choose", () => {
    const next = variant((nodes) =>
      rekey(nodes, "nurture", { key: "incubate", name: { zh: "孵化", en: "Incubate" } }),
    );
    const nurture = suggestMapping(defaultProcess, next).find((s) => s.from === "nurture");
    expect(nurture).toEqual({ from: "nurture", to: null, by: null });
  });

  it("should never suggest a closed stage as a target", () => {
    // The new version's only "Negotiation"-named node is a won stage: no suggestion.
    const next = variant((nodes) =>
      rekey(rekey(nodes, "negotiation", { key: "talks", name: { zh: "洽谈", en: "Talks" } }), "won", {
        name: { zh: "商务谈判", en: "Negotiation" },
      }),
    );
    const negotiation = suggestMapping(defaultProcess, next).find((s) => s.from === "negotiation");
    expect(negotiation?.to).toBeNull();
  });

  it("should require a target for every state holding open deals, and only real open targets", () => {
    const ok = mappingProblems({ lead: "lead", proposal: "negotiation" }, defaultProcess, defaultProcess, [
      "lead",
      "proposal",
    ]);
    expect(mappingIsValid(ok)).toBe(true);
    const bad = mappingProblems({ lead: "won", ghost: "lead" }, defaultProcess, defaultProcess, [
      "lead",
      "analysis",
    ]);
    expect(bad).toEqual({ unknownSources: ["ghost"], unknownTargets: ["won"], unmapped: ["analysis"] });
    expect(mappingIsValid(bad)).toBe(false);
  });
});

describe("what a migrated deal would lack", () => {
  const paths = entryPaths(defaultProcess);
  const ctx = { definition: defaultProcess, paths, now: NOW };
  const basics = { title: "Deal", account: "ACME" };
  const lead = { industry: "retail", region: "east", source: "website" };
  const bant = {
    budgetConfirmed: true,
    decisionMaker: "Ms Li",
    need: "ERP",
    expectedClose: "2027-01-15",
  };

  it("should find the ways into a stage through decisions and approvals", () => {
    expect(paths.get("lead")).toEqual([{ via: [], fields: [], conditions: [] }]);
    // Needs analysis is reached only through the qualification decision (BANT).
    expect(paths.get("analysis")).toEqual([
      { via: ["contact", "qualify"], fields: [], conditions: [{ rule: "bant" }] },
    ]);
    // Initial contact: from the lead (its required fields) or back from nurture.
    expect(paths.get("contact")).toEqual(
      expect.arrayContaining([
        { via: ["lead"], fields: ["industry", "region", "source"], conditions: [] },
        { via: ["nurture"], fields: [], conditions: [] },
      ]),
    );
    expect(paths.get("discountApproval")?.[0]?.via).toEqual(["proposal", "discountCheck"]);
  });

  it("should accept a deal that meets the way in and the stage's fields", () => {
    expect(checkMigratedDeal(ctx, "lead", { ...basics, ...lead })).toBeNull();
    expect(
      checkMigratedDeal(ctx, "analysis", { ...basics, ...bant, painPoints: "Slow", competitors: "X" }),
    ).toBeNull();
  });

  it("should name the stage's required fields a deal lacks to move on", () => {
    expect(checkMigratedDeal(ctx, "analysis", { ...basics, ...bant })).toEqual({
      exitMissing: ["painPoints", "competitors"],
      entryMissing: [],
      entryUnmet: [],
    });
  });

  it("should say which conditions a deal could not have met to enter", () => {
    const issue = checkMigratedDeal(ctx, "analysis", { ...basics, painPoints: "Slow", competitors: "X" });
    expect(issue?.exitMissing).toEqual([]);
    expect(issue?.entryUnmet.length).toBeGreaterThan(0);
    expect(issue?.entryUnmet.map((u) => u.en).join(" ")).toMatch(/Decision maker/);
    expect(issue?.entryUnmet.map((u) => u.zh).join(" ")).toMatch(/决策人/);
  });

  it("should take the easiest way in: contact from nurture asks for nothing", () => {
    expect(checkMigratedDeal(ctx, "contact", basics)).toBeNull();
  });

  it("should count the fields every deal needs at creation", () => {
    expect(checkMigratedDeal(ctx, "lead", { title: "Deal", ...lead })).toEqual({
      exitMissing: [],
      entryMissing: ["account"],
      entryUnmet: [],
    });
  });

  it("should report an entry's missing fields when no way in passes", () => {
    // A version whose only way into Initial contact is from the lead, which needs three fields.
    const strict: PipelineDefinition = {
      ...defaultProcess,
      edges: defaultProcess.edges.filter((e) => !(e.source === "nurture" && e.target === "contact")),
    };
    const issue = checkMigratedDeal({ definition: strict, paths: entryPaths(strict), now: NOW }, "contact", {
      ...basics,
      industry: "retail",
    });
    expect(issue).toEqual({ exitMissing: [], entryMissing: ["region", "source"], entryUnmet: [] });
  });

  it("should tell what the migration brings from what the deal already lacked", () => {
    const criterion = { zh: "决策人 已填写", en: "Decision maker is set" };
    const before = { exitMissing: ["painPoints"], entryMissing: [], entryUnmet: [criterion] };
    expect(addedIssues(before, before)).toBeNull();
    expect(
      addedIssues(before, {
        exitMissing: ["painPoints", "budget"],
        entryMissing: ["region"],
        entryUnmet: [criterion],
      }),
    ).toEqual({ exitMissing: ["budget"], entryMissing: ["region"], entryUnmet: [] });
    expect(addedIssues(null, { exitMissing: [], entryMissing: [], entryUnmet: [criterion] })).toEqual({
      exitMissing: [],
      entryMissing: [],
      entryUnmet: [criterion],
    });
    expect(addedIssues(before, null)).toBeNull();
  });
});
