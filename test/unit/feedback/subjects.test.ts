import { describe, expect, it } from "vitest";
import { feedbackSubjects, pointName, subjectName } from "@/lib/feedback/subjects";
import { defaultProcess } from "@/workflows/templates/default-process";

describe("what feedback can be about", () => {
  const { points, subjects } = feedbackSubjects(defaultProcess);

  it("should list stages in reading order, then won and lost, then approvals and decisions", () => {
    expect(points.map((p) => p.key)).toEqual([
      "lead",
      "contact",
      "nurture",
      "analysis",
      "proposal",
      "negotiation",
      "won",
      "lost",
      "discountApproval",
      "bigDealApproval",
      "qualify",
      "discountCheck",
    ]);
  });

  it("should list each action once with the stages it leaves from", () => {
    const closeLost = subjects.filter((s) => s.kind === "action" && s.key === "closeLost");
    expect(closeLost).toHaveLength(1);
    expect(closeLost[0]!.stages.sort()).toEqual(["analysis", "contact", "negotiation", "proposal"]);
  });

  it("should tie each field to the stages that require it, and name rules", () => {
    expect(subjects.find((s) => s.kind === "field" && s.key === "painPoints")?.stages).toEqual(["analysis"]);
    expect(subjects.find((s) => s.kind === "field" && s.key === "contact")?.stages).toEqual([]);
    expect(subjectName(defaultProcess, "rule", "bant")).toEqual({
      zh: "BANT 资格审核",
      en: "BANT qualification",
    });
    expect(subjectName(defaultProcess, "action", "sendProposal")?.en).toBe("Send proposal");
    expect(subjectName(defaultProcess, "field", "nope")).toBeNull();
    expect(pointName(defaultProcess, "discountApproval")?.zh).toBe("折扣审批");
    expect(pointName(defaultProcess, "nowhere")).toBeNull();
  });
});
