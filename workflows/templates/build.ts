import type { Condition, FieldType, PipelineDefinitionInput } from "@/workflows/definition/schema";

/*
 * Small builders the templates share, so each template reads like the process it describes.
 * Positions: one column per step left to right (COLUMN apart), rows for side paths.
 */

export const COLUMN = 260;
export const ROW = 160;
export const at = (column: number, row: number) => ({ x: column * COLUMN, y: row * ROW });

type Input = PipelineDefinitionInput;
type Option = readonly [value: string, zh: string, en: string];
type FieldExtra = {
  requiredAtCreation?: boolean;
  min?: number;
  max?: number;
  format?: "url" | "email" | "phone";
};

export const field = (key: string, zh: string, en: string, type: FieldType, extra: FieldExtra = {}) => ({
  key,
  name: { zh, en },
  type,
  ...extra,
});

export const select = (
  key: string,
  zh: string,
  en: string,
  list: readonly Option[],
  extra: FieldExtra & { multi?: boolean } = {},
) => {
  const { multi, ...rest } = extra;
  return {
    ...field(key, zh, en, multi ? "multiSelect" : "select", rest),
    options: list.map(([value, optionZh, optionEn]) => ({ value, label: { zh: optionZh, en: optionEn } })),
  };
};

type StageData = Extract<Input["nodes"][number]["data"], { kind: "stage" }>;

export type StageSpec = Omit<StageData, "kind" | "name" | "outcome" | "guidance"> & {
  zh: string;
  en: string;
  outcome?: StageData["outcome"];
  guidance?: [zh: string, en: string];
  column: number;
  row?: number;
};

export const stage = ({ key, zh, en, column, row = 1, outcome = "open", guidance, ...rest }: StageSpec) => ({
  id: key,
  position: at(column, row),
  data: {
    kind: "stage" as const,
    key,
    name: { zh, en },
    outcome,
    ...(guidance && { guidance: { zh: guidance[0], en: guidance[1] } }),
    ...rest,
  },
});

export const approval = (key: string, zh: string, en: string, column: number, row = 0) => ({
  id: key,
  position: at(column, row),
  data: {
    kind: "approval" as const,
    key,
    name: { zh, en },
    approver: { kind: "teamManager" as const },
  },
});

export const decision = (key: string, zh: string, en: string, column: number, row = 1) => ({
  id: key,
  position: at(column, row),
  data: { kind: "decision" as const, key, name: { zh, en } },
});

type EdgeSpec = {
  action?: [key: string, zh: string, en: string];
  label?: string;
  branch?: "default" | "approve" | "reject";
  condition?: Condition;
  requiredFields?: string[];
  effects?: Input["edges"][number]["effects"];
};

/** Ids read "source-action-target" (or the branch / condition label), stable across edits. */
export const edge = (source: string, target: string, spec: EdgeSpec = {}) => {
  const { action, label, ...rest } = spec;
  const middle = action?.[0] ?? label ?? rest.branch ?? "auto";
  return {
    id: `${source}-${middle}-${target}`,
    source,
    target,
    ...(action && { action: { key: action[0], name: { zh: action[1], en: action[2] } } }),
    ...rest,
  };
};

export const notifyOwner = { kind: "notifyOwner" } as const;
export const escalate = { kind: "escalateToManager" } as const;

export const criterion = (id: string, zh: string, en: string, when: Condition, points: number) => ({
  id,
  label: { zh, en },
  when,
  points,
});
