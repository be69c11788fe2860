import { describe, expect, it } from "vitest";
import { refusalCode } from "@/lib/analytics/refusal-codes";
import { generateDemoDeals } from "@/lib/server/seed/demo-deals";
import { compile } from "@/workflows/compiler";
import { createProgram } from "@/workflows/runtime";
import { defaultProcess } from "@/workflows/templates/default-process";

/*
 * The demo company's refused attempts (the Adoption tab's refusals): now and then a rep tries an
 * action before filling in what it needs, is refused, fills it in and takes it. The attempts come
 * from a random stream of their own, so they leave every deal's story exactly as it was.
 */

const now = new Date("2025-06-15T08:00:00Z");
const teams = [
  { key: "east", id: "team-east", managerId: "manager-east" },
  { key: "north", id: "team-north", managerId: "manager-north" },
];
const reps = [
  { id: "rep-east-1", teamKey: "east" },
  { id: "rep-north-1", teamKey: "north" },
];
const program = createProgram(defaultProcess, compile(defaultProcess));
const deals = generateDemoDeals(program, { now, count: 300, teams, reps });

describe("the demo's refused attempts", () => {
  it("should come shortly before the owner took that action in that stage, for reasons the engine gives", () => {
    const refusals = deals.flatMap((d) => d.refusals.map((r) => ({ d, r })));
    expect(refusals.length).toBeGreaterThan(50);
    for (const { d, r } of refusals) {
      expect(r.actorId).toBe(d.ownerId);
      expect(r.reasons.length).toBeGreaterThan(0);
      const taken = d.events.find((e) => e.action === r.action && e.fromStage === r.stage && e.at > r.at);
      expect(taken).toBeDefined();
      expect(taken!.at.getTime() - r.at.getTime()).toBeLessThanOrEqual(60 * 60_000);
    }
    const codes = new Set(refusals.flatMap(({ r }) => r.reasons.map(refusalCode)));
    expect(codes).toContain("field:lostReason");
    expect([...codes].some((c) => c.startsWith("checklist:"))).toBe(true);
  });
});
