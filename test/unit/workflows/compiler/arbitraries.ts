import fc from "fast-check";
import type { Condition, PipelineDefinitionInput } from "@/workflows/definition/schema";
import { act, approval, base, decision, FIELDS, link, lost, stage, won } from "./builders";

/*
 * Random definitions for property tests: nodes of every kind, edges among them (now and then
 * to a missing node), random actions, branches and effects, conditions on real fields and junk.
 */

type NodeInput = PipelineDefinitionInput["nodes"][number];
type EdgeInput = PipelineDefinitionInput["edges"][number];

// Keys named like object built-ins must work like any other.
const IDS = ["a", "b", "constructor", "d", "e", "f", "g", "h"] as const;
const ACTIONS = ["go", "back", "win", "lose", "valueOf"] as const;
const label = (s: string) => ({ zh: `${s}名`, en: s });

const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.integer({ min: 0, max: 1000 }).map((n): Condition => ({ field: "amount", op: "gte", value: n })),
  fc.integer({ min: 0, max: 1000 }).map((n): Condition => ({ field: "amount", op: "lt", value: n })),
  fc
    .tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }))
    .map(([a, b]): Condition => ({ field: "discount", op: "between", value: [a, b] })),
  fc.constant<Condition>({ field: "flag", op: "eq", value: true }),
  fc.constant<Condition>({ field: "note", op: "isSet" }),
  fc.constant<Condition>({ field: "amount", op: "isEmpty" }),
  fc.constant<Condition>({ field: "region", op: "in", value: ["east"] }),
  fc.constant<Condition>({ rule: "big" }),
  // junk: unknown field, unknown rule, wrong type of value
  fc.constant<Condition>({ field: "ghost", op: "isSet" }),
  fc.constant<Condition>({ rule: "ghost" }),
  fc.constant<Condition>({ field: "amount", op: "gt", value: "lots" }),
);

const condition: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("c"), { maxLength: 3 }).map((all): Condition => ({ all })),
    fc.array(tie("c"), { maxLength: 3 }).map((any): Condition => ({ any })),
    tie("c").map((c): Condition => ({ not: c })),
  ),
})).c;

const timeLimit = fc.record({
  days: fc.integer({ min: 1, max: 100 }),
  then: fc.array(
    fc.oneof(
      fc.constant({ kind: "notifyOwner" as const }),
      fc.constant({ kind: "escalateToManager" as const }),
      fc.constantFrom(...ACTIONS, "ghost").map((action) => ({ kind: "moveBy" as const, action })),
    ),
    { maxLength: 3 },
  ),
});

const nodeData = (key: string) =>
  fc.oneof(
    {
      arbitrary: fc
        .record({
          outcome: fc.constantFrom("open", "open", "won", "lost"),
          probability: fc.integer({ min: 0, max: 100 }),
          requiredFields: fc.subarray(["amount", "note", "ghost"]),
          timeLimit: fc.option(timeLimit, { nil: undefined }),
        })
        .map(({ timeLimit: limit, ...rest }) => ({
          kind: "stage" as const,
          key,
          name: label(key),
          ...rest,
          ...(limit && { timeLimit: limit }),
        })),
      weight: 3,
    },
    { arbitrary: fc.constant({ kind: "decision" as const, key, name: label(key) }), weight: 1 },
    {
      arbitrary: fc
        .option(fc.constant({ kind: "teamManager" as const }), { nil: undefined })
        .map((approver) => ({
          kind: "approval" as const,
          key,
          name: label(key),
          ...(approver && { approver }),
        })),
      weight: 1,
    },
  );

/** A node whose key is its id, or (in a messy definition) now and then another node's. */
const node =
  (messy: boolean) =>
  (id: string): fc.Arbitrary<NodeInput> =>
    fc
      .tuple(
        messy ? fc.option(fc.constantFrom(...IDS), { freq: 10 }) : fc.constant(null),
        fc.integer({ min: -500, max: 500 }),
      )
      .chain(([otherKey, x]) =>
        nodeData(otherKey ?? id).map((data) => ({ id, position: { x, y: -x }, data }) as NodeInput),
      );

const effect = fc.oneof(
  fc.constantFrom("amount", "note", "ghost").map((field) => ({ kind: "setField" as const, field, value: 5 })),
  fc.constant({ kind: "assignOwner" as const, rule: { kind: "teamManager" as const } }),
  fc.option(condition, { nil: undefined }).map((when) => ({
    kind: "notify" as const,
    to: "owner" as const,
    ...(when && { when }),
  })),
);

/** A node id, in a messy definition now and then one that is not in it. */
const endOf = (ids: readonly string[], messy: boolean) =>
  messy
    ? fc.oneof(
        { arbitrary: fc.constantFrom(...ids), weight: 10 },
        { arbitrary: fc.constant("ghost"), weight: 1 },
      )
    : fc.constantFrom(...ids);

