import { describe, expect, it } from "vitest";
import type { FieldDef } from "@/workflows/definition/schema";
import { evaluateCondition, isSet, toDay, toNumber, toOptionList, type DealValues } from "@/workflows/rules";
import { NOW } from "./fixtures";

/* What counts as filled in, how values are read, and that rules read only declared fields. */

describe("whether a value is set", () => {
  it.each([null, undefined, "", "   ", "\t\n", [], Number.NaN])("should see %j as empty", (value) => {
    expect(isSet(value)).toBe(false);
  });

  it.each([false, 0, "0", "x", ["rivalA"], true, -1])("should see %j as set", (value) => {
    expect(isSet(value)).toBe(true);
  });
});

describe("reading values", () => {
  it("should read dates and ISO timestamps as the same UTC day", () => {
    expect(toDay("2026-03-01")).toBe(toDay("2026-03-01T23:59:59.999Z"));
    expect(toDay("2026-03-02T07:00:00+08:00")).toBe(toDay("2026-03-01"));
  });

  it("should not read impossible or foreign dates", () => {
    for (const value of [
      "2026-02-30",
      "2026-13-01",
      "01/03/2026",
      "2026-03-01T10:00",
      "tomorrow",
      20260301,
    ]) {
      expect(toDay(value), String(value)).toBeNull();
    }
  });

  it("should read numbers and numeric strings, and nothing else, as numbers", () => {
    expect(toNumber(50_000)).toBe(50_000);
    expect(toNumber(" 50000 ")).toBe(50_000);
    expect(toNumber("-12.5")).toBe(-12.5);
    for (const value of ["", "5万", "0x10", "1e3", Number.POSITIVE_INFINITY, true, [5]]) {
      expect(toNumber(value), String(value)).toBeNull();
    }
  });

  it("should read a multi-select's options and ignore what is not an option", () => {
    expect(toOptionList(["rivalA", 3, "none"])).toEqual(["rivalA", "none"]);
    expect(toOptionList("rivalA")).toEqual(["rivalA"]);
    expect(toOptionList([])).toBeNull();
  });
});

describe("reading only declared fields", () => {
  const note: FieldDef = { key: "note", name: { zh: "备注", en: "Note" }, type: "text" };

  it("should fail a comparison on an undeclared field without reading the deal's values", () => {
    let read = false;
    const values: DealValues = { note: "x" };
    Object.defineProperty(values, "secret", {
      enumerable: true,
      get: () => {
        read = true;
        return "hidden";
      },
    });
    const outcome = evaluateCondition(
      { field: "secret", op: "isSet" },
      { fields: [note], rules: [], values, now: NOW },
    );
    expect(outcome.pass).toBe(false);
    expect(outcome.node).toMatchObject({ kind: "compare", problem: "unknownField" });
    expect(read).toBe(false);
  });

  it("should not take inherited properties for a field's value", () => {
    const constructor: FieldDef = {
      key: "constructor",
      name: { zh: "构造", en: "Constructor" },
      type: "text",
    };
    const outcome = evaluateCondition(
      { field: "constructor", op: "isSet" },
      { fields: [constructor], rules: [], values: {}, now: NOW },
    );
    expect(outcome.pass).toBe(false);
  });

  it("should record the compared value and the condition's value in the explanation", () => {
    const outcome = evaluateCondition(
      { field: "note", op: "contains", value: "VIP" },
      { fields: [note], rules: [], values: { note: "vip client" }, now: NOW },
    );
    expect(outcome).toEqual({
      pass: true,
      node: {
        kind: "compare",
        pass: true,
        field: "note",
        op: "contains",
        expected: "VIP",
        actual: "vip client",
      },
    });
  });
});
