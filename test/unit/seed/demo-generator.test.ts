import { describe, it, expect } from "vitest";
import { generateDemoDeals, type GeneratedDeal } from "@/lib/server/seed/demo-deals";
import { defaultProcess } from "@/workflows/templates/default-process";

const now = new Date("2025-06-15T08:00:00Z");
const teams = [
  { key: "east", id: "team-east", managerId: "manager-east" },
  { key: "north", id: "team-north", managerId: "manager-north" },
];
const reps = [
  { id: "rep-east-1", teamKey: "east" },
  { id: "rep-north-1", teamKey: "north" },
  { id: "rep-east-2", teamKey: "east" },
  { id: "rep-north-2", teamKey: "north" },
];
const generate = (count = 300, seed?: number) =>
  generateDemoDeals(defaultProcess, { now, count, seed, teams, reps });
const deals = generate();

const nodes = new Map(defaultProcess.nodes.map((n) => [n.id, n]));
const outcome = (stage: string) => {
  const data = nodes.get(stage)?.data;
  return data?.kind === "stage" ? data.outcome : "open";
};

/** Where a step leaves the deal: the edge's target, or on through decisions, which hold no deal. */
function restingTargets(edgeTarget: string): string[] {
  if (nodes.get(edgeTarget)?.data.kind !== "decision") return [edgeTarget];
  return defaultProcess.edges.filter((e) => e.source === edgeTarget).flatMap((e) => restingTargets(e.target));
}

function stepAllowed(event: GeneratedDeal["events"][number]): boolean {
  return defaultProcess.edges.some(
    (e) =>
      e.source === event.fromStage &&
      (event.type === "approval" ? e.branch === event.action : e.action?.key === event.action) &&
      restingTargets(e.target).includes(event.toStage),
  );
}

/** The deal's values just after each event, replayed from the recorded changes. */
function replay(deal: GeneratedDeal): Record<string, unknown>[] {
  const values: Record<string, unknown> = {};
  return deal.events.map((e) => {
    for (const [k, c] of Object.entries(e.changes)) values[k] = c.to;
    return { ...values };
  });
}

const isSet = (v: unknown) => v !== undefined && v !== null && v !== "";

describe("generateDemoDeals", () => {
  it("should give the same deals for the same seed, and different ones for another", () => {
    expect(JSON.stringify(generate(50, 7))).toBe(JSON.stringify(generate(50, 7)));
    expect(JSON.stringify(generate(50, 7))).not.toBe(JSON.stringify(generate(50, 8)));
  });

  it("should generate exactly the requested number of deals", () => {
    expect(deals).toHaveLength(300);
    expect(generate(17)).toHaveLength(17);
  });

  it("should start every deal with one created event in the initial stage", () => {
    for (const d of deals) {
      expect(d.events[0]).toMatchObject({
        type: "created",
        fromStage: null,
        toStage: defaultProcess.initialNodeId,
      });
      expect(d.events.slice(1).every((e) => e.type !== "created")).toBe(true);
    }
  });

  it("should only move deals along edges of the definition, each step from where the last one ended", () => {
    for (const d of deals) {
      d.events.slice(1).forEach((e, i) => {
        expect(e.fromStage).toBe(d.events[i]!.toStage);
        expect(stepAllowed(e), `${e.fromStage} -${e.action}-> ${e.toStage}`).toBe(true);
      });
      expect(d.stage).toBe(d.events.at(-1)!.toStage);
    }
  });

  it("should keep every deal's history in time order within the year before now", () => {
    const yearAgo = now.getTime() - 366 * 86_400_000;
    for (const d of deals) {
      const times = d.events.map((e) => e.at.getTime());
      times.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(times[i]!));
      expect(times[0]).toBeGreaterThan(yearAgo);
      expect(times.at(-1)).toBeLessThanOrEqual(now.getTime());
      expect(d.stageEnteredAt.getTime()).toBe(times.at(-1));
    }
  });

  it("should record a final amount on won deals and a lost reason on lost ones, and close them", () => {
    for (const d of deals) {
      const result = outcome(d.stage);
      if (result === "won") expect(d.fields.finalAmount).toBeGreaterThan(0);
      if (result === "lost") expect(d.fields.lostReason).toBeTruthy();
      expect(d.closedAt === null).toBe(result === "open");
    }
  });

  it("should fill the fields each action requires before it fires", () => {
    for (const d of deals) {
      const states = replay(d);
      d.events.forEach((e, i) => {
        if (e.type !== "action") return;
        const edges = defaultProcess.edges.filter(
          (x) => x.source === e.fromStage && x.action?.key === e.action,
        );
        const required = edges.flatMap((x) => x.requiredFields ?? []);
        const stage = nodes.get(e.fromStage!)?.data;
        if (outcome(e.toStage) !== "lost" && stage?.kind === "stage") required.push(...stage.requiredFields);
        for (const key of required) expect(isSet(states[i]![key]), `${e.action} needs ${key}`).toBe(true);
      });
    }
  });

  it("should ask for approval exactly when the discount is over 15% or a big deal is closed", () => {
    const routed = { discount: 0, bigDeal: 0 };
    for (const d of deals) {
      const states = replay(d);
      d.events.forEach((e, i) => {
        const s = states[i]!;
        if (e.action === "sendProposal") {
          const over = Number(s.discountPct ?? 0) > 15;
          expect(e.toStage === "discountApproval").toBe(over);
          if (over) routed.discount++;
        }
        if (e.action === "closeWon") {
          const big = Number(s.amount ?? 0) >= 1_000_000;
          expect(e.toStage === "bigDealApproval").toBe(big);
          if (big) routed.bigDeal++;
        }
        if (e.type === "approval") expect(e.actorId).toMatch(/^manager-/);
      });
    }
    expect(routed.discount).toBeGreaterThan(0);
    expect(routed.bigDeal).toBeGreaterThan(0);
  });

  it("should give each deal to a rep of its region's team, South and West to the East team", () => {
    // A lead whose region is not recorded yet still has the owner the region would have given it.
    for (const d of deals.filter((x) => x.fields.region !== undefined)) {
      const team = d.fields.region === "north" ? "north" : "east";
      expect(d.teamId).toBe(`team-${team}`);
      expect(d.ownerId).toMatch(new RegExp(`^rep-${team}-`));
    }
  });

  it("should produce a realistic mix of won, lost and open deals", () => {
    const share = (o: string) => deals.filter((d) => outcome(d.stage) === o).length / deals.length;
    expect(share("won")).toBeGreaterThanOrEqual(0.15);
    expect(share("lost")).toBeGreaterThanOrEqual(0.15);
    expect(share("open")).toBeGreaterThanOrEqual(0.2);
    const openStages = new Set(deals.filter((d) => outcome(d.stage) === "open").map((d) => d.stage));
    expect(openStages.size).toBeGreaterThanOrEqual(5);
  });

  it("should score every deal 0–100 with the priority its thresholds give", () => {
    for (const d of deals) {
      expect(d.score).toBeGreaterThanOrEqual(0);
      expect(d.score).toBeLessThanOrEqual(100);
      const s = d.score!;
      expect(d.priority).toBe(s >= 80 ? "A" : s >= 60 ? "B" : s >= 40 ? "C" : "D");
    }
  });
});
