import { expect } from "vitest";
import { compile } from "@/workflows/compiler";
import { PipelineDefinition, type PipelineDefinitionInput } from "@/workflows/definition/schema";
import type { DealValues } from "@/workflows/rules";
import {
  createProgram,
  start,
  step,
  type Actor,
  type PersistedSnapshot,
  type Program,
  type ShellEffect,
  type StepResult,
} from "@/workflows/runtime";

/*
 * Fixtures for runtime tests: a fixed clock, the people who act, tiny definition builders
 * (ids are keys, so tests read like the process they draw) and helpers that drive a deal
 * through the public runtime API only.
 */

type NodeInput = PipelineDefinitionInput["nodes"][number];
type EdgeInput = PipelineDefinitionInput["edges"][number];
type StageInput = Extract<NodeInput["data"], { kind: "stage" }>;
type ApprovalInput = Extract<NodeInput["data"], { kind: "approval" }>;

/** 2026-03-02 08:00 UTC: "now" in every runtime test. */
export const NOW = new Date("2026-03-02T08:00:00Z");
export const DAY_MS = 86_400_000;

/** "YYYY-MM-DD", `days` after NOW. */
export const daysFromNow = (days: number) =>
  new Date(NOW.getTime() + days * DAY_MS).toISOString().slice(0, 10);

export const REP: Actor = { id: "rep-1", role: "rep" };
export const DEAL_MANAGER: Actor = { id: "mgr-1", role: "manager", managesDealTeam: true };
export const OTHER_MANAGER: Actor = { id: "mgr-2", role: "manager", managesDealTeam: false };
export const ADMIN: Actor = { id: "admin-1", role: "admin" };
export const SYSTEM: Actor = { id: "system", role: "system" };

const name = (key: string) => ({ zh: `${key}阶段`, en: key.charAt(0).toUpperCase() + key.slice(1) });

/** An open stage (or won / lost with `outcome`) whose id is its key. */
export const stage = (key: string, extra: Partial<Omit<StageInput, "kind" | "key">> = {}): NodeInput => ({
  id: key,
  position: { x: 0, y: 0 },
  data: { kind: "stage", key, name: name(key), outcome: "open", probability: 10, ...extra },
});

export const wonStage = (key = "won") => stage(key, { outcome: "won", probability: 100 });
export const lostStage = (key = "lost") => stage(key, { outcome: "lost", probability: 0 });

export const decision = (key: string): NodeInput => ({
  id: key,
  position: { x: 0, y: 0 },
  data: { kind: "decision", key, name: name(key) },
});

export const approval = (
  key: string,
  approver: ApprovalInput["approver"] = { kind: "teamManager" },
  extra: Partial<Pick<ApprovalInput, "notifyApprover">> = {},
): NodeInput => ({
  id: key,
  position: { x: 0, y: 0 },
  data: { kind: "approval", key, name: name(key), approver, ...extra },
});

/** A rep's action out of a stage, id "source-action-target" unless `extra.id` says otherwise. */
export const act = (
  source: string,
  action: string,
  target: string,
  extra: Partial<EdgeInput> = {},
): EdgeInput => ({
  id: `${source}-${action}-${target}`,
  source,
  target,
  action: { key: action, name: { zh: `${action}操作`, en: `Do ${action}` } },
  ...extra,
});

/** An edge that fires on its own (decision branch, approval outcome), id "source-label-target". */
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
  { key: "flag", name: { zh: "加急", en: "Urgent" }, type: "boolean" },
  { key: "closeDate", name: { zh: "预计成交日", en: "Close date" }, type: "date" },
  {
    key: "region",
    name: { zh: "区域", en: "Region" },
    type: "select",
    options: [
      { value: "east", label: { zh: "华东", en: "East" } },
      { value: "north", label: { zh: "华北", en: "North" } },
      { value: "west", label: { zh: "西部", en: "West" } },
    ],
  },
  {
    key: "products",
    name: { zh: "产品", en: "Products" },
    type: "multiSelect",
    options: [
      { value: "crm", label: { zh: "客户管理", en: "CRM" } },
      { value: "erp", label: { zh: "企业资源", en: "ERP" } },
    ],
  },
  {
    key: "lostReason",
    name: { zh: "输单原因", en: "Lost reason" },
    type: "select",
    options: [{ value: "price", label: { zh: "价格", en: "Price" } }],
  },
];

