import { describe, expect, it } from "vitest";
import { diffDefinitions, isEmptyDiff } from "@/workflows/definition/diff";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import { defaultProcess } from "@/workflows/templates/default-process";

const copy = (): PipelineDefinition => structuredClone(defaultProcess);
const node = (d: PipelineDefinition, id: string) => d.nodes.find((n) => n.id === id)!;
const stageData = (d: PipelineDefinition, id: string) =>
  node(d, id).data as Extract<PipelineDefinition["nodes"][number]["data"], { kind: "stage" }>;

describe("diffDefinitions", () => {
  it("should find nothing between a definition and a copy with its keys in another order", () => {
    const shuffled = JSON.parse(
      JSON.stringify(defaultProcess, (_k, v: unknown) =>
        v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
      ),
    ) as PipelineDefinition;
    const diff = diffDefinitions(defaultProcess, shuffled);
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diff.nodes).toEqual({ added: [], removed: [], changed: [] });
  });

  it("should list a moved node as a position change only, apart from a renamed one", () => {
    const after = copy();
    node(after, "lead").position = { x: 999, y: 5 };
    stageData(after, "analysis").name = { zh: "需求调研", en: "Discovery" };
    stageData(after, "analysis").probability = 30;
    const { nodes } = diffDefinitions(defaultProcess, after);
    expect(nodes.changed).toEqual([
      { id: "lead", changes: ["position"] },
      { id: "analysis", changes: ["name", "probability"] },
    ]);
  });

  it("should list added and removed nodes and edges by id", () => {
    const after = copy();
    after.nodes = after.nodes.filter((n) => n.id !== "nurture");
    after.edges = after.edges.filter((e) => e.source !== "nurture" && e.target !== "nurture");
    after.nodes.push({
      id: "demo",
      position: { x: 0, y: 0 },
      data: {
        kind: "stage",
        key: "demo",
        name: { zh: "演示", en: "Demo" },
        outcome: "open",
        probability: 30,
        requiredFields: [],
        exitChecklist: [],
      },
    });
    after.edges.push({ id: "analysis-demo", source: "analysis", target: "demo", effects: [] });
    const diff = diffDefinitions(defaultProcess, after);
    expect(diff.nodes.added).toEqual(["demo"]);
    expect(diff.nodes.removed).toEqual(["nurture"]);
    expect(diff.edges.added).toEqual(["analysis-demo"]);
    expect(diff.edges.removed.sort()).toEqual(
      ["nurture-drop-lost", "nurture-reEngage-contact", "qualify-default-nurture"].sort(),
    );
  });

  it("should name the edge properties that changed, and treat a left-out default as unchanged", () => {
    const after = copy();
    const edge = after.edges.find((e) => e.id === "lead-startContact-contact")!;
    edge.action = { key: "startContact", name: { zh: "联系", en: "Contact" } };
    edge.requiredFields = ["industry"];
    const plain = after.edges.find((e) => e.id === "contact-qualify-qualify")!;
    delete (plain as Partial<typeof plain>).effects;
    const diff = diffDefinitions(defaultProcess, after);
    expect(diff.edges.changed).toEqual([
      { id: "lead-startContact-contact", changes: ["action", "requiredFields"] },
    ]);
  });

  it("should diff fields by key: retyped, options changed, moved, added", () => {
    const after = copy();
    const industry = after.fields.find((f) => f.key === "industry")!;
    industry.options = industry.options!.slice(0, 3);
    const need = after.fields.find((f) => f.key === "need")!;
    need.type = "text";
    const contact = after.fields.splice(
      after.fields.findIndex((f) => f.key === "contact"),
      1,
    )[0]!;
    after.fields.push(contact, {
      key: "website",
      name: { zh: "官网", en: "Website" },
      type: "text",
      format: "url",
    });
    const { fields } = diffDefinitions(defaultProcess, after);
    expect(fields.added).toEqual(["website"]);
    expect(fields.removed).toEqual([]);
    const byKey = Object.fromEntries(fields.changed.map((c) => [c.id, c.changes]));
    expect(byKey.industry).toContain("options");
    expect(byKey.need).toContain("type");
    expect(byKey.contact).toEqual(["order"]);
  });

  it("should flag rules, scoring and settings as changed when they are", () => {
    const after = copy();
    after.rules[0]!.condition = { field: "budgetConfirmed", op: "eq", value: true };
    after.scoring!.thresholds.a = 90;
    after.name = { zh: "新流程", en: "New" };
    const diff = diffDefinitions(defaultProcess, after);
    expect(diff).toMatchObject({ rulesChanged: true, scoringChanged: true, settings: ["name"] });
    expect(diffDefinitions(defaultProcess, copy())).toMatchObject({
      rulesChanged: false,
      scoringChanged: false,
    });
  });
});
