import { describe, expect, it } from "vitest";
import { fieldsRead, thresholdProblem, totalPoints } from "@/app/(app)/pipelines/[id]/edit/_rules/scoring";
import { defaultProcess } from "@/workflows/templates/default-process";

describe("scoring helpers", () => {
  it("should accept A > B > C within 0–100 and reject the rest", () => {
    expect(thresholdProblem({ a: 80, b: 60, c: 40 })).toBeNull();
    expect(thresholdProblem({ a: 60, b: 60, c: 40 })).toBe("order");
    expect(thresholdProblem({ a: 40, b: 60, c: 80 })).toBe("order");
    expect(thresholdProblem({ a: 120, b: 60, c: 40 })).toBe("range");
    expect(thresholdProblem({ a: 80, b: 60, c: Number.NaN })).toBe("range");
  });

  it("should add up the default score's points and list the fields it reads", () => {
    const scoring = defaultProcess.scoring!;
    expect(totalPoints(scoring)).toBe(110);
    const keys = fieldsRead(
      scoring.criteria.map((c) => c.when),
      defaultProcess.fields,
      defaultProcess.rules,
    ).map((f) => f.key);
    expect(keys).toEqual(["amount", "expectedClose", "industry", "budgetConfirmed", "decisionMaker", "need"]);
  });

  it("should follow named rules to the fields they read", () => {
    const keys = fieldsRead([{ rule: "bant" }], defaultProcess.fields, defaultProcess.rules).map(
      (f) => f.key,
    );
    expect(keys).toEqual(["expectedClose", "budgetConfirmed", "budget", "decisionMaker", "need"]);
  });
});
