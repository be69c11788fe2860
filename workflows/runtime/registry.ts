import type { Condition, FieldDef, NamedRule } from "@/workflows/definition/schema";
import type { GuardName } from "@/workflows/machine/format";
import { evaluateCondition, fieldValue, isSet, type DealValues } from "@/workflows/rules";

/** What every event fed to a pipeline machine carries: the deal's values, ticked checklist items and the time. */
export type PipelineEvent = { type: string; values: DealValues; checked?: string[]; now: string };

export type GuardContext = { fields: FieldDef[]; rules: NamedRule[] };

type GuardArgs = { event: unknown };

function eventOf(args: GuardArgs): { values: DealValues; checked: string[]; now: Date } {
  const e = args.event as Partial<PipelineEvent>;
  return { values: e.values ?? {}, checked: e.checked ?? [], now: new Date(e.now ?? 0) };
}

/** Whether a condition holds for the deal values an event carries. */
export function conditionHolds(
  ctx: GuardContext,
  condition: Condition,
  values: DealValues,
  now: Date,
): boolean {
  return evaluateCondition(condition, { fields: ctx.fields, rules: ctx.rules, values, now }).pass;
}

/**
 * The guard implementations, one per name the compiler may emit. A `Record` over
 * GuardName: a new guard name fails to compile until it is implemented here.
 */
export function createGuards(ctx: GuardContext) {
  const guards: Record<GuardName, (args: GuardArgs, params: never) => boolean> = {
    edgeAllowed: (
      args,
      params: { requiredFields: string[]; checklist?: string[]; condition?: Condition },
    ) => {
      const { values, checked, now } = eventOf(args);
      if (!params.requiredFields.every((f) => isSet(fieldValue(values, f)))) return false;
      if (!(params.checklist ?? []).every((item) => checked.includes(item))) return false;
      return params.condition ? conditionHolds(ctx, params.condition, values, now) : true;
    },
    rule: (args, params: { condition: Condition }) => {
      const { values, now } = eventOf(args);
      return conditionHolds(ctx, params.condition, values, now);
    },
  };
  return guards;
}
