import { describe, expect, it } from "vitest";
import { compile } from "@/workflows/compiler";
import { defaultProcess } from "@/workflows/templates/default-process";
import type { PipelineDefinition } from "@/workflows/definition/schema";

const copy = (): PipelineDefinition => structuredClone(defaultProcess);
const hashOf = (def: PipelineDefinition) => compile(def).hash;
const original = hashOf(defaultProcess);

describe("the content hash", () => {
  it("should not change when only node positions change", () => {
    const moved = copy();
    moved.nodes.forEach((n, i) => (n.position = { x: n.position.x * 2 + i, y: -n.position.y }));
    expect(hashOf(moved)).toBe(original);
  });

  it("should not change when keys are written in another order", () => {
    const reordered = JSON.parse(
      JSON.stringify(copy(), (_k, v: unknown) =>
        v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
      ),
    ) as PipelineDefinition;
    expect(hashOf(reordered)).toBe(original);
  });

  it("should change when a stage's win probability changes", () => {
    const def = copy();
    const lead = def.nodes.find((n) => n.id === "lead");
    if (lead?.data.kind !== "stage") throw new Error("fixture changed");
    lead.data.probability = 6;
    expect(hashOf(def)).not.toBe(original);
  });

  it("should change when a condition changes", () => {
    const def = copy();
    const overLimit = def.edges.find((e) => e.id === "discountCheck-overLimit-discountApproval");
    if (!overLimit) throw new Error("fixture changed");
    overLimit.condition = { field: "discountPct", op: "gt", value: 20 };
    expect(hashOf(def)).not.toBe(original);
  });

  it("should change when a time limit changes", () => {
    const def = copy();
    const lead = def.nodes.find((n) => n.id === "lead");
    if (lead?.data.kind !== "stage" || !lead.data.timeLimit) throw new Error("fixture changed");
    lead.data.timeLimit.days = 4;
    expect(hashOf(def)).not.toBe(original);
  });
});
