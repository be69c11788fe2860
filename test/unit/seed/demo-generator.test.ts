import { describe, it, expect } from "vitest";
import { splitValues } from "@/lib/server/deals/values";
import { generateDemoDeals, type GeneratedDeal, type GeneratedEvent } from "@/lib/server/seed/demo-deals";
import { compile } from "@/workflows/compiler";
import { validateValues } from "@/workflows/definition/validate-values";
import type { DealValues } from "@/workflows/rules";
import { createProgram, start, step, type Actor, type PersistedSnapshot } from "@/workflows/runtime";
import { defaultProcess } from "@/workflows/templates/default-process";

const DAY = 86_400_000;
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
const program = createProgram(defaultProcess, compile(defaultProcess));
const generate = (count = 300, seed?: number) =>
  generateDemoDeals(program, { now, count, seed, teams, reps });
const deals = generate();

const states = program.compiled.machine.states;
const outcome = (stage: string) => {
  const meta = states[stage]?.meta;
  return meta?.kind === "stage" ? meta.outcome : "open";
};
/** A stage's time limit in ms, if it has one. */
const limitOf = (stage: string) => {
  const meta = states[stage]?.meta;
  return meta?.kind === "stage" && meta.timeLimitDelay
    ? program.compiled.delays[meta.timeLimitDelay]
    : undefined;
};
const isOverdue = (d: GeneratedDeal) => {
  const limit = limitOf(d.stage);
  return (
    outcome(d.stage) === "open" && limit !== undefined && now.getTime() - d.stageEnteredAt.getTime() > limit
  );
};

/** The deal's values just after each event, replayed from the recorded changes. */
function valuesAfterEach(deal: GeneratedDeal): DealValues[] {
  const values: DealValues = {};
  return deal.events.map((e) => {
    for (const [k, c] of Object.entries(e.changes)) values[k] = c.to as DealValues[string];
    return { ...values };
  });
}

function actorOf(e: GeneratedEvent): Actor {
  if (e.type === "timeLimit") return { id: "system", role: "system" };
  if (e.type === "approval") return { id: e.actorId!, role: "manager", managesDealTeam: true };
  return { id: e.actorId!, role: "rep" };
}

/**
 * Runs a deal's recorded events through the runtime again, from `start`: time limits by the timer
 * the runtime scheduled, everything else by its action with the values the event left. Returns
 * the snapshot it ends with; fails on any step the engine refuses or routes elsewhere.
 */