/** A definition starting at `initial`, over FIELDS unless told otherwise. */
export const definition = (
  spec: { initial: string; nodes: NodeInput[]; edges: EdgeInput[] } & Partial<
    Omit<PipelineDefinitionInput, "nodes" | "edges">
  >,
): PipelineDefinitionInput => {
  const { initial, ...rest } = spec;
  return {
    schemaVersion: 1,
    name: { zh: "测试流程", en: "Test process" },
    initialNodeId: initial,
    fields: FIELDS,
    ...rest,
  };
};

/** A runnable program; fails the test with the compiler's messages when the definition has errors. */
export function programOf(input: PipelineDefinitionInput | PipelineDefinition): Program {
  const parsed = PipelineDefinition.parse(input);
  const compiled = compile(parsed);
  const errors = compiled.diagnostics.filter((d) => d.severity === "error").map((d) => d.message.en);
  expect(errors).toEqual([]);
  return createProgram(parsed, compiled);
}

/** Narrows a step to a move; fails the test with the refusal's reasons otherwise. */
export function expectMoved(result: StepResult): Extract<StepResult, { ok: true }> {
  if (!result.ok) expect.fail(`expected the step to pass, was refused: ${JSON.stringify(result.reasons)}`);
  return result;
}

/** Narrows a step to a refusal; fails the test when it moved. */
export function expectRefused(result: StepResult): Extract<StepResult, { ok: false }> {
  if (result.ok) expect.fail(`expected a refusal, moved ${result.from} → ${result.to}`);
  return result;
}

/** Every exit-checklist item of a stage: what a rep who did the work ticks. */
export function checklistOf(program: Program, stage: string): string[] {
  const meta = program.compiled.machine.states[stage]?.meta;
  return meta?.kind === "stage" ? (meta.exitChecklist ?? []).map((i) => i.id) : [];
}

/** Drives a deal through the runtime: every step goes through `step`, nothing is set by hand. */
export class Deal {
  constructor(
    readonly program: Program,
    public snapshot: PersistedSnapshot,
    public values: DealValues = {},
    /** The effects starting the deal asked for (its first stage's timer). */
    readonly startEffects: readonly ShellEffect[] = [],
  ) {}

  static start(program: Program, values: DealValues = {}): Deal {
    const started = start(program, { values, now: NOW });
    return new Deal(program, started.snapshot, values, started.effects);
  }

  get stage(): string {
    return String(this.snapshot.value);
  }

  /**
   * Tries an action with the deal's values plus `changes`; a move updates the deal. The rep
   * has ticked the stage's exit checklist unless `checked` says which items are ticked.
   */
  try(
    action: string,
    changes: DealValues = {},
    actor: Actor = REP,
    now: Date = NOW,
    checked: string[] = checklistOf(this.program, this.stage),
  ): StepResult {
    const values = { ...this.values, ...changes };
    const result = step(this.program, { snapshot: this.snapshot, values, action, actor, now, checked });
    if (result.ok) {
      this.snapshot = result.snapshot;
      this.values = values;
    }
    return result;
  }

  /** Takes an action that must pass. */
  do(action: string, changes: DealValues = {}, actor: Actor = REP) {
    return expectMoved(this.try(action, changes, actor));
  }
}

/** The effects of one kind. */
export const effectsOf = <K extends ShellEffect["kind"]>(effects: readonly ShellEffect[], kind: K) =>
  effects.filter((e): e is Extract<ShellEffect, { kind: K }> => e.kind === kind);

/** The one timer a step scheduled. */
export function scheduledTimer(effects: readonly ShellEffect[]) {
  const timers = effectsOf(effects, "scheduleTimer");
  expect(timers).toHaveLength(1);
  return timers[0] as Extract<ShellEffect, { kind: "scheduleTimer" }>;
}
