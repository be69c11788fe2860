import { describe, expect, it } from "vitest";
import { defaultProcess } from "@/workflows/templates/default-process";
import { keyFromName, keyProblem, moveItem, uniqueKey } from "@/app/(app)/pipelines/[id]/edit/_fields/keys";
import { fieldUsages } from "@/app/(app)/pipelines/[id]/edit/_fields/usage";
import { rangeProblem, retype, retypeNeedsCheck } from "@/app/(app)/pipelines/[id]/edit/_fields/retype";
import { openStages, stageForm } from "@/app/(app)/pipelines/[id]/edit/_fields/preview";

describe("field keys", () => {
  it("should make a lower-camel key from the English name", () => {
    expect(keyFromName("Expected close date")).toBe("expectedCloseDate");
    expect(keyFromName("  PO number #2 ")).toBe("poNumber2");
    expect(keyFromName("3rd party")).toBe("rdParty");
    expect(keyFromName("预算")).toBe("");
  });

  it("should not reuse a key another field has", () => {
    expect(uniqueKey("Budget", ["budget", "budget2"])).toBe("budget3");
    expect(uniqueKey("预算", [])).toBe("field");
  });

  it("should say why a key cannot be used", () => {
    expect(keyProblem("", [])).toBe("empty");
    expect(keyProblem("Budget", [])).toBe("pattern");
    expect(keyProblem("my-key", [])).toBe("pattern");
    expect(keyProblem("budget", ["budget"])).toBe("taken");
    expect(keyProblem("budget2", ["budget"])).toBeNull();
  });

  it("should move a field up or down the list", () => {
    expect(moveItem(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveItem(["a", "b", "c"], 2, 1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b"], 1, 5)).toEqual(["a", "b"]);
  });
});

describe("where a field is used", () => {
  it("should find the default process's uses of the amount field", () => {
    const kinds = fieldUsages(defaultProcess, "amount").map((u) => `${u.kind}:${u.name.en}`);
    expect(kinds).toContain("scoring:Amount ≥ 500,000");
    expect(kinds.some((k) => k.startsWith("actionCondition:"))).toBe(true);
  });

  it("should find the BANT rule and the score among the uses of decisionMaker", () => {
    const kinds = fieldUsages(defaultProcess, "decisionMaker").map((u) => u.kind);
    expect(kinds).toContain("rule");
    expect(kinds).toContain("scoring");
  });

  it("should find uses of one option only where that option is named", () => {
    expect(fieldUsages(defaultProcess, "industry", "finance").map((u) => u.name.en)).toEqual([
      "Strategic industry (finance, government, healthcare)",
    ]);
    expect(fieldUsages(defaultProcess, "industry", "retail")).toEqual([]);
  });

  it("should find nothing for a field no one uses", () => {
    expect(fieldUsages(defaultProcess, "contact")).toEqual([]);
  });
});

describe("retyping a field", () => {
  const discount = defaultProcess.fields.find((f) => f.key === "discountPct")!;
  const industry = defaultProcess.fields.find((f) => f.key === "industry")!;

  it("should keep options for selects only and min/max for numbers only", () => {
    expect(retype(industry, "multiSelect").options).toHaveLength(7);
    expect(retype(industry, "text")).toEqual({ key: "industry", name: industry.name, type: "text" });
    expect(retype(discount, "currency")).toEqual({
      key: "discountPct",
      name: discount.name,
      type: "currency",
    });
    expect(retype({ ...discount, type: "text" }, "number")).toMatchObject({ min: 0, max: 100 });
    expect(retype(discount, "select").options).toEqual([]);
  });

  it("should ask the server before a change that may strand values, but not text → long text", () => {
    expect(retypeNeedsCheck("text", "longText")).toBe(false);
    expect(retypeNeedsCheck("longText", "text")).toBe(true);
    expect(retypeNeedsCheck("number", "currency")).toBe(true);
    expect(retypeNeedsCheck("date", "date")).toBe(false);
  });

  it("should reject a range whose minimum is above its maximum", () => {
    expect(rangeProblem({ min: 5, max: 1 })).toBe("order");
    expect(rangeProblem({ min: 0 })).toBeNull();
  });
});

describe("form preview", () => {
  it("should list what a rep must fill in to leave a stage, and what each action adds", () => {
    const stage = openStages(defaultProcess).find(
      (n) => n.data.kind === "stage" && n.data.requiredFields.length > 0,
    )!;
    const form = stageForm(defaultProcess, stage.id);
    const data = stage.data as { requiredFields: string[] };
    expect(form.required.map((f) => f.key)).toEqual(data.requiredFields);
    for (const action of form.actions) {
      for (const f of action.fields) expect(data.requiredFields).not.toContain(f.key);
    }
  });

  it("should ask for the lost reason when closing lost from the first stage", () => {
    const first = openStages(defaultProcess)[0]!;
    const form = stageForm(defaultProcess, first.id);
    expect(form.actions.flatMap((a) => a.fields.map((f) => f.key))).toContain("lostReason");
  });

  it("should give an empty form for a node that is not an open stage", () => {
    expect(stageForm(defaultProcess, "nope")).toEqual({ required: [], checklist: [], actions: [] });
  });
});
