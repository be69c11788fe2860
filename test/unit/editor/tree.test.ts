import { describe, expect, it } from "vitest";
import type { Condition } from "@/workflows/definition/schema";
import { defaultProcess } from "@/workflows/templates/default-process";
import {
  addMember,
  removeMember,
  replaceMember,
  toggleGroup,
  toggleNot,
} from "@/app/(app)/pipelines/[id]/edit/_rules/tree";
import { ruleReferences, ruleUsedBy } from "@/app/(app)/pipelines/[id]/edit/_rules/rule-usage";

const a: Condition = { field: "need", op: "isSet" };
const b: Condition = { field: "amount", op: "gte", value: 1 };

describe("condition tree edits", () => {
  it("should grow a group, and turn a lone row into 'all of' it and the new row", () => {
    expect(addMember(undefined, a)).toEqual(a);
    expect(addMember(a, b)).toEqual({ all: [a, b] });
    expect(addMember({ any: [a] }, b)).toEqual({ any: [a, b] });
  });

  it("should switch all and any keeping members, remove and replace members", () => {
    expect(toggleGroup({ all: [a, b] })).toEqual({ any: [a, b] });
    expect(removeMember({ any: [a, b] }, 0)).toEqual({ any: [b] });
    expect(replaceMember({ all: [a, b] }, 1, a)).toEqual({ all: [a, a] });
  });

  it("should wrap in not, and unwrap a negation instead of doubling it", () => {
    expect(toggleNot(a)).toEqual({ not: a });
    expect(toggleNot({ not: a })).toEqual(a);
  });

  it("should find the rules and criteria that refer to a rule", () => {
    const rules = [
      { key: "bant", name: { zh: "B", en: "B" }, condition: a },
      { key: "hot", name: { zh: "H", en: "H" }, condition: { all: [{ rule: "bant" }, b] } },
    ];
    const scoring = {
      criteria: [{ id: "q", label: { zh: "Q", en: "Q" }, when: { not: { rule: "bant" } }, points: 5 }],
      thresholds: { a: 80, b: 60, c: 40 },
    };
    const refs = ruleReferences("bant", rules, scoring);
    expect(refs.rules.map((r) => r.key)).toEqual(["hot"]);
    expect(refs.criteria.map((c) => c.id)).toEqual(["q"]);
    expect(ruleReferences("hot", rules, scoring)).toEqual({ rules: [], criteria: [] });
  });
});

describe("where named rules are used", () => {
  it("should list the branch that takes BANT-qualified deals in the default process", () => {
    const usedBy = ruleUsedBy(defaultProcess, (t) => t.en);
    expect(usedBy).toEqual({ bant: ["Qualify → Needs analysis"] });
    expect(ruleUsedBy({ nodes: [], edges: [] }, (t) => t.en)).toEqual({});
  });
});
