import { describe, expect, it } from "vitest";
import {
  buildRulebook,
  type RulebookInput,
} from "@/app/(app)/pipelines/[id]/versions/[versionId]/rulebook/rulebook";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import { defaultProcess } from "@/workflows/templates/default-process";

const directory: RulebookInput["directory"] = {
  users: [{ id: "u1", name: "李娜", email: "manager@example.com", role: "manager" }],
  teams: [
    { id: "t1", key: "east", name: "华东一组", nameEn: "East team" },
    { id: "t2", key: "north", name: "华北一组", nameEn: "North team" },
  ],
};
const book = (locale: "zh-CN" | "en", over: Partial<RulebookInput> = {}) =>
  buildRulebook({
    pipelineName: { zh: "新客户", en: "New business" },
    version: { number: 3, status: "pilot", date: "2026-03-01", changeNote: "BANT in one step" },
    definition: defaultProcess,
    previous: null,
    directory,
    locale,
    ...over,
  });

describe("rulebook", () => {
  it("should write the stages in order with their guidance, exit criteria, owner and time limit", () => {
    const zh = book("zh-CN");
    expect(zh.title).toBe("新客户 · 商机管理制度");
    expect(zh.meta).toEqual([
      { label: "版本", value: "v3" },
      { label: "状态", value: "试点中" },
      { label: "日期", value: "2026-03-01" },
    ]);
    expect(zh.stages[0]).toMatchObject({ key: "lead", name: "线索", probability: "5%", outcome: "open" });
    expect(zh.stages[0]!.guidance).toContain("24 小时内");
    expect(zh.stages[0]!.exit).toEqual(["填写 行业", "填写 区域", "填写 来源"]);
    expect(zh.stages[0]!.timeLimit).toMatch(/^3 天；超时后/);
    // Closed stages come last: won, then lost.
    expect(zh.stages.slice(-2).map((s) => s.outcome)).toEqual(["won", "lost"]);
    expect(zh.stages[0]!.actions.some((a) => a.startsWith("「开始接触」 → 初步接触"))).toBe(true);
  });

  it("should put rules, scoring, approvals and the assignment in plain words, in English too", () => {
    const en = book("en");
    expect(en.title).toBe("New business — Opportunity management rules");
    expect(en.stages[0]!.owner).toBe("The deal's owner (unchanged on entering the stage)");
    expect(en.rules.length).toBeGreaterThan(0);
    expect(en.rules.every((r) => r.text.length > 0 && !r.text.includes("undefined"))).toBe(true);
    expect(en.scoring?.thresholds).toMatch(/^A ≥ \d+, B ≥ \d+, C ≥ \d+, otherwise D/);
    expect(en.approvals.map((a) => a.name)).toContain("Discount approval");
    expect(en.approvals[0]!.outcomes.join()).toMatch(/Approved → .*Rejected → /);
    expect(en.assignment).toBe(
      "By Region: East → East team; North → North team; otherwise East team (reps in turn).",
    );
    expect(en.fields.find((f) => f.name === "Title")).toMatchObject({ requiredAtCreation: true });
    expect(en.decisions.length).toBeGreaterThan(0);
    expect(en.decisions[0]!.branches.at(-1)).toMatch(/^Otherwise → /);
  });

  it("should list what changed from the previous version", () => {
    const changed: PipelineDefinition = structuredClone(defaultProcess);
    const lead = changed.nodes.find((n) => n.id === "lead")!;
    lead.data = { ...lead.data, name: { zh: "新线索", en: "New lead" }, probability: 8 } as typeof lead.data;
    changed.fields.push({ key: "budgetYear", name: { zh: "预算年度", en: "Budget year" }, type: "number" });
    const en = book("en", { definition: changed, previous: { number: 2, definition: defaultProcess } });
    expect(en.changes.previous).toBe(2);
    expect(en.changes.lines).toEqual([
      "Changed stage “New lead”: name, win probability",
      "Added field “Budget year”",
    ]);
    const zh = book("zh-CN", { definition: changed, previous: { number: 2, definition: defaultProcess } });
    expect(zh.changes.lines).toEqual(["修改 阶段「新线索」：名称、赢率", "新增 字段「预算年度」"]);
    expect(book("en", { previous: { number: 2, definition: defaultProcess } }).changes).toMatchObject({
      lines: [],
      empty: "Nothing changed from the previous version.",
    });
    expect(book("zh-CN").changes.empty).toBe("这是该流程的第一个版本。");
  });
});
