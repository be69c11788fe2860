import { setup, type AnyStateMachine } from "xstate";
import type { Condition, PipelineDefinitionInput } from "@/workflows/definition/schema";
import {
  ACTION_NAMES,
  GUARD_NAMES,
  type CompiledTransition,
  type CompileResult,
  type DiagnosticCode,
} from "@/workflows/machine/format";

/*
 * Tiny definitions for compiler tests. `base()` is a clean three-stage pipeline
 * (lead → won / lost); each test changes one thing and looks for one diagnostic.
 */

type NodeInput = PipelineDefinitionInput["nodes"][number];
type EdgeInput = PipelineDefinitionInput["edges"][number];
type StageInput = Extract<NodeInput["data"], { kind: "stage" }>;

const name = (key: string) => ({ zh: `${key}阶段`, en: key.charAt(0).toUpperCase() + key.slice(1) });

/** A stage node whose id is its key. */
export const stage = (key: string, extra: Partial<Omit<StageInput, "kind" | "key">> = {}): NodeInput => ({
  id: key,
  position: { x: 0, y: 0 },
  data: { kind: "stage", key, name: name(key), outcome: "open", probability: 10, ...extra },
});

/** A decision node whose id is its key. */
export const decision = (key: string): NodeInput => ({
  id: key,
  position: { x: 0, y: 0 },
  data: { kind: "decision", key, name: name(key) },
});

/** An approval node (approved by the team manager unless told otherwise). */
export const approval = (
  key: string,
  approver: Extract<NodeInput["data"], { kind: "approval" }>["approver"] = { kind: "teamManager" },
): NodeInput => ({
  id: key,
  position: { x: 0, y: 0 },
  data: { kind: "approval", key, name: name(key), ...(approver && { approver }) },
});

/** An edge a rep fires from a stage, id "source-action-target". */
export const act = (
  source: string,
  action: string,
  target: string,
  extra: Partial<EdgeInput> = {},
): EdgeInput => ({
  id: `${source}-${action}-${target}`,
  source,
  target,
  action: { key: action, name: { zh: `${action}操作`, en: action } },
  ...extra,
});

/** An edge without an action (decision branch, approval outcome), id "source-label-target". */
export const link = (
  source: string,
  target: string,
  extra: Partial<EdgeInput> = {},
  label = "auto",
): EdgeInput => ({
  id: `${source}-${label}-${target}`,
  source,
  target,
  ...extra,
});

export const FIELDS: PipelineDefinitionInput["fields"] = [
  { key: "amount", name: { zh: "金额", en: "Amount" }, type: "currency" },
  { key: "discount", name: { zh: "折扣", en: "Discount" }, type: "number" },
  { key: "note", name: { zh: "备注", en: "Note" }, type: "text" },
  { key: "flag", name: { zh: "标记", en: "Flag" }, type: "boolean" },
  {
    key: "region",
    name: { zh: "区域", en: "Region" },
    type: "select",
    options: [
      { value: "east", label: { zh: "华东", en: "East" } },
      { value: "west", label: { zh: "西部", en: "West" } },
    ],
  },
  {
    key: "lostReason",
    name: { zh: "输单原因", en: "Lost reason" },
    type: "select",
    options: [{ value: "price", label: { zh: "价格", en: "Price" } }],
  },
];

export const won = () => stage("won", { outcome: "won", probability: 100 });
export const lost = () => stage("lost", { outcome: "lost", probability: 0 });

/** lead → won ("win") and lead → lost ("lose"): compiles with no diagnostics. */
export const base = (): PipelineDefinitionInput => ({
  schemaVersion: 1,
  name: { zh: "测试流程", en: "Test process" },
  initialNodeId: "lead",
  fields: FIELDS,
  nodes: [stage("lead"), won(), lost()],
  edges: [act("lead", "win", "won"), act("lead", "lose", "lost", { requiredFields: ["lostReason"] })],
});

/** `base()` with more nodes and edges (and any top-level overrides). */
export const extend = (
  more: { nodes?: NodeInput[]; edges?: EdgeInput[] } & Partial<
    Omit<PipelineDefinitionInput, "nodes" | "edges">
  >,
): PipelineDefinitionInput => {
  const b = base();
  const { nodes = [], edges = [], ...rest } = more;
  return { ...b, ...rest, nodes: [...b.nodes, ...nodes], edges: [...b.edges, ...edges] };
};

/** Conditions used across tests. */
export const cond = {
  amountAtLeast: (n: number): Condition => ({ field: "amount", op: "gte", value: n }),
  amountBelow: (n: number): Condition => ({ field: "amount", op: "lt", value: n }),
  flagged: { field: "flag", op: "eq", value: true } as Condition,
  noted: { field: "note", op: "isSet" } as Condition,
};

/** The diagnostics of one code. */
export const withCode = (result: CompileResult, code: DiagnosticCode) =>
  result.diagnostics.filter((d) => d.code === code);

/** `n` open stages in a row, each able to close lost; the last one wins. No diagnostics. */
export function chain(n: number): PipelineDefinitionInput {
  const keys = Array.from({ length: n }, (_, i) => `s${i}`);
  const nodes = keys.map((key, i) =>
    stage(key, {
      requiredFields: i % 3 === 0 ? ["note"] : [],
      timeLimit: { days: 1 + (i % 30), then: [{ kind: "notifyOwner" }] },
    }),
  );
  const edges = keys.flatMap((key, i) => [
    act(key, "advance", keys[i + 1] ?? "won", {
      ...(i % 5 === 0 && { condition: cond.amountAtLeast(i) }),
    }),
    ...(i % 5 === 0
      ? [
          act(key, "advance", keys[i + 1] ?? "won", {
            id: `${key}-advance-small`,
            condition: { not: cond.amountAtLeast(i) },
          }),
        ]
      : []),
    act(key, "closeLost", "lost", { requiredFields: ["lostReason"] }),
  ]);
  return { ...base(), initialNodeId: "s0", nodes: [...nodes, won(), lost()], edges };
}

/** The machine given to XState with a stub for every implementation name and the result's delays. */
export function toXState(result: CompileResult, guardResult = true): AnyStateMachine {
  const guards = Object.fromEntries(GUARD_NAMES.map((n) => [n, () => guardResult]));
  const actions = Object.fromEntries(ACTION_NAMES.map((n) => [n, () => {}]));
  // The compiled machine is JSON that names its implementations; XState's types can't see that.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return setup({ guards, actions, delays: result.delays } as any).createMachine(result.machine as any);
}

/** The fields an action's transition asks for (undefined when it isn't an action). */
export const requiredFieldsOf = (transition: CompiledTransition | undefined): string[] | undefined =>
  transition?.guard?.type === "edgeAllowed" ? transition.guard.params.requiredFields : undefined;
