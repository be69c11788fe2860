import { describe, it, expect } from "vitest";
import { PipelineDefinition, type Condition } from "@/workflows/definition/schema";
import { defaultProcess } from "@/workflows/templates/default-process";

const DOC_FIELDS = [
  "title",
  "account",
  "contact",
  "amount",
  "expectedClose",
  "industry",
  "region",
  "source",
  "budgetConfirmed",
  "budget",
  "decisionMaker",
  "need",
  "painPoints",
  "competitors",
  "proposalAmount",
  "discountPct",
  "proposalLink",
  "finalAmount",
  "lostReason",
];

const stages = defaultProcess.nodes.flatMap((n) => (n.data.kind === "stage" ? [n.data] : []));
const openStages = stages.filter((s) => s.outcome === "open");
const nodeIds = new Set(defaultProcess.nodes.map((n) => n.id));
const fieldKeys = new Set(defaultProcess.fields.map((f) => f.key));

function fieldsIn(condition: Condition): string[] {
  if ("all" in condition) return condition.all.flatMap(fieldsIn);
  if ("any" in condition) return condition.any.flatMap(fieldsIn);
  if ("not" in condition) return fieldsIn(condition.not);
  if ("rule" in condition) return [];
  return [condition.field];
}

function reachableFrom(start: string): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const e of defaultProcess.edges) {
      if (e.source === id && !seen.has(e.target)) {
        seen.add(e.target);
        queue.push(e.target);
      }
    }
  }
  return seen;
}

describe("default process template", () => {
  it("should parse unchanged through the definition schema", () => {
    expect(PipelineDefinition.parse(JSON.parse(JSON.stringify(defaultProcess)))).toEqual(defaultProcess);
  });

  it("should declare every field of the document, each with a Chinese and an English name", () => {
    expect([...fieldKeys].sort()).toEqual([...DOC_FIELDS].sort());
    for (const f of defaultProcess.fields) {
      expect(f.name.zh).not.toBe(f.name.en);
      if (f.type === "select" || f.type === "multiSelect") expect(f.options?.length).toBeGreaterThan(1);
    }
  });

  it("should give every node a unique id equal to its key", () => {
    expect(nodeIds.size).toBe(defaultProcess.nodes.length);
    for (const n of defaultProcess.nodes) expect(n.id).toBe(n.data.key);
  });

  it("should only connect nodes that exist, with unique edge ids", () => {
    expect(new Set(defaultProcess.edges.map((e) => e.id)).size).toBe(defaultProcess.edges.length);
    for (const e of defaultProcess.edges) {
      expect(nodeIds, e.id).toContain(e.source);
      expect(nodeIds, e.id).toContain(e.target);
    }
    expect(nodeIds).toContain(defaultProcess.initialNodeId);
  });

  it("should only require, test or score fields that are declared", () => {
    const rules = defaultProcess.rules.map((r) => r.condition);
    const conditions = [
      ...rules,
      ...defaultProcess.edges.flatMap((e) => (e.condition ? [e.condition] : [])),
      ...(defaultProcess.scoring?.criteria.map((c) => c.when) ?? []),
    ];
    const used = [
      ...stages.flatMap((s) => s.requiredFields),
      ...defaultProcess.edges.flatMap((e) => e.requiredFields ?? []),
      ...conditions.flatMap(fieldsIn),
    ];
    for (const key of used) expect(fieldKeys, key).toContain(key);
  });

  it("should give every open stage a way to lose the deal that asks for a lost reason", () => {
    const lostIds = new Set(stages.filter((s) => s.outcome === "lost").map((s) => s.key));
    const expectedAction: Record<string, string> = { lead: "disqualify", nurture: "drop" };
    for (const s of openStages) {
      const toLost = defaultProcess.edges.find((e) => e.source === s.key && lostIds.has(e.target));
      expect(toLost?.action?.key, s.key).toBe(expectedAction[s.key] ?? "closeLost");
      expect(toLost?.requiredFields).toContain("lostReason");
    }
  });

  it("should reach won and lost from the lead, and every node from the lead", () => {
    const reached = reachableFrom("lead");
    expect(reached).toContain("won");
    expect(reached).toContain("lost");
    expect([...reached].sort()).toEqual([...nodeIds].sort());
  });

  it("should give every stage guidance in both languages and open stages a time limit", () => {
    for (const s of stages) {
      expect(s.guidance?.zh, s.key).toBeTruthy();
      expect(s.guidance?.en, s.key).toBeTruthy();
    }
    for (const s of openStages) expect(s.timeLimit?.days, s.key).toBeGreaterThan(0);
  });

  it("should route decisions with exactly one default and approvals with approve and reject", () => {
    for (const n of defaultProcess.nodes) {
      const out = defaultProcess.edges.filter((e) => e.source === n.id);
      if (n.data.kind === "decision") {
        expect(
          out.filter((e) => e.branch === "default"),
          n.id,
        ).toHaveLength(1);
        expect(
          out.every((e) => e.branch === "default" || e.condition),
          n.id,
        ).toBe(true);
      }
      if (n.data.kind === "approval") expect(out.map((e) => e.branch).sort()).toEqual(["approve", "reject"]);
    }
  });

  it("should ask for a final amount on every way into won", () => {
    const closeWon = defaultProcess.edges.filter((e) => e.action?.key === "closeWon");
    expect(closeWon.map((e) => e.target).sort()).toEqual(["bigDealApproval", "won"]);
    for (const e of closeWon) expect(e.requiredFields).toContain("finalAmount");
  });

  it("should score at most 100 and rank A/B/C at 80/60/40", () => {
    const criteria = defaultProcess.scoring?.criteria ?? [];
    const total = criteria.filter((c) => c.id !== "closeWithin180").reduce((sum, c) => sum + c.points, 0);
    expect(total).toBe(100);
    expect(defaultProcess.scoring?.thresholds).toEqual({ a: 80, b: 60, c: 40 });
  });
});
