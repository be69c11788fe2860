import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, hasErrors } from "@/workflows/compiler";
import { PipelineDefinition, type PipelineDefinitionInput } from "@/workflows/definition/schema";
import type { DealValues } from "@/workflows/rules";
import {
  availableActions,
  createProgram,
  start,
  step,
  type PersistedSnapshot,
  type Program,
  type StepResult,
} from "@/workflows/runtime";
import {
  act,
  ADMIN,
  approval,
  decision,
  definition,
  link,
  lostStage,
  NOW,
  stage,
  SYSTEM,
  wonStage,
} from "./fixtures";

/*
 * Random processes: open stages, decisions and approvals strung on a spine (each hands on to the
 * next, the last to won) so most of them compile, plus random actions, branches and rejections
 * between any nodes, conditions on the amount, and now and then a closing stage nothing leads to.
 * For every one that compiles without errors, a breadth-first walk through the runtime must
 * reach every state the compiler emitted.
 */

type NodeInput = PipelineDefinitionInput["nodes"][number];
type EdgeInput = PipelineDefinitionInput["edges"][number];

const RUNS = { numRuns: 100 };
const MAX_DEPTH = 30;
const EXTRA_ACTIONS = ["go", "back", "skip"] as const;
const FINALS = ["won", "lost", "won2", "lost2"] as const;

const threshold = fc.integer({ min: 0, max: 5_000 });
const gt = (n: number) => ({ field: "amount", op: "gt" as const, value: n });
const lte = (n: number) => ({ field: "amount", op: "lte" as const, value: n });

/** What a stage does with one extra action key: nothing, one edge (maybe guarded), or a split on the amount. */
const stageAction = (targets: readonly string[]) =>
  fc.oneof(
    { arbitrary: fc.constant({ kind: "none" as const }), weight: 2 },
    {
      arbitrary: fc.record({
        kind: fc.constant("single" as const),
        target: fc.constantFrom(...targets),
        over: fc.option(threshold, { nil: undefined }),
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant("split" as const),
        over: threshold,
        high: fc.constantFrom(...targets),
        low: fc.constantFrom(...targets),
      }),
      weight: 1,
    },
  );

type Shape = { stages: number; decisions: number; approvals: number; extraFinals: boolean };

const shape: fc.Arbitrary<Shape> = fc.record({
  stages: fc.integer({ min: 1, max: 4 }),
  // One decision at most: two decisions in a row (nothing can change the deal between them)
  // can make a branch of the second impossible — d1 "amount > 0 → s0, else → d0", d0 "amount > 0
  // → lost2" — which the compiler's graph reachability does not see (it follows edges, not the
  // values that took them). Known limit, see docs/engine.md; chains are left out of this property.
  decisions: fc.integer({ min: 0, max: 1 }),
  approvals: fc.integer({ min: 0, max: 2 }),
  extraFinals: fc.boolean(),
});

const randomDefinition: fc.Arbitrary<PipelineDefinitionInput> = shape.chain((s) => {
  const stages = Array.from({ length: s.stages }, (_, i) => `s${i}`);
  const decisions = Array.from({ length: s.decisions }, (_, i) => `d${i}`);
  const approvals = Array.from({ length: s.approvals }, (_, i) => `p${i}`);
  const finals = s.extraFinals ? FINALS : FINALS.slice(0, 2);
  const all = [...stages, ...decisions, ...approvals, ...finals];
  const rest = [...stages.slice(1), ...decisions, ...approvals];
  return fc
    .record({
      order: fc.shuffledSubarray(rest, { minLength: rest.length, maxLength: rest.length }),
      stage: fc.tuple(
        ...stages.map(() =>
          fc.record({
            actions: fc.tuple(...EXTRA_ACTIONS.map(() => stageAction(all))),
            canLose: fc.boolean(),
            needsNote: fc.boolean(),
            nextNeedsNote: fc.boolean(),
            timeLimit: fc.option(
              fc.record({
                days: fc.integer({ min: 1, max: 30 }),
                then: fc.subarray([
                  { kind: "notifyOwner" as const },
                  { kind: "moveBy" as const, action: "next" },
                ]),
              }),
              { nil: undefined },
            ),
          }),
        ),
      ),
      decision: fc.tuple(
        ...decisions.map(() =>
          fc.array(fc.record({ over: threshold, target: fc.constantFrom(...all) }), { maxLength: 2 }),
        ),
      ),
      rejectTo: fc.tuple(...approvals.map(() => fc.constantFrom(...all))),
    })
    .map(({ order, stage: stageSpecs, decision: branchSpecs, rejectTo }) => {
      const spine = ["s0", ...order];
      const nextOf = (key: string) => spine[spine.indexOf(key) + 1] ?? "won";
      const nodes: NodeInput[] = [];
      const edges: EdgeInput[] = [];
      stages.forEach((key, i) => {
        const spec = stageSpecs[i];
        if (!spec) return;
        nodes.push(
          stage(key, {
            requiredFields: spec.needsNote ? ["note"] : [],
            ...(spec.timeLimit && { timeLimit: spec.timeLimit }),
          }),
        );
        edges.push(act(key, "next", nextOf(key), spec.nextNeedsNote ? { requiredFields: ["note"] } : {}));
        if (spec.canLose) edges.push(act(key, "closeLost", "lost", { requiredFields: ["lostReason"] }));
        spec.actions.forEach((a, j) => {
          const action = EXTRA_ACTIONS[j] as string;
          if (a.kind === "single")
            edges.push(act(key, action, a.target, a.over === undefined ? {} : { condition: gt(a.over) }));
          if (a.kind === "split")
            edges.push(
              act(key, action, a.high, { id: `${key}-${action}-high`, condition: gt(a.over) }),
              act(key, action, a.low, { id: `${key}-${action}-low`, condition: lte(a.over) }),
            );
        });
      });
      decisions.forEach((key, i) => {
        nodes.push(decision(key));
        // Thresholds strictly decreasing, so no branch is shadowed by one before it.
        const branches = [...new Map((branchSpecs[i] ?? []).map((b) => [b.over, b])).values()].sort(
          (a, b) => b.over - a.over,
        );
        branches.forEach((b, j) => edges.push(link(key, b.target, { condition: gt(b.over) }, `over${j}`)));
        edges.push(link(key, nextOf(key), { branch: "default" }, "default"));
      });
      approvals.forEach((key, i) => {
        nodes.push(approval(key, { kind: "role", role: "manager" }));
        edges.push(
          link(key, nextOf(key), { branch: "approve" }, "approve"),
          link(key, rejectTo[i] ?? "s0", { branch: "reject" }, "reject"),
        );
      });
      nodes.push(wonStage(), lostStage(), ...(s.extraFinals ? [wonStage("won2"), lostStage("lost2")] : []));
      return definition({ initial: "s0", nodes, edges });
    });
});