const edge = (ids: readonly string[], messy: boolean, index: number): fc.Arbitrary<EdgeInput> =>
  fc
    .record({
      source: endOf(ids, messy),
      target: endOf(ids, messy),
      action: fc.option(fc.constantFrom(...ACTIONS), { freq: 4 }),
      condition: fc.option(condition, { freq: 2 }),
      branch: fc.option(fc.constantFrom("default" as const, "approve" as const, "reject" as const)),
      effects: fc.array(effect, { maxLength: 2 }),
      requiredFields: fc.option(fc.subarray(["amount", "note", "ghost"])),
    })
    .map(({ action, condition: c, branch, requiredFields, ...rest }) => ({
      id: `e${index}`,
      ...rest,
      ...(action !== null && { action: { key: action, name: label(action) } }),
      ...(c !== null && { condition: c }),
      ...(branch !== null && { branch }),
      ...(requiredFields !== null && { requiredFields }),
    }));

const RULE_SETS: PipelineDefinitionInput["rules"][] = [
  [],
  [{ key: "big", name: label("big"), condition: { field: "amount", op: "gte", value: 100 } }],
  [
    { key: "big", name: label("big"), condition: { rule: "loop" } },
    { key: "loop", name: label("loop"), condition: { rule: "big" } },
  ],
];

/** A random definition that parses (its structure may still be wrong in every other way). */
export const definition: fc.Arbitrary<PipelineDefinitionInput> = fc
  .integer({ min: 1, max: IDS.length })
  .chain((count) => fc.tuple(fc.constant(count), fc.boolean()))
  // A messy definition (half of them) may also have duplicate keys and edges to missing nodes.
  .chain(([count, messy]) => {
    const ids = IDS.slice(0, count);
    return fc.record({
      nodes: fc.tuple(...ids.map(node(messy))),
      edges: fc
        .integer({ min: 0, max: 14 })
        .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => edge(ids, messy, i)))),
      // Mostly the first open stage; sometimes unset, missing or any node.
      start: fc.oneof(
        { arbitrary: fc.constant("firstOpen"), weight: 6 },
        { arbitrary: fc.constantFrom<string | undefined>(undefined, "ghost", ...ids), weight: 1 },
      ),
      rules: fc.constantFrom(...RULE_SETS),
    });
  })
  .map(({ nodes, edges, start, rules }) => {
    const firstOpen = nodes.find((n) => n.data.kind === "stage" && n.data.outcome === "open")?.id;
    const initialNodeId = start === "firstOpen" ? firstOpen : start;
    return {
      schemaVersion: 1 as const,
      name: label("random"),
      ...(initialNodeId !== undefined && { initialNodeId }),
      fields: FIELDS,
      rules,
      nodes,
      edges,
    };
  });

const validLeaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.integer({ min: 0, max: 1000 }).map((n): Condition => ({ field: "amount", op: "gte", value: n })),
  fc.constant<Condition>({ field: "flag", op: "eq", value: true }),
  fc.constant<Condition>({ field: "region", op: "in", value: ["east"] }),
  fc.constant<Condition>({ not: { field: "note", op: "isSet" } }),
);

/** How a stage hands the deal on: directly, through a decision, or through an approval. */
const STEPS = ["direct", "decision", "approval"] as const;

/**
 * A well-formed pipeline: open stages in a row, each handing on to the next (the last to won)
 * directly, through a decision or through an approval, and each able to close lost, with time
 * limits. Compiles without errors.
 */
export const wellFormed: fc.Arbitrary<PipelineDefinitionInput> = fc
  .array(
    fc.record({
      step: fc.constantFrom(...STEPS),
      condition: validLeaf,
      days: fc.option(fc.integer({ min: 1, max: 90 }), { nil: undefined }),
      moveOnTimeout: fc.boolean(),
    }),
    { minLength: 1, maxLength: 25 },
  )
  .map((steps) => {
    const keys = steps.map((_, i) => `s${i}`);
    const nodes: NodeInput[] = [];
    const edges: EdgeInput[] = [];
    steps.forEach(({ step, condition: c, days, moveOnTimeout }, i) => {
      const key = keys[i] as string;
      const next = keys[i + 1] ?? "won";
      const then = moveOnTimeout
        ? [{ kind: "moveBy" as const, action: "closeLost" }]
        : [{ kind: "notifyOwner" as const }];
      nodes.push(stage(key, days === undefined ? {} : { timeLimit: { days, then } }));
      edges.push(act(key, "closeLost", "lost", { requiredFields: ["lostReason"] }));
      if (step === "direct") edges.push(act(key, "advance", next));
      if (step === "decision") {
        nodes.push(decision(`d${i}`));
        edges.push(
          act(key, "advance", `d${i}`),
          link(`d${i}`, next, { condition: c }),
          link(`d${i}`, "lost", { branch: "default" }),
        );
      }
      if (step === "approval") {
        nodes.push(approval(`p${i}`));
        edges.push(
          act(key, "advance", `p${i}`),
          link(`p${i}`, next, { branch: "approve" }, "approve"),
          link(`p${i}`, key, { branch: "reject" }, "reject"),
        );
      }
    });
    return { ...base(), initialNodeId: "s0", nodes: [...nodes, won(), lost()], edges };
  });
