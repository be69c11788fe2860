import { describe, expect, it } from "vitest";
import { suggestColumns } from "@/lib/import/suggest-columns";
import { suggestValue, type ValueCandidate } from "@/lib/import/suggest-values";
import { importTargets } from "@/lib/import/targets";
import { editDistance, normalizeHeader } from "@/lib/import/text";
import { defaultFields } from "@/workflows/templates/default-process-fields";
import type { FieldDef } from "@/workflows/definition/schema";

const fields = [
  ...(defaultFields as FieldDef[]),
  { key: "contractNo", name: { zh: "合同编号", en: "Contract number" }, type: "text" } as FieldDef,
];
const targets = importTargets(fields);
const suggest = (headers: string[]) =>
  suggestColumns(headers, targets).map((s) => s && `${s.target}:${s.confidence}`);

describe("suggestColumns", () => {
  it("should map Chinese headers of a typical CRM export", () => {
    expect(
      suggest([
        "客户名称",
        "金额（元）",
        "阶段",
        "负责人",
        "行业",
        "地区",
        "来源",
        "预计成交日期",
        "外部编号",
        "创建日期",
        "合同编号",
      ]),
    ).toEqual([
      "account:exact",
      "amount:exact",
      "@stage:exact",
      "@owner:exact",
      "industry:exact",
      "region:exact",
      "source:exact",
      "expectedClose:exact",
      "@externalId:exact",
      "@createdAt:exact",
      "contractNo:exact",
    ]);
  });

  it("should map English headers, whatever their case and punctuation", () => {
    expect(
      suggest([
        "Company",
        "Amount (USD)",
        "Stage",
        "Owner",
        "Industry",
        "Region",
        "Lead Source",
        "Expected close",
        "External ID",
        "Contract Number",
        "Deal name",
      ]),
    ).toEqual([
      "account:exact",
      "amount:exact",
      "@stage:exact",
      "@owner:exact",
      "industry:exact",
      "region:exact",
      "source:exact",
      "expectedClose:exact",
      "@externalId:exact",
      "contractNo:exact",
      "title:exact",
    ]);
  });

  it("should give a target to one column only, preferring the better name", () => {
    // The export's owner e-mail beats the owner's name; the name column stays unmapped.
    expect(suggest(["负责人", "负责人邮箱"])).toEqual([null, "@owner:exact"]);
    expect(suggest(["Account", "Company"])).toEqual(["account:exact", null]);
  });

  it("should offer near misses as such", () => {
    expect(suggest(["预估金额额", "Industy", "签约客户"])).toEqual([
      "amount:near",
      "industry:near",
      "account:near",
    ]);
  });

  it("should leave headers it does not know unmapped", () => {
    expect(suggest(["备注说明", "Weather", "", "#"])).toEqual([null, null, null, null]);
  });
});

describe("suggestValue", () => {
  const stages: ValueCandidate[] = [
    { value: "negotiation", names: ["negotiation", "谈判", "Negotiation"] },
    { value: "won", names: ["won", "赢单", "Won"] },
    { value: "lost", names: ["lost", "输单", "Lost"] },
  ];
  const people: ValueCandidate[] = [
    { value: "u1", names: ["zhang.wei@example.com", "张伟"] },
    { value: "u2", names: ["liu@example.com", "刘洋"] },
    { value: "u3", names: ["liu2@example.com", "刘洋"] },
  ];

  it("should match names letter for letter, in zh or en, and keys", () => {
    expect(suggestValue("谈判", stages)).toEqual({ value: "negotiation", confidence: "exact" });
    expect(suggestValue("Won", stages)).toEqual({ value: "won", confidence: "exact" });
    expect(suggestValue(" lost ", stages)).toEqual({ value: "lost", confidence: "exact" });
    expect(suggestValue("zhang.wei@example.com", people)).toEqual({ value: "u1", confidence: "exact" });
  });

  it("should offer case, spacing and full-width differences as near misses to confirm", () => {
    expect(suggestValue("WON", stages)).toEqual({ value: "won", confidence: "near" });
    expect(suggestValue("Ｎｅｇｏｔｉａｔｉｏｎ", stages)).toEqual({
      value: "negotiation",
      confidence: "near",
    });
    expect(suggestValue("张 伟", people)).toEqual({ value: "u1", confidence: "near" });
    expect(suggestValue("Zhang.Wei@Example.com", people)).toEqual({ value: "u1", confidence: "near" });
  });

  it("should offer typing mistakes and longer forms as near misses", () => {
    expect(suggestValue("Negotation", stages)).toEqual({ value: "negotiation", confidence: "near" });
    expect(suggestValue("谈判中", stages)).toEqual({ value: "negotiation", confidence: "near" });
  });

  it("should not guess between equals or from too little", () => {
    expect(suggestValue("刘洋", people)).toBeNull();
    expect(suggestValue("赢", stages)).toBeNull();
    expect(suggestValue("pending", stages)).toBeNull();
  });
});

describe("text helpers", () => {
  it("should measure edit distance by character, stopping early past the limit", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("谈判", "谈判中")).toBe(1);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
  });

  it("should fold headers: width, case, brackets, spaces and marks", () => {
    expect(normalizeHeader("金额（元）")).toBe("金额");
    expect(normalizeHeader("* Expected Close Date ")).toBe("expectedclosedate");
    expect(normalizeHeader("ＡＭＯＵＮＴ")).toBe("amount");
    expect(normalizeHeader("（备注）")).toBe("备注");
  });
});
