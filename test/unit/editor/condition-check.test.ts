import { describe, expect, it } from "vitest";
import type { Condition } from "@/workflows/definition/schema";
import { defaultProcess } from "@/workflows/templates/default-process";
import { conditionProblems } from "@/app/(app)/pipelines/[id]/edit/_rules/condition-check";

const { fields, rules } = defaultProcess;
const problems = (c: Condition | undefined) =>
  Object.fromEntries([...conditionProblems(c, fields, rules)].map(([path, m]) => [path, m.en]));

describe("rule builder row problems", () => {
  it("should find nothing wrong with the default BANT rule", () => {
    expect(problems(rules[0]!.condition)).toEqual({});
    expect(problems(undefined)).toEqual({});
  });

  it("should point at rows still missing a field, a value or a rule, by the compiler's paths", () => {
    const c: Condition = {
      all: [
        { field: "", op: "eq" },
        { not: { field: "amount", op: "gte" } },
        { any: [{ rule: "" }] },
        { field: "amount", op: "between", value: [10] },
      ],
    };
    expect(problems(c)).toEqual({
      "all[0]": "Choose a field",
      "all[1].not": "Enter a value to compare with",
      "all[2].any[0]": "Choose a rule",
      "all[3]": "Enter a value to compare with",
    });
  });

  it("should warn about empty groups", () => {
    expect(problems({ any: [] })).toEqual({ "": expect.stringContaining("never holds") });
    expect(problems({ all: [] })).toEqual({ "": expect.stringContaining("always holds") });
  });

  it("should pass on the compiler's message for a finished but wrong row", () => {
    expect(problems({ field: "industry", op: "eq", value: "mars" })).toEqual({
      "": "Industry (select) has no option “mars”",
    });
    expect(problems({ field: "amount", op: "between", value: [9, 1] })[""]).toMatch(/minimum above/);
    expect(problems({ rule: "nope" })).toEqual({ "": "Unknown rule “nope”" });
  });
});