/** The amounts worth trying: none, 0, huge, and each threshold and just above it. */
function valueVariants(def: PipelineDefinitionInput): DealValues[] {
  const thresholds = JSON.stringify(def.edges).matchAll(/"value":(\d+)/g);
  const amounts = new Set<number | undefined>([undefined, 0, 1e9]);
  for (const [, n] of thresholds) amounts.add(Number(n)).add(Number(n) + 1);
  const filled = { note: "called", lostReason: "price" };
  return [{}, ...[...amounts].map((amount) => ({ ...filled, amount }))];
}

type Explored = { visited: Set<string>; steps: number };

/** Every state a deal can pass through, by trying every action with every variant of values. */
function explore(program: Program, variants: readonly DealValues[]): Explored {
  const first = start(program, { values: {}, now: NOW });
  const visited = new Set(first.path);
  const queue: { snapshot: PersistedSnapshot; depth: number; timers: string[] }[] = [
    { snapshot: first.snapshot, depth: 0, timers: timersOf(first) },
  ];
  const resting = new Set([first.to]);
  let steps = 0;
  for (let i = 0; i < queue.length; i++) {
    const { snapshot, depth, timers } = queue[i] as (typeof queue)[number];
    if (depth >= MAX_DEPTH) continue;
    const stage = String(snapshot.value);
    for (const values of variants) {
      const offered = availableActions(program, { stage, values, actor: ADMIN, now: NOW });
      const keys = new Set([...offered.map((a) => a.key), "approve", "reject", "ghost"]);
      for (const action of keys) {
        let result: StepResult | undefined;
        expect(() => {
          result = step(program, { snapshot, values, action, actor: ADMIN, now: NOW });
        }).not.toThrow();
        steps++;
        if (!result) continue;
        // What the form shows is what the runtime does.
        const shown = offered.find((a) => a.key === action);
        if (shown) expect(result.ok).toBe(shown.enabled);
        if (!result.ok) {
          expect(result.reasons.length).toBeGreaterThan(0);
          if (shown) expect(result.reasons).toEqual(shown.reasons);
          continue;
        }
        for (const s of result.path) visited.add(s);
        visited.add(result.to);
        if (!resting.has(result.to)) {
          resting.add(result.to);
          queue.push({ snapshot: result.snapshot, depth: depth + 1, timers: timersOf(result) });
        }
      }
    }
    // A timer of the stage the deal rests in fires without moving it.
    for (const event of timers) {
      const result = step(program, { snapshot, values: {}, action: event, actor: SYSTEM, now: NOW });
      expect(result).toMatchObject({ ok: true, from: stage, to: stage });
    }
  }
  return { visited, steps };
}

const timersOf = (result: StepResult) =>
  result.ok ? result.effects.flatMap((e) => (e.kind === "scheduleTimer" ? [e.event] : [])) : [];

describe("random processes, run by the runtime", () => {
  it("should reach every state the compiler emitted, never throw, and always say why it refuses", () => {
    let checked = 0;
    fc.assert(
      fc.property(randomDefinition, (input) => {
        const def = PipelineDefinition.parse(input);
        const compiled = compile(def);
        if (hasErrors(compiled) || !compiled.machine) return;
        checked++;
        expect(Object.keys(compiled.machine.states).sort()).toEqual(def.nodes.map((n) => n.data.key).sort());
        const { visited } = explore(createProgram(def, compiled), valueVariants(input));
        expect([...visited].sort()).toEqual(Object.keys(compiled.machine.states).sort());
      }),
      RUNS,
    );
    // Most random processes compile; the property must not pass by skipping them all.
    expect(checked).toBeGreaterThan(RUNS.numRuns / 3);
  });

  it("should report every closing stage nothing leads to as unreachable", () => {
    fc.assert(
      fc.property(randomDefinition, (input) => {
        const compiled = compile(input);
        const targets = new Set(input.edges.map((e) => e.target));
        for (const key of ["won2", "lost2"]) {
          if (!input.nodes.some((n) => n.id === key) || targets.has(key)) continue;
          expect(compiled.diagnostics).toContainEqual(
            expect.objectContaining({ code: "unreachable", severity: "error", nodeId: key }),
          );
        }
      }),
      RUNS,
    );
  });
});