function replay(deal: GeneratedDeal): { snapshot: PersistedSnapshot; stage: string } {
  const [created, ...rest] = deal.events;
  const values: DealValues = {};
  const apply = (e: GeneratedEvent) => {
    for (const [k, c] of Object.entries(e.changes)) values[k] = c.to as DealValues[string];
  };
  apply(created!);
  const started = start(program, { values, now: created!.at });
  let snapshot = started.snapshot;
  let stage = started.to;
  const timers = new Map<string, { event: string; due: number }>();
  const track = (effects: typeof started.effects, at: Date) => {
    for (const effect of effects) {
      if (effect.kind === "scheduleTimer")
        timers.set(effect.id, { event: effect.event, due: at.getTime() + effect.delayMs });
      if (effect.kind === "cancelTimer") timers.delete(effect.id);
    }
  };
  track(started.effects, created!.at);
  for (const e of rest) {
    apply(e);
    let action = e.action!;
    if (e.type === "timeLimit") {
      const [id, timer] = [...timers].find(([, t]) => t.due === e.at.getTime()) ?? [];
      expect(timer, `a timer due at ${e.at.toISOString()} in ${stage}`).toBeDefined();
      timers.delete(id!);
      action = timer!.event;
    }
    const meta = program.compiled.machine.states[String(snapshot.value)]?.meta;
    const checked = meta?.kind === "stage" ? (meta.exitChecklist ?? []).map((i) => i.id) : [];
    const result = step(program, { snapshot, values, action, actor: actorOf(e), now: e.at, checked });
    if (!result.ok) throw new Error(`${action} refused in ${stage}: ${JSON.stringify(result.reasons)}`);
    expect([result.from, result.to, result.path]).toEqual([e.fromStage, e.toStage, e.path]);
    // Effects that set fields are already in the recorded changes.
    for (const effect of result.effects)
      if (effect.kind === "setField") expect(values[effect.field]).toEqual(effect.value);
    track(result.effects, e.at);
    snapshot = result.snapshot;
    stage = result.to;
  }
  expect(splitValues(values)).toEqual({
    title: deal.title,
    account: deal.account,
    amount: deal.amount,
    fields: deal.fields,
  });
  return { snapshot, stage };
}

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

  it("should store a real snapshot that resolves to the deal's stage, done exactly when it is closed", () => {
    for (const d of deals) {
      const resolved = program.machine.resolveState(d.snapshot as never);
      expect(resolved.value).toBe(d.stage);
      expect(resolved.status === "done").toBe(outcome(d.stage) !== "open");
      expect(d.snapshot.status).toBe(resolved.status);
      expect(d.version).toBe(d.events.length);
    }
  });

  it("should reproduce every deal's stage and snapshot when its events are replayed through the runtime", () => {
    for (const d of deals) {
      const replayed = replay(d);
      expect(replayed.stage).toBe(d.stage);
      expect(replayed.snapshot).toEqual(d.snapshot);
    }
  });

  it("should move each step from where the last one ended, through decisions to where it rests", () => {
    for (const d of deals) {
      d.events.slice(1).forEach((e, i) => {
        expect(e.fromStage).toBe(d.events[i]!.toStage);
        expect(e.path.at(-1)).toBe(e.toStage);
      });
      expect(d.stage).toBe(d.events.at(-1)!.toStage);
    }
    const viaQualify = deals.flatMap((d) => d.events).filter((e) => e.action === "qualify");
    expect(new Set(viaQualify.map((e) => e.toStage))).toEqual(new Set(["analysis", "nurture"]));
    expect(viaQualify.every((e) => e.path[0] === "qualify")).toBe(true);
  });

  it("should keep every deal's history in time order within the year before now", () => {
    const yearAgo = now.getTime() - 366 * DAY;
    for (const d of deals) {
      const times = d.events.map((e) => e.at.getTime());
      times.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(times[i]!));
      expect(times[0]).toBeGreaterThan(yearAgo);
      expect(times.at(-1)).toBeLessThanOrEqual(now.getTime());
      expect(d.updatedAt.getTime()).toBe(times.at(-1));
      // Entered by the last event that moved it; a time limit does not move a deal.
      const entered = d.events.findLast((e) => e.fromStage !== e.toStage)!;
      expect(d.stageEnteredAt).toEqual(entered.at);
    }
  });

  it("should record a final amount on won deals and a lost reason on lost ones, and close them", () => {
    for (const d of deals) {
      const result = outcome(d.stage);
      if (result === "won") expect(d.fields.finalAmount).toBeGreaterThan(0);
      if (result === "lost") expect(d.fields.lostReason).toBeTruthy();
      expect(d.closedAt).toEqual(result === "open" ? null : d.stageEnteredAt);
    }
  });

  it("should only store values that fit the process's fields", () => {
    for (const d of deals) {
      const values = { ...d.fields, title: d.title, account: d.account, amount: d.amount };
      expect(validateValues(program.fields, values)).toEqual([]);
    }
  });

  it("should ask for approval exactly when the discount is over 15% or a big deal is closed", () => {
    const routed = { discount: 0, bigDeal: 0 };
    for (const d of deals) {
      const after = valuesAfterEach(d);
      d.events.forEach((e, i) => {
        const s = after[i]!;
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
        if (e.type === "approval") {
          const manager = teams.find((t) => t.id === d.teamId)!.managerId;
          expect(e.actorId).toBe(manager);
        }
      });
    }
    expect(routed.discount).toBeGreaterThan(0);
    expect(routed.bigDeal).toBeGreaterThan(0);
  });

  it("should fire a stage's time limit once, when it passes, and only while the deal is still there", () => {
    let fired = 0;
    for (const d of deals) {
      let entered = d.events[0]!.at;
      d.events.slice(1).forEach((e, i) => {
        const stage = d.events[i]!.toStage;
        const limit = limitOf(stage);
        if (e.type === "timeLimit") {
          fired++;
          expect([e.fromStage, e.toStage, e.action, e.actorId]).toEqual([stage, stage, "timeLimit", null]);
          expect(e.at.getTime()).toBe(entered.getTime() + limit!);
        } else if (limit !== undefined && e.fromStage !== e.toStage) {
          // Left past its limit: the limit fired just before.
          const late = e.at.getTime() - entered.getTime() > limit;
          expect(d.events[i]!.type === "timeLimit").toBe(late);
        }
        if (e.fromStage !== e.toStage) entered = e.at;
      });
      // An open deal past its limit has had it fire; one within it has not.
      const last = d.events.at(-1)!;
      if (outcome(d.stage) === "open") expect(last.type === "timeLimit").toBe(isOverdue(d));
    }
    expect(fired).toBeGreaterThan(0);
  });

  it("should give each deal to a rep of its region's team, South and West to the East team", () => {
    // A lead whose region is not recorded yet still has the owner the region would have given it.
    for (const d of deals.filter((x) => x.fields.region !== undefined)) {
      const team = d.fields.region === "north" ? "north" : "east";
      expect(d.teamId).toBe(`team-${team}`);
      expect(d.ownerId).toMatch(new RegExp(`^rep-${team}-`));
    }
  });

  it("should produce a realistic mix of won, lost and open deals, a few of them overdue", () => {
    const share = (o: string) => deals.filter((d) => outcome(d.stage) === o).length / deals.length;
    expect(share("won")).toBeGreaterThanOrEqual(0.15);
    expect(share("lost")).toBeGreaterThanOrEqual(0.15);
    expect(share("open")).toBeGreaterThanOrEqual(0.2);
    const open = deals.filter((d) => outcome(d.stage) === "open");
    expect(new Set(open.map((d) => d.stage)).size).toBeGreaterThanOrEqual(5);
    const overdue = open.filter(isOverdue).length;
    expect(overdue).toBeGreaterThanOrEqual(2);
    expect(overdue).toBeLessThanOrEqual(open.length / 4);
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
