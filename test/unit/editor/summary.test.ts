import { describe, expect, it } from "vitest";
import { defaultProcess } from "@/workflows/templates/default-process";
import { summarize } from "@/app/(app)/pipelines/[id]/edit/_rules/summary";

const ctx = { fields: defaultProcess.fields, rules: defaultProcess.rules };
const bant = defaultProcess.rules[0]!.condition;

describe("one-line summary of a condition", () => {
  it("should read the BANT rule in English and Chinese", () => {
    expect(summarize(bant, { ...ctx, locale: "en" })).toBe(
      "(Budget confirmed = yes or Budget ≥ 50,000) and Decision maker is set and Need is set and Expected close within 180 days",
    );
    expect(summarize(bant, { ...ctx, locale: "zh-CN" })).toBe(
      "(预算已确认 = 是 或 预算金额 ≥ 50,000) 且 决策人 已填写 且 需求描述 已填写 且 预计成交日期在 180 天内",
    );
  });

  it("should name options by label, users by name, dates before/after and rules by name", () => {
    const users = [{ id: "u1", name: "Li Lei", email: "l@x", role: "rep" }];
    const fields = [...ctx.fields, { key: "ae", name: { zh: "客户经理", en: "AE" }, type: "user" as const }];
    const c = {
      any: [
        { field: "industry", op: "in" as const, value: ["finance", "government"] },
        { field: "ae", op: "eq" as const, value: "u1" },
        { field: "expectedClose", op: "lt" as const, value: "2026-12-31" },
        { not: { rule: "bant" } },
      ],
    };
    expect(summarize(c, { ...ctx, fields, users, locale: "en" })).toBe(
      "Industry is one of Finance, Government or AE = Li Lei or Expected close before 2026-12-31 or not (“BANT qualification”)",
    );
  });

  it("should show gaps for unfinished rows and say when there is no condition", () => {
    expect(summarize({ field: "amount", op: "gte" }, { ...ctx, locale: "en" })).toBe("Amount ≥ …");
    expect(summarize(undefined, { ...ctx, locale: "zh-CN" })).toBe("无条件");
    expect(summarize({ any: [] }, { ...ctx, locale: "en" })).toBe("never");
  });
});
