import type { LocalizedText, PipelineDefinition } from "@/workflows/definition/schema";
import type { DealValues } from "@/workflows/rules";
import { step, type PersistedSnapshot, type Program, type Refusal } from "@/workflows/runtime";
import { checkCandidates, REFUSALS } from "@/workflows/runtime/refusals";

/*
 * Replay simulation (模拟回放): the recorded histories of real deals run through another version
 * of their pipeline, to see before a pilot or a rollout what it would have changed. Pure: the
 * histories, the version's program and "now" in; counts out.
 *
 * Each recorded action is checked on its own, against the history as it happened (not against
 * what the new version would have made of the steps before it): from the stage the deal was in,
 * with the deal's values as they stood right after the action (the action's form had filled them
 * in), at the recorded time. Exit-checklist items count as ticked when they are ticked on the deal
 * now, or when the stage of the version the action was recorded under had them (the action went
 * through, so they were ticked then). So
 * "refused" reads "this rep, at this moment, would have been stopped", which is what a trainer
 * asks of a stricter rule.
 */

export type HistoryEvent = {
  type: string;
  action: string | null;
  fromStage: string | null;
  toStage: string | null;
  /** ISO timestamp */
  at: string;
  changes: Record<string, { from: unknown; to: unknown }> | null;
  /** The version the deal ran on when the event happened. */
  versionId?: string;
};

/** Per version the deal histories ran on: each stage's exit-checklist item ids. */
export type RecordedChecklists = Record<string, Record<string, string[]>>;

export type DealHistory = {
  id: string;
  title: string;
  stage: string;
  outcome: "open" | "won" | "lost";
  /** The deal's values now; earlier values are found by undoing the events' changes. */
  values: DealValues;
  /** Exit-checklist items ticked on the deal, per stage. */
  checklist: Record<string, string[]>;
  /** Oldest first. */
  events: HistoryEvent[];
};

export type ReasonCount = { key: string; kind: Refusal["kind"]; label: LocalizedText; count: number };

export type ActionReport = {
  from: string;
  fromName: LocalizedText;
  action: string;
  actionName: LocalizedText;
  /** Times the action was taken in the histories. */
  taken: number;
  /** …of which the version would have refused. */
  refused: number;
  /** …would have let through, but to another stage than the deal went (a decision reads differently). */
  rerouted: number;
  reasons: ReasonCount[];
  /** Some of the deals refused, for a look. */
  refusedDeals: { id: string; title: string; at: string }[];
};

export type TimeLimitReport = {
  stage: string;
  name: LocalizedText;
  /** The version's limit, days (null: none). */
  days: number | null;
  /** Stays in the stage in the histories (the open ones up to now). */
  visits: number;
  /** Stays longer than the version's limit: its time-limit consequences would have fired. */
  wouldFire: number;
  /** Time-limit events recorded in those stays under the versions the deals ran on. */
  fired: number;
};

export type SimulationReport = {
  deals: number;
  actionsTaken: number;
  actionsRefused: number;
  actions: ActionReport[];
  /** Open deals whose stage the version does not have: they could not continue on it. */
  missingStages: { stage: string; deals: { id: string; title: string }[] }[];
  timeLimits: TimeLimitReport[];
};

const DAY_MS = 86_400_000;
const SAMPLE = 20;

/** The persisted snapshot of a deal standing in `stage` of the program's machine. */
function snapshotAt(program: Program, stage: string): PersistedSnapshot {
  const resolved = program.machine.resolveState({
    status: "active",
    value: stage,
    historyValue: {},
    context: {},
    children: {},
  } as never);
  return program.machine.getPersistedSnapshot(resolved) as unknown as PersistedSnapshot;
}

