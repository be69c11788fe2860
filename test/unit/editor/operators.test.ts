import { describe, expect, it } from "vitest";
import type { FieldDef } from "@/workflows/definition/schema";
import { OPS_BY_TYPE } from "@/workflows/rules/check-comparison";
import { defaultProcess } from "@/workflows/templates/default-process";
import {
  coerceValue,
  newComparison,
  OFFERED_OPS,
  opsForField,
  parseNumber,
  valueKind,
  withField,
  withOp,
} from "@/app/(app)/pipelines/[id]/edit/_rules/operators";

const field = (key: string) => defaultProcess.fields.find((f) => f.key === key) as FieldDef;

describe("operators offered per field type", () => {
  it("should offer only operators the compiler accepts for the type", () => {
    for (const [type, ops] of Object.entries(OFFERED_OPS)) {
      for (const op of ops) expect(OPS_BY_TYPE[type as FieldDef["type"]]).toContain(op);
    }
  });

  it("should offer ordering for amounts, withinDays for dates and lists for selects", () => {
    expect(opsForField(field("amount"))).toEqual([
      "eq",
      "neq",
      "gt",
      "gte",
      "lt",
      "lte",
      "between",
      "isSet",
      "isEmpty",
    ]);
    expect(opsForField(field("expectedClose"))).toContain("withinDays");
    expect(opsForField(field("industry"))).toEqual(["eq", "neq", "in", "notIn", "isSet", "isEmpty"]);
    expect(opsForField(field("budgetConfirmed"))).not.toContain("gt");
    expect(opsForField(field("title"))).not.toContain("gte");
  });

  it("should keep an operator already written in the definition when the checker accepts it", () => {
    expect(opsForField(field("title"), "neq")).toContain("neq");
    expect(opsForField(field("title"), "gt")).not.toContain("gt");
  });
});

describe("value controls", () => {
  it("should pick the control that fits the field and operator", () => {
    expect(valueKind(field("amount"), "gte")).toBe("number");
    expect(valueKind(field("amount"), "between")).toBe("numberRange");
    expect(valueKind(field("expectedClose"), "between")).toBe("dateRange");
    expect(valueKind(field("expectedClose"), "withinDays")).toBe("days");
    expect(valueKind(field("industry"), "eq")).toBe("option");
    expect(valueKind(field("industry"), "in")).toBe("options");
    expect(valueKind(field("competitors"), "contains")).toBe("option");
    expect(valueKind(field("competitors"), "eq")).toBe("options");
    expect(valueKind(field("decisionMaker"), "isSet")).toBe("none");
    const owner: FieldDef = { key: "ae", name: { zh: "客户经理", en: "AE" }, type: "user" };
    expect(valueKind(owner, "eq")).toBe("user");
    expect(valueKind(owner, "in")).toBe("users");
  });
});

describe("changing field or operator", () => {
  it("should turn a lone option into a list of one and back", () => {
    expect(coerceValue(field("industry"), "in", "finance")).toEqual(["finance"]);
    expect(coerceValue(field("industry"), "eq", ["finance", "retail"])).toBe("finance");
  });

  it("should drop a value that does not fit the new field", () => {
    const row = { field: "amount", op: "gte" as const, value: 50000 };
    expect(withField(row, field("amount"), field("industry"))).toEqual({ field: "industry", op: "eq" });
    expect(withField(row, field("amount"), field("budget"))).toEqual({
      field: "budget",
      op: "gte",
      value: 50000,
    });
    expect(withField(row, field("amount"), field("expectedClose"))).toEqual({
      field: "expectedClose",
      op: "withinDays",
    });
    expect(withField({ field: "", op: "eq" }, undefined, field("budgetConfirmed"))).toEqual({
      field: "budgetConfirmed",
      op: "eq",
      value: true,
    });
  });

  it("should drop the value of isSet and of an option the field does not have", () => {
    expect(withOp({ field: "amount", op: "gte", value: 5 }, field("amount"), "isSet")).toEqual({
      field: "amount",
      op: "isSet",
    });
    expect(coerceValue(field("industry"), "eq", "mars")).toBeUndefined();
  });

  it("should start a boolean row as 'is yes' and an amount row with no value", () => {
    expect(newComparison(field("budgetConfirmed"))).toEqual({
      field: "budgetConfirmed",
      op: "eq",
      value: true,
    });
    expect(newComparison(field("amount"))).toEqual({ field: "amount", op: "eq" });
    expect(newComparison(undefined)).toEqual({ field: "", op: "eq" });
  });

  it("should read number inputs, leaving blanks and junk unset", () => {
    expect(parseNumber(" 50000 ")).toBe(50000);
    expect(parseNumber("")).toBeUndefined();
    expect(parseNumber("abc")).toBeUndefined();
  });
});