/** The values right after each event, oldest first, by undoing changes from the current values. */
export function valuesAfterEachEvent(deal: DealHistory): DealValues[] {
  const out: DealValues[] = new Array(deal.events.length);
  let values: DealValues = { ...deal.values };
  for (let i = deal.events.length - 1; i >= 0; i--) {
    out[i] = values;
    const changes = deal.events[i]!.changes;
    if (changes) {
      values = { ...values };
      for (const [key, change] of Object.entries(changes)) {
        if (change.from === null || change.from === undefined) delete values[key];
        else values[key] = change.from as DealValues[string];
      }
    }
  }
  return out;
}

/** A deal's stays in its stages: entered, left (null: still there), from the events' stage moves. */
export function stays(
  deal: DealHistory,
): { stage: string; entered: string; left: string | null; events: HistoryEvent[] }[] {
  const out: { stage: string; entered: string; left: string | null; events: HistoryEvent[] }[] = [];
  for (const event of deal.events) {
    const current = out.at(-1);
    current?.events.push(event); // the event that ends a stay (a time limit moving it, say) belongs to it
    if (event.toStage && event.toStage !== current?.stage) {
      if (current) current.left = event.at;
      out.push({ stage: event.toStage, entered: event.at, left: null, events: [] });
    }
  }
  return out;
}

function reasonOf(program: Program, refusal: Refusal): Omit<ReasonCount, "count"> {
  switch (refusal.kind) {
    case "missingField": {
      const field = program.fields.find((f) => f.key === refusal.field);
      return { key: `field:${refusal.field}`, kind: refusal.kind, label: field?.name ?? refusal.message };
    }
    case "checklist":
      return { key: `checklist:${refusal.item}`, kind: refusal.kind, label: refusal.message };
    case "condition":
      return {
        key: `condition:${refusal.unmet.map((u) => u.en).join("|") || refusal.edgeId}`,
        kind: refusal.kind,
        label: refusal.unmet.length
          ? { zh: refusal.unmet.map((u) => u.zh).join(";"), en: refusal.unmet.map((u) => u.en).join("; ") }
          : refusal.message,
      };
    default:
      return { key: refusal.kind, kind: refusal.kind, label: refusal.message };
  }
}

function stageName(definition: PipelineDefinition, key: string): LocalizedText {
  const node = definition.nodes.find((n) => n.data.key === key);
  return node?.data.name ?? { zh: key, en: key };
}

/** Replays `deals` through `program` (the version to try). */
export function simulate(
  program: Program,
  deals: readonly DealHistory[],
  now: Date,
  recorded: RecordedChecklists = {},
): SimulationReport {
  const definition = program.definition;
  const states = program.compiled.machine.states;
  const actions = new Map<string, ActionReport & { reasonMap: Map<string, ReasonCount> }>();
  const actionName = (from: string, action: string): LocalizedText => {
    const edge = definition.edges.find(
      (e) => e.action?.key === action && definition.nodes.find((n) => n.id === e.source)?.data.key === from,
    );
    return (
      edge?.action?.name ??
      definition.edges.find((e) => e.action?.key === action)?.action?.name ?? { zh: action, en: action }
    );
  };
  // One snapshot per stage, resolved once: replaying thousands of actions from the same stages.
  const snapshots = new Map<string, PersistedSnapshot>();
  const snapshotOf = (stage: string) => {
    let snapshot = snapshots.get(stage);
    if (!snapshot) snapshots.set(stage, (snapshot = snapshotAt(program, stage)));
    return snapshot;
  };
  const missing = new Map<string, { id: string; title: string }[]>();
  const limits = new Map<string, TimeLimitReport>();
  for (const node of definition.nodes) {
    if (node.data.kind !== "stage" || node.data.outcome !== "open") continue;
    limits.set(node.data.key, {
      stage: node.data.key,
      name: node.data.name,
      days: node.data.timeLimit?.days ?? null,
      visits: 0,
      wouldFire: 0,
      fired: 0,
    });
  }
  let taken = 0;
  let refusedTotal = 0;

  for (const deal of deals) {
    const after = valuesAfterEachEvent(deal);
    deal.events.forEach((event, i) => {
      if (event.type !== "action" || !event.action || !event.fromStage) return;
      const id = `${event.fromStage}\u0000${event.action}`;
      let report = actions.get(id);
      if (!report) {
        report = {
          from: event.fromStage,
          fromName: stageName(definition, event.fromStage),
          action: event.action,
          actionName: actionName(event.fromStage, event.action),
          taken: 0,
          refused: 0,
          rerouted: 0,
          reasons: [],
          refusedDeals: [],
          reasonMap: new Map(),
        };
        actions.set(id, report);
      }
      report.taken++;
      taken++;
      let refusals: Refusal[];
      if (!states[event.fromStage]) {
        refusals = [
          {
            kind: "unknownAction",
            message: { zh: "该版本没有此阶段", en: "The version has no such stage" },
          },
        ];
      } else {
        // The engine's own check of the action's candidates; XState runs only when the action
        // goes on through a decision or an approval, to see where it ends.
        const candidates = states[event.fromStage]!.on?.[event.action];
        const now = new Date(event.at);
        const checked = [
          ...(deal.checklist[event.fromStage] ?? []),
          ...((event.versionId && recorded[event.versionId]?.[event.fromStage]) || []),
        ];
        const check = candidates?.length
          ? checkCandidates(program, candidates, after[i]!, now, checked)
          : { passes: false, chosen: undefined, reasons: [REFUSALS.unknownAction(event.action)] };
        if (check.passes) {
          // On through decisions as XState's eventless transitions go: the first branch that holds.
          let to = check.chosen?.target;
          for (let hops = 0; to !== undefined && states[to]?.meta.kind === "decision" && hops < 50; hops++) {
            const branches = states[to]!.always ?? [];
            const next = checkCandidates(program, branches, after[i]!, now, []);
            if (!next.chosen?.target) {
              // Not something the compiler lets through; ask the engine itself.
              const result = step(program, {
                snapshot: snapshotOf(event.fromStage),
                values: after[i]!,
                action: event.action,
                actor: { id: "simulation", role: "rep" },
                now,
                checked,
              });
              to = result.ok ? result.to : to;
              break;
            }
            to = next.chosen.target;
          }
          if (event.toStage && to !== event.toStage) report.rerouted++;
          return;
        }
        refusals = check.reasons;
      }
      report.refused++;
      refusedTotal++;
      if (report.refusedDeals.length < SAMPLE)
        report.refusedDeals.push({ id: deal.id, title: deal.title, at: event.at });
      for (const refusal of refusals) {
        const reason = reasonOf(program, refusal);
        const counted = report.reasonMap.get(reason.key) ?? { ...reason, count: 0 };
        counted.count++;
        report.reasonMap.set(reason.key, counted);
      }
    });

    if (deal.outcome === "open" && !states[deal.stage]) {
      const list = missing.get(deal.stage) ?? [];
      list.push({ id: deal.id, title: deal.title });
      missing.set(deal.stage, list);
    }
    for (const stay of stays(deal)) {
      const limit = limits.get(stay.stage);
      if (!limit) continue;
      limit.visits++;
      const end = stay.left ? Date.parse(stay.left) : now.getTime();
      if (limit.days !== null && end - Date.parse(stay.entered) > limit.days * DAY_MS) limit.wouldFire++;
      if (stay.events.some((e) => e.type === "timeLimit")) limit.fired++;
    }
  }

  return {
    deals: deals.length,
    actionsTaken: taken,
    actionsRefused: refusedTotal,
    actions: [...actions.values()]
      .map(({ reasonMap, ...report }) => ({
        ...report,
        reasons: [...reasonMap.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
      }))
      .sort((a, b) => b.refused - a.refused || b.taken - a.taken || a.from.localeCompare(b.from)),
    missingStages: [...missing.entries()].map(([stage, list]) => ({ stage, deals: list })),
    timeLimits: [...limits.values()].filter((l) => l.visits > 0 || l.days !== null),
  };
}
